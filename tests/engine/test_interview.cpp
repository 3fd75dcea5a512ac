// Interview practice: the prompts and their reference designs, the guide's worked
// estimate, the phases of the clock, the interview kept in the design file, and the rubric
// that tells a weak design from a strong one with feedback that names the right parts.
#include "analysis/estimator.h"
#include "interview/drills.h"
#include "interview/phases.h"
#include "interview/prompt.h"
#include "interview/score.h"
#include "interview/session_report.h"
#include "io/design_reader.h"
#include "io/design_validate.h"
#include "io/design_writer.h"
#include "report/report_document.h"
#include "review/review.h"
#include "sim/run.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

using namespace hld;
namespace fs = std::filesystem;

namespace {

const fs::path kPrompts = fs::path(HLD_SOURCE_DIR) / "resources" / "prompts";

std::vector<Prompt> allPrompts()
{
    std::vector<Prompt> out;
    for (const auto &e : fs::directory_iterator(kPrompts)) {
        const auto name = e.path().filename().string();
        if (name.size() > 12 && name.ends_with(".prompt.json")) {
            auto r = loadPromptFile(e.path().string());
            EXPECT_TRUE(r.prompt) << r.error;
            if (r.prompt)
                out.push_back(*r.prompt);
        }
    }
    std::sort(out.begin(), out.end(), [](auto &a, auto &b) { return a.id < b.id; });
    return out;
}

Prompt prompt(const std::string &id)
{
    auto r = loadPromptFile((kPrompts / (id + ".prompt.json")).string());
    if (!r.prompt)
        throw std::runtime_error(r.error);
    return *r.prompt;
}

Design reference(const Prompt &p)
{
    auto r = loadDesignFile((kPrompts / p.reference).string());
    if (!r.ok())
        throw std::runtime_error(r.describe(p.reference));
    return *r.design;
}

DrillOptions quick()
{
    DrillOptions o;
    o.durationS = 12;
    o.warmupS = 2;
    o.faultAtS = 5;
    return o;
}

bool justifiesTradeOff(const Design &d, const std::vector<std::string> &ids)
{
    for (const auto &id : ids)
        if (const auto *c = d.find(id); c && c->justification) {
            std::string j = *c->justification;
            std::transform(j.begin(), j.end(), j.begin(), ::tolower);
            if (j.find("trade-off") != std::string::npos)
                return true;
        }
    return false;
}

} // namespace

TEST(Prompts, FifteenOrMoreCoverTheIssuesList)
{
    const auto prompts = allPrompts();
    EXPECT_GE(prompts.size(), 15u);
    std::set<std::string> ids;
    for (const auto &p : prompts)
        ids.insert(p.id);
    for (const char *id : {"url-shortener",
                           "news-feed",
                           "chat",
                           "video-streaming",
                           "ride-hailing",
                           "ecommerce-checkout",
                           "rate-limiter",
                           "web-crawler",
                           "notification-system",
                           "file-storage-sync",
                           "search-autocomplete",
                           "payment-system",
                           "leaderboard",
                           "metrics-logging",
                           "ticket-booking"})
        EXPECT_TRUE(ids.count(id)) << id;
    for (const auto &p : prompts) {
        SCOPED_TRACE(p.id);
        EXPECT_FALSE(p.statement.empty());
        EXPECT_GE(p.functional.size(), 2u);
        EXPECT_GE(p.strongAnswer.size(), 3u);
        EXPECT_GE(p.followUps.size(), 3u);
        const bool fault = std::any_of(p.followUps.begin(), p.followUps.end(), [](auto &q) {
            return q.drill && *q.drill != DrillKind::Load10x;
        });
        EXPECT_TRUE(fault) << "no follow-up becomes a fault drill";
        EXPECT_GT(p.targetRps(), 50.0);
        EXPECT_LT(p.targetRps(), 50000.0) << "the drills simulate 10x this";
    }
}

