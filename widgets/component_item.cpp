#include "component_item.h"

#include "canvas_geometry.h"
#include "design_document.h"
#include "kind_style.h"
#include "mechanism_strip.h"
#include "model/component_kind.h"
#include "model/instance_catalog.h"

#include <QGuiApplication>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>
#include <QSvgRenderer>

#include <algorithm>
#include <cmath>

namespace hld {

namespace {
constexpr double W = geometry::kComponentWidth;
constexpr double H = geometry::kComponentHeight;
constexpr double kStackOffset = 5;
constexpr double kPortRadius = 6;
constexpr double kStripOverhang = 10; // the mechanisms' strip is a little wider than the box
const QRectF kBody(-W / 2, -H / 2, W, H);
const QColor kUndetectedColour(0xb3, 0x5c, 0x00);
} // namespace

ComponentItem::ComponentItem(const DesignDocument *doc, const QString &id)
    : m_doc(doc)
    , m_id(id)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges | ItemIsFocusable);
    setCacheMode(DeviceCoordinateCache);
    setAcceptHoverEvents(true);
    setZValue(10);
    refreshToolTip();
}

void ComponentItem::setId(const QString &id)
{
    m_id = id;
    refresh();
}

const Component *ComponentItem::component() const
{
    return m_doc->component(m_id);
}

QRectF ComponentItem::boundingRect() const
{
    // Body, replica stack (up and right), port (right), badge overhang, selection outline, and
    // below it the mechanisms' strip while simulating.
    constexpr double strip = MechanismStrip::kMaxLines * MechanismStrip::kLineHeight + 8;
    return kBody.adjusted(-std::max(4.0, kStripOverhang + 1),
                          -2 * kStackOffset - 10,
                          2 * kStackOffset + kPortRadius + 4,
                          strip);
}

QRectF ComponentItem::frameRect() const
{
    return mapRectToScene(kBody.adjusted(0, -2 * kStackOffset, 2 * kStackOffset + kPortRadius, 0));
}

QPainterPath ComponentItem::shape() const
{
    QPainterPath path;
    path.addRoundedRect(kBody, 8, 8);
    path.addEllipse(portRect());
    return path;
}

QRectF ComponentItem::portRect() const
{
    return {W / 2 - kPortRadius, -kPortRadius, 2 * kPortRadius, 2 * kPortRadius};
}

bool ComponentItem::isOnPort(const QPointF &scenePos) const
{
    return portRect().adjusted(-4, -4, 4, 4).contains(mapFromScene(scenePos));
}

QPointF ComponentItem::boundaryPointTowards(const QPointF &scenePos) const
{
    const QPointF c = pos();
    const QPointF d = scenePos - c;
    if (std::abs(d.x()) < 1e-9 && std::abs(d.y()) < 1e-9)
        return c;
    const double sx = std::abs(d.x()) > 1e-9 ? (W / 2) / std::abs(d.x()) : 1e300;
    const double sy = std::abs(d.y()) > 1e-9 ? (H / 2) / std::abs(d.y()) : 1e300;
    return c + d * std::min(sx, sy);
}

void ComponentItem::refresh()
{
    refreshToolTip();
    update();
}

void ComponentItem::refreshToolTip()
{
    // What the badges abbreviate ("m", "×3", "2 shards"), once per change, not per hover.
    const Component *c = component();
    if (!c) {
        setToolTip({});
        return;
    }
    QStringList lines;
    const QString kind
        = QString::fromUtf8(traits(c->kind).title.data(), qsizetype(traits(c->kind).title.size()));
    const QString id = QString::fromStdString(c->id);
    lines << (c->label
                  ? QStringLiteral("%1 (%2) · %3").arg(QString::fromStdString(*c->label), id, kind)
                  : QStringLiteral("%1 · %2").arg(id, kind));
    if (c->kind == ComponentKind::Client) {
        lines << tr("Sends %1 requests a second").arg(c->traffic ? c->traffic->rps : 0);
    } else {
        const std::string name = c->instance.value_or(std::string(traits(c->kind).defaultInstance));
        if (const InstanceType *t = findInstance(name))
            lines << tr("Instance %1: %2 vCPUs, %3 GiB, $%4 an hour")
                         .arg(QString::fromStdString(name))
                         .arg(t->vcpus)
                         .arg(t->memoryGiB)
                         .arg(t->costPerHour, 0, 'f', 2);
        const int replicas = effectiveReplicas(*c), workers = effectiveWorkers(*c);
        lines << (replicas == 1 ? tr("1 replica, ") : tr("%1 replicas, ").arg(replicas))
                     + (workers == 1 ? tr("1 worker each") : tr("%1 workers each").arg(workers));
        if (c->shards)
            lines << tr("%1 shards, each its own group of replicas").arg(c->shards->count);
    }
    setToolTip(lines.join(QLatin1Char('\n')));
}

