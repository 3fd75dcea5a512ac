// Every rule of the design review fires on a design made to show its flaw, and stays quiet
// on the same design with the flaw fixed. The base design reviews clean.
#include "analysis/flow.h"
#include "io/design_reader.h"
#include "io/design_validate.h"
#include "review/review.h"
#include "review/rule_catalog.h"
#include "sim/network.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <set>

using namespace hld;
using json = nlohmann::json;

namespace {

json base()
{
    return json::parse(R"({
  "format": "hld-design", "version": 1, "name": "review base",
  "regions": [{"name": "us", "x": 0, "y": 0, "width": 2000, "height": 800},
              {"name": "eu", "x": 0, "y": 900, "width": 2000, "height": 800}],
  "components": [
    {"id": "users", "kind": "client", "traffic": {"rps": 200, "read_ratio": 0.9}},
    {"id": "lb", "kind": "load_balancer", "replicas": 2, "justification": "spreads load; two for failover",
     "rate_limit": {"algorithm": "token_bucket", "limit": 100000, "window_s": 1}},
    {"id": "api", "kind": "service", "replicas": 3, "service_time": {"dist": "exponential", "mean_ms": 5},
     "justification": "stateless API"},
    {"id": "cache", "kind": "cache", "hit_ratio": 0.9, "justification": "hot reads"},
    {"id": "db", "kind": "database", "replicas": 3, "justification": "the data",
     "replication": {"mode": "async", "consistency": "AP", "failover_s": 5}}
  ],
  "links": [{"from": "users", "to": "lb"}, {"from": "lb", "to": "api"},
            {"from": "api", "to": "cache"}, {"from": "cache", "to": "db"}]
})");
}

json &comp(json &d, const std::string &id)
{
    for (auto &c : d["components"])
        if (c["id"] == id)
            return c;
    throw std::runtime_error("no component " + id);
}

json &link(json &d, const std::string &from, const std::string &to)
{
    for (auto &l : d["links"])
        if (l["from"] == from && l["to"] == to)
            return l;
    throw std::runtime_error("no link " + from + " -> " + to);
}

void addService(json &d, const std::string &id, int replicas = 1)
{
    d["components"].push_back({{"id", id},
                               {"kind", "service"},
                               {"replicas", replicas},
                               {"justification", "a step"},
                               {"service_time", {{"dist", "exponential"}, {"mean_ms", 1}}}});
}

void addLink(json &d, const std::string &from, const std::string &to, const char *mode = "sync")
{
    d["links"].push_back({{"from", from}, {"to", to}, {"mode", mode}});
}

std::vector<Finding> review(const json &j)
{
    const auto loaded = parseDesign(j.dump());
    EXPECT_TRUE(loaded.ok()) << loaded.describe("test design") << j.dump(1);
    if (!loaded.ok())
        return {};
    return reviewDesignRules(*loaded.design);
}

bool fires(const std::vector<Finding> &fs, const std::string &rule)
{
    return std::any_of(fs.begin(), fs.end(), [&](const Finding &f) { return f.code == rule; });
}

const Finding *firstOf(const std::vector<Finding> &fs, const std::string &rule)
{
    for (const auto &f : fs)
        if (f.code == rule)
            return &f;
    return nullptr;
}

// Client rps that puts `id` at utilisation rho, from the flow analysis at 1 rps.
double rpsForRho(json d, const std::string &id, double rho)
{
    comp(d, "users")["traffic"]["rps"] = 1.0;
    const auto loaded = parseDesign(d.dump());
    const Network net = compileNetwork(*loaded.design);
    const auto flows = analyseFlows(net);
    const int i = loaded.design->indexOf(id);
    return rho / flows[static_cast<std::size_t>(i)].rho;
}

struct Case
{
    const char *rule;
    std::vector<std::string> components; // the finding names these (in any order)
    std::function<void(json &)> flaw;
    std::function<void(json &)> fix; // applied after the flaw
};