TEST(Prompts, EveryReferenceDesignLoadsRunsAndReviewsWithoutErrors)
{
    for (const auto &p : allPrompts()) {
        SCOPED_TRACE(p.id);
        const Design d = reference(p);
        double rps = 0;
        for (const auto &c : d.components)
            if (c.traffic)
                rps += c.traffic->rps;
        EXPECT_NEAR(rps / p.targetRps(), 1.0, 0.05) << "the reference is sized at the target";
        for (const auto &f : reviewDesignRules(d)) {
            EXPECT_NE(f.severity, Severity::Error) << f.code << ": " << f.message;
            if (f.severity == Severity::Warning) {
                EXPECT_TRUE(justifiesTradeOff(d, f.components))
                    << "warning with no trade-off stated: " << f.code << ": " << f.message;
            }
        }
        RunOptions run;
        run.sim.durationS = 4;
        run.sim.warmupS = 1;
        const Results r = runDesign(d, run);
        EXPECT_EQ(r.status, "ok");
        EXPECT_GT(r.endToEnd.count, 100u);
    }
}

TEST(Prompts, TheShippedTemplatesReviewWithoutErrorsAndStateTheirTradeOffs)
{
    for (const auto &e :
         fs::directory_iterator(fs::path(HLD_SOURCE_DIR) / "resources" / "templates")) {
        SCOPED_TRACE(e.path().filename().string());
        const auto loaded = loadDesignFile(e.path().string());
        ASSERT_TRUE(loaded.ok());
        for (const auto &f : reviewDesignRules(*loaded.design)) {
            EXPECT_NE(f.severity, Severity::Error) << f.code << ": " << f.message;
            if (f.severity == Severity::Warning) {
                EXPECT_TRUE(justifiesTradeOff(*loaded.design, f.components))
                    << "warning with no trade-off stated: " << f.code << ": " << f.message;
            }
        }
    }
}

TEST(Prompts, BrokenPromptsAreRefusedWithTheField)
{
    auto r = parsePrompt(R"({"format": "hld-prompt", "id": "x"})");
    EXPECT_FALSE(r.prompt);
    EXPECT_NE(r.error.find("title"), std::string::npos) << r.error;
    std::string text = R"({"format":"hld-prompt","id":"x","title":"t","statement":"s",
      "functional":["a"],"strong_answer":["b"],"reference":"x.hld.json",
      "scale":{"dau":1e6,"requests_per_user":1,"read_ratio":0.9,"payload_bytes":1,
               "retention_days":1,"peak_factor":3,"p99_ms":100,"availability":0.999},
      "follow_ups":[{"question":"q","drill":"explode"}]})";
    r = parsePrompt(text);
    EXPECT_FALSE(r.prompt);
    EXPECT_NE(r.error.find("/follow_ups/0/drill"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("kill_database_leader"), std::string::npos) << r.error;
    // A target names what a component drill acts on: an array of words, with such a drill.
    const auto withFollowUp = [&](const std::string &followUp) {
        std::string t = text;
        t.replace(t.find(R"({"question":"q","drill":"explode"})"), 34, followUp);
        return parsePrompt(t);
    };
    r = withFollowUp(R"({"question":"q","drill":"hot_key","target":["cache"]})");
    EXPECT_FALSE(r.prompt);
    EXPECT_NE(r.error.find("/follow_ups/0/target"), std::string::npos) << r.error;
    r = withFollowUp(R"({"question":"q","drill":"kill_cache","target":"cache"})");
    EXPECT_FALSE(r.prompt);
    EXPECT_NE(r.error.find("/follow_ups/0/target"), std::string::npos) << r.error;
    r = withFollowUp(R"({"question":"q","drill":"kill_cache","target":["cache"]})");
    ASSERT_TRUE(r.prompt) << r.error;
    EXPECT_EQ(r.prompt->followUps[0].target, std::vector<std::string>{"cache"});
    r = parsePrompt("[1, 2");
    EXPECT_FALSE(r.prompt);
    EXPECT_NE(r.error.find("not JSON"), std::string::npos);
}

