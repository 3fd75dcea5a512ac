#include "interview_controller.h"

#include "design_document.h"
#include "design_editor.h"
#include "diagram_view.h"
#include "estimate_apply.h"
#include "file_controller.h"
#include "interview/session_report.h"
#include "interview_clock.h"
#include "interview_dock.h"
#include "interview_notes.h"
#include "interview_score_view.h"
#include "interview_start_dialog.h"
#include "io/interview_io.h"
#include "main_window.h"
#include "prompt_library.h"
#include "report_dialog.h"
#include "simulation_controller.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace hld {

InterviewController::InterviewController(MainWindow *window,
                                         std::function<bool()> maybeSave,
                                         const PromptLibrary &library)
    : QObject(window)
    , m_window(window)
    , m_maybeSave(std::move(maybeSave))
    , m_library(library)
    , m_clock(new InterviewClock(this))
    , m_dock(new InterviewDock(window->editor(), m_clock))
    , m_dockWidget(new QDockWidget(tr("Interview"), window))
    , m_progress(new QTimer(this))
{
    m_dockWidget->setObjectName(QStringLiteral("interviewDock"));
    m_dockWidget->setWidget(m_dock);
    m_dockWidget->hide();

    DesignDocument *doc = window->document();
    connect(doc, &DesignDocument::documentReset, this, &InterviewController::onDocumentReset);
    connect(doc, &DesignDocument::interviewChanged, this, &InterviewController::onInterviewChanged);
    connect(
        window->files(), &FileController::aboutToSave, this, &InterviewController::storeElapsed);
    connect(m_clock, &InterviewClock::phaseChanged, this, &InterviewController::onPhaseChanged);
    connect(m_clock, &InterviewClock::runningChanged, this, [this](bool running) {
        if (!running)
            storeElapsed();
    });
    connect(m_clock, &InterviewClock::finished, this, [this] {
        if (!m_restoring)
            m_window->statusBar()->showMessage(
                tr("Time is up: finish and score when you are ready."), 15000);
    });
    connect(m_dock, &InterviewDock::finishRequested, this, &InterviewController::finish);
    connect(
        m_dock, &InterviewDock::cancelScoringRequested, this, &InterviewController::cancelScoring);
    connect(m_dock, &InterviewDock::showScoreRequested, this, &InterviewController::showScore);
    connect(m_dock, &InterviewDock::message, this, [this](const QString &text) {
        m_window->statusBar()->showMessage(text, 8000);
    });
    connect(&m_watcher,
            &QFutureWatcher<InterviewOutcome>::finished,
            this,
            &InterviewController::onScored);
    m_progress->setInterval(200);
    connect(m_progress, &QTimer::timeout, this, [this] {
        m_dock->setScoring(true, m_done.load(), m_drillCount);
    });
}

InterviewController::~InterviewController()
{
    m_cancel = true;
    m_watcher.waitForFinished(); // the drill under way finishes; the rest are skipped
}

void InterviewController::practise()
{
    InterviewStartDialog dialog(m_library, m_window);
    if (m_prompt)
        dialog.selectPrompt(QString::fromStdString(m_prompt->id));
    if (dialog.exec() != QDialog::Accepted)
        return;
    startSession(dialog.promptId(), dialog.phaseMinutes());
}

bool InterviewController::startSession(const QString &promptId,
                                       const std::array<double, kInterviewPhases> &minutes)
{
    const Prompt *prompt = m_library.find(promptId);
    if (!prompt || (m_maybeSave && !m_maybeSave()))
        return false;
    Interview iv;
    iv.prompt = prompt->id;
    iv.phaseMinutes = minutes;
    Design d = interviewStartDesign(iv);
    d.name = tr("Interview: %1").arg(QString::fromStdString(prompt->title)).toStdString();
    m_window->files()->newDocument(d); // restores the clock, paused at 0
    m_window->view()->zoomToFit();
    m_clock->start();
    m_window->statusBar()->showMessage(
        tr("Phase 1 of %1: %2 — %3 minutes. Ask about the requirements first.")
            .arg(kInterviewPhases)
            .arg(QString::fromUtf8(phaseTitle(InterviewPhase::Requirements)))
            .arg(minutes[0]),
        10000);
    return true;
}

