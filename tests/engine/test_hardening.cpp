// Designs the loader accepts must run to completion in bounded time and memory, and say
// the truth about what they measured (issue: hardening). Each test reproduces a finding of
// the fuzz and sanitizer campaign with the smallest design that showed it.
#include "io/design_reader.h"
#include "sim/replicated_store.h"
#include "sim_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

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

namespace {

std::string firstError(const std::string &text)
{
    const LoadResult r = parseDesign(text);
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.describe("f.hld.json");
}

const std::string kHead = R"({"format": "hld-design", "version": 1, "components": [)";

} // namespace

TEST(Hardening, NulByteIsRefusedNotTruncated)
{
    std::string text = kHead + R"({"id": "a", "kind": "service"}]})";
    text += std::string("\0{{{", 4);
    const std::string e = firstError(text);
    EXPECT_NE(e.find("NUL byte at line 1"), std::string::npos) << e;
}

TEST(Hardening, RepeatedKeyIsRefusedWithItsPath)
{
    const std::string e
        = firstError(kHead + R"({"id": "a", "kind": "service", "replicas": 2, "replicas": 9}]})");
    EXPECT_NE(e.find("/components/0/replicas: the key \"replicas\" appears twice"),
              std::string::npos)
        << e;
}

TEST(Hardening, NumberOverflowNamesLineColumnAndPath)
{
    const std::string e
        = firstError(kHead + "\n" + R"({"id": "a", "kind": "service", "replicas": 1e400}]})");
    EXPECT_NE(e.find("/components/0/replicas"), std::string::npos) << e;
    EXPECT_NE(e.find("line 2, column"), std::string::npos) << e;
    EXPECT_NE(e.find("number overflow"), std::string::npos) << e;
}

TEST(Hardening, HugeNumbersAreShortInMessages)
{
    const std::string e = firstError(
        kHead
        + R"({"id": "a", "kind": "service", "service_time": {"dist": "constant", "mean_ms": 1e300}}]})");
    EXPECT_NE(e.find("1e+300"), std::string::npos) << e;
    EXPECT_LT(e.size(), 300u) << e;
}

TEST(Hardening, ControlCharactersAndHugeIdsAreNotEchoedRaw)
{
    // A line feed in an id must not let the file print a line of its own.
    const std::string e = firstError(
        kHead + R"({"id": "a\n/x.hld.json: valid\u001b[2J\u0007", "kind": "service"}]})");
    EXPECT_EQ(e.find('\x1b'), std::string::npos);
    EXPECT_EQ(e.find('\x07'), std::string::npos);
    EXPECT_EQ(std::count(e.begin(), e.end(), '\n'), 1) << e;
    EXPECT_NE(e.find("\\n/x.hld.json: valid\\x1b[2J\\x07"), std::string::npos) << e;

    const std::string huge
        = kHead + R"({"id": ")" + std::string(5'000'000, 'x') + R"(", "kind": "service"}]})";
    const std::string h = firstError(huge);
    EXPECT_LT(h.size(), 1000u);
    EXPECT_NE(h.find("5000000 bytes in all"), std::string::npos) << h.substr(0, 300);
}

TEST(Hardening, TooManyEventsOrRegionsAreRefusedNotDropped)
{
    std::string events;
    for (int i = 0; i <= 100000; ++i)
        events += std::string(i ? "," : "") + R"({"at_s": 1, "action": "kill", "target": "a"})";
    std::string e = firstError(
        kHead + R"({"id": "a", "kind": "service"}], "scenario": {"events": [)" + events + "]}}");
    EXPECT_NE(e.find("/scenario/events: has 100001 events; at most 100000"), std::string::npos)
        << e.substr(0, 300);

    std::string regions;
    for (int i = 0; i <= 10000; ++i)
        regions += std::string(i ? "," : "") + R"({"name": "r)" + std::to_string(i)
                   + R"(", "x": 0, "y": 0, "width": 10, "height": 10})";
    e = firstError(kHead + R"({"id": "a", "kind": "service"}], "regions": [)" + regions + "]}");
    EXPECT_NE(e.find("/regions: has 10001 regions; at most 10000"), std::string::npos)
        << e.substr(0, 300);
}

