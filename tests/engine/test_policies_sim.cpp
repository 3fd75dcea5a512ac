// Calls that fail (contract 5.6): retries, bulkheads, timeouts, circuit breakers, error
// rates and health checks, each checked against theory where there is one, and both ways.
#include "analysis/queueing.h"
#include "sim_stats.h"

#include <cmath>

using namespace hld;
using namespace hld::test;

namespace {

const LinkResult &link(const Results &r, const std::string &from, const std::string &to)
{
    for (const auto &l : r.links) {
        if (l.from == from && l.to == to)
            return l;
    }
    static LinkResult none;
    ADD_FAILURE() << from << " -> " << to;
    return none;
}

// users -> api (no service time) -> dep (ample workers): `dep` and `policy` are extra
// fields of the dependency and of the api -> dep link.
std::string chain(double rps,
                  const std::string &dep,
                  const std::string &policy,
                  const std::string &events = "[]",
                  double duration = 100)
{
    return withScenario(R"([{"id": "users", "kind": "client", "traffic": {"rps": )"
                            + std::to_string(rps) + R"(}},
            {"id": "api", "kind": "service", "service_time": {"dist": "constant", "mean_ms": 0}},
            {"id": "dep", "kind": "service", "workers": 2000)"
                            + dep + "}]",
                        R"([{"from": "users", "to": "api", "latency_ms": 0},
            {"from": "api", "to": "dep", "latency_ms": 0)"
                            + policy + "}]",
                        events,
                        duration);
}

Replicated replicateJson(const std::string &json, int reps, std::int64_t requests)
{
    RunOptions o;
    o.seed = 7;
    o.replications = reps;
    o.sim.requestLimit = requests;
    return replicate(designFromJson(json), o);
}

} // namespace

// Independent failures of probability p with k retries: a call succeeds with probability
// 1 - p^(k+1), and the dependency sees (1 - p^(k+1)) / (1 - p) attempts per call.
TEST(PoliciesSim, RetriesMatchTheSuccessRateAndLoadAmplificationOfIndependentFailures)
{
    const double p = 0.3;
    const int k = 2;
    const auto rep = replicateJson(
        chain(500,
              R"(, "error_rate": 0.3, "service_time": {"dist": "exponential", "mean_ms": 1})",
              R"(, "retry": {"max": 2, "backoff_ms": 0})"),
        10,
        20000);
    const double success = 1 - std::pow(p, k + 1);
    EXPECT_TRUE(
        agrees(estimate(rep, [](const Results &r) { return 1 - r.endToEnd.errorRate; }), success));
    EXPECT_TRUE(agrees(estimate(rep,
                                [](const Results &r) {
                                    const auto &l = link(r, "api", "dep");
                                    return double(l.attempts) / double(l.calls);
                                }),
                       success / (1 - p)));
    // Off: without retries a call succeeds with probability 1 - p, one attempt each.
    const auto off = replicateJson(
        chain(500,
              R"(, "error_rate": 0.3, "service_time": {"dist": "exponential", "mean_ms": 1})",
              ""),
        10,
        20000);
    EXPECT_TRUE(
        agrees(estimate(off, [](const Results &r) { return 1 - r.endToEnd.errorRate; }), 1 - p));
    EXPECT_EQ(link(off.pooled, "api", "dep").attempts, link(off.pooled, "api", "dep").calls);
    EXPECT_EQ(link(off.pooled, "api", "dep").retries, 0u);
}

// A bulkhead of c calls in front of Poisson calls of any service-time distribution is an
// Erlang loss system: calls are refused with the Erlang B probability B(c, a).
TEST(PoliciesSim, ABulkheadLosesCallsWithTheErlangBProbability)
{
    const auto rep
        = replicateJson(chain(100,
                              R"(, "service_time": {"dist": "lognormal", "mean_ms": 50, "cv": 2})",
                              R"(, "max_concurrent": 5)"),
                        10,
                        20000);
    const double b = queueing::erlangB(5, 100 * 0.050);
    EXPECT_TRUE(agrees(estimate(rep,
                                [](const Results &r) {
                                    const auto &l = link(r, "api", "dep");
                                    return double(l.bulkheadRejected) / double(l.calls);
                                }),
                       b,
                       0.0,
                       0.05));
    // Off: nothing is refused.
    const auto off = replicateJson(
        chain(100, R"(, "service_time": {"dist": "lognormal", "mean_ms": 50, "cv": 2})", ""),
        2,
        5000);
    EXPECT_EQ(link(off.pooled, "api", "dep").bulkheadRejected, 0u);
    EXPECT_EQ(off.pooled.endToEnd.failed, 0u);
}

