// Sharded stores (contract 5.3): routing by key, hot keys and hot shards, range sharding
// under sequential inserts, and re-sharding (modulo vs consistent hashing).
#include "io/design_reader.h"
#include "sim_stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace hld;
using namespace hld::test;

namespace {

std::string shardedDesign(const std::string &keys,
                          const std::string &shards,
                          double readRatio = 1.0,
                          const std::string &events = "[]",
                          double rps = 400)
{
    return withScenario(
        R"([{"id": "users", "kind": "client", "traffic": {"rps": )" + std::to_string(rps)
            + R"(, "read_ratio": )" + std::to_string(readRatio) + R"(, "keys": )" + keys + R"(}},
            {"id": "db", "kind": "database", "workers": 8, "shards": )"
            + shards + R"(, "service_time": {"dist": "exponential", "mean_ms": 5}}])",
        R"([{"from": "users", "to": "db", "latency_ms": 0}])",
        events,
        60);
}

std::vector<double> shares(const NodeResult &n)
{
    std::vector<double> s;
    const double total = std::accumulate(n.shards->arrivals.begin(), n.shards->arrivals.end(), 0.0);
    for (auto a : n.shards->arrivals)
        s.push_back(double(a) / total);
    return s;
}

} // namespace

TEST(ShardsSim, HashShardingSpreadsUniformKeysEvenly)
{
    const auto r = runScenario(shardedDesign(R"({"count": 100000, "skew": 0})", R"({"count": 4})"));
    const NodeResult &db = node(r, "db");
    ASSERT_TRUE(db.shards);
    EXPECT_EQ(db.shards->count, 4);
    EXPECT_EQ(db.replicas, 4);
    for (double s : shares(db))
        EXPECT_NEAR(s, 0.25, 0.02);
    // Each shard is one replica serving a quarter of 400/s at 5 ms: utilisation 0.5 / 8.
    for (double u : db.shards->utilization)
        EXPECT_NEAR(u, 100 * 0.005 / 8, 0.01);
}

// A hot key: under Zipf 1.2 over 100 keys the top key alone takes about 18% of requests,
// so its shard stands out; with many uniform keys none does.
TEST(ShardsSim, AHotKeyMakesAHotShard)
{
    const auto hot
        = runScenario(shardedDesign(R"({"count": 100, "skew": 1.2})", R"({"count": 8})"));
    const auto flat
        = runScenario(shardedDesign(R"({"count": 10000, "skew": 0})", R"({"count": 8})"));
    const auto h = shares(node(hot, "db")), f = shares(node(flat, "db"));
    EXPECT_GT(*std::max_element(h.begin(), h.end()), 0.25);
    EXPECT_LT(*std::max_element(f.begin(), f.end()), 0.2);
    const auto &hu = node(hot, "db").shards->utilization;
    EXPECT_GT(*std::max_element(hu.begin(), hu.end()), 2 * *std::min_element(hu.begin(), hu.end()));
}

// Sequential inserts (ids, timestamps) all fall in the last range; hashing spreads them.
TEST(ShardsSim, RangeShardingPilesSequentialInsertsOntoTheLastShard)
{
    const std::string keys = R"({"count": 100000, "write_pattern": "sequential"})";
    const auto range
        = runScenario(shardedDesign(keys, R"({"count": 4, "strategy": "range"})", 0.0));
    const auto hash = runScenario(shardedDesign(keys, R"({"count": 4, "strategy": "hash"})", 0.0));
    EXPECT_GT(shares(node(range, "db")).back(), 0.99);
    for (double s : shares(node(hash, "db")))
        EXPECT_NEAR(s, 0.25, 0.03);
}

// Going from S = 4 to 5 shards moves about S/(S+1) = 80% of the keys under modulo hashing
// and about 1/(S+1) = 20% with a consistent-hash ring.
TEST(ShardsSim, ReshardingMovesMostKeysUnderModuloAndFewUnderConsistentHashing)
{
    const std::string keys = R"({"count": 100000})";
    const std::string grow
        = R"([{"at_s": 30, "action": "set_shards", "target": "db", "value": 5}])";
    const auto modulo
        = runScenario(shardedDesign(keys, R"({"count": 4, "strategy": "hash"})", 1, grow));
    const auto ring = runScenario(shardedDesign(
        keys, R"({"count": 4, "strategy": "consistent_hash", "virtual_nodes": 200})", 1, grow));
    EXPECT_NEAR(node(modulo, "db").shards->lastReshardMoved, 0.8, 0.01);
    EXPECT_NEAR(node(ring, "db").shards->lastReshardMoved, 0.2, 0.05);
    // Five shards afterwards, the new one taking its share.
    const NodeResult &db = node(ring, "db");
    EXPECT_EQ(db.shards->count, 5);
    EXPECT_GT(db.shards->arrivals[4], 0u);
    EXPECT_EQ(modulo.endToEnd.failed, 0u);
}