TEST(Hardening, ValueBombIsRefusedBeforeBuildingATree)
{
    std::string bomb = kHead + "],\"name\": [";
    bomb.reserve(7'000'000);
    for (int i = 0; i < 3'000'000; ++i)
        bomb += "0,";
    bomb += "0]}";
    const std::string e = firstError(bomb);
    EXPECT_NE(e.find("more than 2000000 JSON values"), std::string::npos) << e;
}

TEST(Hardening, DirectoriesPipesAndProcFilesGetPlainMessages)
{
    LoadResult r = loadDesignFile("/tmp");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.errors[0].message.find("is a directory"), std::string::npos);

    const std::string fifo = ::testing::TempDir() + "hld_fifo_test";
    std::remove(fifo.c_str());
    ASSERT_EQ(std::system(("mkfifo " + fifo).c_str()), 0);
    r = loadDesignFile(fifo);
    std::remove(fifo.c_str());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.errors[0].message.find("not a regular file"), std::string::npos);

    // /proc files report size 0 and used to be "8796093022207 MiB".
    r = loadDesignFile("/proc/self/status");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.errors[0].message.find("malformed JSON at line 1"), std::string::npos)
        << r.errors[0].message;
}

namespace {

const std::string kOneService = R"({"id": "api", "kind": "service",
    "service_time": {"dist": "exponential", "mean_ms": 5}})";

std::string clientWith(const std::string &traffic)
{
    return R"({"id": "users", "kind": "client", "traffic": )" + traffic + "}";
}

std::string design(const std::string &client, const std::string &scenario = "")
{
    return R"({"format": "hld-design", "version": 1, "components": [)" + client + ", " + kOneService
           + R"(], "links": [{"from": "users", "to": "api"}])"
           + (scenario.empty() ? "" : R"(, "scenario": )" + scenario) + "}";
}

} // namespace

// A scenario event far in the future used to drag the clock (and the measured time) to it:
// 32 s of wall time and 0.0 rps for a 60 s run.
TEST(Hardening, FarFutureEventsDoNotStretchTheRun)
{
    const std::string json = design(
        clientWith(R"({"rps": 100})"),
        R"({"events": [{"at_s": 1e9, "action": "set_rps", "target": "users", "value": 5}]})");
    const Results r = runFor(json, 60);
    EXPECT_LT(r.simTimeS, 61.0);
    EXPECT_NEAR(r.endToEnd.throughputRps, 100, 5);

    // The same with a request limit: the run ends when the last request does.
    const Design d = designFromJson(json);
    RunOptions o;
    o.sim.requestLimit = 2000;
    const Results byCount = runDesign(d, o);
    EXPECT_EQ(byCount.endToEnd.count, 2000u);
    EXPECT_LT(byCount.simTimeS, 25.0);
    EXPECT_NEAR(byCount.endToEnd.throughputRps, 100, 8);
}

// A scenario that starts the traffic later still runs: deferred events are kept while they
// can still make requests.
TEST(Hardening, ScenarioThatStartsTrafficLaterStillRuns)
{
    const std::string json = design(
        clientWith(R"({"rps": 0.001})"),
        R"({"events": [{"at_s": 10, "action": "set_rps", "target": "users", "value": 200}]})");
    const Results r = runFor(json, 20);
    EXPECT_NEAR(double(r.endToEnd.count), 2000, 200);
}