// A follow-up's drill acts on what the question is about: the payment provider, not the
// busiest database (every slow_dependency drill slowed a database, whatever was asked).
// Each shipped target names a component of its own reference, and a design without one
// gets the busiest, with a note.
TEST(Prompts, DrillsActOnWhatTheQuestionNames)
{
    for (const auto &p : allPrompts()) {
        const Design d = reference(p);
        for (const auto &spec : drillPlan(p)) {
            if (spec.target.empty())
                continue;
            SCOPED_TRACE(p.id + ": " + spec.question);
            Design drilled;
            DrillResult r;
            ASSERT_TRUE(prepareDrill(d, p, spec, quick(), drilled, r));
            EXPECT_EQ(r.fault.find("does not name"), std::string::npos) << r.fault;
        }
    }
    const Prompt p = prompt("ecommerce-checkout");
    const auto plan = drillPlan(p);
    const auto slow = std::find_if(
        plan.begin(), plan.end(), [](auto &s) { return s.kind == DrillKind::SlowDependency; });
    ASSERT_NE(slow, plan.end());
    Design drilled;
    DrillResult r;
    ASSERT_TRUE(prepareDrill(reference(p), p, *slow, quick(), drilled, r));
    EXPECT_EQ(r.faulted, std::vector<std::string>{"payments"}) << r.fault;
    // Without the question's target, the busiest database, as before.
    DrillSpec untargeted = *slow;
    untargeted.target.clear();
    ASSERT_TRUE(prepareDrill(reference(p), p, untargeted, quick(), drilled, r));
    EXPECT_EQ(r.faulted, std::vector<std::string>{"catalog-db"});
    // A design that names no payment component: the busiest, said so.
    Design other = reference(p);
    for (auto &c : other.components)
        if (c.id == "payments")
            c.label = "Card processor";
    for (auto &c : other.components)
        if (c.id == "payments")
            c.id = "psp";
    for (auto &l : other.links)
        if (l.to == "payments")
            l.to = "psp";
    ASSERT_TRUE(prepareDrill(other, p, *slow, quick(), drilled, r));
    EXPECT_EQ(r.faulted, std::vector<std::string>{"catalog-db"});
    EXPECT_NE(r.fault.find("the question is about 'payment', which this design does not name"),
              std::string::npos)
        << r.fault;
}

TEST(Interview, TheGuidesWorkedEstimate)
{
    // "100M DAU with 10 requests/user/day = 1B requests/day = ~12K req/sec"
    EstimateInput in;
    in.dau = 100e6;
    in.requestsPerUser = 10;
    const Estimate e = estimate(in);
    ASSERT_NE(e.find("avg_rps"), nullptr);
    EXPECT_NEAR(e.find("avg_rps")->value, 11574.07, 0.01);
    EXPECT_NEAR(e.find("peak_rps")->value, 3 * 11574.07, 0.05);
    EXPECT_FALSE(e.find("avg_rps")->steps.empty());
}

TEST(Interview, PhasesFollowTheConfiguredMinutes)
{
    std::array<double, kInterviewPhases> m = kDefaultPhaseMinutes; // 5 5 5 15 12 3
    EXPECT_EQ(phaseAt(m, 0).phase, InterviewPhase::Requirements);
    EXPECT_DOUBLE_EQ(phaseAt(m, 0).leftInPhaseS, 300);
    EXPECT_EQ(phaseAt(m, 299.9).phase, InterviewPhase::Requirements);
    EXPECT_EQ(phaseAt(m, 300).phase, InterviewPhase::Estimation);
    EXPECT_EQ(phaseAt(m, 15 * 60).phase, InterviewPhase::HighLevel);
    EXPECT_EQ(phaseAt(m, 30 * 60).phase, InterviewPhase::DeepDive);
    EXPECT_EQ(phaseAt(m, 42 * 60).phase, InterviewPhase::ScaleAndFailures);
    EXPECT_DOUBLE_EQ(phaseAt(m, 42 * 60).totalS, 45 * 60);
    EXPECT_FALSE(phaseAt(m, 44 * 60).overtime);
    const auto over = phaseAt(m, 46 * 60);
    EXPECT_TRUE(over.overtime);
    EXPECT_EQ(over.phase, InterviewPhase::ScaleAndFailures);
    EXPECT_DOUBLE_EQ(over.leftInPhaseS, 0);
    m[0] = 10; // a longer requirements phase moves every boundary
    EXPECT_EQ(phaseAt(m, 9 * 60).phase, InterviewPhase::Requirements);
    EXPECT_EQ(phaseAt(m, 14 * 60).phase, InterviewPhase::Estimation);
}

