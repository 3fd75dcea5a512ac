#include "mechanism_strip.h"

#include "model/design.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace hld {

namespace {

QString tr(const char *s)
{
    return QCoreApplication::translate("MechanismStrip", s);
}

QString count(double n)
{
    if (n >= 1e6)
        return QStringLiteral("%1M").arg(n / 1e6, 0, 'f', 1);
    if (n >= 1e4)
        return QStringLiteral("%1k").arg(n / 1e3, 0, 'f', 1);
    return QLocale(QLocale::English).toString(qlonglong(std::llround(n)));
}

// Shorter still, for a line that shares its room with a number: "7.3k".
QString compact(double n)
{
    return n >= 1e3 && n < 1e4 ? QStringLiteral("%1k").arg(n / 1e3, 0, 'f', 1) : count(n);
}

const QColor kAlert(0xd6, 0x2c, 0x2c);
const QColor kAmber(0xf0, 0xa2, 0x02);
const QColor kCalm(0x2f, 0x6d, 0xb5);
const QColor kGreen(0x2e, 0xa0, 0x43);
const QColor kUndetected(0xb3, 0x5c, 0x00); // as the component's "dead?" badge

QColor loadTint(double u)
{
    return u >= 0.9 ? kAlert : u >= 0.7 ? kAmber : kGreen;
}

// How full a backlog bar is: against max_backlog when there is one, otherwise on a log scale
// that fills at 10,000 messages (a bar that saturates at once would say nothing).
double backlogFraction(const Component &c, std::uint32_t backlog)
{
    if (c.maxBacklog && *c.maxBacklog > 0)
        return std::min(1.0, double(backlog) / double(*c.maxBacklog));
    return std::min(1.0, std::log10(1.0 + backlog) / 4.0);
}

} // namespace

MechanismStrip::MechanismStrip(const Component &c, const LiveNode &live)
    : m_c(c)
    , m_live(live)
{
    const auto &m = live.mechanisms;
    if (c.kind == ComponentKind::Queue) {
        const bool full = c.maxBacklog && m.backlog >= *c.maxBacklog;
        m_lines.push_back({Kind::Backlog, tr("backlog %1").arg(count(m.backlog)), full});
    }
    if (c.shards) {
        const auto &load = m.shardLoad;
        const int shards = load.empty() ? int(c.shards->count) : int(load.size());
        QString text = tr("%1 shards").arg(shards);
        bool hot = false;
        if (load.size() > 1) {
            const auto top = std::max_element(load.begin(), load.end());
            const double mean = std::accumulate(load.begin(), load.end(), 0.0) / load.size();
            // Hot: clearly above the others and busy enough to matter.
            if (*top >= 0.5 && *top > 1.5 * mean) {
                m_hotShard = int(top - load.begin());
                hot = true;
                text = tr("hot: #%1 at %2%").arg(m_hotShard).arg(qRound(100 * *top));
            }
        }
        m_lines.push_back({Kind::Shards, text, hot});
    }
    if (c.replication) {
        const Replication &r = *c.replication;
        if (r.quorum || m.leaderless)
            m_lines.push_back(
                {Kind::Replicas,
                 r.quorum ? tr("quorum R%1 W%2").arg(r.quorum->r).arg(r.quorum->w) : tr("quorum"),
                 false});
        else if (m.electing)
            m_lines.push_back({Kind::Replicas, tr("electing…"), true});
        else if (m.leader >= 0)
            m_lines.push_back({Kind::Replicas, tr("leader r%1").arg(m.leader), false});
        else
            m_lines.push_back(
                {Kind::Replicas, tr("%1 replicas").arg(live.replicas + live.down), false});
    }
    if (c.capacityKeys) {
        m_lines.push_back({Kind::CacheFill,
                           tr("%1 keys, %2%")
                               .arg(compact(double(m.cacheKeys)))
                               .arg(qRound(100 * std::clamp(m.cacheFill, 0.0, 1.0))),
                           false});
    }
    // Health, as the balancers see it: every replica alive, some dead and taken out of
    // rotation, or some dead and still sent requests because no check has noticed yet.
    const std::uint32_t detectedDead = live.down - std::min(live.down, live.undetected);
    if (live.undetected > 0)
        m_lines.push_back({Kind::Health,
                           live.undetected == 1 ? tr("1 dead, undetected")
                                                : tr("%1 dead, undetected").arg(live.undetected),
                           true});
    else if (c.healthCheck && detectedDead > 0)
        m_lines.push_back({Kind::Health, tr("%1 dead, out of rotation").arg(detectedDead), false});
    else if (c.healthCheck)
        m_lines.push_back({Kind::Health, tr("%1 healthy").arg(live.replicas), false});
    if (c.rateLimit) {
        const QString rate = live.rateLimitedPerS >= 10
                                 ? QString::number(qRound(live.rateLimitedPerS))
                                 : QString::number(live.rateLimitedPerS, 'f', 1);
        m_lines.push_back({Kind::RateLimited,
                           tr("429s: %1 · %2/s").arg(count(double(live.rateLimited)), rate),
                           live.rateLimitedPerS > 0.05});
    }
    if (m_lines.size() > std::size_t(kMaxLines))
        m_lines.resize(std::size_t(kMaxLines));
}

