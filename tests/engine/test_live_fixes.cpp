// What a user saw wrong in a live run, each reproduced by the smallest design that showed it
// (issue: the live designer tried as a new user would, section 1.6).
#include "sim_stats.h"

using namespace hld;
using namespace hld::test;

namespace {

bool hasFinding(const Results &r, const std::string &code, const std::string &component)
{
    for (const auto &f : r.findings) {
        if (f.code == code && f.component == component)
            return true;
    }
    return false;
}

} // namespace

// A rolling resize gave the replicas still waiting their turn the new size at once, so there
// was no capacity dip, and it failed requests. Now each replica drains, restarts, and comes
// back at the new size; the others keep the old size meanwhile.
TEST(LiveFixes, RollingResizeDipsCapacityAndDrainsWithoutFailures)
{
    // 4 replicas of size s (2 workers), 560 rps x 10 ms: 5.6 busy of 8, 70%.
    const auto r = runScenario(
        withScenario(R"([
        {"id": "users", "kind": "client", "traffic": {"rps": 560}},
        {"id": "lb", "kind": "load_balancer", "algorithm": "least_connections",
         "service_time": {"dist": "constant", "mean_ms": 0}},
        {"id": "api", "kind": "service", "replicas": 4, "instance": "s", "resize_downtime_s": 20,
         "service_time": {"dist": "exponential", "mean_ms": 10}}])",
                     R"([{"from": "users", "to": "lb"}, {"from": "lb", "to": "api"}])",
                     R"([{"at_s": 30, "action": "set_instance", "target": "api", "text": "m"}])",
                     200));
    const NodeSeries &api = seriesOf(r, "api");
    EXPECT_NEAR(meanOver(r.series, api.utilization, 5, 30), 0.70, 0.04);
    // First restart: 3 replicas of 2 workers carry the load, 5.6 of 6.
    EXPECT_NEAR(meanOver(r.series, api.utilization, 32, 49), 0.93, 0.04);
    EXPECT_NEAR(meanOver(r.series, api.replicas, 32, 49), 3.0, 0.01);
    // All four at size m (4 workers) after 4 x 20 s: 5.6 of 16.
    EXPECT_NEAR(meanOver(r.series, api.utilization, 120, 200), 0.35, 0.03);
    EXPECT_EQ(r.endToEnd.failed, 0u);
}

// The autoscaler never replaced a dead replica and broke its own min: with min 4, a killed
// replica left 3 in rotation for good.
TEST(LiveFixes, AutoscalerReplacesDeadReplicasToKeepItsMin)
{
    const auto r = runScenario(
        withScenario(R"([
        {"id": "users", "kind": "client", "traffic": {"rps": 100}},
        {"id": "lb", "kind": "load_balancer", "service_time": {"dist": "constant", "mean_ms": 0}},
        {"id": "api", "kind": "service", "replicas": 4, "workers": 2,
         "service_time": {"dist": "exponential", "mean_ms": 10},
         "autoscale": {"min": 4, "max": 8, "target_utilization": 0.6, "cooldown_s": 60,
                       "warmup_s": 10, "interval_s": 5}}])",
                     R"([{"from": "users", "to": "lb"}, {"from": "lb", "to": "api"}])",
                     R"([{"at_s": 20, "action": "kill_replica", "target": "api", "replica": 1}])",
                     80));
    const NodeSeries &api = seriesOf(r, "api");
    EXPECT_NEAR(meanOver(r.series, api.replicas, 21, 24), 3.0, 0.01);
    // Replaced within one interval and the warm-up: 4 in rotation again by 20 + 5 + 10 s.
    EXPECT_NEAR(meanOver(r.series, api.replicas, 36, 80), 4.0, 0.01);
    // The dead one is terminated, not billed next to its replacement: 4 instances of m.
    EXPECT_NEAR(r.series.costPerHour.back(), 4 * 0.192 + 0.384, 1e-9);
}

// add_latency 500 added about 1,000 ms: it delayed both directions.
TEST(LiveFixes, AddedLatencyCountsOncePerRequest)
{
    const auto r = runScenario(
        withScenario(R"([
        {"id": "users", "kind": "client", "traffic": {"rps": 50}},
        {"id": "api", "kind": "service", "service_time": {"dist": "constant", "mean_ms": 1}}])",
                     R"([{"from": "users", "to": "api", "latency_ms": 0}])",
                     R"([{"at_s": 0, "action": "add_latency", "target": "api", "value": 500}])",
                     60));
    EXPECT_NEAR(r.endToEnd.meanMs, 501, 1);
}

