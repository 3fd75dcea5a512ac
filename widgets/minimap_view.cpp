#include "minimap_view.h"

#include "diagram_scene.h"
#include "diagram_view.h"

#include <QMouseEvent>
#include <QTimer>

namespace hld {

MinimapView::MinimapView(DiagramView *main, QWidget *parent)
    : QGraphicsView(main->scene(), parent)
    , m_main(main)
{
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHint(QPainter::Antialiasing, false);
    setViewportUpdateMode(BoundingRectViewportUpdate);
    setMinimumSize(160, 110);
    setBackgroundBrush(palette().color(QPalette::Base));
    connect(main, &DiagramView::viewportMoved, this, [this] { viewport()->update(); });
    // Refit after the scene settles (many changes arrive at once on open or undo).
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setInterval(100);
    connect(timer, &QTimer::timeout, this, &MinimapView::refit);
    connect(main->scene(), &QGraphicsScene::changed, timer, qOverload<>(&QTimer::start));
}

void MinimapView::refit()
{
    auto *scene = static_cast<DiagramScene *>(m_main->scene());
    QRectF r = scene->itemsBoundingRectWithMargin();
    if (r.isEmpty())
        r = QRectF(-400, -300, 800, 600);
    setSceneRect(r);
    fitInView(r, Qt::KeepAspectRatio);
}

void MinimapView::drawForeground(QPainter *p, const QRectF &)
{
    const QRectF visible = m_main->mapToScene(m_main->viewport()->rect()).boundingRect();
    QColor c = palette().color(QPalette::Highlight);
    p->setPen(QPen(c, 0));
    c.setAlpha(40);
    p->setBrush(c);
    p->drawRect(visible);
}

void MinimapView::mousePressEvent(QMouseEvent *e)
{
    m_main->centerOn(mapToScene(e->pos()));
}

void MinimapView::mouseMoveEvent(QMouseEvent *e)
{
    if (e->buttons() & Qt::LeftButton)
        m_main->centerOn(mapToScene(e->pos()));
}

void MinimapView::resizeEvent(QResizeEvent *e)
{
    QGraphicsView::resizeEvent(e);
    refit();
}

void MinimapView::wheelEvent(QWheelEvent *)
{
    // The minimap always shows the whole design.
}

} // namespace hld