void InterviewController::onDocumentReset()
{
    cancelScoring();
    m_outcome.reset();
    if (m_scoreView)
        m_scoreView->close();
    const auto &iv = m_window->document()->design().interview;
    if (!iv) {
        m_clock->pause();
        m_prompt.reset();
        m_dockWidget->hide();
        return;
    }
    m_restoring = true;
    m_clock->restore(iv->elapsedS, iv->phaseMinutes);
    m_restoring = false;
    onInterviewChanged();
    m_dock->notes()->showPhase(m_clock->phase());
    syncDock();
}

void InterviewController::syncDock()
{
    if (!m_window->document()->design().interview)
        return;
    const bool wasVisible = m_dockWidget->isVisible();
    m_dockWidget->show();
    m_dockWidget->raise();
    if (!wasVisible) // wide enough for the notes and the estimator
        m_window->resizeDocks({m_dockWidget}, {420}, Qt::Horizontal);
}

void InterviewController::onInterviewChanged()
{
    const auto &iv = m_window->document()->design().interview;
    if (!iv)
        return;
    if (!m_prompt || m_prompt->id != iv->prompt) {
        const Prompt *p = m_library.find(QString::fromStdString(iv->prompt));
        m_prompt = p ? std::optional<Prompt>(*p) : std::nullopt;
    }
    if (m_clock->phaseMinutes() != iv->phaseMinutes)
        m_clock->setPhaseMinutes(iv->phaseMinutes);
    m_dock->setPrompt(m_prompt, iv->finished);
    if (iv->finished)
        m_clock->pause();
    m_dock->setScoring(isScoring(), m_done.load(), m_drillCount);
}

void InterviewController::onPhaseChanged(int phase)
{
    if (m_restoring || !m_clock->isRunning())
        return;
    m_dock->flashPhase();
    const double minutes = m_clock->phaseMinutes()[std::size_t(phase)];
    m_window->statusBar()->showMessage(
        tr("Phase %1 of %2: %3 — %4 minutes")
            .arg(phase + 1)
            .arg(kInterviewPhases)
            .arg(QString::fromUtf8(phaseTitle(InterviewPhase(phase))))
            .arg(minutes),
        15000);
}

void InterviewController::storeElapsed()
{
    if (m_window->document()->design().interview)
        m_window->document()->storeInterviewElapsed(m_clock->elapsedS());
}

void InterviewController::finish()
{
    if (isScoring() || !m_prompt)
        return;
    m_clock->pause(); // stores the reading
    m_cancel = false;
    m_done = 0;
    m_drillCount = int(drillPlan(*m_prompt).size());
    m_dock->setScoring(true, 0, m_drillCount);
    m_progress->start();
    m_window->statusBar()->showMessage(
        tr("Drilling the design: %1 simulator runs…").arg(m_drillCount), 10000);
    m_watcher.setFuture(QtConcurrent::run(
        [design = m_window->document()->design(),
         prompt = *m_prompt,
         options = m_drillOptions,
         cancel = &m_cancel,
         done = &m_done] { return scoreSession(design, prompt, options, cancel, done); }));
}

void InterviewController::cancelScoring()
{
    if (!isScoring())
        return;
    m_cancel = true;
}

