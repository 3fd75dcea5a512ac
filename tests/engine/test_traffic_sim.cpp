// Traffic control (contract 5.7-5.9): rate limiters, sessions, L4 vs L7 routing, database
// indexes and the autoscaler's signals, each asserted in numbers with the mechanism on and
// off.
#include "sim_stats.h"

#include <algorithm>
#include <cmath>

using namespace hld;
using namespace hld::test;

namespace {

// users -> gw (a gateway with `limit`) -> api.
std::string limited(const std::string &users, const std::string &limit)
{
    return withScenario(R"([{"id": "users", "kind": "client", "traffic": )" + users + R"(},
            {"id": "gw", "kind": "api_gateway", "service_time": {"dist": "constant", "mean_ms": 0})"
                            + limit + R"(},
            {"id": "api", "kind": "service", "workers": 1000,
             "service_time": {"dist": "constant", "mean_ms": 0.01}}])",
                        R"([{"from": "users", "to": "gw", "latency_ms": 0},
            {"from": "gw", "to": "api", "latency_ms": 0}])",
                        "[]",
                        100);
}

Results runFor(const std::string &json, double seconds, double windowS = 1.0)
{
    RunOptions o;
    o.seed = 3;
    o.sim.durationS = seconds;
    o.sim.recordSeries = true;
    o.sim.windowS = windowS;
    o.sim.maxSeriesPoints = 0;
    return runDesign(designFromJson(json), o);
}

// The most requests that succeeded in any `span` seconds (windows of the series).
double busiest(const Results &r, int windowsPerSpan)
{
    const auto &t = r.series.throughputRps;
    double best = 0;
    for (std::size_t i = 0; i + windowsPerSpan <= t.size(); ++i) {
        double sum = 0;
        for (int k = 0; k < windowsPerSpan; ++k)
            sum += t[i + k] * r.series.windowS;
        best = std::max(best, sum);
    }
    return best;
}

} // namespace

// A token bucket admits its refill rate in the long run (plus the one bucket it starts
// with): 300/s offered to 100/s over 100 s admits 100 x 100 + 100.
TEST(TrafficSim, ATokenBucketAdmitsItsRefillRateInTheLongRun)
{
    const auto r = runFor(limited(R"({"rps": 300})",
                                  R"(, "rate_limit": {"algorithm": "token_bucket", "limit": 100,
                                       "window_s": 1, "burst": 100})"),
                          100);
    const double admitted = double(r.endToEnd.ok);
    EXPECT_NEAR(admitted, 100.0 * 100 + 100, 30.0);
    EXPECT_EQ(node(r, "gw").rateLimited, r.endToEnd.failed); // every failure is a 429
    EXPECT_NEAR(double(node(r, "gw").rateLimited), 300.0 * 100 - admitted, 4 * std::sqrt(30000.0));
    // Off: everything passes.
    const auto off = runFor(limited(R"({"rps": 300})", ""), 20);
    EXPECT_EQ(off.endToEnd.failed, 0u);
}

// The fixed window's boundary burst: a spike that straddles a window boundary passes about
// twice the limit within one window's time; the sliding window log never passes more
// than the limit in any window_s.
TEST(TrafficSim, TheFixedWindowPassesTwiceTheLimitAcrossABoundaryAndTheLogDoesNot)
{
    const std::string spike = R"({"rps": 10, "profile": {"shape": "spike", "start_s": 10.8,
                                  "duration_s": 0.4, "factor": 200}})";
    auto limit = [](const char *algorithm) {
        return std::string(R"(, "rate_limit": {"algorithm": ")") + algorithm
               + R"(", "limit": 50, "window_s": 1})";
    };
    const auto fixed = runFor(limited(spike, limit("fixed_window")), 14, 0.1);
    const auto log = runFor(limited(spike, limit("sliding_window_log")), 14, 0.1);
    const auto counter = runFor(limited(spike, limit("sliding_window_counter")), 14, 0.1);
    EXPECT_GT(busiest(fixed, 10), 1.7 * 50);
    EXPECT_LE(busiest(log, 10), 50.0 + 1e-9);
    EXPECT_LT(busiest(counter, 10), 1.3 * 50); // the weighted estimate smooths the edge
    EXPECT_GT(node(log, "gw").rateLimited, 0u);
}

