#include "interview_scoring.h"

#include "io/design_validate.h"

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
    static_cast<SessionResult &>(out) = drillAndScore(design, prompt, options, cancel, done);
    return out;
}

} // namespace hld
