// Sagas (issue 11): a failing step undoes the steps before it; without compensations the
// saga is left inconsistent. Orchestration waits for each step's answer; choreography hands
// on, one hop a step.
#include "sim_stats.h"

using namespace hld;
using namespace hld::test;

namespace {

// users -> order (the saga) -> payment, stock, shipping; shipping fails with `p`.
std::string checkout(const std::string &saga, double p, double latencyMs = 0)
{
    const std::string lat = std::to_string(latencyMs);
    return withScenario(
        R"([{"id": "users", "kind": "client", "traffic": {"rps": 200, "read_ratio": 0}},
            {"id": "order", "kind": "service", "workers": 100,
             "service_time": {"dist": "constant", "mean_ms": 1})"
            + saga + R"(},
            {"id": "payment", "kind": "service", "workers": 100,
             "service_time": {"dist": "constant", "mean_ms": 2}},
            {"id": "stock", "kind": "service", "workers": 100,
             "service_time": {"dist": "constant", "mean_ms": 2}},
            {"id": "shipping", "kind": "service", "workers": 100, "error_rate": )"
            + std::to_string(p) + R"(, "service_time": {"dist": "constant", "mean_ms": 2}}])",
        R"([{"from": "users", "to": "order", "latency_ms": 0},
            {"from": "order", "to": "payment", "latency_ms": )"
            + lat + R"(},
            {"from": "order", "to": "stock", "latency_ms": )"
            + lat + R"(},
            {"from": "order", "to": "shipping", "latency_ms": )"
            + lat + R"(}])",
        "[]",
        50);
}

} // namespace

TEST(SagaSim, AFailedStepIsCompensatedAndNothingIsLeftInconsistent)
{
    const auto r = runScenario(checkout(R"(, "saga": {"mode": "orchestration"})", 0.2));
    const NodeResult &o = node(r, "order");
    ASSERT_GT(o.sagas, 9000u);
    EXPECT_EQ(o.sagasInconsistent, 0u);
    EXPECT_EQ(o.sagasCompleted + o.sagasCompensated, o.sagas);
    EXPECT_EQ(o.sagasCompensated, r.endToEnd.failed); // the user still sees the failure
    EXPECT_NEAR(double(o.sagasCompensated) / double(o.sagas), 0.2, 0.02);
    // Two steps undone per compensated saga, as writes to the services that did them.
    EXPECT_EQ(o.compensations, 2 * o.sagasCompensated);
    EXPECT_EQ(node(r, "payment").arrivals, o.sagas + o.sagasCompensated);
    EXPECT_EQ(node(r, "shipping").arrivals, o.sagas);
}

TEST(SagaSim, WithoutCompensationsAFailedStepLeavesTheSagaInconsistent)
{
    const auto r = runScenario(checkout(R"(, "saga": {"compensations": false})", 0.2));
    const NodeResult &o = node(r, "order");
    EXPECT_NEAR(double(o.sagasInconsistent) / double(o.sagas), 0.2, 0.02);
    EXPECT_EQ(o.sagasCompensated, 0u);
    EXPECT_EQ(o.compensations, 0u);
    EXPECT_EQ(node(r, "payment").arrivals, o.sagas);
}

TEST(SagaSim, AFailureAtTheFirstStepHasNothingToUndo)
{
    // payment (the first step) fails every time: every saga aborts, none compensates.
    std::string json = checkout(R"(, "saga": {"mode": "orchestration"})", 0.0);
    const std::string from = R"("id": "payment", "kind": "service", "workers": 100,)";
    json.replace(json.find(from), from.size(), from + R"( "error_rate": 1,)");
    const auto r = runScenario(json);
    const NodeResult &o = node(r, "order");
    EXPECT_EQ(o.sagasAborted, o.sagas);
    EXPECT_EQ(o.sagasInconsistent, 0u);
    EXPECT_EQ(node(r, "stock").arrivals, 0u);
}

TEST(SagaSim, ChoreographySavesTheReturnHopOfEveryStep)
{
    const auto orch = runScenario(checkout(R"(, "saga": {"mode": "orchestration"})", 0, 10));
    const auto chor = runScenario(checkout(R"(, "saga": {"mode": "choreography"})", 0, 10));
    // 1 + 3 x 2 ms of work; orchestration 3 round trips of 20 ms, choreography 3 hops of 10.
    EXPECT_NEAR(orch.endToEnd.p50Ms, 7.0 + 60.0, 0.5);
    EXPECT_NEAR(chor.endToEnd.p50Ms, 7.0 + 30.0, 0.5);
    EXPECT_EQ(node(chor, "order").sagasCompleted, node(chor, "order").sagas);
}
