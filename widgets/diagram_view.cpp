#include "diagram_view.h"

#include "component_item.h"
#include "design_document.h"
#include "design_editor.h"
#include "diagram_scene.h"
#include "link_item.h"
#include "model/component_kind.h"
#include "palette_model.h"
#include "traffic_overlay.h"

#include <QContextMenuEvent>
#include <QElapsedTimer>
#include <QGraphicsLineItem>
#include <QMenu>
#include <QMimeData>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace hld {

namespace {
// Shift-click adds to the selection, as in diagram tools; Qt's own modifier for it is Ctrl.
QMouseEvent shiftAsControl(const QMouseEvent *e)
{
    return QMouseEvent(e->type(),
                       e->position(),
                       e->globalPosition(),
                       e->button(),
                       e->buttons(),
                       (e->modifiers() & ~Qt::ShiftModifier) | Qt::ControlModifier);
}
} // namespace

DiagramView::DiagramView(DiagramScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setViewportUpdateMode(SmartViewportUpdate);
    setOptimizationFlags(DontSavePainterState | DontAdjustForAntialiasing);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    setSceneRect(-20000, -20000, 40000, 40000);
    // Navigation is by pan, zoom and the overview map: scroll bars only take room.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

double DiagramView::zoom() const
{
    return transform().m11();
}

void DiagramView::setZoom(double factor)
{
    m_keepFit = false;
    applyZoom(factor);
}

void DiagramView::applyZoom(double factor)
{
    factor = std::clamp(factor, kMinZoom, kMaxZoom);
    const QPointF centre = visibleCentre();
    setTransform(QTransform::fromScale(factor, factor));
    centerOn(centre);
    emit zoomChanged(factor);
    emit viewportMoved();
}

void DiagramView::zoomBy(double factor)
{
    m_keepFit = false;
    const double target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    const double f = target / zoom();
    scale(f, f);
    emit zoomChanged(target);
    emit viewportMoved();
}

void DiagramView::zoomToFit()
{
    m_fitting = true; // the scrolls below are not the user panning
    const QRectF r = m_scene->itemsBoundingRectWithMargin();
    if (r.isEmpty()) {
        applyZoom(1.0);
        centerOn(0, 0);
    } else {
        fitInView(r, Qt::KeepAspectRatio);
        if (zoom() > 1.0)
            applyZoom(1.0); // a small design shows at its real size, never blown up
        if (zoom() < kMinZoom)
            applyZoom(kMinZoom);
        centerOn(r.center());
        emit zoomChanged(zoom());
        emit viewportMoved();
    }
    m_fitting = false;
    m_keepFit = true;
}

void DiagramView::setFrameClocked(bool on)
{
    m_frameClocked = on;
    setViewportUpdateMode(on ? NoViewportUpdate : SmartViewportUpdate);
    viewport()->update();
}

void DiagramView::frame()
{
    if (m_frameClocked)
        viewport()->update();
}

void DiagramView::paintEvent(QPaintEvent *e)
{
    QElapsedTimer t;
    t.start();
    QGraphicsView::paintEvent(e);
    emit framePainted(double(t.nsecsElapsed()) / 1e6);
}

void DiagramView::resizeEvent(QResizeEvent *e)
{
    QGraphicsView::resizeEvent(e);
    if (m_keepFit)
        zoomToFit();
}

QPointF DiagramView::visibleCentre() const
{
    return mapToScene(viewport()->rect().center());
}

void DiagramView::setContextActions(const QList<QAction *> &onItems,
                                    const QList<QAction *> &onCanvas)
{
    m_itemActions = onItems;
    m_canvasActions = onCanvas;
}

void DiagramView::scrollContentsBy(int dx, int dy)
{
    if (m_panning)
        m_keepFit = false;
    QGraphicsView::scrollContentsBy(dx, dy);
    emit viewportMoved();
}

void DiagramView::wheelEvent(QWheelEvent *e)
{
    if (e->modifiers() & Qt::ShiftModifier) { // shift+wheel scrolls sideways
        m_keepFit = false;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - e->angleDelta().y());
        return;
    }
    const double steps = e->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomBy(std::pow(1.15, steps)); // the user zooms: the fit no longer follows resizes
    e->accept();
}

QGraphicsItem *DiagramView::selectableAt(const QPoint &viewPos) const
{
    for (QGraphicsItem *item : items(viewPos)) {
        if (item->flags() & QGraphicsItem::ItemIsSelectable)
            return item;
    }
    return nullptr;
}