std::vector<Case> cases()
{
    return {
        {"unstable",
         {"api"},
         [](json &d) { comp(d, "users")["traffic"]["rps"] = rpsForRho(d, "api", 1.5); },
         [](json &d) { comp(d, "users")["traffic"]["rps"] = rpsForRho(d, "api", 0.5); }},
        {"overloaded",
         {"api"},
         [](json &d) {
             comp(d, "api")["queue_capacity"] = 10;
             comp(d, "users")["traffic"]["rps"] = rpsForRho(d, "api", 1.5);
         },
         [](json &d) { comp(d, "users")["traffic"]["rps"] = rpsForRho(d, "api", 0.5); }},
        {"hot",
         {"api"},
         [](json &d) { comp(d, "users")["traffic"]["rps"] = rpsForRho(d, "api", 0.85); },
         [](json &d) { comp(d, "users")["traffic"]["rps"] = rpsForRho(d, "api", 0.75); }},
        {"client_unconnected",
         {"batch"},
         [](json &d) {
             d["components"].push_back(
                 {{"id", "batch"}, {"kind", "client"}, {"traffic", {{"rps", 5}}}});
         },
         [](json &d) { addLink(d, "batch", "lb"); }},
        {"no_target",
         {"lb2"},
         [](json &d) {
             d["components"].push_back({{"id", "lb2"}, {"kind", "load_balancer"}, {"replicas", 2}});
             addLink(d, "api", "lb2");
         },
         [](json &d) {
             addService(d, "svc2");
             addLink(d, "lb2", "svc2");
         }},
        {"no_consumer",
         {"q"},
         [](json &d) {
             d["components"].push_back(
                 {{"id", "q"}, {"kind", "queue"}, {"justification", "buffer"}});
             addLink(d, "api", "q", "async");
         },
         [](json &d) {
             addService(d, "worker");
             comp(d, "worker")["idempotent"] = true;
             addLink(d, "q", "worker");
         }},
        {"no_balancer",
         {"svc2"},
         [](json &d) {
             addService(d, "svc2", 2);
             addLink(d, "api", "svc2");
         },
         [](json &d) {
             d["links"].erase(d["links"].end() - 1);
             d["components"].push_back({{"id", "lb2"}, {"kind", "load_balancer"}, {"replicas", 2}});
             addLink(d, "api", "lb2");
             addLink(d, "lb2", "svc2");
         }},
        {"single_balancer",
         {"lb"},
         [](json &d) { comp(d, "lb")["replicas"] = 1; },
         [](json &d) { comp(d, "lb")["replicas"] = 2; }},
        {"single_database",
         {"db"},
         [](json &d) {
             comp(d, "db").erase("replication");
             comp(d, "db")["replicas"] = 1;
         },
         [](json &d) {
             comp(d, "db")["replicas"] = 2;
             comp(d, "db")["replication"] = {{"failover_s", 5}};
         }},
        {"replicas_without_replication",
         {"db"},
         [](json &d) { comp(d, "db").erase("replication"); },
         [](json &d) {
             comp(d, "db")["replication"] = {{"failover_s", 5}};
         }},
        {"read_heavy_no_cache",
         {"db", "users"},
         [](json &d) {
             link(d, "cache", "db")["from"] = "api";
             d["components"].erase(d["components"].begin() + 3); // the cache
             link(d, "api", "cache")["to"] = "db";
             d["links"].erase(d["links"].end() - 1);
         },
         [](json &d) {
             d["components"].push_back(
                 {{"id", "cache"}, {"kind", "cache"}, {"justification", "reads"}});
             link(d, "api", "db")["to"] = "cache";
             addLink(d, "cache", "db");
         }},
        {"no_cdn_multi_region",
         {"users", "eu-users"},
         [](json &d) {
             comp(d, "users")["region"] = "us";
             d["components"].push_back({{"id", "eu-users"},
                                        {"kind", "client"},
                                        {"region", "eu"},
                                        {"traffic", {{"rps", 100}, {"read_ratio", 0.9}}}});
             addLink(d, "eu-users", "lb");
         },
         [](json &d) {
             d["components"].push_back(
                 {{"id", "cdn"}, {"kind", "cdn"}, {"justification", "edges"}});
         }},
        {"sync_cross_region",
         {"api", "db"},
         [](json &d) {
             for (const char *id : {"lb", "api", "cache"})
                 comp(d, id)["region"] = "us";
             comp(d, "db")["region"] = "eu";
             link(d, "cache", "db")["from"] = "api";
             link(d, "api", "db");
         },
         [](json &d) { comp(d, "db")["region"] = "us"; }},
        {"no_rate_limit",
         {"lb"},
         [](json &d) { comp(d, "lb").erase("rate_limit"); },
         [](json &d) {
             comp(d, "api")["rate_limit"] = {{"algorithm", "token_bucket"}, {"limit", 10000}};
         }},
        {"too_many_services",
         {"api", "s1", "s2", "s3", "s4"},
         [](json &d) {
             for (const char *id : {"s1", "s2", "s3", "s4"}) {
                 addService(d, id);
                 addLink(d, "api", id, "async");
             }
         },
         [](json &d) {
             // the same services at a scale that justifies them
             comp(d, "users")["traffic"]["rps"] = 2500;
             comp(d, "api")["replicas"] = 30;
             for (const char *id : {"s1", "s2", "s3", "s4"})
                 comp(d, id)["replicas"] = 8;
         }},
        {"no_justification",
         {"api"},
         [](json &d) { comp(d, "api").erase("justification"); },
         [](json &d) { comp(d, "api")["justification"] = "stateless API, scales out"; }},
        {"deep_sync_chain",
         {"api", "s1", "s2", "s3", "s4"},
         [](json &d) {
             const char *chain[] = {"api", "s1", "s2", "s3", "s4"};
             for (int i = 1; i < 5; ++i) {
                 addService(d, chain[i]);
                 addLink(d, chain[i - 1], chain[i]);
             }
             comp(d, "users")["traffic"]["rps"] = 2500; // not too many services for the scale
             comp(d, "api")["replicas"] = 30;
             for (int i = 1; i < 5; ++i)
                 comp(d, chain[i])["replicas"] = 8;
             link(d, "api", "s1")["timeout_ms"] = 500; // one guarded call is not enough
         },
         [](json &d) {
             for (auto &l : d["links"])
                 if (std::string(l["from"]).rfind("s", 0) == 0)
                     l["circuit_breaker"] = json::object();
         }},
        {"retry_without_backoff",
         {"api", "cache"},
         [](json &d) {
             link(d, "api", "cache")["timeout_ms"] = 100;
             link(d, "api", "cache")["retry"] = {{"max", 2}, {"backoff_ms", 0}};
         },
         [](json &d) {
             link(d, "api", "cache")["retry"]
                 = {{"max", 2}, {"backoff_ms", 50}, {"jitter", "full"}};
         }},
        {"retry_without_timeout",
         {"api", "cache"},
         [](json &d) {
             link(d, "api", "cache")["retry"] = {{"max", 2}, {"jitter", "full"}};
         },
         [](json &d) { link(d, "api", "cache")["timeout_ms"] = 100; }},
        {"at_least_once_not_idempotent",
         {"worker", "q"},
         [](json &d) {
             d["components"].push_back(
                 {{"id", "q"}, {"kind", "queue"}, {"justification", "buffer"}});
             addService(d, "worker");
             addLink(d, "api", "q", "async");
             addLink(d, "q", "worker");
         },
         [](json &d) { comp(d, "worker")["idempotent"] = true; }},
        {"local_sessions_round_robin",
         {"api", "lb"},
         [](json &d) {
             comp(d, "api")["sessions"] = "local";
             comp(d, "users")["traffic"]["users"] = 100;
         },
         [](json &d) { comp(d, "lb")["sticky"] = true; }},
        {"no_failover",
         {"db"},
         [](json &d) { comp(d, "db")["replication"].erase("failover_s"); },
         [](json &d) { comp(d, "db")["replication"]["failover_s"] = 10; }},
        {"range_shard_growing_key",
         {"db", "users"},
         [](json &d) {
             comp(d, "users")["traffic"]["read_ratio"] = 0.5;
             comp(d, "users")["traffic"]["keys"]
                 = {{"count", 1000}, {"write_pattern", "sequential"}};
             comp(d, "db")["shards"] = {{"count", 4}, {"strategy", "range"}};
         },
         [](json &d) { comp(d, "db")["shards"]["strategy"] = "hash"; }},
        {"write_behind_critical",
         {"cache", "db"},
         [](json &d) {
             comp(d, "users")["traffic"]["keys"] = {{"count", 1000}};
             comp(d, "cache").erase("hit_ratio");
             comp(d, "cache")["capacity_keys"] = 500;
             comp(d, "cache")["ttl_s"] = 60;
             comp(d, "cache")["strategy"] = "write_behind";
             comp(d, "db")["replication"]["mode"] = "sync";
         },
         [](json &d) { comp(d, "cache")["strategy"] = "write_through"; }},
        {"ap_for_money",
         {"db"},
         [](json &d) { comp(d, "db")["label"] = "Payments ledger"; },
         [](json &d) { comp(d, "db")["replication"]["consistency"] = "CP"; }},
        {"cache_over_strong_data",
         {"cache", "db"},
         [](json &d) { comp(d, "db")["replication"]["consistency"] = "CP"; },
         [](json &d) { comp(d, "db")["replication"]["consistency"] = "AP"; }},
        {"quorum_no_overlap",
         {"db"},
         [](json &d) {
             comp(d, "db")["replication"].erase("failover_s");
             comp(d, "db")["replication"]["quorum"] = {{"r", 1}, {"w", 1}};
         },
         [](json &d) {
             comp(d, "db")["replication"]["quorum"] = {{"r", 2}, {"w", 2}};
         }},
        {"cache_without_ttl",
         {"cache"},
         [](json &d) {
             comp(d, "users")["traffic"]["keys"] = {{"count", 1000}};
             comp(d, "cache").erase("hit_ratio");
             comp(d, "cache")["capacity_keys"] = 500;
         },
         [](json &d) { comp(d, "cache")["ttl_s"] = 300; }},
        {"sync_replication_cross_region",
         {"db"},
         [](json &d) {
             comp(d, "db")["region"] = "us";
             comp(d, "db")["replication"]["mode"] = "sync";
             comp(d, "db")["replication"]["replica_regions"] = {"us", "eu", "eu"};
         },
         [](json &d) { comp(d, "db")["replication"]["mode"] = "async"; }},
    };
}

} // namespace

