// One client feeding one component over a zero-latency link: the component is an M/M/c,
// M/M/c/K, M/D/1 or M/G/1 queue and its numbers must match the textbook formulas.
#include "analysis/queueing.h"
#include "sim_stats.h"

#include <cmath>

using namespace hld;
using namespace hld::test;
namespace q = hld::queueing;

namespace {

struct QueueSpec
{
    double rps;
    int workers;
    double meanMs;
    std::string dist = "exponential";
    double cv = 0;     // lognormal only
    int capacity = -1; // -1 = unbounded
};

Design queueDesign(const QueueSpec &s)
{
    std::string st = "{\"dist\": \"" + s.dist + "\", \"mean_ms\": " + std::to_string(s.meanMs);
    if (s.dist == "lognormal")
        st += ", \"cv\": " + std::to_string(s.cv);
    st += "}";
    std::string svc = "{\"id\": \"svc\", \"kind\": \"service\", \"workers\": "
                      + std::to_string(s.workers) + ", \"service_time\": " + st;
    if (s.capacity >= 0)
        svc += ", \"queue_capacity\": " + std::to_string(s.capacity);
    svc += "}";
    return designFromJson(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": )"
                          + std::to_string(s.rps) + R"(}},
        )" + svc + R"(],
        "links": [{"from": "users", "to": "svc", "latency_ms": 0}]})");
}

// 10 replications of 200,000 requests, the first ~2% discarded as warm-up.
RunOptions runOptions(double rps, std::int64_t requests = 200000)
{
    RunOptions o;
    o.replications = 10;
    o.seed = 20261129;
    o.sim.requestLimit = requests;
    o.sim.warmupS = 0.02 * requests / rps;
    return o;
}

double ms(double s)
{
    return 1000.0 * s;
}
auto e2eMean = [](const Results &r) { return r.endToEnd.meanMs; };
constexpr double kBucket = 0.004; // histogram bucket half-width, relative

} // namespace

TEST(SingleQueue, MM1MeanPercentilesAndTimeAverages)
{
    const double lambda = 80, mu = 100;
    const auto rep = replicate(queueDesign({lambda, 1, 10}), runOptions(lambda));
    EXPECT_TRUE(agrees(estimate(rep, e2eMean), ms(q::mm1MeanSojourn(lambda, mu))));
    for (double p : {0.5, 0.9, 0.99}) {
        const auto est = estimate(rep, [p](const Results &r) {
            return p == 0.5 ? r.endToEnd.p50Ms : p == 0.9 ? r.endToEnd.p90Ms : r.endToEnd.p99Ms;
        });
        // Tail quantiles vary more between runs than means: allow a 5% half-width at p99.
        EXPECT_TRUE(agrees(est, ms(q::mm1SojournQuantile(lambda, mu, p)), kBucket, 0.05))
            << "p" << p;
    }
    const double rho = lambda / mu;
    EXPECT_TRUE(
        agrees(estimate(rep, [](const Results &r) { return node(r, "svc").utilization; }), rho));
    EXPECT_TRUE(agrees(estimate(rep, [](const Results &r) { return node(r, "svc").meanInSystem; }),
                       rho / (1 - rho)));
    EXPECT_TRUE(agrees(estimate(rep, [](const Results &r) { return node(r, "svc").meanWaitMs; }),
                       ms(rho / (mu - lambda))));
    EXPECT_EQ(rep.pooled.endToEnd.failed, 0u);
}

TEST(SingleQueue, MMcWaitFollowsErlangC)
{
    const double lambda = 320, mu = 100;
    const int c = 4;
    const auto rep = replicate(queueDesign({lambda, c, 10}), runOptions(lambda, 400000));
    EXPECT_TRUE(agrees(estimate(rep, [](const Results &r) { return node(r, "svc").meanWaitMs; }),
                       ms(q::mmcMeanWait(lambda, mu, c))));
    EXPECT_TRUE(agrees(estimate(rep, e2eMean), ms(q::mmcMeanWait(lambda, mu, c) + 1 / mu)));
    EXPECT_TRUE(agrees(estimate(rep, [](const Results &r) { return node(r, "svc").utilization; }),
                       lambda / (c * mu)));
}