// Constant arrivals whose profile reaches 0 never sent again, and a --requests run hung.
TEST(Hardening, ProfileThatFallsToZeroEndsOrResumes)
{
    // A ramp down to 0 stays there: a request-limited run ends with what was sent.
    const Design ramp = designFromJson(design(clientWith(
        R"({"rps": 100, "arrival": "constant",
            "profile": {"shape": "ramp", "start_s": 0, "duration_s": 10, "factor": 0}})")));
    RunOptions o;
    o.sim.requestLimit = 100000;
    const Results r = runDesign(ramp, o);
    // About the area under the ramp: 100 rps falling to 0 over 10 s.
    EXPECT_NEAR(double(r.endToEnd.count), 500, 20);

    // A spike to 0 is an outage that ends: constant and Poisson arrivals both pause, then
    // resume at the full rate.
    for (const char *arrival : {"constant", "poisson"}) {
        const Design spike = designFromJson(design(clientWith(
            std::string(R"({"rps": 100, "arrival": ")") + arrival
            + R"(", "profile": {"shape": "spike", "start_s": 10, "duration_s": 10, "factor": 0}})")));
        RunOptions so;
        so.sim.durationS = 30;
        so.sim.recordSeries = true;
        const Results s = runDesign(spike, so);
        EXPECT_NEAR(double(s.endToEnd.count), 2000, 150) << arrival;
        double during = 0, after = 0;
        for (std::size_t i = 0; i < s.series.size(); ++i) {
            if (s.series.tS[i] > 11 && s.series.tS[i] <= 20)
                during += s.series.throughputRps[i];
            if (s.series.tS[i] > 21 && s.series.tS[i] <= 30)
                after += s.series.throughputRps[i];
        }
        EXPECT_EQ(during, 0.0) << arrival;
        EXPECT_NEAR(after / 9, 100, 12) << arrival;
    }
}

// A spike below 1 (a drop) used to be ignored by Poisson arrivals: no thinning below 1.
TEST(Hardening, PoissonProfileBelowOneThinsTheStream)
{
    const Results r = runFor(
        design(clientWith(
            R"({"rps": 200, "profile": {"shape": "spike", "start_s": 0, "duration_s": 100, "factor": 0.25}})")),
        100);
    EXPECT_NEAR(r.endToEnd.throughputRps, 50, 4);
}

// A replicated store cost replicas x keys x 4 bytes: 10,000 replicas over 1e7 keys aborted
// with bad_alloc. Its memory now follows the keys written and the replication in flight.
TEST(Hardening, ReplicatedStoreMemoryFollowsTheKeysWritten)
{
    Replication spec;
    spec.keys = 10'000'000;
    ReplicatedStore store(spec, 10'000);
    EXPECT_LT(store.bytes(), 1u << 20);
    Rng rng(5);
    for (int i = 0; i < 200; ++i) {
        const auto key = store.drawKey(rng);
        const auto v = store.write(0, key, 0, 10'000);
        for (std::uint32_t r = 1; r < 10'000; ++r)
            store.apply(r, key, v); // replication catches up
    }
    // 200 keys in the newest-version table; every follower's lag table is empty again
    // (what remains is the tables' capacity, reused by later writes).
    for (std::uint32_t r = 1; r < 10'000; r += 999)
        EXPECT_FALSE(store.isStale(r, store.drawKey(rng)));
    EXPECT_LT(store.bytes(), 64u << 20);

    const std::string json = R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 500, "read_ratio": 0.9}},
        {"id": "db", "kind": "database", "replicas": 10000,
         "replication": {"mode": "async", "lag_ms": 20, "keys": 10000000}}],
      "links": [{"from": "users", "to": "db"}]})";
    const Design d = designFromJson(json);
    RunOptions o;
    o.sim.requestLimit = 2000;
    const Results r = runDesign(d, o);
    EXPECT_EQ(r.endToEnd.count, 2000u);
}

namespace {

// A client feeding `n` services in a chain (sync calls), or side by side.
std::string manyServices(int n, bool chain, double rps, double meanMs)
{
    std::string comps
        = R"([{"id": "users", "kind": "client", "traffic": {"rps": )" + std::to_string(rps) + "}}";
    std::string links = "[";
    for (int i = 0; i < n; ++i) {
        comps += R"(, {"id": "s)" + std::to_string(i)
                 + R"(", "kind": "service", "service_time": {"dist": "exponential", "mean_ms": )"
                 + std::to_string(meanMs) + "}}";
        const std::string from = chain && i > 0 ? "s" + std::to_string(i - 1) : "users";
        links += std::string(i ? ", " : "") + R"({"from": ")" + from + R"(", "to": "s)"
                 + std::to_string(i) + R"("})";
    }
    return R"({"format": "hld-design", "version": 1, "components": )" + comps + R"(], "links": )"
           + links + "]}";
}

} // namespace