ComponentItem *DiagramView::componentAt(const QPoint &viewPos) const
{
    for (QGraphicsItem *item : items(viewPos)) {
        if (item->type() == ComponentItem::Type)
            return static_cast<ComponentItem *>(item);
    }
    return nullptr;
}

void DiagramView::mousePressEvent(QMouseEvent *e)
{
    setFocus();
    if (e->button() == Qt::MiddleButton || (e->button() == Qt::LeftButton && m_spaceHeld)) {
        m_panning = true;
        m_panLast = e->pos();
        viewport()->setCursor(Qt::ClosedHandCursor);
        e->accept();
        return;
    }
    if (e->button() == Qt::RightButton) {
        e->accept(); // the context menu decides what a right click selects
        return;
    }
    if (e->button() == Qt::LeftButton) {
        ComponentItem *item = componentAt(e->pos());
        if (!item) {
            // A moving request dot (on a link or empty canvas): follow it in the trace.
            const auto request
                = m_scene->traffic()->requestAt(mapToScene(e->pos()), 8.0 / std::max(zoom(), 0.05));
            if (request) {
                emit requestClicked(*request);
                // On a link, the click selects the link as well: a link under traffic could
                // otherwise not be picked for editing while the simulation runs.
                if (!qgraphicsitem_cast<LinkItem *>(selectableAt(e->pos()))) {
                    e->accept();
                    return;
                }
            }
        }
        if (item && item->isOnPort(mapToScene(e->pos()))) {
            m_connectFrom = item;
            m_connectLine
                = m_scene->addLine(QLineF(item->pos(), mapToScene(e->pos())),
                                   QPen(palette().color(QPalette::Highlight), 2, Qt::DashLine));
            m_connectLine->setZValue(100);
            e->accept();
            return;
        }
    }
    if (e->modifiers() & Qt::ShiftModifier) {
        QMouseEvent toggled = shiftAsControl(e);
        QGraphicsView::mousePressEvent(&toggled);
    } else {
        QGraphicsView::mousePressEvent(e);
    }
    // Remember where every selected component was when a drag may begin.
    m_dragStart.clear();
    if (e->button() == Qt::LeftButton) {
        for (const auto &id : m_scene->selectedComponentIds()) {
            if (auto *c = m_scene->componentItem(id))
                m_dragStart.insert(id, c->pos());
        }
    }
}

void DiagramView::mouseMoveEvent(QMouseEvent *e)
{
    if (m_panning) {
        const QPoint d = e->pos() - m_panLast;
        m_panLast = e->pos();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        return;
    }
    if (m_connectLine && m_connectFrom) {
        const QPointF to = mapToScene(e->pos());
        m_connectLine->setLine(QLineF(m_connectFrom->boundaryPointTowards(to), to));
        return;
    }
    QGraphicsView::mouseMoveEvent(e);
}

void DiagramView::mouseReleaseEvent(QMouseEvent *e)
{
    if (m_panning) {
        m_panning = false;
        viewport()->setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
        return;
    }
    if (m_connectLine) {
        finishConnection(e->pos(), e->modifiers() & Qt::AltModifier);
        return;
    }
    if (e->modifiers() & Qt::ShiftModifier) {
        QMouseEvent toggled = shiftAsControl(e);
        QGraphicsView::mouseReleaseEvent(&toggled);
    } else {
        QGraphicsView::mouseReleaseEvent(e);
    }
    if (e->button() == Qt::LeftButton)
        finishMove();
}

void DiagramView::finishConnection(const QPoint &viewPos, bool async)
{
    delete m_connectLine;
    m_connectLine = nullptr;
    const QPointer<ComponentItem> from = std::exchange(m_connectFrom, nullptr);
    ComponentItem *to = componentAt(viewPos);
    if (!from || !to || to == from)
        return; // released on empty canvas (or back on itself): nothing to do
    if (auto why = m_scene->editor()->connect(
            from->id(), to->id(), async ? LinkMode::Async : LinkMode::Sync))
        refuse(*why, viewPos);
}

void DiagramView::finishMove()
{
    QMap<QString, Point> moved;
    for (auto it = m_dragStart.cbegin(); it != m_dragStart.cend(); ++it) {
        auto *item = m_scene->componentItem(it.key());
        if (item && item->pos() != *it)
            moved.insert(it.key(), Point{item->pos().x(), item->pos().y()});
    }
    m_dragStart.clear();
    if (!moved.isEmpty())
        m_scene->editor()->move(moved);
}

