#include "interview_clock.h"

#include "interview/phases.h"

#include <QDateTime>

namespace hld {

InterviewClock::InterviewClock(QObject *parent, TimeSource now)
    : QObject(parent)
    , m_now(now ? std::move(now) : TimeSource([] { return QDateTime::currentMSecsSinceEpoch(); }))
{
    m_timer.setInterval(250);
    connect(&m_timer, &QTimer::timeout, this, &InterviewClock::poll);
}

void InterviewClock::restore(double elapsedS, const std::array<double, kInterviewPhases> &minutes)
{
    pause();
    m_minutes = minutes;
    m_banked = std::max(0.0, elapsedS);
    const PhasePosition p = phaseAt(m_minutes, m_banked);
    m_lastPhase = int(p.phase);
    m_lastOvertime = p.overtime;
    emit phaseChanged(m_lastPhase);
    emit ticked();
}

void InterviewClock::setPhaseMinutes(const std::array<double, kInterviewPhases> &minutes)
{
    m_minutes = minutes;
    poll();
}

void InterviewClock::start()
{
    if (m_running)
        return;
    m_since = m_now();
    m_running = true;
    m_timer.start();
    emit runningChanged(true);
    poll();
}

void InterviewClock::pause()
{
    if (!m_running)
        return;
    m_banked = elapsedS();
    m_running = false;
    m_timer.stop();
    emit runningChanged(false);
    poll();
}

double InterviewClock::elapsedS() const
{
    return m_banked + (m_running ? double(m_now() - m_since) / 1000.0 : 0.0);
}

InterviewPhase InterviewClock::phase() const
{
    return phaseAt(m_minutes, elapsedS()).phase;
}

double InterviewClock::leftInPhaseS() const
{
    return phaseAt(m_minutes, elapsedS()).leftInPhaseS;
}

double InterviewClock::totalS() const
{
    return phaseAt(m_minutes, 0).totalS;
}

bool InterviewClock::isOvertime() const
{
    return phaseAt(m_minutes, elapsedS()).overtime;
}

void InterviewClock::poll()
{
    const PhasePosition p = phaseAt(m_minutes, elapsedS());
    if (int(p.phase) != m_lastPhase) {
        m_lastPhase = int(p.phase);
        emit phaseChanged(m_lastPhase);
    }
    if (p.overtime && !m_lastOvertime)
        emit finished();
    m_lastOvertime = p.overtime;
    emit ticked();
}

} // namespace hld