// A timeout of T on calls of exponential service with mean T times out a share e^-1 of
// them at exactly T; the work goes on downstream (every call is still served there).
TEST(PoliciesSim, ATimeoutEndsTheCallAtItsDeadlineWhileTheWorkGoesOn)
{
    const auto rep
        = replicateJson(chain(200,
                              R"(, "service_time": {"dist": "exponential", "mean_ms": 100})",
                              R"(, "timeout_ms": 100)"),
                        10,
                        10000);
    EXPECT_TRUE(agrees(estimate(rep,
                                [](const Results &r) {
                                    const auto &l = link(r, "api", "dep");
                                    return double(l.timedOut) / double(l.calls);
                                }),
                       std::exp(-1.0)));
    const Results &r = rep.pooled;
    EXPECT_NEAR(r.endToEnd.failedMeanMs, 100.0, 0.5); // failed at the deadline, not later
    EXPECT_LE(r.endToEnd.p99Ms, 100.5);               // no success is slower than T
    EXPECT_EQ(node(r, "dep").completed, node(r, "api").completed); // wasted, but done
    EXPECT_EQ(link(r, "api", "dep").wasted, link(r, "api", "dep").timedOut);
    // Off: every call waits for its answer, however slow.
    const auto off = replicateJson(
        chain(200, R"(, "service_time": {"dist": "exponential", "mean_ms": 100})", ""), 2, 5000);
    EXPECT_EQ(off.pooled.endToEnd.failed, 0u);
    EXPECT_GT(off.pooled.endToEnd.p99Ms, 400.0);
}

// Retrying timed-out calls to a slow dependency multiplies its load (the retry storm).
TEST(PoliciesSim, RetryingTimeoutsAmplifiesTheLoadOnASlowDependency)
{
    const std::string slow = R"(, "service_time": {"dist": "constant", "mean_ms": 300})";
    const auto storm = replicateJson(
        chain(100, slow, R"(, "timeout_ms": 200, "retry": {"max": 3, "backoff_ms": 10})"), 1, 5000);
    const auto &l = link(storm.pooled, "api", "dep");
    EXPECT_EQ(l.attempts, 4 * l.calls); // every attempt times out: 1 + 3 tries each
    EXPECT_EQ(l.failed, l.calls);
    EXPECT_EQ(node(storm.pooled, "dep").completed, l.attempts); // 4x the work, all wasted
    const auto calm = replicateJson(chain(100, slow, R"(, "timeout_ms": 200)"), 1, 5000);
    EXPECT_EQ(link(calm.pooled, "api", "dep").attempts, link(calm.pooled, "api", "dep").calls);
}

// A breaker fails fast while the dependency is slow (calls do not wait for the timeout) and
// closes again after it recovers.
TEST(PoliciesSim, ACircuitBreakerFailsFastDuringAnOutageAndClosesAfterIt)
{
    const std::string events
        = R"([{"at_s": 20, "action": "add_latency", "target": "dep", "value": 1000},
                                   {"at_s": 60, "action": "add_latency", "target": "dep", "value": 0}])";
    const std::string dep = R"(, "service_time": {"dist": "exponential", "mean_ms": 5})";
    const auto on = runScenario(
        chain(200,
              dep,
              R"(, "timeout_ms": 200, "circuit_breaker": {"failure_rate": 0.5, "min_calls": 20,
                  "window_s": 5, "open_s": 3, "half_open_calls": 3})",
              events,
              100));
    const auto off = runScenario(chain(200, dep, R"(, "timeout_ms": 200)", events, 100));
    const auto &lon = link(on, "api", "dep");
    // During the 40 s outage about 8,000 calls are made; the open breaker refuses most.
    EXPECT_GT(double(lon.shortCircuited), 0.8 * 8000);
    EXPECT_GE(lon.breakerOpened, 1u);
    EXPECT_LT(on.endToEnd.failedMeanMs, 0.25 * off.endToEnd.failedMeanMs);
    EXPECT_NEAR(off.endToEnd.failedMeanMs, 200.0, 2.0); // off: every failure waits 200 ms
    EXPECT_EQ(link(off, "api", "dep").shortCircuited, 0u);
    // After the outage (a trial within open_s = 3 s) it closes: no errors from 70 s on.
    EXPECT_LT(meanOver(on.series, on.series.errorRate, 70, 100), 0.001);
    EXPECT_GT(meanOver(on.series, on.series.errorRate, 30, 55), 0.95);
}

