#include "partition_item.h"

#include "component_item.h"
#include "diagram_scene.h"
#include "link_item.h"
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

std::vector<QLineF> PartitionItem::cutLines(const RegionCut &cut) const
{
    std::vector<QLineF> out;
    auto regionOf = [](const ComponentItem *item) {
        const Component *c = item ? item->component() : nullptr;
        return c && c->region ? QString::fromStdString(*c->region) : QString();
    };
    // Across the middle of each link between the two regions, square to it.
    for (const LinkItem *link : m_scene->linkItems()) {
        const QString a = regionOf(link->fromItem()), b = regionOf(link->toItem());
        if (!((a == cut.a && b == cut.b) || (a == cut.b && b == cut.a)))
            continue;
        const QLineF l = link->line();
        if (l.length() < 1)
            continue;
        const QLineF n = l.normalVector().unitVector();
        const QPointF half(n.dx() * 22, n.dy() * 22);
        out.emplace_back(l.center() - half, l.center() + half);
    }
    if (!out.empty())
        return out;
    // No link crosses: across the gap between the two frames, if they do not overlap.
    const RegionItem *ra = m_scene->regionItem(cut.a);
    const RegionItem *rb = m_scene->regionItem(cut.b);
    if (!ra || !rb || ra->frameInScene().intersects(rb->frameInScene()))
        return out;
    const QRectF fa = ra->frameInScene(), fb = rb->frameInScene();
    const QPointF ea = exitPoint(fa, fb.center()), eb = exitPoint(fb, fa.center());
    const QLineF joining(fa.center(), fb.center());
    const double half = std::clamp(
        std::min(std::max(fa.width(), fa.height()), std::max(fb.width(), fb.height())) / 2,
        60.0,
        260.0);
    const QLineF normal = joining.normalVector().unitVector();
    const QPointF mid = (ea + eb) / 2, n(normal.dx() * half, normal.dy() * half);
    out.emplace_back(mid - n, mid + n);
    return out;
}

void PartitionItem::refresh()
{
    m_lines.clear();
    QRectF bounds;
    for (const auto &c : m_cuts) {
        m_lines.push_back(cutLines(c));
        for (const QLineF &l : m_lines.back())
            bounds = bounds.united(QRectF(l.p1(), l.p2()).normalized());
    }
    prepareGeometryChange();
    m_bounds = bounds.adjusted(-40, -40, 260, 40);
    update();
}

QRectF PartitionItem::boundingRect() const
{
    return m_bounds;
}

void PartitionItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    p->setRenderHint(QPainter::Antialiasing);
    QFont f = p->font();
    f.setBold(true);
    p->setFont(f);
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        for (const QLineF &l : m_lines[i]) {
            // A zig-zag along the cut: a break, not a wall.
            QPainterPath path(l.p1());
            const int teeth = std::max(4, int(l.length() / 10));
            const QLineF n = l.normalVector().unitVector();
            for (int k = 1; k <= teeth; ++k) {
                const QPointF along = l.pointAt(double(k) / teeth);
                const double side = (k % 2 ? 5.0 : -5.0);
                path.lineTo(k == teeth ? along : along + QPointF(n.dx() * side, n.dy() * side));
            }
            p->setPen(QPen(kCut, 4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p->setBrush(Qt::NoBrush);
            p->drawPath(path);
        }
        if (m_lines[i].empty())
            continue;
        // The label once per partition, by its first cut.
        const QLineF &l = m_lines[i].front();
        const QString text = tr("partition: %1 ✕ %2").arg(m_cuts[i].a, m_cuts[i].b);
        const QRectF box = QFontMetricsF(f).boundingRect(text).adjusted(-5, -2, 5, 2);
        const QPointF top = l.p1().y() < l.p2().y() ? l.p1() : l.p2();
        const QRectF at(top + QPointF(-box.width() / 2, -box.height() - 4), box.size());
        p->setPen(Qt::NoPen);
        p->setBrush(QColor(255, 255, 255, 230));
        p->drawRoundedRect(at, 4, 4);
        p->setPen(kCut);
        p->drawText(at, Qt::AlignCenter, text);
    }
}

} // namespace hld
