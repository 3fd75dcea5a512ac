#pragma once

#include "model/interview.h"

#include <QObject>
#include <QTimer>

#include <array>
#include <functional>

namespace hld {

// The mock interview's clock: runs through the guide's phases, pauses and resumes, and
// tells when a phase changes. Time comes from an injectable source (milliseconds, any
// origin) so tests drive it with a fake clock; a timer polls it a few times a second.
class InterviewClock : public QObject
{
    Q_OBJECT

public:
    using TimeSource = std::function<qint64()>;

    explicit InterviewClock(QObject *parent = nullptr, TimeSource now = {});

    // A clock paused at `elapsedS` (a session restored from a file, or a new one at 0).
    void restore(double elapsedS, const std::array<double, kInterviewPhases> &phaseMinutes);
    void setPhaseMinutes(const std::array<double, kInterviewPhases> &minutes);
    const std::array<double, kInterviewPhases> &phaseMinutes() const { return m_minutes; }

    void start(); // from where it stands
    void pause();
    void resume() { start(); }
    bool isRunning() const { return m_running; }

    double elapsedS() const;
    InterviewPhase phase() const;
    double leftInPhaseS() const;
    double totalS() const;
    bool isOvertime() const;

    // Reads the time source and emits what changed; the timer calls it, tests may too.
    void poll();

signals:
    void phaseChanged(int phase);
    void ticked();
    void finished(); // the last phase's time is up (the clock keeps running, in overtime)
    void runningChanged(bool running);

private:
    TimeSource m_now;
    QTimer m_timer;
    std::array<double, kInterviewPhases> m_minutes = kDefaultPhaseMinutes;
    double m_banked = 0; // seconds run before the current stretch
    qint64 m_since = 0;  // the time source when the current stretch began
    bool m_running = false;
    int m_lastPhase = 0;
    bool m_lastOvertime = false;
};

} // namespace hld
