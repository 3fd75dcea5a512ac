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

// What "Finish and score" produces: the engine's session result (drills, review, score), or
// why the design cannot be drilled yet.
struct InterviewOutcome : SessionResult
{
    QString error; // the design cannot be drilled (it does not validate)
};

// Checks the design, then drillAndScore(). Slow (seconds a drill): run it off the GUI
// thread. `done` counts the drills finished, for a progress bar; `cancel` stops it between
// drills.
InterviewOutcome scoreSession(const Design &design,
                              const Prompt &prompt,
                              const DrillOptions &options,
                              const std::atomic<bool> *cancel = nullptr,
                              std::atomic<int> *done = nullptr);

} // namespace hld
