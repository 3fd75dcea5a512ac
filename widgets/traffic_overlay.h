#pragma once

#include "live_snapshot.h"

#include <QElapsedTimer>
#include <QGraphicsObject>
#include <QPixmap>

#include <optional>
#include <utility>
#include <vector>

namespace hld {

class LinkItem;

// Sampled requests moving along links, coloured by outcome (ok, cache hit, error, stale
// read). One item draws every dot, so a busy design costs one paint, not thousands of items.
//
// Snapshots come at most 30 times a second; the dots move at the frame rate in between:
// each snapshot's hops are laid out over the wall time until the next one is due, in the
// order they happened, and every frame places each dot by the wall clock. Each hop takes a
// fixed wall time whatever its real latency, so 0.5 ms hops stay visible at any speed.
class TrafficOverlay : public QGraphicsObject
{
    Q_OBJECT

public:
    TrafficOverlay();

    // The hops of a snapshot; `links[i]` is the item of the snapshot's link i (or null).
    void addHops(const LiveSnapshot &snapshot, const std::vector<LinkItem *> &links);
    void clear();
    int activeDots() const { return int(m_dots.size()); }
    std::uint64_t dotsShown() const { return m_shown; } // since creation
    // The sampled request whose dot is nearest `scenePos` within `radius`, now.
    std::optional<std::uint32_t> requestAt(const QPointF &scenePos, double radius) const;
    std::optional<QPointF> dotPosition(std::uint32_t request) const; // now, for tests
    // Every dot on screen now, at one instant (the dots move with the wall clock), for tests.
    std::vector<std::pair<std::uint32_t, QPointF>> dotPositions() const;
    void tick(); // advance the animation; called by the view's frame clock

    QRectF boundingRect() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    static constexpr int kHopMs = 450;
    // Trace outcomes from here on mark what a call's policies did (a timeout, a short
    // circuit, a backoff wait, a bulkhead rejection): no request moves along the link.
    static constexpr std::uint8_t kFirstMark = 4;
    static constexpr int kMaxDots = 600;

private:
    struct Dot
    {
        LinkItem *link;
        qint64 startMs;
        std::uint32_t request;
        bool back;
        std::uint8_t outcome;
    };
    std::optional<QPointF> positionOf(const Dot &d, qint64 now) const;
    const QPixmap &sprite(std::uint8_t outcome, double radiusPx);

    std::vector<Dot> m_dots;
    QElapsedTimer m_clock;
    qint64 m_lastSnapshotMs = -1;
    double m_snapshotIntervalMs = 33; // measured, smoothed
    QRectF m_bounds;
    std::uint64_t m_shown = 0;
    // One antialiased disc per outcome, drawn once per size: a frame blits the dots.
    QPixmap m_sprites[4];
    double m_spriteRadius = -1;
};

} // namespace hld
