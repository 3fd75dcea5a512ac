#pragma once

#include "interview/drills.h"
#include "interview/prompt.h"
#include "interview/score.h"
#include "report/report_document.h"

#include <memory>
#include <vector>

namespace hld {

// What the interview section of a report shows: the prompt, the notes of each phase, the
// estimate, the API, the review, the drills and the score.
struct InterviewReportData
{
    Prompt prompt;
    std::vector<DrillResult> drills; // empty: not drilled yet
    std::optional<InterviewScore> score;
};

// A report section provider (report::buildReport) that adds the interview section when the
// design holds an interview. The data is shared so that the provider can be copied freely.
report::SectionProvider interviewSection(std::shared_ptr<const InterviewReportData> data);

} // namespace hld
