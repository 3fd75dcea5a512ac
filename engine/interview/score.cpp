#include "interview/score.h"

#include "analysis/estimator.h"
#include "io/display_text.h"
#include "review/review.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hld {

namespace {

std::string pct(double share)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, share >= 0.999 && share < 1 ? "%.2f%%" : "%.1f%%", share * 100);
    return buf;
}

// A latency as it reads best: "742 ms", or in seconds from 10 s ("306 s", not "306,176 ms").
std::string duration(double ms)
{
    return ms < 10000 ? groupedNumber(ms) + " ms" : groupedNumber(std::round(ms / 1000)) + " s";
}

// What share of the requests succeeded. An unstable run stopped taking new requests once
// its queues held the in-flight cap, and the ones it had finished slowly but mostly well:
// "100% succeeded" would read as a healthy run.
std::string succeeded(const DrillResult &d)
{
    if (d.unstable && d.availability <= 0)
        return "no request succeeded, and arrivals stopped at the in-flight cap";
    if (d.unstable)
        return pct(d.availability)
               + " of the requests that finished succeeded, but arrivals stopped at the "
                 "in-flight cap";
    return pct(d.availability) + " of requests succeeded";
}

int lines(const std::string &text)
{
    int n = 0;
    bool content = false;
    for (char c : text) {
        if (c == '\n') {
            n += content;
            content = false;
        } else if (c != ' ' && c != '\t' && c != '\r' && c != '-' && c != '*') {
            content = true;
        }
    }
    return n + content;
}

bool mentions(const std::string &text, std::initializer_list<const char *> words)
{
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return std::any_of(words.begin(), words.end(), [&](const char *w) {
        return lower.find(w) != std::string::npos;
    });
}

RubricItem requirements(const Interview *iv)
{
    RubricItem r{"requirements", "Requirements gathered", 0, 10, {}, {}};
    const std::string text = iv ? iv->requirements : "";
    const int n = lines(text);
    const bool scale = mentions(text, {"user", "dau", "rps", "per second", "qps"});
    const bool ratio = mentions(text, {"read", "write"});
    const bool latency = mentions(text, {"latency", "ms", "fast", "p99"});
    const bool consistency = mentions(text, {"consisten", "stale", "availab"});
    r.points = std::min(4, n) + 2 * int(scale) + int(ratio) + int(latency) + 2 * int(consistency);
    r.points = std::min(r.points, r.max);
    if (n == 0)
        r.feedback.push_back("No requirements were written down: start by asking about the core "
                             "features, users, read/write ratio, latency and consistency.");
    if (n > 0 && !scale)
        r.feedback.push_back("The requirements do not ask how many users (DAU) there are.");
    if (n > 0 && !ratio)
        r.feedback.push_back("The requirements do not settle the read/write ratio.");
    if (n > 0 && !latency)
        r.feedback.push_back("No latency requirement was noted.");
    if (n > 0 && !consistency)
        r.feedback.push_back("No consistency or availability model was agreed.");
    if (r.feedback.empty())
        r.feedback.push_back(std::to_string(n) + (n == 1 ? " line" : " lines")
                             + " of requirements and questions noted, covering scale, the "
                               "read/write ratio, latency and consistency.");
    return r;
}