// A queue bounded by max_backlog, and the consumer behind it, were reported as "unstable ...
// grows without limit": the full queue refuses the excess instead.
TEST(LiveFixes, BoundedQueueIsOverloadedNotUnstable)
{
    const Design d = designFromJson(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 500}},
        {"id": "q", "kind": "queue", "max_backlog": 1000},
        {"id": "worker", "kind": "service", "workers": 1,
         "service_time": {"dist": "exponential", "mean_ms": 5}}],
      "links": [{"from": "users", "to": "q"}, {"from": "q", "to": "worker"}]})");
    RunOptions o;
    o.sim.durationS = 30;
    const Results r = runDesign(d, o);
    EXPECT_TRUE(hasFinding(r, "overloaded", "worker"));
    EXPECT_FALSE(hasFinding(r, "unstable", "worker"));
    EXPECT_EQ(r.status, "ok");
}

// Two database replicas without replication split the writes between independent copies,
// and nothing told the user.
TEST(LiveFixes, DatabaseReplicasWithoutReplicationAreReported)
{
    const std::string base = R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 50, "read_ratio": 0.5}},
        {"id": "db", "kind": "database", "replicas": 2 %s}],
      "links": [{"from": "users", "to": "db"}]})";
    auto with = [&](const std::string &extra) {
        std::string s = base;
        s.replace(s.find("%s"), 2, extra);
        RunOptions o;
        o.sim.durationS = 5;
        return runDesign(designFromJson(s), o);
    };
    EXPECT_TRUE(hasFinding(with(""), "replicas_without_replication", "db"));
    EXPECT_FALSE(hasFinding(
        with(R"(, "replication": {"mode": "async"})"), "replicas_without_replication", "db"));
}

// A client timeout was counted when the late response arrived (5 s later), not at the
// deadline. The request now fails at its deadline, while the work downstream carries on.
TEST(LiveFixes, ClientTimeoutFailsAtTheDeadlineAndTheWorkIsWasted)
{
    const auto r = runScenario(withScenario(R"([
        {"id": "users", "kind": "client", "traffic": {"rps": 20, "timeout_ms": 100}},
        {"id": "api", "kind": "service", "workers": 128,
         "service_time": {"dist": "constant", "mean_ms": 5000}}])",
                                            R"([{"from": "users", "to": "api", "latency_ms": 0}])",
                                            "[]",
                                            60));
    EXPECT_EQ(r.endToEnd.ok, 0u);
    EXPECT_EQ(r.endToEnd.timedOut, r.endToEnd.count);
    EXPECT_NEAR(r.endToEnd.failedMeanMs, 100.0, 1e-6);
    // The service did every request's 5 s anyway: 20 x 5 / 128 workers (with the drain).
    EXPECT_NEAR(node(r, "api").utilization, 0.78 * 60 / 65, 0.05);
    // In the series the failures land in the window of the deadline, not 5 s later: from the
    // first second on, every window has failures and nothing else.
    EXPECT_NEAR(meanOver(r.series, r.series.errorRate, 1, 59), 1.0, 1e-9);
}

// A replicated database killed whole did not turn red: its requests were refused at the
// caller (no replica in reach) and counted as failed there, but not as arrivals, so the
// window's error rate read 0 (or above 1 beside a trickle of arrivals). Refusals now count
// as arrivals, here and across a partition.
TEST(LiveFixes, ARefusedCallCountsAsAnArrivalOfTheComponentThatRefusedIt)
{
    const auto r = runScenario(
        withScenario(R"([
        {"id": "users", "kind": "client", "traffic": {"rps": 200}},
        {"id": "api", "kind": "service", "replicas": 2,
         "service_time": {"dist": "exponential", "mean_ms": 2}},
        {"id": "db", "kind": "database", "replicas": 3, "replication": {"failover_s": 5},
         "service_time": {"dist": "exponential", "mean_ms": 2}}])",
                     R"([{"from": "users", "to": "api"}, {"from": "api", "to": "db"}])",
                     R"([{"at_s": 10, "action": "kill", "target": "db"}])",
                     30));
    const NodeSeries &db = seriesOf(r, "db");
    EXPECT_LT(meanOver(r.series, db.errorRate, 2, 10), 0.01);
    const double dead = meanOver(r.series, db.errorRate, 11, 30);
    EXPECT_GT(dead, 0.99);
    EXPECT_LE(dead, 1.0);
}
