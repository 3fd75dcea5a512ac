// Every kind of bad input gets an error naming the JSON path and the problem, and never a
// partial design.
#include "io/design_reader.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace hld;

namespace {

std::string wrap(const std::string &components, const std::string &links = "[]")
{
    return R"({"format": "hld-design", "version": 1, "components": )" + components
           + R"(, "links": )" + links + "}";
}

const std::string kClient = R"({"id": "u", "kind": "client", "traffic": {"rps": 10}})";

struct Case
{
    const char *what;
    std::string text;
    std::string path;
    std::string message; // a substring of the message
};

std::vector<Case> cases()
{
    return {
        {"malformed JSON",
         "{\"format\": \"hld-design\",\n  \"version\": 1,,}",
         "",
         "malformed JSON at line 2, column 16"},
        {"not an object", "[1, 2]", "", "must be a JSON object"},
        {"wrong format",
         R"({"format": "drawio", "version": 1, "components": []})",
         "/format",
         "\"hld-design\""},
        {"newer version",
         R"({"format": "hld-design", "version": 2, "components": []})",
         "/version",
         "newer than this HLD Studio reads"},
        {"missing components",
         R"({"format": "hld-design", "version": 1})",
         "/components",
         "is required"},
        {"wrong type",
         wrap("[" + kClient + R"(, {"id": "a", "kind": "service", "replicas": "3"}])"),
         "/components/1/replicas",
         "must be a whole number, not a string"},
        {"fractional count",
         wrap(R"([{"id": "a", "kind": "service", "replicas": 2.5}])"),
         "/components/0/replicas",
         "must be a whole number"},
        {"unknown kind",
         wrap(R"([{"id": "a", "kind": "mainframe"}])"),
         "/components/0/kind",
         "unknown kind \"mainframe\""},
        {"zero replicas",
         wrap(R"([{"id": "a", "kind": "service", "replicas": 0}])"),
         "/components/0/replicas",
         "must be between 1 and 10000"},
        {"negative workers",
         wrap(R"([{"id": "a", "kind": "service", "workers": -2}])"),
         "/components/0/workers",
         "must be between 1"},
        {"ratio above one",
         wrap(R"([{"id": "c", "kind": "cache", "hit_ratio": 1.5}])"),
         "/components/0/hit_ratio",
         "between 0 and 1"},
        {"read ratio below zero",
         wrap(R"([{"id": "u", "kind": "client", "traffic": {"rps": 5, "read_ratio": -0.1}}])"),
         "/components/0/traffic/read_ratio",
         "between 0 and 1"},
        {"negative rate",
         wrap(R"([{"id": "u", "kind": "client", "traffic": {"rps": -5}}])"),
         "/components/0/traffic/rps",
         "between 0"},
        {"negative time",
         wrap(
             R"([{"id": "a", "kind": "service", "service_time": {"dist": "constant", "mean_ms": -1}}])"),
         "/components/0/service_time/mean_ms",
         "between 0"},
        {"negative latency",
         wrap("[" + kClient + R"(, {"id": "a", "kind": "service"}])",
              R"([{"from": "u", "to": "a", "latency_ms": -3}])"),
         "/links/0/latency_ms",
         "between 0"},
        {"lognormal without cv",
         wrap(
             R"([{"id": "a", "kind": "service", "service_time": {"dist": "lognormal", "mean_ms": 5}}])"),
         "/components/0/service_time/cv",
         "is required for a lognormal"},
        {"dangling link",
         wrap("[" + kClient + "]", R"([{"from": "u", "to": "ghost"}])"),
         "/links/0/to",
         "no component has the id \"ghost\""},
        {"duplicate id",
         wrap(R"([{"id": "a", "kind": "service"}, {"id": "a", "kind": "database"}])"),
         "/components/1/id",
         "duplicate id \"a\""},
        {"bad id",
         wrap(R"([{"id": "9lives", "kind": "service"}])"),
         "/components/0/id",
         "not a valid id"},
        {"duplicate link",
         wrap("[" + kClient + R"(, {"id": "a", "kind": "service"}])",
              R"([{"from": "u", "to": "a"}, {"from": "u", "to": "a"}])"),
         "/links/1",
         "duplicate link"},
        {"client as target",
         wrap(R"([{"id": "a", "kind": "service"}, )" + kClient + "]",
              R"([{"from": "a", "to": "u"}])"),
         "/links/0/to",
         "a client cannot be a link target"},
        {"sync cycle",
         wrap(
             R"([{"id": "a", "kind": "service"}, {"id": "b", "kind": "service"}, {"id": "c", "kind": "service"}])",
             R"([{"from": "a", "to": "b"}, {"from": "b", "to": "c"}, {"from": "c", "to": "a"}])"),
         "/links/2",
         "sync links form a cycle: \"a\" -> \"b\" -> \"c\" -> \"a\""},
        {"async loop",
         wrap(
             R"([{"id": "a", "kind": "service"}, {"id": "b", "kind": "service"}])",
             R"([{"from": "a", "to": "b", "mode": "async"}, {"from": "b", "to": "a", "mode": "async"}])"),
         "/links/1",
         "links form a loop through an async link or a queue: \"a\" -> \"b\" -> \"a\""},
        {"loop through a queue",
         wrap(R"([{"id": "q", "kind": "queue"}, {"id": "w", "kind": "service"}])",
              R"([{"from": "q", "to": "w"}, {"from": "w", "to": "q", "requests": "writes"}])"),
         "/links/1",
         "links form a loop through an async link or a queue"},
        {"self link",
         wrap(R"([{"id": "a", "kind": "service"}])", R"([{"from": "a", "to": "a"}])"),
         "/links/0",
         "to itself is a cycle"},
        {"unknown field",
         wrap(R"([{"id": "a", "kind": "service", "replica": 3}])"),
         "/components/0/replica",
         "unknown field"},
        {"field of another kind",
         wrap(R"([{"id": "a", "kind": "service", "hit_ratio": 0.5}])"),
         "/components/0/hit_ratio",
         "applies only to a cache or a cdn"},
        {"client without traffic",
         wrap(R"([{"id": "u", "kind": "client"}])"),
         "/components/0/traffic",
         "is required for a client"},
        {"unknown instance",
         wrap(R"([{"id": "a", "kind": "service", "instance": "huge"}])"),
         "/components/0/instance",
         "unknown instance size \"huge\""},
        {"unknown algorithm",
         wrap(R"([{"id": "lb", "kind": "load_balancer", "algorithm": "fastest"}])"),
         "/components/0/algorithm",
         "unknown value \"fastest\""},
        {"unknown scenario action",
         R"({"format": "hld-design", "version": 1, "components": [)" + kClient
             + R"(], "scenario": {"events": [{"at_s": 5, "action": "explode", "target": "u"}]}})",
         "/scenario/events/0/action",
         "unknown action \"explode\""},
        {"scenario target missing",
         R"({"format": "hld-design", "version": 1, "components": [)" + kClient
             + R"(], "scenario": {"events": [{"at_s": 5, "action": "kill", "target": "ghost"}]}})",
         "/scenario/events/0/target",
         "no component has the id \"ghost\""},
        {"scenario value missing",
         R"({"format": "hld-design", "version": 1, "components": [)" + kClient
             + R"(], "scenario": {"events": [{"at_s": 5, "action": "set_rps", "target": "u"}]}})",
         "/scenario/events/0/value",
         "is required for set_rps"},
        {"autoscale max below min",
         wrap(R"([{"id": "a", "kind": "service", "autoscale": {"min": 5, "max": 2}}])"),
         "/components/0/autoscale/max",
         "is below min"},
        {"replication on a service",
         wrap(R"([{"id": "a", "kind": "service", "replication": {"mode": "sync"}}])"),
         "/components/0/replication",
         "applies only to a database or a cache"},
        {"deep nesting",
         std::string(100, '[') + std::string(100, ']'),
         "",
         "nesting deeper than 32"},
        {"huge number",
         wrap(R"([{"id": "a", "kind": "service", "workers": 1e400}])"),
         "",
         "malformed JSON"},
    };
}

} // namespace