// A leaky bucket delays instead of refusing while its queue has room, and lets requests
// out at the steady rate.
TEST(TrafficSim, ALeakyBucketShapesABurstToItsRate)
{
    const auto r = runFor(limited(R"({"rps": 50, "arrival": "constant"})",
                                  R"(, "rate_limit": {"algorithm": "leaky_bucket", "limit": 100,
                                       "window_s": 1, "burst": 1000})"),
                          20);
    EXPECT_EQ(r.endToEnd.failed, 0u); // under its rate: nothing refused, little delay
    EXPECT_LT(r.endToEnd.p99Ms, 10.5);
    const auto over = runFor(limited(R"({"rps": 200, "arrival": "constant"})",
                                     R"(, "rate_limit": {"algorithm": "leaky_bucket", "limit": 100,
                                          "window_s": 1, "burst": 200})"),
                             60);
    // Twice the rate: it passes 100/s, queues up to 200 (2 s of delay), refuses the rest.
    EXPECT_NEAR(double(over.endToEnd.ok) / 60.0, 100.0, 5.0);
    EXPECT_NEAR(over.endToEnd.p99Ms, 2000.0, 50.0);
    EXPECT_GT(node(over, "gw").rateLimited, 5000u);
}

// A per-user limit refuses only the user who exceeds it.
TEST(TrafficSim, APerUserLimitAppliesToEachUserAlone)
{
    // 10 users at 200/s in all: 20/s each, each limited to 10/s.
    const auto perUser = runFor(limited(R"({"rps": 200, "users": 10})",
                                        R"(, "rate_limit": {"algorithm": "token_bucket",
                                             "limit": 10, "window_s": 1, "per": "user"})"),
                                50);
    EXPECT_NEAR(double(perUser.endToEnd.ok) / 50.0, 100.0, 5.0);
    // The same numbers for all traffic together admit only 10/s.
    const auto all = runFor(limited(R"({"rps": 200, "users": 10})",
                                    R"(, "rate_limit": {"algorithm": "token_bucket",
                                         "limit": 10, "window_s": 1})"),
                            50);
    EXPECT_NEAR(double(all.endToEnd.ok) / 50.0, 10.0, 1.0);
}

namespace {

std::string sessions(const std::string &lb, const std::string &mode)
{
    return withScenario(
        R"([{"id": "users", "kind": "client", "traffic": {"rps": 400, "users": 200}},
            {"id": "lb", "kind": "load_balancer")"
            + lb + R"(},
            {"id": "api", "kind": "service", "replicas": 4, "workers": 20, "sessions": ")"
            + mode + R"(", "service_time": {"dist": "exponential", "mean_ms": 5}}])",
        R"([{"from": "users", "to": "lb", "latency_ms": 0},
            {"from": "lb", "to": "api", "latency_ms": 0}])",
        "[]",
        60);
}

} // namespace

// Local sessions behind round robin over S replicas lose about (S - 1)/S of the returning
// requests; ip_hash and sticky balancing keep them; shared sessions lose nothing.
TEST(TrafficSim, LocalSessionsBehindRoundRobinLoseThreeQuartersOnFourReplicas)
{
    const auto rr = runFor(sessions(R"(, "algorithm": "round_robin")", "local"), 60);
    const NodeResult &api = node(rr, "api");
    ASSERT_GT(api.sessionRequests, 20000u);
    const double lost = double(api.sessionLost) / double(api.sessionRequests);
    EXPECT_NEAR(lost, 0.75, 4 * std::sqrt(0.75 * 0.25 / double(api.sessionRequests)) + 0.005);
    const auto hash = runFor(sessions(R"(, "algorithm": "ip_hash")", "local"), 60);
    EXPECT_EQ(node(hash, "api").sessionLost, 0u);
    EXPECT_EQ(hash.endToEnd.failed, 0u);
    const auto sticky
        = runFor(sessions(R"(, "algorithm": "round_robin", "sticky": true)", "local"), 60);
    EXPECT_EQ(node(sticky, "api").sessionLost, 0u);
    const auto shared = runFor(sessions(R"(, "algorithm": "round_robin")", "shared"), 60);
    EXPECT_EQ(shared.endToEnd.failed, 0u);
}

