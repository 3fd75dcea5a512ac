// Behaviour of each kind of component beyond the plain queue.
#include "analysis/queueing.h"
#include "sim_stats.h"

#include <cmath>

using namespace hld;
using namespace hld::test;
namespace q = hld::queueing;

namespace {
RunOptions reps(std::int64_t requests, double warmupS)
{
    RunOptions o;
    o.replications = 10;
    o.seed = 3;
    o.sim.requestLimit = requests;
    o.sim.warmupS = warmupS;
    return o;
}
} // namespace

TEST(Components, QueueAcknowledgesAtEnqueueAndConsumersDrainTheBacklog)
{
    // The producer waits for the broker's 1 ms enqueue only; the slow worker (M/M/1 at
    // utilisation 0.6) consumes the backlog. Message age is the worker's M/M/1 wait.
    const auto d = designFromJson(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 60}},
        {"id": "orders", "kind": "queue", "workers": 64,
         "service_time": {"dist": "constant", "mean_ms": 1}},
        {"id": "mailer", "kind": "service", "workers": 1,
         "service_time": {"dist": "exponential", "mean_ms": 10}}],
        "links": [{"from": "users", "to": "orders", "latency_ms": 0},
                  {"from": "orders", "to": "mailer", "latency_ms": 0}]})");
    const auto rep = replicate(d, reps(100000, 20));
    EXPECT_NEAR(rep.pooled.endToEnd.meanMs, 1.0, 1e-9);
    EXPECT_NEAR(rep.pooled.endToEnd.maxMs, 1.0, 1e-9);
    const double lambda = 60, mu = 100;
    EXPECT_TRUE(
        agrees(estimate(rep, [](const Results &r) { return node(r, "orders").messageAgeMeanMs; }),
               1000 * q::mmcMeanWait(lambda, mu, 1)));
    // Little's law for the backlog: mean backlog = rate x mean age.
    EXPECT_TRUE(
        agrees(estimate(rep, [](const Results &r) { return *node(r, "orders").backlogMean; }),
               lambda * q::mmcMeanWait(lambda, mu, 1),
               0.0,
               0.05));
    const auto &orders = node(rep.pooled, "orders");
    EXPECT_EQ(orders.enqueued, orders.messagesDone);
    EXPECT_GT(orders.backlogMax, 5u);
}

TEST(Components, FullQueueRejectsTheProducer)
{
    const auto d = designFromJson(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 200}},
        {"id": "jobs", "kind": "queue", "max_backlog": 10,
         "service_time": {"dist": "constant", "mean_ms": 0}},
        {"id": "worker", "kind": "service", "workers": 1,
         "service_time": {"dist": "exponential", "mean_ms": 10}}],
        "links": [{"from": "users", "to": "jobs"}, {"from": "jobs", "to": "worker"}]})");
    RunOptions o;
    o.sim.durationS = 100;
    const auto r = runDesign(d, o);
    EXPECT_GT(r.endToEnd.failed, 0u);
    EXPECT_EQ(r.endToEnd.failed, node(r, "jobs").enqueueRejected);
    EXPECT_LE(node(r, "jobs").backlogMax, 10u);
    // The worker runs flat out on what the queue lets in: 100 of 200 rps.
    EXPECT_NEAR(r.endToEnd.errorRate, 0.5, 0.03);
}

TEST(Components, AsyncLinkIsFireAndForget)
{
    const auto d = designFromJson(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 50}},
        {"id": "api", "kind": "service", "service_time": {"dist": "constant", "mean_ms": 2}},
        {"id": "analytics", "kind": "service",
         "service_time": {"dist": "constant", "mean_ms": 300}, "workers": 64}],
        "links": [{"from": "users", "to": "api", "latency_ms": 0},
                  {"from": "api", "to": "analytics", "mode": "async"}]})");
    RunOptions o;
    o.sim.requestLimit = 2000;
    const auto r = runDesign(d, o);
    EXPECT_NEAR(r.endToEnd.maxMs, 2.0, 0.01);
    EXPECT_EQ(node(r, "analytics").completed, 2000u);
    EXPECT_EQ(node(r, "api").messagesDone, 2000u);
}

TEST(Components, CdnServesHitsAtTheEdgeAndSendsMissesToOrigin)
{
    const auto d = designFromJson(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "viewers", "kind": "client", "traffic": {"rps": 1000}},
        {"id": "edge", "kind": "cdn", "hit_ratio": 0.95},
        {"id": "origin", "kind": "object_storage"}],
        "links": [{"from": "viewers", "to": "edge", "latency_ms": 20},
                  {"from": "edge", "to": "origin", "latency_ms": 75}]})");
    RunOptions o;
    o.sim.durationS = 60;
    const auto r = runDesign(d, o);
    EXPECT_NEAR(*node(r, "edge").hitRatio, 0.95, 0.005);
    EXPECT_NEAR(double(node(r, "origin").arrivals) / double(node(r, "edge").arrivals), 0.05, 0.005);
    // Hits answer in about two edge hops; the tail is the 150 ms origin round trip.
    EXPECT_LT(r.endToEnd.p50Ms, 50.0);
    EXPECT_GT(r.endToEnd.p99Ms, 150.0);
}