TEST(Interview, IsKeptInTheDesignFileExactly)
{
    Design d = reference(prompt("url-shortener"));
    Interview iv;
    iv.prompt = "url-shortener";
    iv.phaseMinutes[3] = 20;
    iv.elapsedS = 754.5;
    iv.requirements = "How many users?\nRead/write ratio?";
    iv.api = {{"POST", "/links", "create"}, {"GET", "/{code}", "redirect"}};
    iv.tradeOffs = "302 over 301: analytics cost a hop";
    EstimateInput e;
    e.dau = 2e7;
    e.requestsPerUser = 5;
    iv.estimate = e;
    d.interview = iv;
    const auto back = parseDesign(designToText(d));
    ASSERT_TRUE(back.ok()) << back.describe("round trip");
    EXPECT_EQ(*back.design, d);
    // Out of range: named by path, and the design is refused whole.
    auto j = nlohmann::json::parse(designToText(d));
    j["interview"]["phase_minutes"]["api"] = 0;
    j["interview"]["estimate"]["dau"] = -5;
    j["interview"]["notes"]["mood"] = "tired";
    const auto bad = parseDesign(j.dump());
    EXPECT_FALSE(bad.ok());
    const std::string why = bad.describe("d");
    EXPECT_NE(why.find("/interview/notes/mood"), std::string::npos) << why;
    j["interview"]["notes"].erase("mood");
    const std::string why2 = parseDesign(j.dump()).describe("d");
    EXPECT_NE(why2.find("/interview/phase_minutes/api"), std::string::npos) << why2;
    EXPECT_NE(why2.find("--dau"), std::string::npos) << why2;
}

namespace {

Design weakUrlShortener()
{
    const auto r = parseDesign(R"({"format": "hld-design", "version": 1, "name": "weak",
      "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 3472, "read_ratio": 0.98}},
        {"id": "api", "kind": "service", "replicas": 2, "service_time": {"dist": "exponential", "mean_ms": 2}},
        {"id": "db", "kind": "database", "workers": 8, "service_time": {"dist": "exponential", "mean_ms": 2.4}}],
      "links": [{"from": "users", "to": "api"}, {"from": "api", "to": "db"}]})");
    if (!r.ok())
        throw std::runtime_error(r.describe("weak"));
    return *r.design;
}

} // namespace

