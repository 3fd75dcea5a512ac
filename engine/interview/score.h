#pragma once

#include "analysis/flow.h"
#include "interview/drills.h"
#include "interview/prompt.h"
#include "model/design.h"

#include <string>
#include <vector>

namespace hld {

// One heading of the rubric (the guide's interview framework).
struct RubricItem
{
    std::string id;      // "requirements", "estimation", "api", "justified", "targets",
                         // "failures", "trade_offs"
    std::string heading; // "Requirements gathered"
    int points = 0;
    int max = 0;
    std::vector<std::string> feedback;   // specific, quoting the notes and the runs
    std::vector<std::string> components; // the components the feedback is about
};

struct InterviewScore
{
    std::vector<RubricItem> items;
    int total = 0;
    int max = 0;
};

// Scores a session: its notes (`design.interview`, which may be absent), the design, the
// design review and the drills' results.
InterviewScore scoreInterview(const Design &design,
                              const Prompt &prompt,
                              const std::vector<DrillResult> &drills,
                              const std::vector<Finding> &review);

// A finished session: the drills, the design review and the score.
struct SessionResult
{
    std::vector<DrillResult> drills;
    std::vector<Finding> review;
    InterviewScore score;
    bool cancelled = false; // stopped before every drill ran; `score` is then empty
};

// Drills the design (`runDrills`), reviews it and scores the session: what `hldsim drill`
// and "Finish and score" do. The design must be valid. Slow: seconds a drill.
SessionResult drillAndScore(const Design &design,
                            const Prompt &prompt,
                            const DrillOptions &options,
                            const std::atomic<bool> *cancel = nullptr,
                            std::atomic<int> *done = nullptr);

// The advice for a component that is too busy, by kind ("add read replicas or a cache").
std::string relieveAdvice(const std::string &kind);

std::string drillsToText(const std::vector<DrillResult> &drills);
std::string scoreToText(const InterviewScore &score);
std::string drillsAndScoreToJsonText(const std::vector<DrillResult> &drills,
                                     const InterviewScore &score,
                                     const std::string &promptId);

} // namespace hld