RubricItem estimation(const Interview *iv, const Prompt &prompt, const Design &design)
{
    RubricItem r{"estimation", "Estimation done, within 2x of the prompt", 0, 15, {}, {}};
    const double target = prompt.targetRps();
    if (!iv || !iv->estimate) {
        r.feedback.push_back("No estimate was made: at " + groupedNumber(prompt.scale.dau)
                             + " daily users the peak is about " + groupedNumber(target)
                             + " requests/s; say so before drawing boxes.");
    } else {
        const Estimate e = estimate(*iv->estimate);
        const auto *peak = e.find("peak_rps");
        const double mine = peak ? peak->value : 0;
        const double ratio = mine > 0 ? mine / target : 0;
        if (ratio >= 0.5 && ratio <= 2) {
            r.points += 10;
            r.feedback.push_back("Your peak of " + groupedNumber(mine)
                                 + " requests/s is within 2x of the " + groupedNumber(target)
                                 + " the prompt implies.");
        } else {
            r.points += 3;
            r.feedback.push_back(
                "Your peak of " + groupedNumber(mine) + " requests/s is "
                + (ratio > 0 ? groupedNumber(ratio >= 1 ? ratio : 1 / ratio) : "infinitely") + "x "
                + (ratio >= 1 ? "above" : "below") + " the " + groupedNumber(target)
                + " the prompt implies.");
        }
        if (std::fabs(iv->estimate->readRatio - prompt.scale.readRatio) <= 0.15)
            r.points += 2;
        else
            r.feedback.push_back("Your read ratio of " + pct(iv->estimate->readRatio)
                                 + " differs from the prompt's " + pct(prompt.scale.readRatio)
                                 + ".");
    }
    double rps = 0;
    for (const auto &c : design.components)
        if (c.kind == ComponentKind::Client && c.traffic)
            rps += c.traffic->rps;
    if (rps > 0 && rps / target >= 0.5 && rps / target <= 2)
        r.points += 3;
    else
        r.feedback.push_back("The design's clients send " + groupedNumber(rps)
                             + " requests/s; size them at the target load of "
                             + groupedNumber(target) + " (apply the estimate to the design).");
    r.points = std::min(r.points, r.max);
    return r;
}

RubricItem api(const Interview *iv)
{
    RubricItem r{"api", "API defined", 0, 10, {}, {}};
    int complete = 0;
    for (const auto &e : iv ? iv->api : std::vector<ApiEndpoint>{})
        complete += !e.method.empty() && !e.path.empty();
    r.points = complete >= 3 ? 10 : complete * 3;
    if (complete == 0)
        r.feedback.push_back("No endpoints were defined: name 3 to 5 core calls (method, path, "
                             "parameters).");
    else if (complete < 3)
        r.feedback.push_back("Only " + std::to_string(complete)
                             + " endpoints; the guide asks for 3 to 5 core calls.");
    else
        r.feedback.push_back(std::to_string(complete) + " endpoints defined.");
    return r;
}

RubricItem justified(const Design &design)
{
    RubricItem r{"justified", "Every component justified", 0, 15, {}, {}};
    int total = 0, with = 0;
    for (const auto &c : design.components) {
        if (c.kind == ComponentKind::Client)
            continue;
        ++total;
        if (c.justification && c.justification->find_first_not_of(" \t\r\n") != std::string::npos)
            ++with;
        else
            r.components.push_back(c.id);
    }
    r.points = total ? static_cast<int>(std::lround(15.0 * with / total)) : 0;
    if (r.components.empty() && total > 0) {
        r.feedback.push_back("All " + std::to_string(total)
                             + " components say why they are there.");
    } else if (total == 0) {
        r.feedback.push_back("The design has no components.");
    } else {
        std::string ids;
        for (const auto &id : r.components)
            ids += (ids.empty() ? "'" : ", '") + id + "'";
        r.feedback.push_back("No justification for " + ids
                             + ": say \"I chose X because Y, at the cost of Z\".");
    }
    return r;
}

const DrillResult *find(const std::vector<DrillResult> &drills, DrillKind k)
{
    for (const auto &d : drills)
        if (d.spec.kind == k)
            return &d;
    return nullptr;
}

RubricItem targets(const std::vector<DrillResult> &drills, const Prompt &prompt)
{
    RubricItem r{
        "targets", "Meets its latency and availability targets at the target load", 0, 20, {}, {}};
    const auto *t = find(drills, DrillKind::TargetLoad);
    if (!t || !t->applicable) {
        r.feedback.push_back(t ? "The target-load drill could not run: " + t->fault
                               : "The target-load drill has not run.");
        return r;
    }
    const bool fast = t->p99Ms <= prompt.scale.p99Ms && !t->unstable;
    const bool up = t->availability >= prompt.scale.availability && !t->unstable;
    r.points = 10 * int(fast) + 10 * int(up);
    std::string line = "P99 was " + duration(t->p99Ms) + " at the target load (target "
                       + duration(prompt.scale.p99Ms) + ") and " + succeeded(*t) + " (target "
                       + pct(prompt.scale.availability) + ")";
    if (t->unstable)
        line += "; the run was unstable: queues grew without limit";
    if (!t->busiest.empty() && (!fast || !up || t->busiestUtilisation > 0.8)) {
        line += "; '" + t->busiest + "' was " + pct(t->busiestUtilisation) + " utilised — "
                + relieveAdvice(t->busiestKind);
        r.components.push_back(t->busiest);
    }
    r.feedback.push_back(line + ".");
    return r;
}

