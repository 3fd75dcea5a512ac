#pragma once

#include "model/interview.h"

namespace hld {

// Where a clock reading falls in the interview's phases.
struct PhasePosition
{
    InterviewPhase phase = InterviewPhase::Requirements;
    double intoPhaseS = 0;   // seconds since the phase began
    double leftInPhaseS = 0; // seconds until the next phase (0 in overtime)
    double totalS = 0;       // the whole interview's length
    bool overtime = false;   // the clock has passed the last phase's end
};

inline PhasePosition phaseAt(const std::array<double, kInterviewPhases> &minutes, double elapsedS)
{
    PhasePosition p;
    for (double m : minutes)
        p.totalS += m * 60;
    double start = 0;
    for (int i = 0; i < kInterviewPhases; ++i) {
        const double end = start + minutes[i] * 60;
        if (elapsedS < end || i == kInterviewPhases - 1) {
            p.phase = static_cast<InterviewPhase>(i);
            p.intoPhaseS = elapsedS - start;
            p.leftInPhaseS = elapsedS < end ? end - elapsedS : 0;
            p.overtime = elapsedS >= end;
            return p;
        }
        start = end;
    }
    return p;
}

} // namespace hld
