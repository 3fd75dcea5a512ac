#include "interview_dock.h"

#include "interview_clock.h"
#include "interview_notes.h"
#include "io/interview_io.h"
#include "phase_bar.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace hld {

namespace {
QString minutesSeconds(double s)
{
    const int total = int(std::floor(std::max(0.0, s)));
    return QStringLiteral("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

InterviewDock::InterviewDock(DesignEditor *editor, InterviewClock *clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_title(new QLabel(this))
    , m_promptToggle(new QToolButton(this))
    , m_prompt(new QTextBrowser(this))
    , m_bar(new PhaseBar(this))
    , m_time(new QLabel(this))
    , m_pause(new QPushButton(tr("Pause"), this))
    , m_finish(new QPushButton(tr("Finish and score"), this))
    , m_showScore(new QPushButton(tr("Show score"), this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_notes(new InterviewNotes(editor, this))
{
    setObjectName(QStringLiteral("interviewPanel"));
    QFont tf = m_title->font();
    tf.setBold(true);
    tf.setPointSizeF(tf.pointSizeF() * 1.15);
    m_title->setFont(tf);
    m_title->setWordWrap(true);

    m_promptToggle->setObjectName(QStringLiteral("promptToggle"));
    m_promptToggle->setText(tr("The prompt"));
    m_promptToggle->setCheckable(true);
    m_promptToggle->setChecked(true);
    m_promptToggle->setArrowType(Qt::DownArrow);
    m_promptToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_promptToggle->setAutoRaise(true);
    connect(m_promptToggle, &QToolButton::toggled, this, [this](bool on) {
        m_prompt->setVisible(on);
        m_promptToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });
    m_prompt->setObjectName(QStringLiteral("promptText"));
    m_prompt->setOpenExternalLinks(false);
    m_prompt->setMinimumHeight(80);

    m_time->setObjectName(QStringLiteral("interviewTime"));
    m_pause->setObjectName(QStringLiteral("interviewPause"));
    m_finish->setObjectName(QStringLiteral("interviewFinish"));
    m_finish->setToolTip(tr("Drill the design with the simulator at the prompt's load, at 10× "
                            "and under each follow-up's fault; review it; score the session."));
    m_showScore->setObjectName(QStringLiteral("interviewShowScore"));
    m_showScore->hide();
    m_progress->setObjectName(QStringLiteral("scoringProgress"));
    m_progress->hide();
    m_cancel->hide();

    auto *clockRow = new QHBoxLayout;
    clockRow->addWidget(m_time, 1);
    clockRow->addWidget(m_pause);
    auto *finishRow = new QHBoxLayout;
    finishRow->addWidget(m_finish);
    finishRow->addWidget(m_showScore);
    finishRow->addWidget(m_progress, 1);
    finishRow->addWidget(m_cancel);
    finishRow->addStretch();

    auto *top = new QWidget(this);
    auto *tl = new QVBoxLayout(top);
    tl->setContentsMargins(0, 0, 0, 0);
    tl->addWidget(m_title);
    tl->addWidget(m_bar);
    tl->addLayout(clockRow);
    tl->addLayout(finishRow);
    tl->addWidget(m_promptToggle, 0, Qt::AlignLeft);
    tl->addWidget(m_prompt, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(m_notes);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_clock->isRunning())
            m_clock->pause();
        else
            m_clock->resume();
    });
    connect(m_finish, &QPushButton::clicked, this, &InterviewDock::finishRequested);
    connect(m_showScore, &QPushButton::clicked, this, &InterviewDock::showScoreRequested);
    connect(m_cancel, &QPushButton::clicked, this, &InterviewDock::cancelScoringRequested);
    connect(m_notes, &InterviewNotes::message, this, &InterviewDock::message);
    connect(m_clock, &InterviewClock::ticked, this, &InterviewDock::updateClock);
    connect(m_clock, &InterviewClock::runningChanged, this, &InterviewDock::updateClock);
    updateClock();
}

void InterviewDock::setPrompt(const std::optional<Prompt> &prompt, bool finished)
{
    m_finished = finished;
    if (!prompt) {
        m_title->setText(tr("Interview (prompt not found)"));
        m_prompt->setPlainText(tr("This design's interview names a prompt HLD Studio does not "
                                  "ship. The notes are kept; scoring needs the prompt."));
        m_finish->setEnabled(false);
        return;
    }
    m_title->setText(QString::fromStdString(prompt->title));
    // The title is in the label above; the follow-ups are the interviewer's to ask, so they
    // show with the strong answer, once the session is over.
    QString md = QString::fromStdString(promptToMarkdown(*prompt, finished));
    if (md.startsWith(QLatin1String("# ")))
        md = md.mid(md.indexOf(QLatin1Char('\n')) + 1);
    if (!finished) {
        const int from = md.indexOf(QLatin1String("\n## Follow-up questions"));
        if (from >= 0) {
            const int next = md.indexOf(QLatin1String("\n## "), from + 5);
            md.remove(from, next < 0 ? md.size() - from : next - from);
        }
    }
    md.replace(QLatin1String("\n## "), QLatin1String("\n#### "));
    m_prompt->setMarkdown(md);
    m_finish->setEnabled(true);
    m_finish->setText(finished ? tr("Score again") : tr("Finish and score"));
    m_showScore->setVisible(false);
    updateClock();
}

void InterviewDock::setScoring(bool running, int done, int total)
{
    m_progress->setVisible(running);
    m_cancel->setVisible(running);
    m_finish->setEnabled(!running);
    m_showScore->setVisible(!running && m_finished);
    if (running) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        m_progress->setFormat(tr("Drill %1 of %2").arg(std::min(done + 1, total)).arg(total));
    }
}

void InterviewDock::flashPhase()
{
    m_bar->flash();
    // The notes follow the phase, unless the candidate is writing in them right now.
    if (!m_notes->isAncestorOf(QApplication::focusWidget()))
        m_notes->showPhase(m_clock->phase());
}

void InterviewDock::updateClock()
{
    m_bar->setPhaseMinutes(m_clock->phaseMinutes());
    m_bar->setElapsed(m_clock->elapsedS());
    const InterviewPhase phase = m_clock->phase();
    const QString state = m_finished             ? tr("finished")
                          : m_clock->isRunning() ? QString()
                                                 : tr("paused");
    QString text;
    if (m_clock->isOvertime())
        text = tr("<b>Time is up</b> — %1 over")
                   .arg(minutesSeconds(m_clock->elapsedS() - m_clock->totalS()));
    else
        text = tr("<b>Phase %1 of %2: %3</b> — %4 left")
                   .arg(int(phase) + 1)
                   .arg(kInterviewPhases)
                   .arg(QString::fromUtf8(phaseTitle(phase)).toHtmlEscaped(),
                        minutesSeconds(m_clock->leftInPhaseS()));
    text += QStringLiteral("<br>%1 / %2")
                .arg(minutesSeconds(m_clock->elapsedS()), minutesSeconds(m_clock->totalS()));
    if (!state.isEmpty())
        text += QStringLiteral(" · %1").arg(state);
    m_time->setText(text);
    m_pause->setText(m_clock->isRunning() ? tr("Pause") : tr("Resume"));
    m_pause->setEnabled(!m_finished);
}

} // namespace hld
