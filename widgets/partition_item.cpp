#include "partition_item.h"

#include "diagram_scene.h"
#include "region_item.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace hld {

namespace {
const QColor kCut(0xd6, 0x2c, 0x2c);

// Where the segment from inside `r` to `outside` leaves `r`.
QPointF exitPoint(const QRectF &r, const QPointF &outside)
{
    const QPointF c = r.center();
    const QPointF d = outside - c;
    const double sx = std::abs(d.x()) > 1e-9 ? (r.width() / 2) / std::abs(d.x()) : 1e300;
    const double sy = std::abs(d.y()) > 1e-9 ? (r.height() / 2) / std::abs(d.y()) : 1e300;
    return c + d * std::min(1.0, std::min(sx, sy));
}
} // namespace

PartitionItem::PartitionItem(const DiagramScene *scene)
    : m_scene(scene)
{
    setZValue(40); // above links, below the traffic dots
    setAcceptedMouseButtons(Qt::NoButton);
}

void PartitionItem::setCuts(const std::vector<RegionCut> &cuts)
{
    if (cuts == m_cuts)
        return;
    m_cuts = cuts;
    refresh();
}

QLineF PartitionItem::cutLine(const RegionCut &cut) const
{
    const RegionItem *a = m_scene->regionItem(cut.a);
    const RegionItem *b = m_scene->regionItem(cut.b);
    if (!a || !b)
        return {};
    const QRectF ra = a->frameInScene(), rb = b->frameInScene();
    // Across the middle of the gap between the two frames, square to the line joining them.
    const QPointF ea = exitPoint(ra, rb.center()), eb = exitPoint(rb, ra.center());
    const QPointF mid = (ea + eb) / 2;
    QLineF joining(ra.center(), rb.center());
    if (joining.length() < 1)
        return {};
    const double half = std::clamp(
        std::min(std::max(ra.width(), ra.height()), std::max(rb.width(), rb.height())) / 2,
        60.0,
        260.0);
    const QLineF normal = joining.normalVector().unitVector();
    const QPointF n(normal.dx() * half, normal.dy() * half);
    return {mid - n, mid + n};
}

void PartitionItem::refresh()
{
    m_lines.clear();
    QRectF bounds;
    for (const auto &c : m_cuts) {
        const QLineF l = cutLine(c);
        m_lines.push_back(l);
        if (!l.isNull())
            bounds = bounds.united(QRectF(l.p1(), l.p2()).normalized());
    }
    prepareGeometryChange();
    m_bounds = bounds.adjusted(-40, -40, 160, 40);
    update();
}

QRectF PartitionItem::boundingRect() const
{
    return m_bounds;
}

void PartitionItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    p->setRenderHint(QPainter::Antialiasing);
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        const QLineF &l = m_lines[i];
        if (l.isNull())
            continue;
        // A zig-zag along the cut: a break, not a wall.
        QPainterPath path(l.p1());
        const int teeth = std::max(6, int(l.length() / 14));
        const QLineF n = l.normalVector().unitVector();
        for (int k = 1; k <= teeth; ++k) {
            const QPointF along = l.pointAt(double(k) / teeth);
            const double side = (k % 2 ? 7.0 : -7.0);
            path.lineTo(k == teeth ? along : along + QPointF(n.dx() * side, n.dy() * side));
        }
        p->setPen(QPen(kCut, 4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p->setBrush(Qt::NoBrush);
        p->drawPath(path);
        QFont f = p->font();
        f.setBold(true);
        p->setFont(f);
        const QString text = tr("partition: %1 ✕ %2").arg(m_cuts[i].a, m_cuts[i].b);
        const QRectF box = QFontMetricsF(f).boundingRect(text).adjusted(-5, -2, 5, 2);
        const QRectF at(l.p2() + QPointF(8, -box.height() / 2), box.size());
        p->setPen(Qt::NoPen);
        p->setBrush(QColor(255, 255, 255, 220));
        p->drawRoundedRect(at, 4, 4);
        p->setPen(kCut);
        p->drawText(at, Qt::AlignCenter, text);
    }
}

} // namespace hld
