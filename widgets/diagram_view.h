#pragma once

#include <QGraphicsView>
#include <QMap>
#include <QPointer>

class QMenu;

namespace hld {
class ComponentItem;
class DiagramScene;

// The canvas: zoom (wheel, keys), pan (space-drag or middle button), rubber-band selection,
// drop from the palette, drag from a port to connect, and drags of components. Every
// gesture ends as one call on the DesignEditor; refusals are reported through message().
// Right-click acts on the component under the mouse; a click on a moving request dot picks
// that request. A fitted design stays fitted as the window resizes, until the user zooms
// or pans.
class DiagramView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit DiagramView(DiagramScene *scene, QWidget *parent = nullptr);

    DiagramScene *diagram() const { return m_scene; }
    double zoom() const;
    void setZoom(double factor); // 1 = 100%, clamped to [kMinZoom, kMaxZoom]
    void zoomBy(double factor);
    void zoomToFit(); // never past 100%
    bool keepsFit() const { return m_keepFit; }
    QPointF visibleCentre() const;
    void setContextActions(const QList<QAction *> &onItems, const QList<QAction *> &onCanvas);
    // While a simulation runs, the canvas repaints on a frame clock (frame()), every change
    // of the frame at once, instead of after each change.
    void setFrameClocked(bool on);
    void frame(); // paint the next frame (frame-clocked only)

    static constexpr double kMinZoom = 0.05;
    static constexpr double kMaxZoom = 4.0;

signals:
    void message(const QString &text);
    // Right-click on a component: add what applies to it to `menu` (connect directly).
    void componentMenuRequested(const QString &id, QMenu *menu);
    // Right-click on a link: its own entries (connect directly).
    void linkMenuRequested(const QString &from, const QString &to, QMenu *menu);
    void requestClicked(std::uint32_t request); // a sampled request's dot
    void framePainted(double paintMs);          // for frame meters (live_bench)
    void zoomChanged(double factor);
    void viewportMoved();

protected:
    void wheelEvent(QWheelEvent *e) override;
    void mousePressEvent(QMouseEvent *e) override;
    void mouseMoveEvent(QMouseEvent *e) override;
    void mouseReleaseEvent(QMouseEvent *e) override;
    void keyPressEvent(QKeyEvent *e) override;
    void keyReleaseEvent(QKeyEvent *e) override;
    void dragEnterEvent(QDragEnterEvent *e) override;
    void dragMoveEvent(QDragMoveEvent *e) override;
    void dropEvent(QDropEvent *e) override;
    void contextMenuEvent(QContextMenuEvent *e) override;
    void drawBackground(QPainter *p, const QRectF &rect) override;
    void scrollContentsBy(int dx, int dy) override;
    void resizeEvent(QResizeEvent *e) override;
    void paintEvent(QPaintEvent *e) override;

private:
    void applyZoom(double factor);
    ComponentItem *componentAt(const QPoint &viewPos) const;
    QGraphicsItem *selectableAt(const QPoint &viewPos) const;
    void finishConnection(const QPoint &viewPos, bool async);
    void finishMove();
    void refuse(const QString &why, const QPoint &viewPos);

    DiagramScene *m_scene;
    // Connecting: a rubber line from the source's port to the pointer.
    QPointer<ComponentItem> m_connectFrom;
    QGraphicsLineItem *m_connectLine = nullptr;
    // Panning.
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panLast;
    // Moving: where the dragged items started (document positions).
    QMap<QString, QPointF> m_dragStart;
    QList<QAction *> m_itemActions;
    QList<QAction *> m_canvasActions;
    bool m_keepFit = false;
    bool m_frameClocked = false;
    bool m_fitting = false;
};

} // namespace hld
