#pragma once

#include <QGraphicsView>

namespace hld {

class DiagramView;

// The whole design at a glance, with the main view's visible area outlined; click or drag
// on it to move the main view there.
class MinimapView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit MinimapView(DiagramView *main, QWidget *parent = nullptr);

    void refit();

protected:
    void drawForeground(QPainter *p, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *e) override;
    void mouseMoveEvent(QMouseEvent *e) override;
    void resizeEvent(QResizeEvent *e) override;
    void wheelEvent(QWheelEvent *e) override;

private:
    DiagramView *m_main;
};

} // namespace hld