void InterviewController::onScored()
{
    m_progress->stop();
    InterviewOutcome outcome = m_watcher.result();
    if (outcome.cancelled || !outcome.error.isEmpty()) {
        m_dock->setScoring(false, 0, 0);
        m_window->statusBar()->showMessage(
            outcome.cancelled ? tr("Scoring cancelled.") : outcome.error, 10000);
        if (!outcome.error.isEmpty())
            QMessageBox::warning(m_window, tr("Cannot score"), outcome.error);
        return;
    }
    m_outcome = std::move(outcome);
    if (auto iv = m_window->document()->design().interview; iv && !iv->finished) {
        iv->finished = true;
        m_window->editor()->setInterview(iv, tr("Finish interview"));
    }
    m_dock->setScoring(false, 0, 0);
    m_window->statusBar()->showMessage(
        tr("Scored: %1 of %2 points").arg(m_outcome->score.total).arg(m_outcome->score.max), 10000);
    showScore();
    emit scored();
}

void InterviewController::showScore()
{
    if (!m_outcome || !m_prompt)
        return;
    if (!m_scoreView) {
        m_scoreView = new InterviewScoreView(m_window);
        connect(m_scoreView, &InterviewScoreView::componentsActivated, this, [this](auto &ids) {
            m_window->showComponentsBeside(ids, m_scoreView); // not under the score itself
        });
        connect(m_scoreView,
                &InterviewScoreView::openReferenceRequested,
                this,
                &InterviewController::openReference);
        connect(m_scoreView,
                &InterviewScoreView::exportReportRequested,
                this,
                &InterviewController::exportReport);
    }
    m_scoreView->setOutcome(QString::fromStdString(m_prompt->title), *m_outcome);
    m_scoreView->show();
    m_scoreView->raise();
}

QWidget *InterviewController::openReference()
{
    if (!m_prompt)
        return nullptr;
    QString error;
    const auto design = m_library.referenceDesign(QString::fromStdString(m_prompt->id), &error);
    if (!design) {
        QMessageBox::warning(m_window, tr("Cannot open the reference design"), error);
        return nullptr;
    }
    auto *other = new MainWindow;
    other->setAttribute(Qt::WA_DeleteOnClose);
    other->files()->newDocument(*design);
    other->show(); // first: showing lays the docks out for the window's height
    // A design to look at beside one's own: the editing docks make way for the canvas.
    for (const char *name : {"paletteDock", "minimapDock", "inspectorDock"}) {
        if (auto *d = other->findChild<QDockWidget *>(QString::fromLatin1(name)))
            d->hide();
    }
    // The score made way: the two designs take the screen ("Show score" brings it back).
    if (m_scoreView && m_scoreView->isVisible()) {
        m_scoreView->hide();
        m_window->statusBar()->showMessage(
            tr("The score is a click away: Show score, in the Interview panel."), 15000);
    }
    m_window->tileWith(other); // the candidate's design on the left, the reference on the right
    QTimer::singleShot(0, other->view(), &DiagramView::zoomToFit);
    QTimer::singleShot(0, m_window->view(), &DiagramView::zoomToFit);
    other->statusBar()->showMessage(tr("The reference design for %1: compare it with yours.")
                                        .arg(QString::fromStdString(m_prompt->title)),
                                    15000);
    return other;
}

std::vector<report::SectionProvider> InterviewController::reportProviders() const
{
    if (!m_prompt)
        return {};
    auto data = std::make_shared<InterviewReportData>();
    data->prompt = *m_prompt;
    if (m_outcome) {
        data->drills = m_outcome->drills;
        data->score = m_outcome->score;
    }
    return {interviewSection(data)};
}

void InterviewController::exportReport()
{
    if (!m_prompt)
        return;
    const QString path = m_window->files()->filePath();
    const QString suggested = path.isEmpty() ? QString::fromStdString(m_prompt->id) : path;
    ReportDialog dialog(m_window->document()->design(),
                        m_window->simulation() ? m_window->simulation()->seed() : 1,
                        suggested,
                        m_scoreView ? static_cast<QWidget *>(m_scoreView.data()) : m_window);
    dialog.setWindowTitle(tr("Export Session Report"));
    dialog.setProviders(reportProviders());
    dialog.exec();
}

} // namespace hld
