#include "region_item.h"

#include "canvas_geometry.h"
#include "design_editor.h"
#include "kind_style.h"

#include <QCursor>
#include <QGraphicsSceneMouseEvent>
#include <QGuiApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

namespace hld {

namespace {
constexpr double kTitle = 24;
constexpr double kHandle = 14;
} // namespace

RegionItem::RegionItem(DesignEditor *editor, const Region &region, Mode mode)
    : m_editor(editor)
    , m_mode(mode)
{
    if (mode == Framed) {
        setFlags(ItemIsSelectable);
        setAcceptHoverEvents(true);
    } else {
        setAcceptedMouseButtons(Qt::NoButton);
        setToolTip(tr("Region %1: the components that name it. Select them and press Ctrl+G to "
                      "give it a frame of its own.")
                       .arg(QString::fromStdString(region.name)));
    }
    setZValue(-10);
    setRegion(region);
}

void RegionItem::setRegion(const Region &r)
{
    prepareGeometryChange();
    m_region = r;
    m_preview = r;
    setPos(r.x, r.y);
    update();
}

QRectF RegionItem::frameRect() const
{
    return QRectF(0, 0, m_preview.width, m_preview.height);
}

QRectF RegionItem::titleRect() const
{
    return QRectF(0, -kTitle, std::min(240.0, m_preview.width), kTitle);
}

QRectF RegionItem::handleRect() const
{
    return QRectF(m_preview.width - kHandle, m_preview.height - kHandle, kHandle, kHandle);
}

QRectF RegionItem::boundingRect() const
{
    return frameRect().united(titleRect()).adjusted(-3, -3, 3, 3);
}

QPainterPath RegionItem::shape() const
{
    if (m_mode == Drawn)
        return {}; // never in the way of a click
    // Only the title and the border are grabbable: clicks inside reach the canvas, so
    // rubber-band selection works within a region.
    QPainterPath path;
    path.addRect(titleRect());
    path.addRect(handleRect());
    QPainterPath border;
    border.addRect(frameRect());
    QPainterPathStroker s;
    s.setWidth(8);
    return path.united(s.createStroke(border));
}

void RegionItem::paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette pal = canvasPalette(this);
    const bool selected = option->state & QStyle::State_Selected;
    QColor fill = pal.color(QPalette::Highlight);
    fill.setAlpha(18);
    p->setRenderHint(QPainter::Antialiasing);
    QPen pen(selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid),
             selected ? 2 : 1.5,
             m_mode == Drawn ? Qt::DotLine : Qt::DashLine);
    p->setPen(pen);
    p->setBrush(fill);
    p->drawRoundedRect(frameRect(), 10, 10);
    QFont f = QGuiApplication::font();
    f.setBold(true);
    f.setPointSizeF(10);
    p->setFont(f);
    p->setPen(pal.color(QPalette::Text));
    p->drawText(titleRect().adjusted(6, 0, 0, 0),
                Qt::AlignVCenter | Qt::AlignLeft,
                QFontMetricsF(f).elidedText(name(), Qt::ElideRight, titleRect().width() - 6));
    if (m_mode == Drawn || m_export)
        return; // nothing to resize, or an export (no handles)
    p->setPen(Qt::NoPen);
    p->setBrush(pal.color(QPalette::Mid));
    p->drawPolygon(
        QPolygonF{handleRect().bottomLeft(), handleRect().topRight(), handleRect().bottomRight()});
}

void RegionItem::hoverMoveEvent(QGraphicsSceneHoverEvent *e)
{
    setCursor(handleRect().contains(e->pos())  ? Qt::SizeFDiagCursor
              : titleRect().contains(e->pos()) ? Qt::SizeAllCursor
                                               : Qt::ArrowCursor);
}

void RegionItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *e)
{
    if (!titleRect().contains(e->pos()))
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(
        nullptr, tr("Rename region"), tr("Region name:"), QLineEdit::Normal, this->name(), &ok);
    if (!ok || name.trimmed().isEmpty() || name == this->name())
        return;
    if (auto why = m_editor->renameRegion(this->name(), name))
        QMessageBox::warning(nullptr, tr("Cannot rename region"), *why);
}

void RegionItem::mousePressEvent(QGraphicsSceneMouseEvent *e)
{
    if (e->button() != Qt::LeftButton) {
        e->ignore();
        return;
    }
    m_drag = handleRect().contains(e->pos()) ? Drag::Resize : Drag::Move;
    m_pressScene = e->scenePos();
    m_preview = m_region;
    setSelected(true);
    e->accept();
}

void RegionItem::mouseMoveEvent(QGraphicsSceneMouseEvent *e)
{
    const QPointF d = e->scenePos() - m_pressScene;
    prepareGeometryChange();
    if (m_drag == Drag::Resize) {
        m_preview.width
            = std::max(geometry::kComponentWidth, geometry::snap(m_region.width + d.x()));
        m_preview.height
            = std::max(geometry::kComponentHeight, geometry::snap(m_region.height + d.y()));
    } else if (m_drag == Drag::Move) {
        m_preview.x = geometry::snap(m_region.x + d.x());
        m_preview.y = geometry::snap(m_region.y + d.y());
        setPos(m_preview.x, m_preview.y);
    }
    update();
}

void RegionItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *)
{
    const Drag drag = std::exchange(m_drag, Drag::None);
    if (drag == Drag::None || m_preview == m_region)
        return;
    const Region target = m_preview;
    // The document answers with regionsChanged, which resets this item to the truth.
    if (m_editor->setRegionFrame(name(), target))
        setRegion(m_region);
}

} // namespace hld