// A shard whose replicas are all down makes its keys unavailable, and only its keys.
TEST(ShardsSim, ALostShardFailsOnlyItsOwnKeys)
{
    const auto r = runScenario(
        shardedDesign(R"({"count": 100000, "skew": 0})",
                      R"({"count": 4})",
                      1,
                      R"([{"at_s": 0, "action": "kill_replica", "target": "db", "replica": 0}])"));
    EXPECT_NEAR(r.endToEnd.errorRate, 0.25, 0.02);
}

// Scaling a sharded store by replicas is refused: it grows by shards.
TEST(ShardsSim, ScalingReplicasOfAShardedStoreIsRefused)
{
    const auto scaled = parseDesign(
        shardedDesign(R"({"count": 1000})",
                      R"({"count": 2})",
                      1,
                      R"([{"at_s": 5, "action": "set_replicas", "target": "db", "value": 3}])"));
    ASSERT_FALSE(scaled.ok());
    EXPECT_NE(scaled.describe("d").find("set_shards"), std::string::npos) << scaled.describe("d");
}

// Each shard is its own replicated group with its own leader: killing shard 0's leader
// stops only shard 0 until its followers elect one, and shard 1 never notices.
TEST(ShardsSim, EachShardIsAReplicatedGroupWithItsOwnLeader)
{
    const auto r = runScenario(withScenario(
        R"([{"id": "users", "kind": "client", "traffic": {"rps": 200, "read_ratio": 0.5,
              "keys": {"count": 100000, "skew": 0}}},
            {"id": "db", "kind": "database", "workers": 8, "replicas": 3,
             "shards": {"count": 2},
             "replication": {"consistency": "CP", "read_from": "leader", "failover_s": 5},
             "service_time": {"dist": "constant", "mean_ms": 1}}])",
        R"([{"from": "users", "to": "db", "latency_ms": 0}])",
        R"([{"at_s": 20, "action": "kill_replica", "target": "db", "replica": 0}])",
        60));
    const NodeResult &db = node(r, "db");
    EXPECT_EQ(db.replicas, 6);
    EXPECT_EQ(db.failovers, 1u);
    EXPECT_NEAR(db.writeUnavailableS, 5.0, 0.01);
    // Half the keys unavailable for 5 s of 60.
    EXPECT_NEAR(r.endToEnd.errorRate, 0.5 * 5 / 60, 0.01);
    // Served by the leaders only: replica 0 until it died, then its successor; shard 1's
    // leader (replica 3) took the other half.
    EXPECT_GT(db.replicaArrivals[3], 4000u);
    EXPECT_EQ(db.replicaArrivals[4] + db.replicaArrivals[5], 0u);
}

namespace {

// A sharded key-level cache in front of a database: every key fits, all reads.
std::string shardedCache(const std::string &shards, const std::string &events)
{
    return withScenario(
        R"([{"id": "users", "kind": "client", "traffic": {"rps": 2000, "read_ratio": 1,
                "keys": {"count": 2000, "skew": 0}}},
            {"id": "cache", "kind": "cache", "capacity_keys": 10000, "shards": )"
            + shards + R"(},
            {"id": "db", "kind": "database", "workers": 64,
             "service_time": {"dist": "exponential", "mean_ms": 2}}])",
        R"([{"from": "users", "to": "cache", "latency_ms": 0},
            {"from": "cache", "to": "db", "latency_ms": 0}])",
        events,
        40);
}

} // namespace

// Each shard of a cache holds only the keys it owns: after a re-shard, every key that moved
// misses once where it is now looked for. Every one of the 2,000 keys is read about 20 times
// after the re-shard at 20 s, so the extra misses are the moved share of the keys (binomial:
// sd = sqrt(2000 x 0.8 x 0.2) = 18 keys under modulo hashing, the tolerance is 3 sd). Without
// a re-shard the key sets stay put and the misses are the 2,000 cold ones either way.
TEST(ShardsSim, AReshardedCacheMissesTheKeysThatMovedOnce)
{
    const std::string grow
        = R"([{"at_s": 20, "action": "set_shards", "target": "cache", "value": 5}])";
    const std::string modulo = R"({"count": 4, "strategy": "hash"})";
    const std::string ring = R"({"count": 4, "strategy": "consistent_hash", "virtual_nodes": 200})";
    const auto still = runScenario(shardedCache(modulo, "[]"));
    const auto moduloGrown = runScenario(shardedCache(modulo, grow));
    const auto ringGrown = runScenario(shardedCache(ring, grow));
    const double keys = 2000;
    // Cold misses only (a few more: a key read again while its first miss is on its way).
    const double cold = double(node(still, "cache").misses);
    EXPECT_NEAR(cold, keys, 0.01 * keys);
    for (const Results *r : {&moduloGrown, &ringGrown}) {
        const NodeResult &c = node(*r, "cache");
        const double extra = double(c.misses) - cold;
        const double moved = c.shards->lastReshardMoved;
        EXPECT_NEAR(extra / keys, moved, 3 * std::sqrt(moved * (1 - moved) / keys) + 0.005)
            << "misses " << c.misses << ", moved " << moved;
    }
    // Consistent hashing keeps four keys in five where they were: a quarter of the misses.
    EXPECT_GT(node(moduloGrown, "cache").misses, node(ringGrown, "cache").misses + 900);
}