TEST(DesignErrors, EveryBadInputIsNamedByPathAndProblem)
{
    for (const auto &c : cases()) {
        const LoadResult r = parseDesign(c.text);
        EXPECT_FALSE(r.ok()) << c.what;
        EXPECT_FALSE(r.design.has_value()) << c.what << ": a failed load must not half-load";
        bool found = false;
        for (const auto &e : r.errors)
            found = found || (e.path == c.path && e.message.find(c.message) != std::string::npos);
        EXPECT_TRUE(found) << c.what << ": expected " << c.path << ": ..." << c.message
                           << "...\n got:\n"
                           << r.describe("test");
    }
}

TEST(DesignErrors, TooManyComponentsIsRefused)
{
    std::string comps = "[";
    for (int i = 0; i <= 10000; ++i) {
        if (i)
            comps += ',';
        comps += R"({"id": "s)";
        comps += std::to_string(i);
        comps += R"(", "kind": "service"})";
    }
    comps += "]";
    const auto r = parseDesign(wrap(comps));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.errors[0].path, "/components");
    EXPECT_NE(r.errors[0].message.find("at most 10000"), std::string::npos);
}

TEST(DesignErrors, DescribeNamesTheFile)
{
    const auto r = parseDesign(wrap(R"([{"id": "a", "kind": "service", "replicas": 0}])"));
    EXPECT_EQ(r.describe("shop.hld.json"),
              "shop.hld.json: /components/0/replicas: is 0; must be between 1 and 10000\n");
}

