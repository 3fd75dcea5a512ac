// Replicated stores (contract 5.4): CP majorities and failover, AP split brain, sync
// replication under a partition, quorums, read-your-writes, and where a replica is.
#include "sim_stats.h"

using namespace hld;
using namespace hld::test;

namespace {

// A client in `clientRegion` using a store with replicas in us, eu, eu (replica 0, the
// first leader, in us), with a partition of us|eu from 20 s to 80 s.
std::string storeDesign(const std::string &clientRegion,
                        const std::string &replication,
                        const std::string &events
                        = R"([{"at_s": 20, "action": "partition", "target": "us", "other": "eu"},
                                                        {"at_s": 80, "action": "heal", "target": "us", "other": "eu"}])",
                        const std::string &traffic = R"("rps": 200, "read_ratio": 0.5)",
                        const std::string &regions = R"(["us", "eu", "eu"])")
{
    return withScenario(R"([{"id": "users", "kind": "client", "region": ")" + clientRegion
                            + R"(", "traffic": {)" + traffic + R"(}},
            {"id": "db", "kind": "database", "region": "us", "replicas": 3, "workers": 16,
             "service_time": {"dist": "constant", "mean_ms": 1},
             "replication": {"replica_regions": )"
                            + regions + ", " + replication + R"(}}])",
                        R"([{"from": "users", "to": "db"}])",
                        events,
                        100);
}

const std::string kPartition
    = R"([{"at_s": 20, "action": "partition", "target": "us", "other": "eu"},
                                   {"at_s": 80, "action": "heal", "target": "us", "other": "eu"}])";

} // namespace

// CP is a majority: during us|eu the two EU replicas elect a leader after failover_s and
// serve; the lone US replica (the old leader) refuses. Before, the side holding replica 0
// served and the majority refused.
TEST(ReplicationSim, CpMajoritySideElectsALeaderAndTheMinorityRefuses)
{
    const std::string cp = R"("consistency": "CP", "read_from": "leader", "failover_s": 5)";
    const auto eu = runScenario(storeDesign("eu", cp));
    const auto us = runScenario(storeDesign("us", cp));
    // EU: refused only until the election, 5 s of 100.
    EXPECT_NEAR(eu.endToEnd.errorRate, 0.05, 0.01);
    const auto &c = node(eu, "db");
    EXPECT_EQ(c.failovers, 1u);
    EXPECT_NEAR(c.writeUnavailableS, 5.0, 0.01);
    // US: refused for the whole 60 s partition (the new leader stays in the EU).
    EXPECT_NEAR(us.endToEnd.errorRate, 0.6, 0.02);
}

// The leader dies: the followers elect one after failover_s, so writes stop for that long,
// not for the whole outage.
TEST(ReplicationSim, ALeaderThatDiesIsReplacedAfterFailover)
{
    const std::string events
        = R"([{"at_s": 20, "action": "kill_replica", "target": "db", "replica": 0},
                                   {"at_s": 60, "action": "restore_replica", "target": "db", "replica": 0}])";
    auto run = [&](const std::string &failover) {
        return runScenario(storeDesign("us",
                                       R"("consistency": "CP", "read_from": "leader")" + failover,
                                       events,
                                       R"("rps": 200, "read_ratio": 0.5)",
                                       R"(["us", "us", "us"])"));
    };
    const auto quick = run(R"(, "failover_s": 3)"), slow = run(R"(, "failover_s": 30)");
    EXPECT_NEAR(node(quick, "db").writeUnavailableS, 3.0, 0.01);
    EXPECT_NEAR(quick.endToEnd.errorRate, 0.03, 0.01);
    EXPECT_NEAR(node(slow, "db").writeUnavailableS, 30.0, 0.01);
    EXPECT_NEAR(slow.endToEnd.errorRate, 0.30, 0.02);
    EXPECT_EQ(node(quick, "db").failovers, 1u);
}