// --timeseries grew without limit with simulated time (10.1 GB in one run). The series now
// stays within its point budget by widening its windows, and says so.
TEST(Hardening, TimeSeriesWidensItsWindowsInsteadOfGrowing)
{
    const Design d = designFromJson(manyServices(1, false, 2, 1));
    RunOptions o;
    o.sim.durationS = 100000;
    o.sim.recordSeries = true;
    const Results r = runDesign(d, o);
    const TimeSeries &ts = r.series;
    EXPECT_LE(ts.size(), 10000u);
    EXPECT_GT(ts.size(), 5000u);
    EXPECT_TRUE(ts.widened);
    EXPECT_EQ(ts.windowS, 16.0);
    EXPECT_NEAR(ts.tS.back(), 100000, 20);
    // Rates survive the merging: the mean throughput is still the offered 2 per second.
    double sum = 0;
    for (double v : ts.throughputRps)
        sum += v;
    EXPECT_NEAR(sum / double(ts.size()), 2.0, 0.05);

    // The budget counts columns too: 2,000 components leave room for far fewer points.
    const Design wide = designFromJson(manyServices(2000, false, 100, 1));
    RunOptions w;
    w.sim.durationS = 1200;
    w.sim.recordSeries = true;
    const Results rw = runDesign(wide, w);
    const std::size_t bytes = rw.series.size() * (7 + 5 * 2001) * sizeof(double);
    EXPECT_LE(bytes, std::size_t(64) << 20);
    EXPECT_TRUE(rw.series.widened);
}

// The in-flight cap counted requests, not their frames: an overloaded 30-deep chain reached
// 1.59 GB. The cap now bounds requests x frames; the finding states the cap in force.
TEST(Hardening, InFlightCapBoundsFramesNotJustRequests)
{
    // 2,000 rps into services with 4 workers of 4 ms: 1,000 per second of capacity.
    const Design d = designFromJson(manyServices(60, true, 2000, 4));
    RunOptions o;
    o.sim.durationS = 300;
    o.sim.requestMemoryBytes = 32u << 20;
    const Results r = runDesign(d, o);
    EXPECT_EQ(r.status, "unstable");
    std::uint64_t cap = 0;
    for (const auto &f : r.findings) {
        if (f.code == "in_flight_cap")
            cap = std::stoull(f.message.substr(f.message.find("); ") + 3));
    }
    // 32 MiB over (a request + 61 frames of 40 to 64 bytes): about 11,000, not 1,048,576.
    EXPECT_GT(cap, (32u << 20) / (64 + 61 * 64));
    EXPECT_LT(cap, (32u << 20) / (61 * 40));

    // A chain deeper than 64 sync calls is refused at load.
    const LoadResult deep = parseDesign(manyServices(65, true, 10, 1));
    ASSERT_FALSE(deep.ok());
    EXPECT_NE(deep.describe("d").find("starts a chain of 65 sync calls"), std::string::npos)
        << deep.describe("d");
}

namespace {

// 50 rps into a service whose every call to the store fails and is retried once, after
// `backoffS` seconds: each request waits that long for its answer.
std::string slowRetries(double backoffS)
{
    return R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 50}},
        {"id": "svc", "kind": "service", "service_time": {"dist": "exponential", "mean_ms": 2}},
        {"id": "db", "kind": "database", "error_rate": 1,
         "service_time": {"dist": "exponential", "mean_ms": 2}}],
      "links": [{"from": "users", "to": "svc"},
                {"from": "svc", "to": "db", "retry": {"max": 1, "jitter": "none", "backoff_ms": )"
           + std::to_string(backoffS * 1000)
           + ", \"max_backoff_ms\": " + std::to_string(backoffS * 1000) + "}}]}";
}

} // namespace