namespace {

std::string routed(int layer)
{
    return withScenario(
        R"([{"id": "users", "kind": "client",
             "traffic": {"rps": 200, "paths": {"/api/orders": 0.6, "/static/logo.png": 0.4}}},
            {"id": "lb", "kind": "load_balancer", "layer": )"
            + std::to_string(layer) + R"(},
            {"id": "api", "kind": "service", "replicas": 2, "workers": 20,
             "service_time": {"dist": "exponential", "mean_ms": 5}},
            {"id": "files", "kind": "service", "replicas": 2, "workers": 20,
             "service_time": {"dist": "exponential", "mean_ms": 2}}])",
        R"([{"from": "users", "to": "lb", "latency_ms": 0},
            {"from": "lb", "to": "api", "latency_ms": 0, "path": "/api"},
            {"from": "lb", "to": "files", "latency_ms": 0, "path": "/static"}])",
        "[]",
        60);
}

} // namespace

// L7 routes each path to its servers; L4 cannot see paths and spreads requests over all
// four replicas, so those landing on the wrong pool fail: 0.6 x 1/2 + 0.4 x 1/2 = 1/2.
TEST(TrafficSim, AnL7BalancerRoutesByPathAndAnL4OneCannot)
{
    const auto l7 = runFor(routed(7), 60);
    EXPECT_EQ(l7.endToEnd.failed, 0u);
    const double share = double(node(l7, "api").arrivals) / double(l7.endToEnd.count);
    EXPECT_NEAR(share, 0.6, 0.02);
    const auto l4 = runFor(routed(4), 60);
    EXPECT_NEAR(l4.endToEnd.errorRate, 0.5, 0.02);
    EXPECT_EQ(node(l4, "lb").misrouted, l4.endToEnd.failed);
}

namespace {

std::string table(std::int64_t rows, int indexes, double readRatio)
{
    return withScenario(
        R"([{"id": "users", "kind": "client", "traffic": {"rps": 50, "read_ratio": )"
            + std::to_string(readRatio) + R"(}},
            {"id": "db", "kind": "database", "workers": 100, "table_rows": )"
            + std::to_string(rows) + R"(, "indexes": )" + std::to_string(indexes) + R"(,
             "service_time": {"dist": "constant", "mean_ms": 1}}])",
        R"([{"from": "users", "to": "db", "latency_ms": 0}])",
        "[]",
        40);
}

} // namespace

// Without an index a read scans the table (20 ms a million rows): its time grows with the
// table. With one it walks a tree (10 us a level): flat. Each index slows writes by 10%.
TEST(TrafficSim, AnIndexKeepsReadsFlatAsTheTableGrowsAndSlowsWrites)
{
    auto readMs = [](std::int64_t rows, int indexes) {
        return node(runFor(table(rows, indexes, 1.0), 40), "db").meanSojournMs;
    };
    EXPECT_NEAR(readMs(1000000, 0), 1.0 + 20.0, 0.1);
    EXPECT_NEAR(readMs(4000000, 0), 1.0 + 80.0, 0.2);
    EXPECT_NEAR(readMs(1000000, 1), 1.0 + 0.01 * std::log2(1e6 + 1), 0.01);
    EXPECT_NEAR(readMs(4000000, 1), 1.0 + 0.01 * std::log2(4e6 + 1), 0.01);
    auto writeMs = [](int indexes) {
        return node(runFor(table(1000, indexes, 0.0), 40), "db").meanSojournMs;
    };
    EXPECT_NEAR(writeMs(0), 1.0, 1e-6);
    EXPECT_NEAR(writeMs(3), 1.3, 1e-6);
}