// AP split brain: a write accepted on the minority side reaches only that side. With both
// sides writing the same keys, the heal finds conflicts (resolved last writer wins); with
// one side writing, none.
TEST(ReplicationSim, ApSplitBrainKeepsWritesOnTheirSideAndCountsConflictsAtTheHeal)
{
    const std::string ap = R"("consistency": "AP", "read_from": "any", "keys": 50, "key_skew": 0)";
    const std::string both = withScenario(
        R"([{"id": "a", "kind": "client", "region": "us", "traffic": {"rps": 100, "read_ratio": 0.5}},
            {"id": "b", "kind": "client", "region": "eu", "traffic": {"rps": 100, "read_ratio": 0.5}},
            {"id": "db", "kind": "database", "region": "us", "replicas": 3, "workers": 16,
             "service_time": {"dist": "constant", "mean_ms": 1},
             "replication": {"replica_regions": ["us", "eu", "eu"], )"
            + ap + R"(}}])",
        R"([{"from": "a", "to": "db"}, {"from": "b", "to": "db"}])",
        kPartition,
        100);
    const auto r = runScenario(both);
    const auto &c = node(r, "db");
    EXPECT_EQ(r.endToEnd.failed, 0u); // AP: nobody is refused
    // 50 keys, each written on both sides many times during the minute: all conflict.
    EXPECT_EQ(c.conflicts, 50u);
    // During the partition each side misses the other's writes: reads there are stale
    // whenever the other side wrote the key since this side did, about half of them.
    const auto &db = seriesOf(r, "db");
    double reads = 0, stale = 0;
    for (std::size_t i = 0; i < r.series.size(); ++i) {
        if (r.series.tS[i] > 30 && r.series.tS[i] <= 80) {
            reads += db.reads[i];
            stale += db.staleReads[i];
        }
    }
    EXPECT_GT(stale / reads, 0.35);
    // Writers only on the leader's side: nothing to conflict with.
    const auto one = runScenario(storeDesign("us", ap));
    EXPECT_EQ(node(one, "db").conflicts, 0u);
}

// Sync replication never acknowledges a write it could not replicate: during the
// partition, writes fail; async replication accepts them.
TEST(ReplicationSim, SyncReplicationRefusesWritesItCannotReplicate)
{
    const auto sync = runScenario(storeDesign("us", R"("mode": "sync", "read_from": "leader")"));
    const auto async = runScenario(storeDesign("us", R"("mode": "async", "read_from": "leader")"));
    // Writes are half the traffic; 60 s of 100 partitioned.
    EXPECT_NEAR(sync.endToEnd.errorRate, 0.5 * 0.6, 0.02);
    EXPECT_NEAR(sync.writes.errorRate, 0.6, 0.02);
    EXPECT_EQ(async.endToEnd.failed, 0u);
}

// Leaderless quorums: with R + W > N every read set meets the last write set, so no read
// is stale; with R = W = 1 reads of other replicas miss recent writes.
TEST(ReplicationSim, QuorumsWithRPlusWAboveNNeverReadStale)
{
    auto run = [](int r, int w) {
        return runScenario(
            storeDesign("us",
                        R"("lag_ms": 200, "keys": 20, "key_skew": 0, "quorum": {"r": )"
                            + std::to_string(r) + R"(, "w": )" + std::to_string(w) + "}",
                        "[]",
                        R"("rps": 400, "read_ratio": 0.5)",
                        R"(["us", "us", "us"])"));
    };
    const auto strict = run(2, 2), loose = run(1, 1), readAll = run(3, 1);
    EXPECT_GT(node(strict, "db").consistencyReads, 10000u);
    EXPECT_EQ(node(strict, "db").staleReads, 0u);
    EXPECT_EQ(node(strict, "db").rywViolations, 0u); // nor misses its user's own write
    EXPECT_EQ(node(readAll, "db").staleReads, 0u);
    EXPECT_GT(node(loose, "db").staleReads, node(loose, "db").consistencyReads / 10);
}

// Read-your-writes: a user reading from a lagging follower misses the user's own write;
// with read_your_writes the read goes where the write is.
TEST(ReplicationSim, ReadYourWritesSendsAUsersReadsWhereItsWriteIs)
{
    auto run = [](bool ryw) {
        return runScenario(storeDesign("us",
                                       std::string(R"("lag_ms": 500, "read_from": "followers")")
                                           + (ryw ? R"(, "read_your_writes": true)" : ""),
                                       "[]",
                                       R"("rps": 200, "read_ratio": 0.8, "users": 20)",
                                       R"(["us", "us", "us"])"));
    };
    const auto off = run(false), on = run(true);
    // 20 users each writing every 0.5 s on average: most reads fall within a lag of the
    // user's last write.
    EXPECT_GT(node(off, "db").rywViolations, node(off, "db").consistencyReads / 10);
    EXPECT_EQ(node(on, "db").rywViolations, 0u);
}

// Where a replica is matters: a reader in the EU served by the EU follower pays a local
// round trip, not the 150 ms to the US leader.
TEST(ReplicationSim, ALocalFollowerServesReadsAtLocalLatency)
{
    auto run = [](const std::string &from) {
        return runScenario(storeDesign("eu",
                                       R"("read_from": ")" + from + R"(")",
                                       "[]",
                                       R"("rps": 100, "read_ratio": 1)",
                                       R"(["us", "eu"])"));
    };
    // Two replicas: us leader, eu follower.
    const auto followers = run("followers"), leader = run("leader");
    EXPECT_LT(followers.reads.meanMs, 5.0);
    EXPECT_NEAR(leader.reads.meanMs, 151.0, 1.0);
}