TEST(Components, ClientTimeoutCountsSlowResponsesAsErrors)
{
    // M/M/1 sojourn is exponential with rate mu - lambda = 20/s: P(T > 20 ms) = exp(-0.4).
    const auto d = designFromJson(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 80, "timeout_ms": 20}},
        {"id": "api", "kind": "service", "workers": 1,
         "service_time": {"dist": "exponential", "mean_ms": 10}}],
        "links": [{"from": "users", "to": "api", "latency_ms": 0}]})");
    const auto rep = replicate(d, reps(200000, 50));
    EXPECT_TRUE(agrees(estimate(rep, [](const Results &r) { return r.endToEnd.errorRate; }),
                       std::exp(-0.4)));
    EXPECT_EQ(rep.pooled.endToEnd.timedOut, rep.pooled.endToEnd.failed);
    EXPECT_LE(rep.pooled.endToEnd.maxMs, 20.0);
}

TEST(Components, HoldingTheWorkerDuringCallsCountsDownstreamTime)
{
    // Thread-per-request: api's worker stays busy through the 20 ms database call.
    auto design = [](bool hold) {
        return designFromJson(R"({"format": "hld-design", "version": 1, "components": [
            {"id": "users", "kind": "client", "traffic": {"rps": 100}},
            {"id": "api", "kind": "service", "workers": 8, "hold_worker": )"
                              + std::string(hold ? "true" : "false") + R"(,
             "service_time": {"dist": "constant", "mean_ms": 5}},
            {"id": "db", "kind": "database", "workers": 64,
             "service_time": {"dist": "constant", "mean_ms": 20}}],
            "links": [{"from": "users", "to": "api", "latency_ms": 0},
                      {"from": "api", "to": "db", "latency_ms": 0.5}]})");
    };
    RunOptions o;
    o.sim.durationS = 200;
    const auto held = runDesign(design(true), o);
    const auto freed = runDesign(design(false), o);
    EXPECT_NEAR(node(freed, "api").utilization, 100 * 0.005 / 8, 0.005);
    EXPECT_NEAR(node(held, "api").utilization, 100 * 0.026 / 8, 0.01);
    EXPECT_NEAR(held.endToEnd.meanMs, 26.0, 0.2);
}

TEST(Components, RejectionDownstreamFailsTheWholeRequest)
{
    const auto d = designFromJson(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 100}},
        {"id": "api", "kind": "service"},
        {"id": "db", "kind": "database", "workers": 1, "queue_capacity": 0,
         "service_time": {"dist": "exponential", "mean_ms": 5}}],
        "links": [{"from": "users", "to": "api"}, {"from": "api", "to": "db"}]})");
    RunOptions o;
    o.sim.durationS = 300;
    const auto r = runDesign(d, o);
    // Erlang B with one server: a / (1 + a), a = 0.5.
    EXPECT_NEAR(node(r, "db").blockingProbability, 1.0 / 3, 0.02);
    EXPECT_EQ(r.endToEnd.failed, node(r, "db").rejected);
}

TEST(Components, ZeroServiceTimePassesStraightThrough)
{
    const auto d = designFromJson(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 100}},
        {"id": "gw", "kind": "api_gateway", "service_time": {"dist": "constant", "mean_ms": 0}},
        {"id": "api", "kind": "service", "service_time": {"dist": "constant", "mean_ms": 3}}],
        "links": [{"from": "users", "to": "gw", "latency_ms": 1},
                  {"from": "gw", "to": "api", "latency_ms": 1}]})");
    RunOptions o;
    o.sim.requestLimit = 1000;
    const auto r = runDesign(d, o);
    EXPECT_EQ(node(r, "gw").utilization, 0.0);
    EXPECT_EQ(node(r, "gw").workers, 0);
    EXPECT_NEAR(r.endToEnd.meanMs, 7.0, 1e-9);
}

TEST(Components, CostPerHourFollowsInstancesAndReplicas)
{
    const auto d = designFromJson(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 1}},
        {"id": "api", "kind": "service", "replicas": 3, "instance": "l"},
        {"id": "db", "kind": "database", "instance": "2xl"}],
        "links": [{"from": "users", "to": "api"}, {"from": "api", "to": "db"}]})");
    RunOptions o;
    o.sim.requestLimit = 10;
    const auto r = runDesign(d, o);
    EXPECT_NEAR(r.costPerHour, 3 * 0.384 + 1.536, 1e-9);
    EXPECT_EQ(node(r, "api").workers, 8);
}
