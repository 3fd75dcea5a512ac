// A design whose arrivals exceed its capacity must finish, with bounded memory, and say so.
#include "sim_stats.h"

using namespace hld;
using namespace hld::test;

namespace {

Design overloaded(const std::string &capacity)
{
    return designFromJson(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 500}},
        {"id": "api", "kind": "service", "workers": 4)"
                          + capacity + R"(,
         "service_time": {"dist": "exponential", "mean_ms": 10}}],
        "links": [{"from": "users", "to": "api", "latency_ms": 0}]})");
}

bool hasFinding(const Results &r, const std::string &code, const std::string &text)
{
    for (const auto &f : r.findings) {
        if (f.code == code && f.message.find(text) != std::string::npos)
            return true;
    }
    return false;
}

} // namespace

TEST(Overload, UnboundedQueueStopsAtTheInFlightCapAndReportsUnstable)
{
    // 500 rps offered to 400 rps of capacity: the backlog grows 100 per second for ever.
    RunOptions o;
    o.sim.durationS = 1e6; // would be 5e8 requests and a 1e8 backlog without the cap
    o.sim.maxInFlight = 5000;
    const auto r = runDesign(overloaded(""), o);
    EXPECT_EQ(r.status, "unstable");
    EXPECT_TRUE(
        hasFinding(r, "unstable", "unstable: arrivals exceed capacity at 'api' (utilisation 1.25"));
    EXPECT_TRUE(hasFinding(r, "in_flight_cap", "at 'api'"));
    // Arrivals stopped near the cap: about 5000 / 100 per second = 50 s in.
    EXPECT_LT(r.created, 40000u);
    EXPECT_EQ(r.endToEnd.count, r.endToEnd.ok + r.endToEnd.failed);
    EXPECT_EQ(r.endToEnd.count, r.created);
}

TEST(Overload, BoundedQueueRejectsTheExcessAndStaysOk)
{
    RunOptions o;
    o.sim.durationS = 200;
    const auto r = runDesign(overloaded(R"(, "queue_capacity": 20)"), o);
    EXPECT_EQ(r.status, "ok");
    EXPECT_TRUE(hasFinding(r, "overloaded", "'api'"));
    // At least the excess 100 of 500 rps is turned away.
    EXPECT_NEAR(node(r, "api").blockingProbability, 0.2, 0.02);
    EXPECT_NEAR(node(r, "api").utilization, 1.0, 0.01);
}