// A dead replica behind a balancer keeps its share of traffic until the health checks
// notice: failures = its share x the rate x the detection delay.
TEST(PoliciesSim, HealthChecksNoticeADeadReplicaAfterTheirDelay)
{
    auto design = [](const std::string &check) {
        return withScenario(
            R"([{"id": "users", "kind": "client", "traffic": {"rps": 200}},
                {"id": "lb", "kind": "load_balancer", "algorithm": "round_robin"},
                {"id": "api", "kind": "service", "replicas": 4, "workers": 50,
                 "service_time": {"dist": "exponential", "mean_ms": 5})"
                + check + "}]",
            R"([{"from": "users", "to": "lb", "latency_ms": 0},
                {"from": "lb", "to": "api", "latency_ms": 0}])",
            R"([{"at_s": 21, "action": "kill_replica", "target": "api", "replica": 0}])",
            60);
    };
    // Checks every 2 s, 3 failures in a row: the checks at 22, 24 and 26 s fail, so the
    // replica leaves rotation at 26 s, 5 s after it died: 200/4 x 5 = 250 failures.
    const auto on
        = runScenario(design(R"(, "health_check": {"interval_s": 2, "unhealthy_after": 3})"));
    EXPECT_NEAR(double(on.endToEnd.failed), 250.0, 4 * std::sqrt(250.0));
    EXPECT_NEAR(double(node(on, "api").unhealthyHits), 250.0, 4 * std::sqrt(250.0));
    EXPECT_LT(meanOver(on.series, on.series.errorRate, 27, 60), 0.001);
    // Off: detection is instant; only the requests in service at the kill fail.
    const auto off = runScenario(design(""));
    EXPECT_LT(off.endToEnd.failed, 10u);
}

// A static error_rate fails that share of the requests that pass, after their service.
TEST(PoliciesSim, AStaticErrorRateFailsItsShare)
{
    const auto rep = replicateJson(
        chain(500,
              R"(, "error_rate": 0.1, "service_time": {"dist": "exponential", "mean_ms": 1})",
              ""),
        10,
        20000);
    EXPECT_TRUE(agrees(estimate(rep, [](const Results &r) { return r.endToEnd.errorRate; }), 0.1));
    EXPECT_EQ(node(rep.pooled, "dep").completed, node(rep.pooled, "dep").arrivals);
    const auto off = replicateJson(
        chain(500, R"(, "service_time": {"dist": "exponential", "mean_ms": 1})", ""), 1, 5000);
    EXPECT_EQ(off.pooled.endToEnd.failed, 0u);
}

// Every link is reported, in the design's order, with its calls.
TEST(PoliciesSim, EveryLinkIsReportedWithItsCalls)
{
    const auto rep = replicateJson(
        chain(100, R"(, "service_time": {"dist": "constant", "mean_ms": 1})", ""), 1, 1000);
    ASSERT_EQ(rep.pooled.links.size(), 2u);
    EXPECT_EQ(rep.pooled.links[0].from, "users");
    EXPECT_EQ(rep.pooled.links[1].to, "dep");
    EXPECT_EQ(rep.pooled.links[0].calls, 1000u);
    EXPECT_EQ(rep.pooled.links[1].calls, 1000u);
    EXPECT_FALSE(rep.pooled.links[1].guarded);
}

// A live edit while guarded calls are in progress: switching the link's policies off (or on)
// keeps every call in flight and every count; the run ends with every request accounted for.
TEST(PoliciesSim, PoliciesCanBeSwitchedOffAndOnWhileCallsAreInProgress)
{
    const Design with = designFromJson(
        chain(300,
              R"(, "error_rate": 0.3, "service_time": {"dist": "exponential", "mean_ms": 50})",
              R"(, "timeout_ms": 40, "retry": {"max": 3, "backoff_ms": 20, "jitter": "full"},
           "circuit_breaker": {"min_calls": 5, "window_s": 1, "open_s": 0.5}, "max_concurrent": 8)",
              "[]",
              20));
    Design without = with;
    for (Link &l : without.links) {
        l.timeoutMs.reset();
        l.retry.reset();
        l.circuitBreaker.reset();
        l.maxConcurrent.reset();
    }
    const Network a = compileNetwork(with), b = compileNetwork(without);
    SimConfig cfg;
    cfg.durationS = 20;
    Simulator sim(a, cfg, 5);
    sim.runUntil(5);
    ASSERT_GT(sim.inFlight(), 0u);
    ASSERT_TRUE(sim.adopt(b));
    sim.runUntil(10);
    ASSERT_TRUE(sim.adopt(a));
    sim.run();
    const RawMetrics m = sim.finish();
    const std::uint64_t count = m.classes[0].count + m.classes[1].count;
    EXPECT_EQ(count, m.created);
    EXPECT_EQ(m.classes[0].ok + m.classes[0].failed, m.classes[0].count);
    EXPECT_EQ(sim.inFlight(), 0u);
    ASSERT_EQ(m.links.size(), 2u);
    EXPECT_GT(m.links[1].retries, 0u);
}
