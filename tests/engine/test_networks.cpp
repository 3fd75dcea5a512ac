// Open networks of queues: tandem M/M/1 (Burke/Reich: independent sojourns, so the end-to-end
// time is hypoexponential) and a feed-forward network routed by cache hits and read/write
// splits (product form: each node is M/M/c at its visit-ratio arrival rate).
#include "analysis/queueing.h"
#include "sim_stats.h"

using namespace hld;
using namespace hld::test;
namespace q = hld::queueing;

namespace {
constexpr double kBucket = 0.004;
double ms(double s)
{
    return 1000.0 * s;
}

RunOptions runOptions(double rps, std::int64_t requests)
{
    RunOptions o;
    o.replications = 10;
    o.seed = 7;
    o.sim.requestLimit = requests;
    o.sim.warmupS = 0.02 * requests / rps;
    return o;
}
} // namespace

TEST(Network, TandemMM1PercentilesAreHypoexponential)
{
    // api (mu 100) then db (mu 125) at lambda 70, with 1 ms links each way.
    const double lambda = 70, mu1 = 100, mu2 = 125, linkS = 0.001;
    const auto d = designFromJson(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 70}},
        {"id": "api", "kind": "service", "workers": 1,
         "service_time": {"dist": "exponential", "mean_ms": 10}},
        {"id": "db", "kind": "database", "workers": 1,
         "service_time": {"dist": "exponential", "mean_ms": 8}}],
        "links": [{"from": "users", "to": "api", "latency_ms": 1},
                  {"from": "api", "to": "db", "latency_ms": 1}]})");
    const auto rep = replicate(d, runOptions(lambda, 200000));
    const double a = mu1 - lambda, b = mu2 - lambda, net = 4 * linkS;
    EXPECT_TRUE(agrees(estimate(rep, [](const Results &r) { return r.endToEnd.meanMs; }),
                       ms(1 / a + 1 / b + net)));
    for (double p : {0.5, 0.95, 0.99}) {
        const auto est = estimate(rep, [p](const Results &r) {
            return p == 0.5 ? r.endToEnd.p50Ms : p == 0.95 ? r.endToEnd.p95Ms : r.endToEnd.p99Ms;
        });
        EXPECT_TRUE(agrees(est, ms(q::hypoexp2Quantile(a, b, p) + net), kBucket)) << "p" << p;
    }
}

TEST(Network, FeedForwardWithCacheHitsMatchesVisitRatios)
{
    // users -> api (M/M/2) -> cache (M/M/1, hit 0.7 on reads) -> db (M/M/3); writes always
    // reach the db, and an audit log receives writes only.
    const double lambda = 150, readRatio = 0.8, hit = 0.7;
    const auto d = designFromJson(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 150, "read_ratio": 0.8}},
        {"id": "api", "kind": "service", "workers": 2,
         "service_time": {"dist": "exponential", "mean_ms": 10}},
        {"id": "cache", "kind": "cache", "workers": 1, "hit_ratio": 0.7,
         "service_time": {"dist": "exponential", "mean_ms": 2}},
        {"id": "db", "kind": "database", "workers": 3,
         "service_time": {"dist": "exponential", "mean_ms": 30}},
        {"id": "audit", "kind": "service", "workers": 1,
         "service_time": {"dist": "exponential", "mean_ms": 20}}],
        "links": [{"from": "users", "to": "api", "latency_ms": 0},
                  {"from": "api", "to": "cache", "latency_ms": 0},
                  {"from": "cache", "to": "db", "latency_ms": 0},
                  {"from": "api", "to": "audit", "latency_ms": 0, "requests": "writes"}]})");
    const auto rep = replicate(d, runOptions(lambda, 300000));

    struct Expect
    {
        const char *id;
        double rate;
        int c;
        double mu;
    };
    const double reads = lambda * readRatio, writes = lambda - reads;
    const Expect nodes[] = {{"api", lambda, 2, 100},
                            {"cache", lambda, 1, 500},
                            {"db", reads * (1 - hit) + writes, 3, 1000.0 / 30},
                            {"audit", writes, 1, 50}};
    double readMean = 0, writeMean = 0;
    for (const auto &e : nodes) {
        const std::string id = e.id;
        const double w = q::mmcMeanWait(e.rate, e.mu, e.c) + 1 / e.mu;
        EXPECT_TRUE(agrees(
            estimate(rep, [&](const Results &r) { return node(r, id).throughputRps; }), e.rate))
            << id;
        EXPECT_TRUE(agrees(estimate(rep, [&](const Results &r) { return node(r, id).utilization; }),
                           e.rate / (e.c * e.mu)))
            << id;
        EXPECT_TRUE(agrees(
            estimate(rep, [&](const Results &r) { return node(r, id).meanSojournMs; }), ms(w)))
            << id;
        // Little's law at every node: L = lambda W with the node's own observed numbers.
        for (const auto &run : rep.runs) {
            const auto &n = node(run, id);
            EXPECT_NEAR(
                n.meanInSystem, n.throughputRps * n.meanSojournMs / 1000, 0.01 * n.meanInSystem)
                << id;
        }
        const std::string sid = id;
        if (sid == "api" || sid == "cache") {
            readMean += w;
            writeMean += w;
        }
        if (sid == "db") {
            readMean += (1 - hit) * w;
            writeMean += w;
        }
        if (sid == "audit")
            writeMean += w;
    }
    EXPECT_TRUE(
        agrees(estimate(rep, [](const Results &r) { return r.reads.meanMs; }), ms(readMean)));
    EXPECT_TRUE(
        agrees(estimate(rep, [](const Results &r) { return r.writes.meanMs; }), ms(writeMean)));
    EXPECT_TRUE(
        agrees(estimate(rep, [](const Results &r) { return *node(r, "cache").hitRatio; }), hit));
    // The static flow analysis predicts the same visit rates.
    EXPECT_NEAR(node(rep.pooled, "db").offeredRps, reads * (1 - hit) + writes, 1e-9);
    EXPECT_NEAR(node(rep.pooled, "audit").offeredRps, writes, 1e-9);
}