QStringList MechanismStrip::texts() const
{
    QStringList out;
    for (const auto &l : m_lines)
        out << l.text;
    return out;
}

void MechanismStrip::drawBar(QPainter *p, const QRectF &r, double fraction, const QColor &c) const
{
    p->setPen(Qt::NoPen);
    QColor track = c;
    track.setAlpha(45);
    p->setBrush(track);
    p->drawRoundedRect(r, 2, 2);
    p->setBrush(c);
    p->drawRoundedRect(
        QRectF(r.left(), r.top(), r.width() * std::clamp(fraction, 0.0, 1.0), r.height()), 2, 2);
}

void MechanismStrip::drawShards(QPainter *p, const QRectF &r) const
{
    // One tick per shard, its height the shard's load now; more than 16 shards share ticks.
    const auto &load = m_live.mechanisms.shardLoad;
    const int shards = load.empty() ? int(m_c.shards->count) : int(load.size());
    const int ticks = std::min(shards, 16);
    const double step = r.width() / ticks;
    for (int t = 0; t < ticks; ++t) {
        double u = 0;
        bool hot = false;
        for (int s = t * shards / ticks; s < (t + 1) * shards / ticks; ++s) {
            if (std::size_t(s) < load.size())
                u = std::max(u, load[std::size_t(s)]);
            hot = hot || s == m_hotShard;
        }
        const QRectF slot(
            r.left() + t * step + 0.5, r.top(), std::max(1.5, step - 1.5), r.height());
        QColor track = kCalm;
        track.setAlpha(40);
        p->setPen(Qt::NoPen);
        p->setBrush(track);
        p->drawRect(slot);
        const double h = slot.height() * std::clamp(u, 0.0, 1.0);
        p->setBrush(hot ? kAlert : loadTint(u));
        p->drawRect(QRectF(slot.left(), slot.bottom() - h, slot.width(), h));
        if (hot) {
            p->setPen(QPen(kAlert, 1.2));
            p->setBrush(Qt::NoBrush);
            p->drawRect(slot.adjusted(-0.8, -0.8, 0.8, 0.8));
        }
    }
}

void MechanismStrip::drawReplicas(QPainter *p, const QRectF &r) const
{
    // A dot per replica: the leader filled and ringed, the rest hollow; none filled while
    // electing (the old leader is gone, the new one not yet chosen); all alike when leaderless.
    const auto &m = m_live.mechanisms;
    const int n = std::clamp(int(m_live.replicas + m_live.down), 1, 9);
    const double d = std::min(r.height(), r.width() / n - 2);
    const bool quorum = m.leaderless || (m_c.replication && m_c.replication->quorum);
    for (int i = 0; i < n; ++i) {
        const QRectF dot(r.left() + i * (d + 2), r.center().y() - d / 2, d, d);
        const bool leader = !quorum && !m.electing && i == m.leader;
        QColor c = m.electing ? kAmber : kCalm;
        p->setPen(QPen(c, leader ? 2.0 : 1.0));
        p->setBrush(leader || quorum ? QBrush(c) : QBrush(Qt::NoBrush));
        p->drawEllipse(dot.adjusted(0.5, 0.5, -0.5, -0.5));
        if (leader) {
            p->setPen(Qt::white);
            QFont f = p->font();
            f.setPointSizeF(5.5);
            f.setBold(true);
            p->save();
            p->setFont(f);
            p->drawText(dot, Qt::AlignCenter, QStringLiteral("L"));
            p->restore();
        }
    }
}

int MechanismStrip::healthDots() const
{
    return std::clamp(
        int(m_live.replicas + m_live.down - std::min(m_live.undetected, m_live.down)), 1, 9);
}

