#include "traffic_overlay.h"

#include "link_item.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace hld {

namespace {
QColor outcomeColour(std::uint8_t outcome)
{
    switch (outcome) {
    case 1:
        return QColor(0x1e, 0x88, 0xe5); // cache hit
    case 2:
        return QColor(0xd6, 0x2c, 0x2c); // error
    case 3:
        return QColor(0x8e, 0x24, 0xaa); // stale read
    default:
        return QColor(0x2e, 0xa0, 0x43); // ok
    }
}
} // namespace

TrafficOverlay::TrafficOverlay()
{
    setZValue(50);
    setAcceptedMouseButtons(Qt::NoButton);
    setFlag(ItemHasNoContents, false);
    m_clock.start();
}

void TrafficOverlay::addHops(const LiveSnapshot &s, const std::vector<LinkItem *> &links)
{
    const qint64 now = m_clock.elapsed();
    if (m_lastSnapshotMs >= 0) {
        const double gap = std::clamp(double(now - m_lastSnapshotMs), 10.0, 200.0);
        m_snapshotIntervalMs = 0.8 * m_snapshotIntervalMs + 0.2 * gap;
    }
    m_lastSnapshotMs = now;
    if (s.hops.empty())
        return;
    // Lay the snapshot's simulated interval over the wall time until the next snapshot.
    const double first = std::min(s.previousSimTimeS, s.hops.front().departS);
    const double span = std::max(1e-9, s.simTimeS - first);
    for (const auto &h : s.hops) {
        if (m_dots.size() >= std::size_t(kMaxDots))
            break;
        if (h.link >= links.size() || !links[h.link])
            continue;
        if (h.outcome >= kFirstMark)
            continue; // a timeout, breaker, backoff or bulkhead mark: nothing travels
        const double at = std::clamp((h.departS - first) / span, 0.0, 1.0);
        const qint64 start = now + qint64(m_snapshotIntervalMs * at);
        m_dots.push_back({links[h.link], start, h.request, h.back, h.outcome});
        ++m_shown;
    }
}

void TrafficOverlay::clear()
{
    m_dots.clear();
    m_lastSnapshotMs = -1;
    update();
}

void TrafficOverlay::tick()
{
    const qint64 now = m_clock.elapsed();
    const std::size_t before = m_dots.size();
    std::erase_if(m_dots, [now](const Dot &d) { return now - d.startMs > kHopMs; });
    if (m_dots.empty() && before == 0)
        return; // nothing moves: no repaint
    QRectF bounds;
    for (const auto &d : m_dots)
        bounds = bounds.united(d.link->sceneBoundingRect());
    if (bounds != m_bounds) {
        prepareGeometryChange();
        m_bounds = bounds;
    }
    update();
}

std::optional<QPointF> TrafficOverlay::positionOf(const Dot &d, qint64 now) const
{
    const double t = double(now - d.startMs) / kHopMs;
    if (t < 0 || t > 1)
        return std::nullopt;
    const QLineF line = d.link->line();
    return d.back ? line.pointAt(1 - t) : line.pointAt(t);
}

std::optional<std::uint32_t> TrafficOverlay::requestAt(const QPointF &scenePos, double radius) const
{
    const qint64 now = m_clock.elapsed();
    std::optional<std::uint32_t> best;
    double bestD = radius;
    for (const auto &d : m_dots) {
        if (const auto at = positionOf(d, now)) {
            const double dist = QLineF(*at, scenePos).length();
            if (dist <= bestD) {
                bestD = dist;
                best = d.request;
            }
        }
    }
    return best;
}

std::optional<QPointF> TrafficOverlay::dotPosition(std::uint32_t request) const
{
    const qint64 now = m_clock.elapsed();
    for (const auto &d : m_dots) {
        if (d.request == request) {
            if (const auto at = positionOf(d, now))
                return at;
        }
    }
    return std::nullopt;
}

std::vector<std::pair<std::uint32_t, QPointF>> TrafficOverlay::dotPositions() const
{
    const qint64 now = m_clock.elapsed();
    std::vector<std::pair<std::uint32_t, QPointF>> out;
    for (const auto &d : m_dots) {
        if (const auto at = positionOf(d, now))
            out.emplace_back(d.request, *at);
    }
    return out;
}

QRectF TrafficOverlay::boundingRect() const
{
    return m_bounds.adjusted(-8, -8, 8, 8);
}

const QPixmap &TrafficOverlay::sprite(std::uint8_t outcome, double radiusPx)
{
    if (radiusPx != m_spriteRadius) {
        m_spriteRadius = radiusPx;
        for (std::uint8_t o = 0; o < 4; ++o) {
            const int side = int(std::ceil(2 * radiusPx)) + 2;
            QPixmap pm(side, side);
            pm.fill(Qt::transparent);
            QPainter sp(&pm);
            sp.setRenderHint(QPainter::Antialiasing);
            sp.setPen(Qt::NoPen);
            sp.setBrush(outcomeColour(o));
            sp.drawEllipse(QPointF(side / 2.0, side / 2.0), radiusPx, radiusPx);
            m_sprites[o] = pm;
        }
    }
    return m_sprites[std::min<std::uint8_t>(outcome, 3)];
}

void TrafficOverlay::paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const qint64 now = m_clock.elapsed();
    const QTransform toDevice = p->worldTransform();
    const double lod = option->levelOfDetailFromTransform(toDevice);
    // 3.5 scene units, and never smaller than about 2 pixels on screen.
    const double radiusPx = std::round(std::max(3.5 * lod, 2.1) * 2) / 2;
    p->save();
    p->resetTransform();
    for (const auto &d : m_dots) {
        if (const auto at = positionOf(d, now)) {
            const QPixmap &pm = sprite(d.outcome, radiusPx);
            p->drawPixmap(toDevice.map(*at) - QPointF(pm.width() / 2.0, pm.height() / 2.0), pm);
        }
    }
    p->restore();
}

} // namespace hld
