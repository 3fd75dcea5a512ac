#pragma once

#include "live_snapshot.h"

#include <QPalette>
#include <QRectF>
#include <QStringList>

class QPainter;

namespace hld {

struct Component;

// What a component's mechanisms look like on the canvas while it simulates, drawn as short
// lines under its box: a queue's backlog (count and bar), a sharded store's load per shard
// (the hottest marked), the replicas of a replicated store with the leader marked or
// "electing…" during a failover, a key-level cache's fill, the replicas' health as its
// balancers see it (a dead one not yet detected is drawn apart from one taken out of
// rotation), and a rate limiter's 429s. Built from the snapshot's LiveNode, so painting
// does no engine work.
class MechanismStrip
{
public:
    static constexpr double kLineHeight = 15;
    static constexpr int kMaxLines = 4;

    MechanismStrip(const Component &c, const LiveNode &live);

    int lineCount() const { return int(m_lines.size()); }
    // The lines' words, for tests and tooltips: "backlog 6,012", "4 shards" or "hot: #2 at 91%",
    // "leader r0", "electing…", "quorum R2 W2", "7.3k keys, 73%", "1 dead, undetected",
    // "429s: 1,204 · 35/s".
    QStringList texts() const;
    // Draws the lines top-down from `topLeft`, `width` wide.
    void paint(QPainter *p, QPointF topLeft, double width, const QPalette &pal) const;

private:
    enum class Kind { Backlog, Shards, Replicas, CacheFill, Health, RateLimited };
    struct Line
    {
        Kind kind;
        QString text;
        bool alert = false; // electing, a hot shard, a backlog at its limit
    };
    void drawBar(QPainter *p, const QRectF &r, double fraction, const QColor &c) const;
    void drawShards(QPainter *p, const QRectF &r) const;
    void drawReplicas(QPainter *p, const QRectF &r) const;
    void drawHealth(QPainter *p, const QRectF &r) const;
    int healthDots() const; // one per replica, in rotation or dead, at most 9

    const Component &m_c;
    const LiveNode &m_live;
    std::vector<Line> m_lines;
    int m_hotShard = -1;
};

} // namespace hld