RubricItem failures(const std::vector<DrillResult> &drills)
{
    RubricItem r{"failures", "Survives the failure drills", 0, 20, {}, {}};
    int run = 0, passed = 0;
    for (const auto &d : drills) {
        if (d.spec.kind == DrillKind::TargetLoad)
            continue;
        const std::string name
            = d.title + (d.spec.question.empty() ? "" : " (\"" + d.spec.question + "\")");
        if (!d.applicable) {
            r.feedback.push_back(name + ": not drilled — " + d.fault + ".");
            continue;
        }
        ++run;
        passed += d.passed;
        std::string line = name + ": " + d.faultAndEffect() + "; " + succeeded(d)
                           + (d.availability > 0 ? ", P99 " + duration(d.p99Ms) : "");
        if (d.unstable)
            line += ", and the run became unstable";
        if (!d.passed) {
            if (d.rateLimitedShare > 0.5 * (1 - d.availability)) {
                // Most failures were 429s: the limiter shed the load, as it is there to do.
                line += " — most of the failures were 429s from '" + d.limiter
                        + "': its limit sits below this load; shedding it is the limiter "
                          "doing its job, so raise the limit only if this traffic is "
                          "legitimate";
                r.components.push_back(d.limiter);
            } else if (!d.unwritable.empty()) {
                // Replicated, so no single point of failure: the election is the outage.
                line += " — a shorter failover_s, or callers that retry writes across the "
                        "election (with idempotency keys), would ride it out";
                r.components.push_back(d.unwritable);
            } else if (!d.faulted.empty() && d.spec.kind != DrillKind::HotKey
                       && d.spec.kind != DrillKind::TrafficSpike) {
                line += " — '" + d.faulted.front() + "' is a single point of failure here";
                r.components.push_back(d.faulted.front());
            } else if (!d.busiest.empty()) {
                line += " — '" + d.busiest + "' was " + pct(d.busiestUtilisation)
                        + " utilised: " + relieveAdvice(d.busiestKind);
                r.components.push_back(d.busiest);
            }
        }
        r.feedback.push_back(line + (d.passed ? " (survived)." : "."));
    }
    r.points = run ? static_cast<int>(std::lround(20.0 * passed / run)) : 0;
    return r;
}

RubricItem tradeOffs(const Interview *iv, const Design &design, const std::vector<Finding> &review)
{
    RubricItem r{"trade_offs", "Trade-offs stated", 0, 10, {}, {}};
    const bool notes = iv && lines(iv->tradeOffs) > 0;
    int inJustifications = 0;
    for (const auto &c : design.components)
        if (c.justification
            && mentions(*c.justification,
                        {"trade-off", "tradeoff", "at the cost", "cost:", "but ", "instead of"}))
            ++inJustifications;
    r.points = 5 * int(notes) + std::min(5, inJustifications * 2);
    if (!notes)
        r.feedback.push_back("No trade-offs were written in the notes: for each choice, say "
                             "what it costs.");
    if (inJustifications == 0)
        r.feedback.push_back("No justification states a cost or an alternative.");
    int errors = 0;
    for (const auto &f : review) {
        if (f.severity != Severity::Error)
            continue;
        ++errors;
        r.feedback.push_back("Review: " + f.message + ".");
        r.components.insert(r.components.end(), f.components.begin(), f.components.end());
    }
    r.points = std::max(0, r.points - 3 * errors);
    if (r.feedback.empty())
        r.feedback.push_back("Trade-offs are stated in the notes and in "
                             + std::to_string(inJustifications) + " justifications.");
    return r;
}

} // namespace

std::string relieveAdvice(const std::string &kind)
{
    if (kind == "database")
        return "add read replicas or a cache, or shard it";
    if (kind == "cache")
        return "add cache replicas or shards";
    if (kind == "queue")
        return "add consumers or partitions";
    if (kind == "load_balancer")
        return "add a balancer replica";
    if (kind == "cdn")
        return "raise the CDN's capacity";
    return "add replicas or a bigger instance";
}