TEST(ReviewRules, TheBaseDesignReviewsClean)
{
    const auto fs = review(base());
    for (const auto &f : fs)
        ADD_FAILURE() << f.code << ": " << f.message;
}

TEST(ReviewRules, EveryRuleFiresOnItsFlawAndStaysQuietOnceFixed)
{
    std::set<std::string> tested;
    for (const auto &c : cases()) {
        SCOPED_TRACE(c.rule);
        ASSERT_NE(findRule(c.rule), nullptr) << "not in the catalogue";
        json d = base();
        c.flaw(d);
        const auto flawed = review(d);
        const Finding *f = firstOf(flawed, c.rule);
        ASSERT_NE(f, nullptr) << "did not fire";
        EXPECT_EQ(f->severity, findRule(c.rule)->severity);
        EXPECT_FALSE(f->fix.empty());
        EXPECT_EQ(std::set<std::string>(f->components.begin(), f->components.end()),
                  std::set<std::string>(c.components.begin(), c.components.end()))
            << f->message;
        c.fix(d);
        const auto fixed = review(d);
        EXPECT_FALSE(fires(fixed, c.rule)) << "still fires: " << firstOf(fixed, c.rule)->message;
        tested.insert(c.rule);
    }
    // Every rule of the catalogue has its case.
    for (const auto &r : ruleCatalog())
        EXPECT_TRUE(tested.count(std::string(r.id))) << r.id << " has no test case";
    EXPECT_GE(ruleCatalog().size(), 25u);
}

