// Designs the loader accepts must run to completion in bounded time and memory, and say
// the truth about what they measured (issue: hardening). Each test reproduces a finding of
// the fuzz and sanitizer campaign with the smallest design that showed it.
#include "io/design_reader.h"
#include "sim_stats.h"

using namespace hld;
using namespace hld::test;

namespace {

Results runFor(const std::string &json, double durationS, std::uint64_t seed = 1)
{
    const Design d = designFromJson(json);
    RunOptions o;
    o.seed = seed;
    o.sim.durationS = durationS;
    return runDesign(d, o);
}

} // namespace

// An async message across a partitioned region boundary used to fail before it had a
// frame: its depth wrapped and the next return read far outside the frame pool.
TEST(Hardening, AsyncMessageAcrossPartitionFailsCleanly)
{
    const std::string json = R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "region": "us", "traffic": {"rps": 200}},
        {"id": "svc", "kind": "service", "region": "us",
         "service_time": {"dist": "exponential", "mean_ms": 2}},
        {"id": "audit", "kind": "service", "region": "eu",
         "service_time": {"dist": "exponential", "mean_ms": 2}}],
      "links": [{"from": "users", "to": "svc"}, {"from": "svc", "to": "audit", "mode": "async"}],
      "scenario": {"duration_s": 20, "events": [
        {"at_s": 5, "action": "partition", "target": "us", "other": "eu"}]}})";
    const Results r = runFor(json, 20);
    // The requests themselves never cross the cut; only the audit messages do.
    EXPECT_EQ(r.endToEnd.failed, 0u);
    EXPECT_GT(r.endToEnd.ok, 3000u);
    const NodeResult &svc = node(r, "svc");
    EXPECT_GT(svc.messagesFailed, 2500u); // 15 s of messages at 200 per second
    EXPECT_GT(svc.messagesDone, 800u);    // the first 5 s got through
}

// A client request whose first hop crosses the cut fails as an error, without a frame.
TEST(Hardening, ClientRequestAcrossPartitionFailsCleanly)
{
    const std::string json = R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "region": "us", "traffic": {"rps": 100}},
        {"id": "svc", "kind": "service", "region": "eu",
         "service_time": {"dist": "exponential", "mean_ms": 2}}],
      "links": [{"from": "users", "to": "svc"}],
      "scenario": {"duration_s": 20, "events": [
        {"at_s": 10, "action": "partition", "target": "us", "other": "eu"}]}})";
    const Results r = runFor(json, 20);
    const double failedShare = double(r.endToEnd.failed) / double(r.endToEnd.count);
    EXPECT_NEAR(failedShare, 0.5, 0.08);
}

// An async loop used to be accepted and ran for ever, even with --duration-s 1: every
// message around it sent the next one. It is refused now, naming the loop.
TEST(Hardening, AsyncLoopIsRefusedWithItsPath)
{
    const LoadResult r = parseDesign(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 10}},
        {"id": "a", "kind": "service"}, {"id": "b", "kind": "service"}],
      "links": [{"from": "users", "to": "a"}, {"from": "a", "to": "b", "mode": "async"},
                {"from": "b", "to": "a", "mode": "async"}]})");
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].path, "/links/2");
    EXPECT_NE(r.errors[0].message.find("\"a\" -> \"b\" -> \"a\""), std::string::npos)
        << r.errors[0].message;
}

// A loop that no request class can travel (reads one way, writes the other) ends by itself.
TEST(Hardening, LoopThatNoClassCanTravelIsAccepted)
{
    const std::string json = R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 50, "read_ratio": 0.5}},
        {"id": "a", "kind": "service"}, {"id": "b", "kind": "service"}],
      "links": [{"from": "users", "to": "a"},
                {"from": "a", "to": "b", "mode": "async", "requests": "reads"},
                {"from": "b", "to": "a", "mode": "async", "requests": "writes"}]})";
    const Results r = runFor(json, 10);
    EXPECT_GT(r.endToEnd.ok, 300u);
}