TEST(DesignErrors, MissingFileIsAnErrorNotACrash)
{
    const auto r = loadDesignFile("/nonexistent/dir/x.hld.json");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.errors[0].message.find("cannot open"), std::string::npos);
}

TEST(DesignErrors, GarbageNeverCrashes)
{
    // Every prefix of a valid design is either valid or an error: never a crash or a hang.
    const std::string text = wrap("[" + kClient + R"(, {"id": "a", "kind": "service"}])",
                                  R"([{"from": "u", "to": "a"}])");
    for (std::size_t n = 0; n < text.size(); ++n) {
        const auto r = parseDesign(text.substr(0, n));
        EXPECT_FALSE(r.ok()) << n;
    }
    EXPECT_TRUE(parseDesign(text).ok());
}

TEST(DesignErrors, EveryInvalidSampleFileIsRefused)
{
    // The same files the JSON Schema must refuse (schema_validates_shipped_designs).
    int seen = 0;
    for (const auto &e :
         std::filesystem::directory_iterator(std::string(HLD_SOURCE_DIR) + "/tests/data/invalid")) {
        ++seen;
        const auto r = loadDesignFile(e.path().string());
        EXPECT_FALSE(r.ok()) << e.path();
        EXPECT_FALSE(r.errors.empty()) << e.path();
    }
    EXPECT_GE(seen, 10);
}

TEST(DesignErrors, RandomMutationsNeverCrashOrHalfLoad)
{
    // A small in-process fuzzer: flip, insert and delete bytes of a valid design.
    const std::string text = wrap(
        "[" + kClient
            + R"(, {"id": "lb", "kind": "load_balancer", "algorithm": "least_connections"},
               {"id": "a", "kind": "service", "replicas": 2,
                "service_time": {"dist": "lognormal", "mean_ms": 4, "cv": 1.2}},
               {"id": "c", "kind": "cache", "hit_ratio": 0.5}])",
        R"([{"from": "u", "to": "lb"}, {"from": "lb", "to": "a"}, {"from": "a", "to": "c"}])");
    ASSERT_TRUE(parseDesign(text).ok());
    std::uint64_t state = 12345;
    auto next = [&] {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<std::uint32_t>(state >> 33);
    };
    const std::string alphabet = "{}[]\":,0123456789.-eE truefalsnul\\/";
    int refused = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string t = text;
        const int edits = 1 + static_cast<int>(next() % 4);
        for (int k = 0; k < edits && !t.empty(); ++k) {
            const std::size_t pos = next() % t.size();
            const char c = alphabet[next() % alphabet.size()];
            switch (next() % 3) {
            case 0:
                t[pos] = c;
                break;
            case 1:
                t.insert(t.begin() + static_cast<long>(pos), c);
                break;
            default:
                t.erase(pos, 1);
            }
        }
        const auto r = parseDesign(t);
        EXPECT_EQ(r.ok(), r.errors.empty());
        refused += !r.ok();
    }
    EXPECT_GT(refused, 10000); // most mutations break something, and each was reported
}