void ComponentItem::setForExport(bool on)
{
    m_export = on;
    setCacheMode(on ? NoCache : DeviceCoordinateCache);
    update();
}

void ComponentItem::setLive(const LiveNode &live)
{
    m_live = live;
    m_hasLive = true;
    update();
}

void ComponentItem::clearLive()
{
    m_hasLive = false;
    update();
}

namespace {
// Green below 0.6, through amber at 0.8, to red at and above 0.95: the guide's warning zone.
QColor loadColour(double u)
{
    const QColor green(0x2e, 0xa0, 0x43), amber(0xf0, 0xa2, 0x02), red(0xd6, 0x2c, 0x2c);
    auto mix = [](const QColor &a, const QColor &b, double t) {
        t = std::clamp(t, 0.0, 1.0);
        return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                                a.greenF() + (b.greenF() - a.greenF()) * t,
                                a.blueF() + (b.blueF() - a.blueF()) * t);
    };
    if (u < 0.6)
        return green;
    if (u < 0.8)
        return mix(green, amber, (u - 0.6) / 0.2);
    return mix(amber, red, (u - 0.8) / 0.15);
}
} // namespace

void ComponentItem::drawLoad(QPainter *p) const
{
    // Utilisation as a fill rising from the bottom, the queue as a bar along the bottom edge.
    QColor fill = loadColour(m_live.utilization);
    fill.setAlpha(70);
    const double h = H * std::clamp(m_live.utilization, 0.0, 1.0);
    QPainterPath clip;
    clip.addRoundedRect(kBody, 8, 8);
    p->save();
    p->setClipPath(clip);
    p->fillRect(QRectF(kBody.left(), kBody.bottom() - h, W, h), fill);
    if (m_live.queued > 0) {
        const double capacity = std::max(1u, m_live.workers) * 4.0;
        const double frac = std::min(1.0, m_live.queued / capacity);
        p->fillRect(QRectF(kBody.left() + 10, kBody.bottom() - 6, (W - 14) * frac, 6),
                    loadColour(0.8 + 0.2 * frac));
    }
    p->restore();
}

QVariant ComponentItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionChange && m_snap) {
        const QPointF p = value.toPointF();
        return QPointF(geometry::snap(p.x()), geometry::snap(p.y()));
    }
    if (change == ItemPositionHasChanged)
        emit moved();
    return QGraphicsObject::itemChange(change, value);
}

void ComponentItem::paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const Component *c = component();
    if (!c)
        return;
    const QColor accent = kindAccent(c->kind);
    // Level of detail: below 30% nobody reads the text, so a whole-design overview of a
    // thousand components draws boxes in their kind's colour, and stays fast.
    const double lod = option->levelOfDetailFromTransform(p->worldTransform());
    if (lod < kDetailThreshold && !m_export) {
        const bool selected = option->state & QStyle::State_Selected;
        p->setPen(selected ? QPen(canvasPalette(this).color(QPalette::Highlight), 4) : Qt::NoPen);
        p->setBrush(accent);
        p->drawRect(kBody);
        return;
    }
    p->setRenderHint(QPainter::Antialiasing);
    // Every replica once: an undetected dead one is both in rotation and down.
    const int replicas = m_hasLive && c->kind != ComponentKind::Client
                             ? int(m_live.replicas + m_live.down - m_live.undetected)
                             : effectiveReplicas(*c);
    drawStack(p, replicas);
    drawBody(p, accent, option->state & QStyle::State_Selected);
    if (m_hasLive && c->kind != ComponentKind::Client)
        drawLoad(p);
    if (m_hasLive && m_live.errorRate > 0.005) {
        // Errors flash: a red ring whose strength follows the share of failed requests,
        // blinking with the snapshots.
        QColor red(0xd6, 0x2c, 0x2c);
        red.setAlphaF(std::clamp(0.35 + m_live.errorRate, 0.35, 1.0)
                      * ((m_flash++ & 1) ? 1.0 : 0.55));
        p->setPen(QPen(red, 4));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(kBody.adjusted(-2, -2, 2, 2), 9, 9);
    }
    drawIcon(p);
    drawText(p);
    drawBadges(p);
    if (!m_export)
        drawPort(p, accent);
    if (m_hasLive)
        MechanismStrip(*c, m_live)
            .paint(p,
                   QPointF(kBody.left() - kStripOverhang, kBody.bottom() + 3),
                   W + 2 * kStripOverhang,
                   canvasPalette(this));
}