TEST(Interview, TheRubricScoresAWeakAndAStrongDesignApart)
{
    const Prompt p = prompt("url-shortener");
    Design strong = reference(p);
    Interview iv;
    iv.prompt = p.id;
    iv.requirements = "Core features: shorten, redirect\nHow many users? 20M DAU\n"
                      "Read/write ratio 98:2\nLatency: P99 under 100 ms\n"
                      "Consistency: a new link may take a second to be visible";
    iv.api = {{"POST", "/links", "create"},
              {"GET", "/{code}", "redirect"},
              {"DELETE", "/links/{code}", ""}};
    iv.tradeOffs = "Cache-aside: a deleted link may redirect until its TTL";
    EstimateInput e;
    e.dau = 2e7;
    e.requestsPerUser = 5;
    e.readRatio = 0.98;
    iv.estimate = e;
    strong.interview = iv;

    Design weak = weakUrlShortener();
    const auto strongDrills = runDrills(strong, p, quick());
    const auto weakDrills = runDrills(weak, p, quick());
    ASSERT_EQ(strongDrills.size(), weakDrills.size());
    const auto strongScore = scoreInterview(strong, p, strongDrills, reviewDesignRules(strong));
    const auto weakScore = scoreInterview(weak, p, weakDrills, reviewDesignRules(weak));
    EXPECT_EQ(strongScore.max, 100);
    EXPECT_GE(strongScore.total, 70) << scoreToText(strongScore) << drillsToText(strongDrills);
    EXPECT_LE(weakScore.total, 35) << scoreToText(weakScore) << drillsToText(weakDrills);

    auto item = [](const InterviewScore &s, const std::string &id) {
        for (const auto &i : s.items)
            if (i.id == id)
                return i;
        throw std::runtime_error("no rubric item " + id);
    };
    // The strong design meets its targets at the target load; the weak one's database does
    // not keep up, and the feedback says so with the run's numbers.
    EXPECT_EQ(item(strongScore, "targets").points, 20) << drillsToText(strongDrills);
    const auto targets = item(weakScore, "targets");
    EXPECT_LT(targets.points, 20);
    ASSERT_FALSE(targets.feedback.empty());
    EXPECT_NE(targets.feedback[0].find("P99 was"), std::string::npos) << targets.feedback[0];
    EXPECT_NE(targets.feedback[0].find("'db'"), std::string::npos) << targets.feedback[0];
    EXPECT_NE(targets.feedback[0].find("add read replicas or a cache"), std::string::npos);
    EXPECT_EQ(targets.components, std::vector<std::string>{"db"});
    // An unstable run finishes its queued requests slowly but well: its share is not called
    // the share of requests that succeeded (it read "100.0% of requests succeeded").
    const auto &t = weakDrills.front();
    ASSERT_TRUE(t.unstable) << drillsToText(weakDrills);
    EXPECT_EQ(targets.feedback[0].find("of requests succeeded"), std::string::npos)
        << targets.feedback[0];
    EXPECT_NE(targets.feedback[0].find("of the requests that finished succeeded, but arrivals "
                                       "stopped at the in-flight cap"),
              std::string::npos)
        << targets.feedback[0];
    // Killing the weak design's only database takes it down; the feedback names it.
    const auto failures = item(weakScore, "failures");
    const bool namesDb
        = std::any_of(failures.feedback.begin(), failures.feedback.end(), [](auto &f) {
              return f.find("'db' is a single point of failure") != std::string::npos;
          });
    EXPECT_TRUE(namesDb) << scoreToText(weakScore);
    EXPECT_GT(item(strongScore, "failures").points, failures.points);
    // Unjustified components are named.
    EXPECT_EQ(item(weakScore, "justified").components, (std::vector<std::string>{"api", "db"}));
    EXPECT_EQ(item(strongScore, "justified").points, 15);
}

// A replicated store whose leader dies is no single point of failure: the drill measures
// its election, which lasts failover_s, and says so ("for how long?" is the question).
TEST(Interview, ALeaderDrillMeasuresTheFailoverWindow)
{
    const Prompt p = prompt("payment-system");
    Design d = reference(p);
    DrillOptions o;
    o.durationS = 30;
    o.warmupS = 2;
    o.faultAtS = 5;
    const DrillSpec leader{DrillKind::KillDatabaseLeader, "q"};
    for (double failover : {10.0, 3.0}) {
        SCOPED_TRACE(failover);
        for (auto &c : d.components)
            if (c.id == "ledger")
                c.replication->failoverS = failover;
        const DrillResult r = runDrill(d, p, leader, o);
        EXPECT_EQ(r.unwritable, "ledger");
        EXPECT_NEAR(r.writeUnavailableS, failover, 0.01);
        char expected[64];
        std::snprintf(expected, sizeof expected, "'ledger' had no leader for %.1f s", failover);
        EXPECT_NE(r.faultAndEffect().find(expected), std::string::npos) << r.faultAndEffect();
        const auto score = scoreInterview(d, p, {r}, {});
        for (const auto &i : score.items)
            for (const auto &f : i.feedback)
                EXPECT_EQ(f.find("single point of failure"), std::string::npos) << f;
    }
    // Nothing was written in a drill that kills no store.
    const DrillResult replica = runDrill(d, p, {DrillKind::KillServiceReplica, "q"}, o);
    EXPECT_EQ(replica.writeUnavailableS, 0);
    EXPECT_EQ(replica.faultAndEffect(), replica.fault);
}