namespace {

std::string scaled(const std::string &autoscale)
{
    // 300/s on replicas that serve 100/s each (10 ms, one worker): at least 4 are needed.
    return withScenario(
        R"([{"id": "users", "kind": "client", "traffic": {"rps": 300}},
            {"id": "lb", "kind": "load_balancer", "algorithm": "least_connections"},
            {"id": "api", "kind": "service", "replicas": 2, "workers": 1, "queue_capacity": 100,
             "service_time": {"dist": "exponential", "mean_ms": 10}, "autoscale": )"
            + autoscale + "}]",
        R"([{"from": "users", "to": "lb", "latency_ms": 0},
            {"from": "lb", "to": "api", "latency_ms": 0}])",
        "[]",
        200);
}

} // namespace

// The autoscaler scales on the queue or on P99 as it does on utilisation: from 2 overloaded
// replicas up to at least the 4 the load needs, and P99 ends under its target.
TEST(TrafficSim, TheAutoscalerScalesOnQueueLengthOrP99)
{
    for (const char *signal :
         {R"({"min": 2, "max": 12, "metric": "queue", "target_queue": 2, "warmup_s": 5,
             "cooldown_s": 10, "interval_s": 5})",
          R"({"min": 2, "max": 12, "metric": "p99_ms", "target_p99_ms": 80, "warmup_s": 5,
             "cooldown_s": 10, "interval_s": 5})"}) {
        const auto r = runFor(scaled(signal), 200);
        const NodeSeries &api = seriesOf(r, "api");
        EXPECT_GE(meanOver(r.series, api.replicas, 150, 200), 4.0) << signal;
        EXPECT_LT(meanOver(r.series, r.series.errorRate, 150, 200), 0.01) << signal;
        EXPECT_LT(meanOver(r.series, r.series.p99Ms, 150, 200), 250.0) << signal;
    }
    // Off: two replicas stay overloaded and the full queues refuse requests.
    const auto off = runFor(scaled(R"({"min": 2, "max": 2})"), 200);
    EXPECT_GT(off.endToEnd.errorRate, 0.2);
}

namespace {

std::string edges(const std::string &events)
{
    return withScenario(
        R"([{"id": "eu", "kind": "client", "region": "eu",
             "traffic": {"rps": 400, "keys": {"count": 100000, "skew": 0.9}}},
            {"id": "us", "kind": "client", "region": "us",
             "traffic": {"rps": 40, "keys": {"count": 100000, "skew": 0.9}}},
            {"id": "cdn", "kind": "cdn", "capacity_keys": 2000, "workers": 100,
             "service_time": {"dist": "constant", "mean_ms": 0.1}},
            {"id": "origin", "kind": "object_storage", "workers": 100,
             "service_time": {"dist": "constant", "mean_ms": 5}}])",
        R"([{"from": "eu", "to": "cdn", "latency_ms": 0}, {"from": "us", "to": "cdn", "latency_ms": 0},
            {"from": "cdn", "to": "origin", "latency_ms": 0}])",
        events,
        60);
}

} // namespace

// A CDN keeps an edge in each region its users are in: each warms on its own traffic, so
// the busy region's edge hits more often than the quiet one's. A purge empties every edge:
// the origin takes the misses until they warm again.
TEST(TrafficSim, ACdnHasAnEdgePerRegionAndAPurgeSendsTheMissesToTheOrigin)
{
    const auto r = runScenario(edges(R"([{"at_s": 40, "action": "purge", "target": "cdn"}])"));
    const NodeResult &cdn = node(r, "cdn");
    ASSERT_EQ(cdn.edgeHitRatio.size(), 2u);
    EXPECT_EQ(cdn.edgeHitRatio[0].first, "eu");
    EXPECT_GT(cdn.edgeHitRatio[0].second, cdn.edgeHitRatio[1].second + 0.1);
    const NodeSeries &origin = seriesOf(r, "origin");
    const double before = meanOver(r.series, origin.throughput, 35, 40);
    const double after = meanOver(r.series, origin.throughput, 40, 41);
    EXPECT_GT(after, 1.5 * before);
    // Off: without the purge the origin's load does not jump.
    const auto off = runScenario(edges("[]"));
    const NodeSeries &o = seriesOf(off, "origin");
    EXPECT_LT(meanOver(off.series, o.throughput, 40, 41),
              1.2 * meanOver(off.series, o.throughput, 35, 40));
}
