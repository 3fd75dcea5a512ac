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
constexpr double kBreakerRadius = 7;
constexpr double kBelowComponents = 5;
constexpr double kAboveComponents = 15;   // components are at 10, the traffic dots at 50
constexpr double kPortClearance = 8;      // the ends of the shape leave the ports to the boxes
constexpr double kMinLabelledLength = 70; // a shorter link draws no label

QFont labelFont()
{
    QFont f = QGuiApplication::font();
    f.setPointSizeF(8);
    return f;
}
} // namespace

LinkItem::LinkItem(const DesignDocument *doc, ComponentItem *from, ComponentItem *to)
    : m_doc(doc)
    , m_from(from)
    , m_to(to)
{
    setFlags(ItemIsSelectable);
    setZValue(kBelowComponents);
    updateGeometry();
    refreshMarks();
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
    refreshLabel();
    restack();
    update();
}

void LinkItem::refresh()
{
    refreshMarks();
    refreshLabel();
    update();
}

void LinkItem::refreshLabel()
{
    const QString label = labelText();
    const double width
        = label.isEmpty() ? 0 : QFontMetricsF(labelFont()).horizontalAdvance(label) + 8;
    if (width == m_labelWidth)
        return;
    prepareGeometryChange(); // the bounding rectangle holds the label whole
    m_labelWidth = width;
    restack();
}

void LinkItem::restack()
{
    // On a short link, a label or policy lines wider than the gap between the two boxes
    // went under them ("timeouts 2.4/s" lost its ends). The link is then drawn above the
    // boxes: the text has its own background, and the shape leaves the ports clickable.
    const QRectF text = labelRect().united(marksRect());
    const bool crowded
        = !text.isEmpty() && QLineF(m_a, m_b).length() >= kMinLabelledLength
          && (text.intersects(m_from->frameRect()) || text.intersects(m_to->frameRect()));
    setZValue(crowded ? kAboveComponents : kBelowComponents);
}

QRectF LinkItem::labelRect() const
{
    if (m_labelWidth <= 0)
        return {};
    QRectF r(0, 0, m_labelWidth, QFontMetricsF(labelFont()).height() + 2);
    r.moveCenter(labelCentre());
    return r;
}

void LinkItem::setLive(const LiveLink &live)
{
    if (m_live == live)
        return;
    m_live = live;
    refreshMarks();
    update();
}

void LinkItem::clearLive()
{
    if (!m_live)
        return;
    m_live.reset();
    refreshMarks();
    update();
}

LinkPolicyMarks LinkItem::policyMarks() const
{
    const int i = m_doc->linkIndex(fromId(), toId());
    if (i < 0)
        return LinkPolicyMarks(Link{}, m_live);
    return LinkPolicyMarks(m_doc->design().links[std::size_t(i)], m_live);
}

void LinkItem::refreshMarks()
{
    const LinkPolicyMarks marks = policyMarks();
    const QStringList lines = marks.lines();
    QString tip = marks.toolTip();
    if (nearReplicaLatencyMs()) {
        tip += QString(tip.isEmpty() ? "" : "\n")
               + tr("'%1' keeps a replica in this region: calls go to the nearest replica they "
                    "may use, %2 ms away here; a write to a leader elsewhere crosses regions.")
                     .arg(toId())
                     .arg(kSameRegionLatencyMs);
    }
    setToolTip(tip);
    m_marksAlert = m_live.has_value();
    if (lines == m_marksLines && marks.hasBreaker() == m_hasBreaker)
        return;
    prepareGeometryChange(); // the lines, or the label's place beside the breaker
    m_hasBreaker = marks.hasBreaker();
    m_marksLines = lines;
    m_marksWidth = 0;
    const QFontMetricsF fm(labelFont());
    for (const QString &line : lines)
        m_marksWidth = std::max(m_marksWidth, fm.horizontalAdvance(line) + 8);
    restack();
}

QPointF LinkItem::breakerCentre() const
{
    // Near the caller: the breaker is the caller's.
    const QLineF l(m_a, m_b);
    if (l.length() < 1)
        return m_a;
    return l.pointAt(std::min(0.25, (kBreakerRadius + 22) / l.length())); // clear of the port
}

bool LinkItem::showsBreaker() const
{
    return m_hasBreaker && QLineF(m_a, m_b).length() >= 3 * kBreakerRadius + 20;
}

QPointF LinkItem::labelCentre() const
{
    // Halfway along the link, or, with the breaker drawn near the caller, halfway along
    // what is left after it: on a short link the label covered the breaker.
    if (!showsBreaker())
        return (m_a + m_b) / 2;
    const QLineF l(m_a, m_b);
    const QPointF clear
        = l.pointAt((QLineF(m_a, breakerCentre()).length() + kBreakerRadius + 2) / l.length());
    return (clear + m_b) / 2;
}