InterviewScore scoreInterview(const Design &design,
                              const Prompt &prompt,
                              const std::vector<DrillResult> &drills,
                              const std::vector<Finding> &review)
{
    const Interview *iv = design.interview ? &*design.interview : nullptr;
    InterviewScore s;
    s.items = {requirements(iv),
               estimation(iv, prompt, design),
               api(iv),
               justified(design),
               targets(drills, prompt),
               failures(drills),
               tradeOffs(iv, design, review)};
    for (const auto &i : s.items) {
        s.total += i.points;
        s.max += i.max;
    }
    return s;
}

SessionResult drillAndScore(const Design &design,
                            const Prompt &prompt,
                            const DrillOptions &options,
                            const std::atomic<bool> *cancel,
                            std::atomic<int> *done)
{
    SessionResult out;
    out.drills = runDrills(design, prompt, options, cancel, done);
    if (out.drills.size() < drillPlan(prompt).size()) {
        out.cancelled = true;
        return out;
    }
    out.review = reviewDesignRules(design);
    out.score = scoreInterview(design, prompt, out.drills, out.review);
    return out;
}

std::string drillsToText(const std::vector<DrillResult> &drills)
{
    std::string s;
    char buf[256];
    for (const auto &d : drills) {
        if (!d.applicable) {
            s += d.title + ": not drilled (" + d.fault + ")\n";
            continue;
        }
        if (d.availability <= 0) {
            s += d.title + ": FAILED; no request succeeded; busiest '" + d.busiest + "' at "
                 + pct(d.busiestUtilisation) + (d.unstable ? " (unstable)" : "") + "\n    "
                 + d.faultAndEffect() + "\n";
            continue;
        }
        std::snprintf(buf,
                      sizeof buf,
                      ": %s; P50 %.1f ms, P99 %.1f ms, %s succeeded; busiest '%s' at %s%s\n",
                      d.passed ? "passed" : "FAILED",
                      d.p50Ms,
                      d.p99Ms,
                      pct(d.availability).c_str(),
                      d.busiest.c_str(),
                      pct(d.busiestUtilisation).c_str(),
                      d.unstable ? " (unstable)" : "");
        s += d.title + buf + "    " + d.faultAndEffect() + "\n";
    }
    return s;
}

std::string scoreToText(const InterviewScore &score)
{
    std::string s
        = "Score: " + std::to_string(score.total) + " / " + std::to_string(score.max) + "\n";
    for (const auto &i : score.items) {
        s += "  " + i.heading + ": " + std::to_string(i.points) + " / " + std::to_string(i.max)
             + "\n";
        for (const auto &f : i.feedback)
            s += "    - " + f + "\n";
    }
    return s;
}

std::string drillsAndScoreToJsonText(const std::vector<DrillResult> &drills,
                                     const InterviewScore &score,
                                     const std::string &promptId)
{
    nlohmann::ordered_json j{{"format", "hld-drills"}, {"prompt", promptId}};
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto &d : drills)
        list.push_back({{"drill", drillName(d.spec.kind)},
                        {"title", d.title},
                        {"question", d.spec.question},
                        {"fault", d.fault},
                        {"applicable", d.applicable},
                        {"offered_rps", d.offeredRps},
                        {"requests", d.requests},
                        {"p50_ms", d.p50Ms},
                        {"p99_ms", d.p99Ms},
                        {"availability", d.availability},
                        {"unstable", d.unstable},
                        {"busiest", d.busiest},
                        {"busiest_utilization", d.busiestUtilisation},
                        {"faulted", d.faulted},
                        {"write_unavailable_s", d.writeUnavailableS},
                        {"rate_limited_share", d.rateLimitedShare},
                        {"passed", d.passed}});
    j["drills"] = std::move(list);
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const auto &i : score.items)
        items.push_back({{"id", i.id},
                         {"heading", i.heading},
                         {"points", i.points},
                         {"max", i.max},
                         {"feedback", i.feedback},
                         {"components", i.components}});
    j["score"] = {{"total", score.total}, {"max", score.max}, {"items", std::move(items)}};
    return j.dump(2) + "\n";
}

} // namespace hld