// A run drained whatever was in flight however long it took: a redelivery storm, a
// backlog or backoffs of hours made a 60-second run take minutes of wall time and hundreds
// of simulated seconds (six fuzz findings). The drain now lasts as long as the arrivals did,
// at least 60 s; what is left is reported, and an unanswered request counts as failed.
TEST(Hardening, TheDrainLastsAsLongAsTheArrivalsAndReportsWhatWasLeft)
{
    const Design d = designFromJson(slowRetries(1000));
    RunOptions o;
    o.sim.durationS = 10;
    const Results cut = runDesign(d, o);
    EXPECT_DOUBLE_EQ(cut.simTimeS, 70.0); // 10 s of arrivals, then max(60 s, 10 s)
    ASSERT_TRUE(cut.drainCut.has_value());
    EXPECT_DOUBLE_EQ(cut.drainCut->atS, 70.0);
    // Every request is waiting for its retry: none answered, all counted failed.
    EXPECT_EQ(cut.endToEnd.ok, 0u);
    EXPECT_EQ(cut.endToEnd.count, cut.created);
    EXPECT_EQ(cut.endToEnd.failed, cut.endToEnd.count);
    EXPECT_EQ(cut.endToEnd.unfinished, cut.endToEnd.count);
    EXPECT_EQ(cut.drainCut->unanswered, cut.created);
    EXPECT_NEAR(double(cut.created), 500.0, 5 * std::sqrt(500.0)); // Poisson, 50 rps x 10 s
    const auto finding = std::find_if(
        cut.findings.begin(), cut.findings.end(), [](auto &f) { return f.code == "drain_cut"; });
    ASSERT_NE(finding, cut.findings.end());
    EXPECT_NE(finding->message.find("t = 70 s"), std::string::npos) << finding->message;
    EXPECT_NE(finding->message.find(std::to_string(cut.created) + " requests without an answer"),
              std::string::npos)
        << finding->message;

    // With the limit off, the same run waits out every backoff: all fail after their retry.
    o.sim.drainS = -1;
    const Results full = runDesign(d, o);
    EXPECT_FALSE(full.drainCut.has_value());
    EXPECT_GT(full.simTimeS, 1000.0);
    EXPECT_EQ(full.endToEnd.failed, full.endToEnd.count);
    EXPECT_EQ(full.endToEnd.unfinished, 0u);
    EXPECT_EQ(full.created, cut.created); // the same seed: the same arrivals

    // The limit follows the arrivals: 100 s of them may drain for 100 s, so 50 s backoffs
    // finish and nothing is cut.
    RunOptions longer;
    longer.sim.durationS = 100;
    const Results settled = runDesign(designFromJson(slowRetries(50)), longer);
    EXPECT_FALSE(settled.drainCut.has_value());
    EXPECT_GT(settled.simTimeS, 149.0); // the last arrival, near 100 s, plus its 50 s backoff
    EXPECT_EQ(settled.endToEnd.unfinished, 0u);
    EXPECT_EQ(settled.endToEnd.failed, settled.endToEnd.count);

    // After --requests N, the drain starts at the last request's creation.
    RunOptions counted;
    counted.sim.requestLimit = 100;
    const Results byCount = runDesign(d, counted);
    ASSERT_TRUE(byCount.drainCut.has_value());
    EXPECT_EQ(byCount.created, 100u);
    EXPECT_GT(byCount.simTimeS, 60.0);
    EXPECT_LT(byCount.simTimeS, 60.0 + 2.0 * 4.0); // the 100th arrival comes near 2 s
    EXPECT_EQ(byCount.endToEnd.unfinished, 100u);
}
