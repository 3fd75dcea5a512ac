#pragma once

#include "interview/prompt.h"

#include <QWidget>

#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTextBrowser;
class QToolButton;

namespace hld {

class DesignEditor;
class InterviewClock;
class InterviewNotes;
class PhaseBar;

// The interview dock: the prompt (its strong answer only once the session is finished),
// the clock with its six-phase bar and the time left in the phase, Pause/Resume, "Finish
// and score" (with the scoring's progress), and the notes of each phase.
class InterviewDock : public QWidget
{
    Q_OBJECT

public:
    InterviewDock(DesignEditor *editor, InterviewClock *clock, QWidget *parent = nullptr);

    void setPrompt(const std::optional<Prompt> &prompt, bool finished);
    void setScoring(bool running, int done, int total); // the drills' progress
    void flashPhase();

    InterviewNotes *notes() const { return m_notes; }
    PhaseBar *phaseBar() const { return m_bar; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *finishButton() const { return m_finish; }
    QLabel *timeLabel() const { return m_time; }

signals:
    void finishRequested();
    void cancelScoringRequested();
    void showScoreRequested();
    void message(const QString &text);

private:
    void updateClock();

    InterviewClock *m_clock;
    QLabel *m_title;
    QToolButton *m_promptToggle;
    QTextBrowser *m_prompt;
    PhaseBar *m_bar;
    QLabel *m_time;
    QPushButton *m_pause;
    QPushButton *m_finish;
    QPushButton *m_showScore;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    InterviewNotes *m_notes;
    bool m_finished = false;
};

} // namespace hld