void DiagramView::refuse(const QString &why, const QPoint &viewPos)
{
    QToolTip::showText(viewport()->mapToGlobal(viewPos), why, viewport());
    emit message(why);
}

void DiagramView::keyPressEvent(QKeyEvent *e)
{
    if (e->key() == Qt::Key_Space && !e->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        setDragMode(NoDrag);
        return;
    }
    if (e->key() == Qt::Key_Escape && m_connectLine) {
        delete m_connectLine;
        m_connectLine = nullptr;
        m_connectFrom = nullptr;
        return;
    }
    // Arrow keys nudge the selection one grid step (with shift: five).
    const int step = (e->modifiers() & Qt::ShiftModifier) ? 100 : 20;
    QPointF d;
    switch (e->key()) {
    case Qt::Key_Left:
        d = {-double(step), 0};
        break;
    case Qt::Key_Right:
        d = {double(step), 0};
        break;
    case Qt::Key_Up:
        d = {0, -double(step)};
        break;
    case Qt::Key_Down:
        d = {0, double(step)};
        break;
    default:
        QGraphicsView::keyPressEvent(e);
        return;
    }
    QMap<QString, Point> moved;
    for (const auto &id : m_scene->selectedComponentIds()) {
        const Component *c = m_scene->document()->component(id);
        const Point p = c->position.value_or(Point{});
        moved.insert(id, Point{p.x + d.x(), p.y + d.y()});
    }
    if (!moved.isEmpty())
        m_scene->editor()->move(moved);
}

void DiagramView::keyReleaseEvent(QKeyEvent *e)
{
    if (e->key() == Qt::Key_Space && !e->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->setCursor(Qt::ArrowCursor);
        setDragMode(RubberBandDrag);
        return;
    }
    QGraphicsView::keyReleaseEvent(e);
}

void DiagramView::dragEnterEvent(QDragEnterEvent *e)
{
    if (e->mimeData()->hasFormat(QString::fromLatin1(kKindMimeType)))
        e->acceptProposedAction();
    else
        e->ignore(); // files go to the main window
}

void DiagramView::dragMoveEvent(QDragMoveEvent *e)
{
    if (e->mimeData()->hasFormat(QString::fromLatin1(kKindMimeType)))
        e->acceptProposedAction();
    else
        e->ignore();
}

void DiagramView::dropEvent(QDropEvent *e)
{
    const QByteArray kind = e->mimeData()->data(QString::fromLatin1(kKindMimeType));
    const auto k = kindFromName(kind.toStdString());
    if (!k) {
        e->ignore();
        return;
    }
    const QPointF at = mapToScene(e->position().toPoint());
    const QString id = m_scene->editor()->addComponent(*k, Point{at.x(), at.y()});
    m_scene->selectComponents({id});
    e->acceptProposedAction();
}

void DiagramView::contextMenuEvent(QContextMenuEvent *e)
{
    // What is under the mouse, never an overlay (traffic dots, partition cuts) above it.
    ComponentItem *component = componentAt(e->pos());
    QGraphicsItem *item = component ? component : selectableAt(e->pos());
    if (item && !item->isSelected()) {
        m_scene->clearSelection();
        item->setSelected(true);
    }
    QMenu menu(this);
    menu.addActions(item ? m_itemActions : m_canvasActions);
    if (component)
        emit componentMenuRequested(component->id(), &menu);
    else if (auto *link = qgraphicsitem_cast<LinkItem *>(item))
        emit linkMenuRequested(link->fromId(), link->toId(), &menu);
    if (!menu.isEmpty())
        menu.exec(e->globalPos());
}

void DiagramView::drawBackground(QPainter *p, const QRectF &rect)
{
    p->fillRect(rect, palette().color(QPalette::Window));
    // A dot grid, thinned out when zoomed far out so it never turns into noise.
    double step = 20;
    while (step * zoom() < 12)
        step *= 2;
    QColor dot = palette().color(QPalette::Mid);
    dot.setAlpha(110);
    p->setPen(QPen(dot, 1.5 / zoom()));
    const double left = std::floor(rect.left() / step) * step;
    const double top = std::floor(rect.top() / step) * step;
    QVector<QPointF> points;
    for (double x = left; x < rect.right(); x += step) {
        for (double y = top; y < rect.bottom(); y += step)
            points.append(QPointF(x, y));
    }
    p->drawPoints(points.data(), int(points.size()));
}

} // namespace hld
