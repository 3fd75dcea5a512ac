// Balancing over identical M/M/1 replicas. Random splitting keeps each replica M/M/1; round
// robin hands each replica every k-th arrival, an Erlang-k/M/1 queue; least connections
// (join the shortest queue) beats both.
#include "analysis/queueing.h"
#include "sim_stats.h"

#include <algorithm>

using namespace hld;
using namespace hld::test;
namespace q = hld::queueing;

namespace {

double ms(double s)
{
    return 1000.0 * s;
}

Design balanced(const std::string &algorithm, int replicas, double rps)
{
    return designFromJson(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": )"
                          + std::to_string(rps) + R"(}},
        {"id": "lb", "kind": "load_balancer", "algorithm": ")"
                          + algorithm + R"(",
         "service_time": {"dist": "constant", "mean_ms": 0}},
        {"id": "api", "kind": "service", "workers": 1, "replicas": )"
                          + std::to_string(replicas) + R"(,
         "service_time": {"dist": "exponential", "mean_ms": 10}}],
        "links": [{"from": "users", "to": "lb", "latency_ms": 0},
                  {"from": "lb", "to": "api", "latency_ms": 0}]})");
}

RunOptions runOptions(double rps)
{
    RunOptions o;
    o.replications = 10;
    o.seed = 99;
    o.sim.requestLimit = 400000;
    o.sim.warmupS = 8000 / rps;
    return o;
}

auto apiWait = [](const Results &r) { return node(r, "api").meanWaitMs; };

} // namespace

TEST(Balancers, RandomKeepsEachReplicaMM1)
{
    const int k = 4;
    const double lambda = 320, mu = 100, per = lambda / k;
    const auto rep = replicate(balanced("random", k, lambda), runOptions(lambda));
    EXPECT_TRUE(agrees(estimate(rep, apiWait), ms(per / mu / (mu - per))));
}

TEST(Balancers, RoundRobinMakesEachReplicaErlangKM1)
{
    const int k = 4;
    const double lambda = 320, mu = 100, per = lambda / k;
    const auto rep = replicate(balanced("round_robin", k, lambda), runOptions(lambda));
    EXPECT_TRUE(agrees(estimate(rep, apiWait), ms(q::ekm1MeanWait(k, per, mu))));
}

TEST(Balancers, LeastConnectionsBeatsRoundRobinBeatsRandom)
{
    const int k = 4;
    const double lambda = 320;
    const auto random
        = estimate(replicate(balanced("random", k, lambda), runOptions(lambda)), apiWait);
    const auto rr
        = estimate(replicate(balanced("round_robin", k, lambda), runOptions(lambda)), apiWait);
    const auto lc = estimate(
        replicate(balanced("least_connections", k, lambda), runOptions(lambda)), apiWait);
    const auto p2
        = estimate(replicate(balanced("power_of_two", k, lambda), runOptions(lambda)), apiWait);
    // Separated by more than their combined confidence intervals.
    EXPECT_LT(rr.mean + rr.halfWidth, random.mean - random.halfWidth);
    EXPECT_LT(lc.mean + lc.halfWidth, rr.mean - rr.halfWidth);
    EXPECT_LT(p2.mean + p2.halfWidth, random.mean - random.halfWidth);
    EXPECT_LE(lc.mean, p2.mean);
    // Least connections can do no better than one shared queue (M/M/k).
    EXPECT_GT(lc.mean + 2 * lc.halfWidth, ms(q::mmcMeanWait(lambda, 100, k)));
}

TEST(Balancers, WeightedRoundRobinFollowsCapacity)
{
    // Two targets: a 1-worker and a 3-worker service behind one balancer; weights follow
    // workers, so the split is 1:3 and both run at the same utilisation.
    const auto d = designFromJson(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 200}},
        {"id": "lb", "kind": "load_balancer", "algorithm": "weighted_round_robin"},
        {"id": "small", "kind": "service", "workers": 1,
         "service_time": {"dist": "exponential", "mean_ms": 10}},
        {"id": "big", "kind": "service", "workers": 3,
         "service_time": {"dist": "exponential", "mean_ms": 10}}],
        "links": [{"from": "users", "to": "lb", "latency_ms": 0},
                  {"from": "lb", "to": "small", "latency_ms": 0},
                  {"from": "lb", "to": "big", "latency_ms": 0}]})");
    RunOptions o;
    o.sim.requestLimit = 40000;
    const auto r = runDesign(d, o);
    const auto &small = node(r, "small");
    const auto &big = node(r, "big");
    EXPECT_NEAR(double(big.arrivals) / double(small.arrivals), 3.0, 0.01);
    EXPECT_NEAR(small.utilization, big.utilization, 0.03);
}

TEST(Balancers, IpHashIsSticky)
{
    // One user: every request lands on the same replica.
    const auto d = designFromJson(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 50, "users": 1}},
        {"id": "lb", "kind": "load_balancer", "algorithm": "ip_hash"},
        {"id": "api", "kind": "service", "replicas": 3, "workers": 4,
         "service_time": {"dist": "exponential", "mean_ms": 10}}],
        "links": [{"from": "users", "to": "lb"}, {"from": "lb", "to": "api"}]})");
    RunOptions o;
    o.sim.requestLimit = 5000;
    const auto r = runDesign(d, o);
    const auto &api = node(r, "api");
    ASSERT_EQ(api.replicaArrivals.size(), 3u);
    EXPECT_EQ(*std::max_element(api.replicaArrivals.begin(), api.replicaArrivals.end()), 5000u);
}