void MechanismStrip::drawHealth(QPainter *p, const QRectF &r) const
{
    // A dot per replica: healthy ones filled green; a dead one its balancers still send to,
    // hollow dark amber with a dashed ring; a dead one out of rotation, grey and crossed.
    const std::uint32_t undetected = std::min(m_live.undetected, m_live.down);
    const std::uint32_t healthy = m_live.replicas - std::min(m_live.replicas, undetected);
    const int n = healthDots();
    const double d = std::min(r.height(), r.width() / n - 1.5);
    for (int i = 0; i < n; ++i) {
        const QRectF dot = QRectF(r.left() + i * (d + 1.5), r.center().y() - d / 2, d, d)
                               .adjusted(0.5, 0.5, -0.5, -0.5);
        if (std::uint32_t(i) < healthy) {
            p->setPen(Qt::NoPen);
            p->setBrush(kGreen);
            p->drawEllipse(dot);
        } else if (std::uint32_t(i) < healthy + undetected) {
            p->setPen(QPen(kUndetected, 1.3, Qt::DashLine));
            p->setBrush(Qt::NoBrush);
            p->drawEllipse(dot);
            p->setPen(Qt::NoPen);
            p->setBrush(kUndetected);
            p->drawEllipse(dot.center(), d / 5, d / 5);
        } else {
            p->setPen(Qt::NoPen);
            p->setBrush(QColor(0x9e, 0x9e, 0x9e));
            p->drawEllipse(dot);
            p->setPen(QPen(kAlert, 1.2));
            p->drawLine(dot.topLeft(), dot.bottomRight());
            p->drawLine(dot.topRight(), dot.bottomLeft());
        }
    }
}

void MechanismStrip::paint(QPainter *p, QPointF topLeft, double width, const QPalette &pal) const
{
    if (m_lines.empty())
        return;
    p->save();
    QFont f = QGuiApplication::font();
    f.setPointSizeF(7.5);
    p->setFont(f);
    const QFontMetricsF fm(f);
    const QRectF all(topLeft, QSizeF(width, kLineHeight * lineCount() + 2));
    QColor back = pal.color(QPalette::Base);
    back.setAlpha(235);
    p->setPen(QPen(pal.color(QPalette::Mid), 0.8));
    p->setBrush(back);
    p->drawRoundedRect(all, 4, 4);
    const auto &m = m_live.mechanisms;
    for (int i = 0; i < lineCount(); ++i) {
        const Line &line = m_lines[std::size_t(i)];
        const QRectF row(
            topLeft.x() + 4, topLeft.y() + 1 + i * kLineHeight, width - 8, kLineHeight);
        // The health dots are small, so that their words fit beside them.
        const double graphicW
            = line.kind == Kind::Health ? std::min(34.0, 10.0 * healthDots()) : 34;
        const QRectF graphic(row.left(), row.top() + 3.5, graphicW, row.height() - 7);
        switch (line.kind) {
        case Kind::Backlog:
            drawBar(p, graphic, backlogFraction(m_c, m.backlog), line.alert ? kAlert : kAmber);
            break;
        case Kind::Shards:
            drawShards(p, graphic.adjusted(0, -1.5, 0, 1.5));
            break;
        case Kind::Replicas:
            drawReplicas(p, graphic.adjusted(0, -1.5, 0, 1.5));
            break;
        case Kind::CacheFill:
            drawBar(p, graphic, m.cacheFill, kCalm);
            break;
        case Kind::Health:
            drawHealth(p, graphic.adjusted(0, -1.5, 0, 1.5));
            break;
        case Kind::RateLimited: {
            // The share of what arrives that the limiter refuses.
            const double refused = m_live.rateLimitedPerS;
            const double total = refused + m_live.throughputRps;
            drawBar(p, graphic, total > 0 ? refused / total : 0.0, kAlert);
            break;
        }
        }
        const QRectF text(
            graphic.right() + 5, row.top(), row.right() - graphic.right() - 5, row.height());
        // An unnoticed dead replica in its own colour (the badge's), apart from "down" red.
        const QColor alert = line.kind == Kind::Health ? kUndetected : kAlert;
        p->setPen(line.alert ? alert : pal.color(QPalette::Text));
        p->drawText(text,
                    Qt::AlignLeft | Qt::AlignVCenter,
                    fm.elidedText(line.text, Qt::ElideRight, text.width()));
    }
    p->restore();
}

} // namespace hld