void ComponentItem::drawStack(QPainter *p, int replicas) const
{
    // Up to two shadow cards behind the body say "more than one"; the badge gives the count.
    const int shadows = std::min(replicas - 1, 2);
    const QPalette pal = canvasPalette(this);
    for (int i = shadows; i >= 1; --i) {
        p->setPen(QPen(pal.color(QPalette::Mid), 1));
        p->setBrush(pal.color(QPalette::AlternateBase));
        p->drawRoundedRect(kBody.translated(i * kStackOffset, -i * kStackOffset), 8, 8);
    }
}

void ComponentItem::drawBody(QPainter *p, const QColor &accent, bool selected) const
{
    const QPalette pal = canvasPalette(this);
    if (selected) { // a halo outside the border, visible whatever the kind's colour
        QColor halo = pal.color(QPalette::Highlight);
        halo.setAlpha(90);
        p->setPen(QPen(halo, 6));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(kBody.adjusted(-3, -3, 3, 3), 10, 10);
    }
    p->setPen(QPen(selected ? pal.color(QPalette::Highlight) : accent, selected ? 3 : 1.6));
    p->setBrush(pal.color(QPalette::Base));
    p->drawRoundedRect(kBody, 8, 8);
    // A band of the kind's colour down the left edge.
    QPainterPath band;
    band.addRoundedRect(QRectF(kBody.left(), kBody.top(), 10, H), 8, 8);
    band.addRect(QRectF(kBody.left() + 5, kBody.top(), 5, H));
    p->fillPath(band.simplified(), accent);
}

void ComponentItem::drawIcon(QPainter *p) const
{
    const QRectF box(kBody.left() + 16, -H / 2 + 8, 34, 34);
    if (m_export)
        kindIconRenderer(component()->kind)->render(p, box);
    else
        kindIcon(component()->kind).paint(p, box.toRect());
}

void ComponentItem::drawText(QPainter *p) const
{
    const Component *c = component();
    const QPalette pal = canvasPalette(this);
    const QString title = c->label ? QString::fromStdString(*c->label) : m_id;
    QFont f = QGuiApplication::font();
    f.setPointSizeF(10);
    f.setBold(true);
    p->setFont(f);
    p->setPen(pal.color(QPalette::Text));
    const QRectF titleRect(kBody.left() + 14, 6, W - 20, 18);
    if (m_export && QFontMetricsF(f).horizontalAdvance(title) > titleRect.width()) {
        drawExportTitle(p, f, title, titleRect);
    } else {
        p->drawText(titleRect,
                    Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetricsF(f).elidedText(title, Qt::ElideRight, titleRect.width()));
    }
    f.setBold(false);
    f.setPointSizeF(8);
    p->setFont(f);
    p->setPen(pal.color(QPalette::PlaceholderText));
    const auto &t = traits(c->kind);
    QString sub = QString::fromUtf8(t.title.data(), qsizetype(t.title.size()));
    if (c->label)
        sub = m_id + QStringLiteral(" · ") + sub;
    const QRectF subRect(kBody.left() + 14, 23, W - 20, 14);
    p->drawText(subRect,
                Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetricsF(f).elidedText(sub, Qt::ElideRight, subRect.width()));
}