QRectF LinkItem::marksRect() const
{
    if (m_marksLines.isEmpty())
        return {};
    const double line = QFontMetricsF(labelFont()).height();
    // Under the label (which is one line and 2 px high, centred on the link).
    const QPointF mid = labelCentre();
    QRectF r(mid.x() - m_marksWidth / 2,
             mid.y() + line / 2 + 2,
             m_marksWidth,
             line * m_marksLines.size() + 2);
    // Wider than the gap of a mostly level link: slid towards the caller, clear of the
    // callee's box, where its name is written; the caller's box is empty on that side.
    const QRectF callee = m_to->frameRect();
    if (r.intersects(callee) && std::abs(m_b.x() - m_a.x()) > std::abs(m_b.y() - m_a.y())) {
        if (m_b.x() > m_a.x())
            r.moveRight(std::min(r.right(), callee.left() - 2));
        else
            r.moveLeft(std::max(r.left(), callee.right() + 2));
    }
    return r;
}

void LinkItem::setRate(double rps)
{
    if (rps == m_rate)
        return;
    m_rate = rps;
    refreshLabel();
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
    if (const auto near = nearReplicaLatencyMs())
        s = QStringLiteral("%1 / %2").arg(*near, 0, 'g', 4).arg(s); // "0.5 / 75 ms"
    if (l.requests && *l.requests != RequestFilter::All)
        s += QLatin1Char(' ') + QString::fromUtf8(toString(*l.requests).data());
    return s;
}

std::optional<double> LinkItem::nearReplicaLatencyMs() const
{
    // A replicated store with a replica in the caller's region: the simulator sends a call
    // to the nearest replica it may use, so a cross-region link is near for most calls (a
    // quorum's, a follower's reads) and far only for the rest (the leader's writes).
    const Design &d = m_doc->design();
    const int i = m_doc->linkIndex(fromId(), toId());
    const Component *from = d.find(fromId().toStdString());
    const Component *to = d.find(toId().toStdString());
    if (i < 0 || !from || !to || !from->region || !to->replication
        || d.links[std::size_t(i)].latencyMs || to->region == from->region)
        return std::nullopt;
    const auto &placed = to->replication->replicaRegions;
    if (std::find(placed.begin(), placed.end(), *from->region) == placed.end())
        return std::nullopt;
    return kSameRegionLatencyMs;
}

QRectF LinkItem::boundingRect() const
{
    QRectF r = QRectF(m_a, m_b).normalized().adjusted(-40, -20, 40, 20);
    if (m_labelWidth > 0)
        r = r.united(labelRect().adjusted(-2, -2, 2, 2));
    if (!m_marksLines.isEmpty())
        r = r.united(marksRect().adjusted(-2, -2, 2, 2));
    return r;
}

QPainterPath LinkItem::shape() const
{
    const QLineF l(m_a, m_b);
    const double clear = std::min(kPortClearance, l.length() / 3) / std::max(l.length(), 1.0);
    QPainterPath path(l.pointAt(clear));
    path.lineTo(l.pointAt(1 - clear));
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
    if (showsBreaker()) {
        const auto state = m_live ? std::optional(m_live->breaker) : std::nullopt;
        LinkPolicyMarks::paintBreaker(p, breakerCentre(), kBreakerRadius, state, pal);
    }

    if (option->levelOfDetailFromTransform(p->worldTransform()) < 0.4 && !m_export)
        return; // labels are unreadable that far out
    const QString label = labelText();
    if (label.isEmpty() || len < kMinLabelledLength)
        return;
    const QFont f = labelFont();
    p->setFont(f);
    const QFontMetricsF fm(f);
    QRectF r(0, 0, fm.horizontalAdvance(label) + 8, fm.height() + 2);
    r.moveCenter(labelCentre());
    p->setBrush(pal.color(QPalette::Window));
    p->drawRoundedRect(r, 4, 4);
    p->setPen(pal.color(QPalette::PlaceholderText));
    p->drawText(r, Qt::AlignCenter, label);
    if (m_marksLines.isEmpty())
        return;
    // The policies under the label: what they are, or (running) what they are doing.
    const QRectF m = marksRect();
    p->setPen(Qt::NoPen);
    p->setBrush(pal.color(QPalette::Window));
    p->drawRoundedRect(m, 4, 4);
    p->setPen(m_marksAlert ? QColor(0xc6, 0x28, 0x28) : pal.color(QPalette::PlaceholderText));
    p->drawText(m, Qt::AlignCenter, m_marksLines.join(QLatin1Char('\n')));
}

} // namespace hld
