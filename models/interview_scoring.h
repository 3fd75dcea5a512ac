#pragma once

#include "analysis/flow.h"
#include "interview/drills.h"
#include "interview/prompt.h"
#include "interview/score.h"
#include "model/design.h"

#include <QString>

#include <atomic>
#include <vector>

namespace hld {

// What "Finish and score" produces: the drills' results, the design review and the score.
struct InterviewOutcome
{
    std::vector<DrillResult> drills;
    std::vector<Finding> review;
    InterviewScore score;
    bool cancelled = false;
    QString error; // the design cannot be drilled (it does not validate)
};

// Drills the design (each drill of the prompt's plan, one after another), reviews it and
// scores the session. Slow (seconds a drill): run it off the GUI thread. `done` counts the
// drills finished, for a progress bar; `cancel` stops it between drills.
InterviewOutcome scoreSession(const Design &design,
                              const Prompt &prompt,
                              const DrillOptions &options,
                              const std::atomic<bool> *cancel = nullptr,
                              std::atomic<int> *done = nullptr);

} // namespace hld