TEST(SingleQueue, MMcKBlockingAndSojourn)
{
    const double lambda = 300, mu = 100;
    const int c = 2, room = 3;
    const auto exact = q::mmck(lambda, mu, c, room);
    auto opt = runOptions(lambda);
    const auto rep = replicate(queueDesign({lambda, c, 10, "exponential", 0, room}), opt);
    EXPECT_TRUE(
        agrees(estimate(rep, [](const Results &r) { return node(r, "svc").blockingProbability; }),
               exact.blocking));
    EXPECT_TRUE(agrees(estimate(rep, [](const Results &r) { return r.endToEnd.errorRate; }),
                       exact.blocking));
    EXPECT_TRUE(agrees(estimate(rep, [](const Results &r) { return node(r, "svc").meanInSystem; }),
                       exact.meanInSystem));
    EXPECT_TRUE(agrees(estimate(rep, e2eMean), ms(exact.meanSojourn)));
    EXPECT_GT(rep.pooled.endToEnd.failed, 0u);
    EXPECT_EQ(rep.pooled.endToEnd.ok + rep.pooled.endToEnd.failed, rep.pooled.endToEnd.count);
}

TEST(SingleQueue, NoWaitingRoomGivesErlangB)
{
    const double lambda = 400, mu = 100;
    const int c = 5;
    const auto rep
        = replicate(queueDesign({lambda, c, 10, "exponential", 0, 0}), runOptions(lambda));
    EXPECT_TRUE(
        agrees(estimate(rep, [](const Results &r) { return node(r, "svc").blockingProbability; }),
               q::erlangB(c, lambda / mu)));
    // Nobody waits: every accepted request goes straight into service.
    EXPECT_DOUBLE_EQ(rep.pooled.nodes[1].meanWaitMs, 0.0);
}

TEST(SingleQueue, MD1FollowsPollaczekKhinchine)
{
    const double lambda = 80, es = 0.010;
    const auto rep = replicate(queueDesign({lambda, 1, 10, "constant"}), runOptions(lambda));
    const double wq = q::mg1MeanWait(lambda, es, es * es);
    EXPECT_TRUE(
        agrees(estimate(rep, [](const Results &r) { return node(r, "svc").meanWaitMs; }), ms(wq)));
    EXPECT_TRUE(agrees(estimate(rep, e2eMean), ms(wq + es)));
}

TEST(SingleQueue, MG1LognormalFollowsPollaczekKhinchine)
{
    const double lambda = 60, es = 0.010, cv = 2.0;
    const auto rep
        = replicate(queueDesign({lambda, 1, 10, "lognormal", cv}), runOptions(lambda, 400000));
    const double wq = q::mg1MeanWait(lambda, es, es * es * (1 + cv * cv));
    EXPECT_TRUE(agrees(estimate(rep, [](const Results &r) { return node(r, "svc").meanWaitMs; }),
                       ms(wq),
                       0.0,
                       0.05));
    EXPECT_TRUE(agrees(estimate(rep, [](const Results &r) { return node(r, "svc").utilization; }),
                       lambda * es));
}

TEST(SingleQueue, LittlesLawHoldsAtTheNode)
{
    // L = lambda W with the observed throughput, for a queue the formulas above do not cover.
    const auto rep = replicate(queueDesign({150, 2, 11, "lognormal", 0.7, 4}), runOptions(150));
    for (const auto &run : rep.runs) {
        const auto &n = node(run, "svc");
        const double little = n.throughputRps * n.meanSojournMs / 1000.0;
        EXPECT_NEAR(n.meanInSystem, little, 0.01 * little + 0.002);
    }
}