void ComponentItem::drawExportTitle(QPainter *p,
                                    QFont f,
                                    const QString &title,
                                    const QRectF &r) const
{
    // An exported picture is read, searched and copied: the whole label, smaller, on two
    // lines if need be, rather than cut short as on the canvas.
    for (double pt : {9.0, 8.0}) {
        f.setPointSizeF(pt);
        if (QFontMetricsF(f).horizontalAdvance(title) <= r.width()) {
            p->setFont(f);
            p->drawText(r, Qt::AlignLeft | Qt::AlignVCenter, title);
            return;
        }
    }
    f.setPointSizeF(7);
    p->setFont(f);
    const QFontMetricsF fm(f);
    const QRectF two(r.left(), r.top() - 4, r.width(), 23); // between the icon and the id line
    if (fm.boundingRect(two, Qt::TextWordWrap, title).height() <= two.height() + 0.5) {
        p->drawText(two, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, title);
        return;
    }
    p->drawText(
        r, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(title, Qt::ElideRight, r.width()));
}

void ComponentItem::drawBadges(QPainter *p) const
{
    const Component *c = component();
    QFont f = QGuiApplication::font();
    f.setPointSizeF(8);
    f.setBold(true);
    p->setFont(f);
    const QFontMetricsF fm(f);
    double right = kBody.right() - 8;
    // Badges line up leftwards from the top-right corner, the most important first; one
    // that would cover the icon is left out. Dead replicas get a second row, under the first.
    const double leftmost = kBody.left() + 16 + 34 + 2;
    double alertRight = right;
    auto badgeIn
        = [&](double &edge, double top, const QString &text, const QColor &bg, const QColor &fg) {
              const double w = fm.horizontalAdvance(text) + 10;
              if (edge - w < leftmost && edge < kBody.right() - 8)
                  return;
              const QRectF r(edge - w, top, w, 16);
              p->setPen(Qt::NoPen);
              p->setBrush(bg);
              p->drawRoundedRect(r, 8, 8);
              p->setPen(fg);
              p->drawText(r, Qt::AlignCenter, text);
              edge -= w + 4;
          };
    auto badge = [&](const QString &text, const QColor &bg, const QColor &fg) {
        badgeIn(right, kBody.top() + 8, text, bg, fg);
    };
    auto alert = [&](const QString &text, const QColor &bg) {
        badgeIn(alertRight, kBody.top() + 27, text, bg, Qt::white);
    };
    if (c->kind == ComponentKind::Client) {
        const double rps = c->traffic ? c->traffic->rps : 0;
        const QString rate = rps >= 1e6   ? QStringLiteral("%1M").arg(rps / 1e6, 0, 'g', 3)
                             : rps >= 1e3 ? QStringLiteral("%1k").arg(rps / 1e3, 0, 'g', 3)
                                          : QString::number(rps, 'g', 4);
        badge(rate + QStringLiteral(" rps"), QColor(0x3a, 0x5a, 0x8c), Qt::white);
        return;
    }
    const int replicas = m_hasLive ? int(m_live.replicas) : effectiveReplicas(*c);
    // Dead and out of rotation (red), or dead and still taking requests because the health
    // checks have not noticed yet (dark amber, "?"): the second fails what it is sent.
    const std::uint32_t detected = m_hasLive ? m_live.down - m_live.undetected : 0;
    if (m_hasLive && detected > 0)
        alert(m_live.replicas == 0 ? tr("DOWN") : tr("%1 down").arg(detected),
              QColor(0xd6, 0x2c, 0x2c));
    if (m_hasLive && m_live.undetected > 0)
        alert(tr("%1 dead?").arg(m_live.undetected), kUndetectedColour);
    if (replicas > 1)
        badge(QStringLiteral("×%1").arg(replicas), QColor(0x2f, 0x6d, 0xb5), Qt::white);
    if (c->shards && !m_hasLive) // while simulating, the strip below shows each shard's load
        badge(c->shards->count == 1 ? tr("1 shard") : tr("%1 shards").arg(c->shards->count),
              QColor(0x6b, 0x4f, 0xa8),
              Qt::white);
    if (m_hasLive) {
        badge(QStringLiteral("%1%").arg(qRound(100 * m_live.utilization)),
              loadColour(m_live.utilization),
              Qt::white);
        return;
    }
    const QString inst = QString::fromStdString(
        c->instance.value_or(std::string(traits(c->kind).defaultInstance)));
    badge(inst,
          canvasPalette(this).color(QPalette::Button),
          canvasPalette(this).color(QPalette::ButtonText));
}

void ComponentItem::drawPort(QPainter *p, const QColor &accent) const
{
    p->setPen(QPen(canvasPalette(this).color(QPalette::Base), 1.5));
    p->setBrush(accent);
    p->drawEllipse(portRect());
}

} // namespace hld
