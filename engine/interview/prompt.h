#pragma once

#include "model/interview.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hld {

// The follow-up questions an interviewer asks, turned into something the simulator can do
// to the candidate's design.
enum class DrillKind : int {
    TargetLoad, // every session: the prompt's peak load
    Load10x,
    KillDatabaseLeader,
    LoseRegion,
    HotKey,
    KillCache,
    SlowDependency,
    TrafficSpike,
    KillServiceReplica,
};

std::string_view drillName(DrillKind k); // "load_10x", ...
std::optional<DrillKind> drillFromName(std::string_view name);
std::string drillNames(); // for messages: "load_10x, kill_database_leader, ..."

struct PromptScale
{
    double dau = 0;
    double requestsPerUser = 0;
    double readRatio = 0.9;
    double payloadBytes = 1000;
    double retentionDays = 365;
    double peakFactor = 3;
    double p99Ms = 200;          // the latency target at the target load
    double availability = 0.999; // the share of requests that must succeed
};

struct FollowUp
{
    std::string question;
    std::optional<DrillKind> drill;
    // What the question is about, for a drill that acts on one component ("payment": the
    // payment provider): words matched against the drilled design's ids, labels and kinds.
    std::vector<std::string> target;
};

// One interview prompt (resources/prompts/<id>.prompt.json) with its reference design.
struct Prompt
{
    std::string id;
    std::string title;
    std::string statement;
    std::vector<std::string> functional;
    std::vector<std::string> nonFunctional;
    PromptScale scale;
    std::vector<std::string> strongAnswer;
    std::vector<FollowUp> followUps;
    std::string reference; // file name of the reference design, beside the prompt

    EstimateInput estimateInput() const;
    double averageRps() const; // dau x requests per user / 86,400
    double targetRps() const;  // the peak: average x peak factor
};

struct PromptLoad
{
    std::optional<Prompt> prompt;
    std::string error; // names the field and the problem
};

PromptLoad parsePrompt(std::string_view text);
PromptLoad loadPromptFile(const std::string &path);

// The prompt as text (statement, requirements, scale, follow-ups); `withAnswer` adds what a
// strong answer contains, which is shown only after the session.
std::string promptToMarkdown(const Prompt &p, bool withAnswer);

} // namespace hld
