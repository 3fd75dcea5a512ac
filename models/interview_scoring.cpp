#include "interview_scoring.h"

#include "io/design_validate.h"
#include "review/review.h"

#include <QObject>

namespace hld {

InterviewOutcome scoreSession(const Design &design,
                              const Prompt &prompt,
                              const DrillOptions &options,
                              const std::atomic<bool> *cancel,
                              std::atomic<int> *done)
{
    InterviewOutcome out;
    if (const auto errors = validateDesign(design); !errors.empty()) {
        out.error = QObject::tr("The design is not valid yet: %1 (%2)")
                        .arg(QString::fromStdString(errors.front().message),
                             QString::fromStdString(errors.front().path));
        return out;
    }
    // runDrills one drill at a time, so that the progress bar moves between them.
    for (const DrillSpec &spec : drillPlan(prompt)) {
        if (cancel && cancel->load()) {
            out.cancelled = true;
            return out;
        }
        out.drills.push_back(runDrill(design, prompt, spec, options));
        if (done)
            ++*done;
    }
    out.review = reviewDesignRules(design);
    out.score = scoreInterview(design, prompt, out.drills, out.review);
    return out;
}

} // namespace hld
