#include "link_item.h"

#include "component_item.h"
#include "design_document.h"
#include "kind_style.h"
#include "model/component_kind.h"

#include <QGuiApplication>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace hld {

namespace {
constexpr double kArrow = 11;
}

LinkItem::LinkItem(const DesignDocument *doc, ComponentItem *from, ComponentItem *to)
    : m_doc(doc)
    , m_from(from)
    , m_to(to)
{
    setFlags(ItemIsSelectable);
    setZValue(5);
    updateGeometry();
}

QString LinkItem::fromId() const
{
    return m_from->id();
}

QString LinkItem::toId() const
{
    return m_to->id();
}

void LinkItem::updateGeometry()
{
    prepareGeometryChange();
    m_a = m_from->boundaryPointTowards(m_to->pos());
    m_b = m_to->boundaryPointTowards(m_from->pos());
    update();
}

void LinkItem::setRate(double rps)
{
    if (rps == m_rate)
        return;
    m_rate = rps;
    update();
}

QString LinkItem::labelText() const
{
    if (m_rate >= 0) {
        return m_rate >= 1000 ? QStringLiteral("%1k rps").arg(m_rate / 1000, 0, 'f', 1)
                              : QStringLiteral("%1 rps").arg(qRound(m_rate));
    }
    const int i = m_doc->linkIndex(fromId(), toId());
    if (i < 0)
        return {};
    const Link &l = m_doc->design().links[std::size_t(i)];
    QString s = QStringLiteral("%1 ms").arg(effectiveLatencyMs(m_doc->design(), l), 0, 'g', 4);
    if (l.requests && *l.requests != RequestFilter::All)
        s += QLatin1Char(' ') + QString::fromUtf8(toString(*l.requests).data());
    return s;
}

QRectF LinkItem::boundingRect() const
{
    return QRectF(m_a, m_b).normalized().adjusted(-40, -20, 40, 20);
}

QPainterPath LinkItem::shape() const
{
    QPainterPath path(m_a);
    path.lineTo(m_b);
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    return stroker.createStroke(path);
}

void LinkItem::paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const int i = m_doc->linkIndex(fromId(), toId());
    if (i < 0)
        return;
    const Link &l = m_doc->design().links[std::size_t(i)];
    const QPalette pal = canvasPalette(this);
    const bool selected = option->state & QStyle::State_Selected;
    const QColor colour = selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Text);
    p->setRenderHint(QPainter::Antialiasing);
    QPen pen(colour, selected ? 2.5 : 1.4);
    if (l.mode.value_or(LinkMode::Sync) == LinkMode::Async)
        pen.setStyle(Qt::DashLine);
    p->setPen(pen);
    p->drawLine(m_a, m_b);

    const QPointF d = m_b - m_a;
    const double len = std::hypot(d.x(), d.y());
    if (len < 1)
        return;
    const QPointF u = d / len;
    const QPointF n(-u.y(), u.x());
    const QPolygonF head{
        m_b, m_b - u * kArrow + n * kArrow * 0.45, m_b - u * kArrow - n * kArrow * 0.45};
    p->setPen(Qt::NoPen);
    p->setBrush(colour);
    p->drawPolygon(head);

    if (option->levelOfDetailFromTransform(p->worldTransform()) < 0.4 && !m_export)
        return; // labels are unreadable that far out
    const QString label = labelText();
    if (label.isEmpty() || len < 70)
        return;
    QFont f = QGuiApplication::font();
    f.setPointSizeF(8);
    p->setFont(f);
    const QFontMetricsF fm(f);
    const QPointF mid = (m_a + m_b) / 2;
    QRectF r(0, 0, fm.horizontalAdvance(label) + 8, fm.height() + 2);
    r.moveCenter(mid);
    p->setBrush(pal.color(QPalette::Window));
    p->drawRoundedRect(r, 4, 4);
    p->setPen(pal.color(QPalette::PlaceholderText));
    p->drawText(r, Qt::AlignCenter, label);
}

} // namespace hld
