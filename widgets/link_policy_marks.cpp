#include "link_policy_marks.h"

#include "model/design.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QStringList>

#include <cmath>

namespace hld {

namespace {

QString tr(const char *s)
{
    return QCoreApplication::translate("LinkPolicyMarks", s);
}

QString number(double v)
{
    if (v >= 1000)
        return QStringLiteral("%1k").arg(v / 1000, 0, 'f', 1);
    if (v >= 10)
        return QString::number(qRound(v));
    return QString::number(v, 'f', 1);
}

QString count(std::uint64_t n)
{
    return QLocale(QLocale::English).toString(qulonglong(n));
}

// Below this a rate reads as noise from the last few calls, not as something going on.
constexpr double kShownRate = 0.05;

} // namespace

LinkPolicyMarks::LinkPolicyMarks(const Link &l, const std::optional<LiveLink> &live)
    : m_breaker(l.circuitBreaker.has_value())
    , m_live(live.has_value())
{
    if (!live) {
        QStringList parts;
        if (l.timeoutMs)
            parts << tr("timeout %1 ms").arg(*l.timeoutMs, 0, 'g', 6);
        if (l.retry)
            parts << tr("retry ×%1").arg(l.retry->max);
        if (l.maxConcurrent)
            parts << tr("≤ %1 at once").arg(*l.maxConcurrent);
        m_lines = parts;
        if (l.circuitBreaker)
            parts.insert(l.retry ? (l.timeoutMs ? 2 : 1) : (l.timeoutMs ? 1 : 0), tr("breaker"));
        m_summary = parts.join(QStringLiteral(" · "));
        return;
    }
    m_state = live->breaker;
    m_breaker = m_breaker || m_state != LiveLink::Closed;
    QStringList parts;
    if (live->retriesPerS >= kShownRate)
        parts << tr("retries %1/s").arg(number(live->retriesPerS));
    if (live->timeoutsPerS >= kShownRate)
        parts << tr("timeouts %1/s").arg(number(live->timeoutsPerS));
    if (live->shortCircuitsPerS >= kShownRate)
        parts << tr("short-circuited %1/s").arg(number(live->shortCircuitsPerS));
    if (live->rejectedPerS >= kShownRate)
        parts << tr("rejected %1/s").arg(number(live->rejectedPerS));
    m_activity = parts.join(QStringLiteral(" · "));
    m_lines = parts;
    if (live->guarded)
        m_counts = tr("Since the run started: %1 retries, %2 timed out, %3 short-circuited, %4 "
                      "rejected by the bulkhead; %5 calls in progress now.")
                       .arg(count(live->retries),
                            count(live->timedOut),
                            count(live->shortCircuited),
                            count(live->rejected))
                       .arg(live->inProgress);
}

QString LinkPolicyMarks::breakerText() const
{
    if (!m_breaker)
        return {};
    if (!m_live)
        return tr("circuit breaker");
    switch (m_state) {
    case LiveLink::Closed:
        return tr("breaker closed");
    case LiveLink::Open:
        return tr("breaker open");
    case LiveLink::HalfOpen:
        return tr("breaker half-open");
    }
    return {};
}

QString LinkPolicyMarks::toolTip() const
{
    QStringList lines;
    if (m_breaker && m_live) {
        switch (m_state) {
        case LiveLink::Closed:
            lines << tr("Circuit breaker closed: calls go through.");
            break;
        case LiveLink::Open:
            lines << tr("Circuit breaker OPEN: too many recent calls failed, so calls fail at "
                        "once without being sent (short-circuited) until it half-opens.");
            break;
        case LiveLink::HalfOpen:
            lines << tr("Circuit breaker half-open: a few trial calls decide whether it closes "
                        "or opens again.");
            break;
        }
    } else if (m_breaker) {
        lines << tr("Circuit breaker: run the simulation to see its state here.");
    }
    if (!m_summary.isEmpty())
        lines << tr("Caller's policies: %1.").arg(m_summary);
    if (!m_activity.isEmpty())
        lines << tr("Over the last second: %1.").arg(m_activity);
    if (!m_counts.isEmpty())
        lines << m_counts;
    return lines.join(QLatin1Char('\n'));
}

QColor LinkPolicyMarks::breakerColour(LiveLink::Breaker state)
{
    switch (state) {
    case LiveLink::Open:
        return QColor(0xd6, 0x2c, 0x2c);
    case LiveLink::HalfOpen:
        return QColor(0xf0, 0xa2, 0x02);
    case LiveLink::Closed:
        break;
    }
    return QColor(0x2e, 0xa0, 0x43);
}

void LinkPolicyMarks::paintBreaker(QPainter *p,
                                   QPointF centre,
                                   double radius,
                                   const std::optional<LiveLink::Breaker> &state,
                                   const QPalette &pal)
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const QColor fill = state ? breakerColour(*state) : pal.color(QPalette::PlaceholderText);
    p->setPen(QPen(pal.color(QPalette::Base), 1.5));
    p->setBrush(fill);
    p->drawEllipse(centre, radius, radius);
    // The switch: two contacts and the blade between them.
    const double w = radius * 0.6;
    const QPointF left = centre + QPointF(-w, radius * 0.25);
    const QPointF right = centre + QPointF(w, radius * 0.25);
    p->setPen(Qt::NoPen);
    p->setBrush(Qt::white);
    p->drawEllipse(left, radius * 0.16, radius * 0.16);
    p->drawEllipse(right, radius * 0.16, radius * 0.16);
    QPen blade(Qt::white, std::max(1.2, radius * 0.2), Qt::SolidLine, Qt::RoundCap);
    if (state == LiveLink::HalfOpen)
        blade.setStyle(Qt::DotLine);
    p->setPen(blade);
    if (state == LiveLink::Open)
        p->drawLine(left, left + QPointF(w * 1.4, -radius * 0.95)); // lifted: no contact
    else
        p->drawLine(left, right);
    p->restore();
}

} // namespace hld