// A spike into a rate limit is shed as 429s, and the drill says so: it is the limiter
// working, not a component to scale. Spike 3T for 10 s of a 35 s measurement, a token
// bucket of 1.5T a second (and 1.5T of burst): (15T - 1.5T) of the 55T offered, 24.5%.
TEST(Interview, ASpikeIntoARateLimitIsShedAs429s)
{
    const Prompt p = prompt("url-shortener");
    const double T = p.targetRps();
    auto design = [&](double limit) {
        const auto r = parseDesign(R"({"format": "hld-design", "version": 1, "name": "limited",
          "components": [
            {"id": "users", "kind": "client", "traffic": {"rps": 100}},
            {"id": "gw", "kind": "api_gateway", "workers": 4096,
             "service_time": {"dist": "constant", "mean_ms": 1},
             "rate_limit": {"algorithm": "token_bucket", "limit": )"
                                   + std::to_string(limit) + R"(, "window_s": 1}}],
          "links": [{"from": "users", "to": "gw"}]})");
        if (!r.ok())
            throw std::runtime_error(r.describe("limited"));
        return *r.design;
    };
    const DrillSpec spike{DrillKind::TrafficSpike, "q"};
    const DrillResult shed = runDrill(design(1.5 * T), p, spike, DrillOptions{});
    EXPECT_NEAR(shed.rateLimitedShare, 13.5 / 55, 0.01) << shed.faultAndEffect();
    EXPECT_NEAR(shed.availability, 1 - shed.rateLimitedShare, 1e-9);
    EXPECT_EQ(shed.limiter, "gw");
    EXPECT_NE(shed.faultAndEffect().find("'gw' refused 24."), std::string::npos)
        << shed.faultAndEffect();
    const auto score = scoreInterview(design(1.5 * T), p, {shed}, {});
    bool says = false;
    for (const auto &i : score.items)
        for (const auto &f : i.feedback)
            says = says || f.find("most of the failures were 429s from 'gw'") != std::string::npos;
    EXPECT_TRUE(says);
    // A limit above the spike refuses nothing.
    const DrillResult kept = runDrill(design(10 * T), p, spike, DrillOptions{});
    EXPECT_EQ(kept.rateLimitedShare, 0);
    EXPECT_TRUE(kept.passed);
    EXPECT_EQ(kept.faultAndEffect(), kept.fault);
}

TEST(Interview, DrillsFollowThePromptsFollowUps)
{
    const Prompt p = prompt("url-shortener");
    const auto plan = drillPlan(p);
    ASSERT_GE(plan.size(), 3u);
    EXPECT_EQ(plan[0].kind, DrillKind::TargetLoad);
    EXPECT_EQ(plan[1].kind, DrillKind::Load10x);
    for (const auto &q : p.followUps)
        if (q.drill) {
            EXPECT_TRUE(
                std::any_of(plan.begin(), plan.end(), [&](auto &s) { return s.kind == *q.drill; }));
        }
    // The leader drill kills replica 0 of the replicated database, at the fault time.
    Design drilled;
    DrillResult r;
    ASSERT_TRUE(
        prepareDrill(reference(p), p, {DrillKind::KillDatabaseLeader, "q"}, quick(), drilled, r));
    ASSERT_TRUE(drilled.scenario);
    ASSERT_EQ(drilled.scenario->events.size(), 1u);
    EXPECT_EQ(drilled.scenario->events[0].action, "kill_replica");
    EXPECT_EQ(drilled.scenario->events[0].replica, 0);
    EXPECT_DOUBLE_EQ(drilled.scenario->events[0].atS, 5);
    EXPECT_TRUE(validateDesign(drilled).empty());
    // The 10x drill multiplies the clients' rate.
    ASSERT_TRUE(prepareDrill(reference(p), p, {DrillKind::Load10x, ""}, quick(), drilled, r));
    double rps = 0;
    for (const auto &c : drilled.components)
        if (c.traffic)
            rps += c.traffic->rps;
    EXPECT_NEAR(rps, 10 * p.targetRps(), 1e-6 * rps);
}

// Losing a region kills what runs there, and only that: a store that keeps replicas in the
// other region loses its replicas in the lost one, not all of them (it lost the whole
// database, so no multi-region design could survive the drill).
TEST(Interview, LosingARegionKillsOnlyWhatRunsThere)
{
    const Prompt p = prompt("url-shortener"); // for its target load
    const auto loaded = loadDesignFile(std::string(HLD_SOURCE_DIR)
                                       + "/resources/templates/global-profile-store.hld.json");
    ASSERT_TRUE(loaded.ok());
    Design drilled;
    DrillResult r;
    ASSERT_TRUE(prepareDrill(*loaded.design, p, {DrillKind::LoseRegion, "q"}, quick(), drilled, r));
    EXPECT_EQ(r.fault, "region us-east is lost at 5 s"); // the busier: it has the leader
    std::set<std::string> killed, replicas;
    for (const auto &e : drilled.scenario->events) {
        if (e.action == "kill")
            killed.insert(e.target);
        else if (e.action == "kill_replica")
            replicas.insert(e.target + "#" + std::to_string(e.replica.value_or(-1)));
    }
    EXPECT_EQ(killed, (std::set<std::string>{"us-lb", "us-api"}));
    EXPECT_EQ(replicas, std::set<std::string>{"profiles#0"}); // its replicas 1, 2 are in eu-west
    EXPECT_TRUE(validateDesign(drilled).empty());
    // The European half keeps being served: its replicas elect a leader.
    const DrillResult run = runDrill(*loaded.design, p, {DrillKind::LoseRegion, "q"}, quick());
    EXPECT_GT(run.availability, 0.4) << run.fault;
}

// The multi-region key-value store's reference survives the loss of its busiest region:
// one copy of every key per region and quorums of two, behind a balancer outside the
// regions. Put every copy in one region and the same drill takes the store down.
TEST(Interview, AStoreWithACopyPerRegionSurvivesLosingOne)
{
    const Prompt p = prompt("key-value-store");
    const Design d = reference(p);
    const DrillSpec lose{DrillKind::LoseRegion, "q"};
    const DrillResult kept = runDrill(d, p, lose, quick());
    EXPECT_TRUE(kept.passed) << kept.fault << ": " << kept.availability;
    EXPECT_GE(kept.availability, 0.995);
    EXPECT_EQ(std::count(kept.faulted.begin(), kept.faulted.end(), "kv"), 1);

    Design oneRegion = d;
    for (auto &c : oneRegion.components)
        if (c.replication)
            c.replication->replicaRegions.assign(3, "us-east");
    const DrillResult lost = runDrill(oneRegion, p, lose, quick());
    EXPECT_EQ(lost.fault, "region us-east is lost at 5 s");
    EXPECT_FALSE(lost.passed);
    EXPECT_LT(lost.availability, 0.7) << "every copy was in the lost region";
}

TEST(Interview, TheSessionReportHasTheNotesDrillsAndScore)
{
    const Prompt p = prompt("url-shortener");
    Design d = reference(p);
    Interview iv;
    iv.prompt = p.id;
    iv.requirements = "How many users?";
    iv.api = {{"GET", "/{code}", "redirect"}};
    d.interview = iv;
    auto data = std::make_shared<InterviewReportData>();
    data->prompt = p;
    data->drills = {runDrill(d, p, {DrillKind::TargetLoad, ""}, quick())};
    data->score = scoreInterview(d, p, data->drills, {});
    RunOptions run;
    run.sim.durationS = 3;
    const Results res = runDesign(d, run);
    report::ReportInputs in;
    in.design = &d;
    in.results = &res;
    const auto doc = report::buildReport(in, {interviewSection(data)});
    const auto it = std::find_if(
        doc.sections.begin(), doc.sections.end(), [](auto &s) { return s.id == "interview"; });
    ASSERT_NE(it, doc.sections.end());
    const std::string html = report::reportToHtml(doc, {});
    EXPECT_NE(html.find("How many users?"), std::string::npos);
    EXPECT_NE(html.find("/{code}"), std::string::npos);
    EXPECT_NE(html.find("Target load"), std::string::npos);
    EXPECT_NE(html.find("Score: "), std::string::npos);
    // No interview, no section.
    d.interview.reset();
    const auto plain = report::buildReport(in, {interviewSection(data)});
    EXPECT_TRUE(std::none_of(
        plain.sections.begin(), plain.sections.end(), [](auto &s) { return s.id == "interview"; }));
}
