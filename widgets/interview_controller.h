#pragma once

#include "interview/prompt.h"
#include "interview_score_view.h"
#include "interview_scoring.h"
#include "model/interview.h"
#include "report/report_document.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

#include <array>
#include <atomic>
#include <functional>
#include <optional>

class QDockWidget;
class QTimer;

namespace hld {

class InterviewClock;
class InterviewDock;
class MainWindow;
class PromptLibrary;

// Interview mode for one window: starts a session (a new document holding the interview),
// keeps the clock in step with the document (restored paused from a file, its reading
// stored on pause and save), signals phase changes, and runs "Finish and score" in the
// background, then shows the score, the reference design and the session report.
class InterviewController : public QObject
{
    Q_OBJECT

public:
    InterviewController(MainWindow *window,
                        std::function<bool()> maybeSave,
                        const PromptLibrary &library);
    ~InterviewController() override;

    InterviewClock *clock() const { return m_clock; }
    InterviewDock *dock() const { return m_dock; }
    QDockWidget *dockWidget() const { return m_dockWidget; }
    InterviewScoreView *scoreView() const { return m_scoreView; }
    const std::optional<Prompt> &prompt() const { return m_prompt; }
    const std::optional<InterviewOutcome> &outcome() const { return m_outcome; }
    bool isScoring() const { return m_watcher.isRunning(); }

    void practise(); // the start dialog, then a session
    bool startSession(const QString &promptId,
                      const std::array<double, kInterviewPhases> &phaseMinutes);
    void finish();
    void cancelScoring();
    void storeElapsed();      // the clock's reading into the document (no undo step)
    QWidget *openReference(); // the reference design in a second window, tiled beside
    void exportReport();
    // The session report's section (prompt, notes, estimate, drills, score) for the report.
    std::vector<report::SectionProvider> reportProviders() const;
    void setDrillOptions(const DrillOptions &o) { m_drillOptions = o; }
    // The dock shown when the document holds an interview (after the window restored its
    // docks from the start page).
    void syncDock();

signals:
    void scored(); // a score is ready (or scoring failed: see outcome())

private:
    void onDocumentReset();
    void onInterviewChanged();
    void onPhaseChanged(int phase);
    void onScored();
    void showScore();

    MainWindow *m_window;
    std::function<bool()> m_maybeSave;
    const PromptLibrary &m_library;
    InterviewClock *m_clock;
    InterviewDock *m_dock;
    QDockWidget *m_dockWidget;
    QPointer<InterviewScoreView> m_scoreView;
    std::optional<Prompt> m_prompt;
    std::optional<InterviewOutcome> m_outcome;
    QFutureWatcher<InterviewOutcome> m_watcher;
    QTimer *m_progress;
    std::atomic<bool> m_cancel{false};
    std::atomic<int> m_done{0};
    int m_drillCount = 0;
    DrillOptions m_drillOptions;
    bool m_restoring = false;
};

} // namespace hld
