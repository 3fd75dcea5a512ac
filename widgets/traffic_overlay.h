#pragma once

#include "live_snapshot.h"

#include <QElapsedTimer>
#include <QGraphicsObject>

#include <vector>

namespace hld {

class LinkItem;

// Sampled requests moving along links, coloured by outcome (ok, cache hit, error, stale
// read). One item draws every dot, so a busy design costs one paint, not thousands of items.
// Each hop is shown for a fixed wall time, whatever its real latency, so 0.5 ms hops stay
// visible and the picture stays readable at any speed.
class TrafficOverlay : public QGraphicsObject
{
    Q_OBJECT

public:
    TrafficOverlay();

    // Hops of one snapshot; `links` maps the engine's link index to its item.
    void addHops(const std::vector<TraceHop> &hops, const std::vector<LinkItem *> &links);
    void clear();
    int activeDots() const { return int(m_dots.size()); }
    std::uint64_t dotsShown() const { return m_shown; } // since creation
    void tick(); // advance the animation; called by the view's frame timer

    QRectF boundingRect() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    static constexpr int kHopMs = 450;
    static constexpr int kMaxDots = 600;

private:
    struct Dot
    {
        LinkItem *link;
        qint64 startMs;
        bool back;
        std::uint8_t outcome;
    };
    std::vector<Dot> m_dots;
    QElapsedTimer m_clock;
    QRectF m_bounds;
    std::uint64_t m_shown = 0;
};

} // namespace hld
