#include "traffic_overlay.h"

#include "link_item.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

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

void TrafficOverlay::addHops(const std::vector<TraceHop> &hops,
                             const std::vector<LinkItem *> &links)
{
    if (hops.empty())
        return;
    // Spread this snapshot's hops over the next frame interval, in the order they happened.
    const qint64 now = m_clock.elapsed();
    const double first = hops.front().departS;
    const double span = std::max(1e-9, hops.back().departS - first);
    for (const auto &h : hops) {
        if (m_dots.size() >= std::size_t(kMaxDots))
            break;
        if (h.link >= links.size() || !links[h.link])
            continue;
        const qint64 start = now + qint64(33.0 * (h.departS - first) / span);
        m_dots.push_back({links[h.link], start, h.back, h.outcome});
        ++m_shown;
    }
}

void TrafficOverlay::clear()
{
    m_dots.clear();
    update();
}

void TrafficOverlay::tick()
{
    const qint64 now = m_clock.elapsed();
    std::erase_if(m_dots, [now](const Dot &d) { return now - d.startMs > kHopMs; });
    QRectF bounds;
    for (const auto &d : m_dots)
        bounds = bounds.united(d.link->sceneBoundingRect());
    if (bounds != m_bounds) {
        prepareGeometryChange();
        m_bounds = bounds;
    }
    update();
}

QRectF TrafficOverlay::boundingRect() const
{
    return m_bounds.adjusted(-8, -8, 8, 8);
}

void TrafficOverlay::paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const qint64 now = m_clock.elapsed();
    const double lod = option->levelOfDetailFromTransform(p->worldTransform());
    const double r = std::max(3.5, 3.5 / std::max(lod, 0.05) * 0.6);
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(Qt::NoPen);
    for (const auto &d : m_dots) {
        const double t = double(now - d.startMs) / kHopMs;
        if (t < 0 || t > 1)
            continue;
        const QLineF line = d.link->line();
        const QPointF at = d.back ? line.pointAt(1 - t) : line.pointAt(t);
        p->setBrush(outcomeColour(d.outcome));
        p->drawEllipse(at, r, r);
    }
}

} // namespace hld