TEST(ReviewRules, MeasuredUtilisationDecidesTheHotRule)
{
    const auto loaded = parseDesign(base().dump());
    ASSERT_TRUE(loaded.ok());
    ReviewOptions measured;
    measured.measuredUtilisation.assign(loaded.design->components.size(), 0.1);
    measured.measuredUtilisation[2] = 0.93; // api
    const auto fs = reviewDesignRules(*loaded.design, measured);
    const Finding *hot = firstOf(fs, "hot");
    ASSERT_NE(hot, nullptr);
    EXPECT_EQ(hot->component, "api");
    EXPECT_NE(hot->message.find("93%"), std::string::npos) << hot->message;
    measured.measuredUtilisation[2] = 0.5;
    EXPECT_FALSE(fires(reviewDesignRules(*loaded.design, measured), "hot"));
}

// A store with a replica in the caller's region answers the caller there, so the call
// does not cross regions: always for a leaderless (quorum) store, and for reads when a
// leader takes the writes. The simulator picks that replica, and the rule follows it.
TEST(ReviewRules, ALocalReplicaKeepsTheCallInItsRegion)
{
    json d = base();
    for (const char *id : {"lb", "api", "cache"})
        comp(d, id)["region"] = "us";
    comp(d, "db")["region"] = "eu";
    link(d, "cache", "db")["from"] = "api"; // api -> db, uncached
    auto &rep = comp(d, "db")["replication"];
    rep["replica_regions"] = {"eu", "us", "eu"};
    EXPECT_TRUE(fires(review(d), "sync_cross_region")) << "writes still go to the eu leader";
    link(d, "api", "db")["requests"] = "reads";
    EXPECT_FALSE(fires(review(d), "sync_cross_region")) << "reads: the us follower";
    rep["read_from"] = "leader";
    EXPECT_TRUE(fires(review(d), "sync_cross_region")) << "reads from the eu leader";
    rep["read_from"] = "any";
    link(d, "api", "db").erase("requests");
    rep["quorum"] = {{"r", 2}, {"w", 2}};
    EXPECT_FALSE(fires(review(d), "sync_cross_region")) << "leaderless: the us replica coordinates";
    rep["replica_regions"] = {"eu", "eu", "eu"};
    EXPECT_TRUE(fires(review(d), "sync_cross_region")) << "no replica in us";
}

TEST(ReviewRules, ErrorsComeFirstAndTheJsonFollowsTheContract)
{
    json d = base();
    comp(d, "users")["traffic"]["rps"] = rpsForRho(d, "api", 2.0);
    comp(d, "lb")["replicas"] = 1;
    const auto fs = review(d);
    ASSERT_GE(fs.size(), 2u);
    EXPECT_EQ(fs.front().severity, Severity::Error);
    const auto j = json::parse(reviewToJsonText(fs));
    EXPECT_EQ(j["format"], "hld-review");
    for (const auto &f : j["findings"]) {
        for (const char *key : {"rule", "severity", "components", "message", "fix"})
            EXPECT_TRUE(f.contains(key)) << key;
        EXPECT_TRUE(f["severity"] == "error" || f["severity"] == "warning"
                    || f["severity"] == "info");
    }
    const auto rules = json::parse(rulesToJsonText());
    ASSERT_EQ(rules["rules"].size(), ruleCatalog().size());
    for (const auto &r : rules["rules"])
        for (const char *key : {"id", "severity", "title", "why", "fix"})
            EXPECT_FALSE(r[key].get<std::string>().empty()) << key;
}
