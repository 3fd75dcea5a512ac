#pragma once

#include "model/design.h"

#include <QGraphicsObject>

namespace hld {

class DesignEditor;

// A named frame (a region: a data centre, an availability zone). Drag its title to move
// it with its members; drag the corner handle to resize it. Both end as one command.
// A region that only its components name (no frame in the file) is Drawn: a frame around
// its members that follows them and cannot be dragged itself.
class RegionItem : public QGraphicsObject
{
    Q_OBJECT

public:
    enum { Type = UserType + 3 };
    enum Mode { Framed, Drawn };

    RegionItem(DesignEditor *editor, const Region &region, Mode mode = Framed);

    int type() const override { return Type; }
    Mode mode() const { return m_mode; }
    QString name() const { return QString::fromStdString(m_region.name); }
    QRectF frameInScene() const { return mapRectToScene(frameRect()); }
    void setRegion(const Region &r);
    void setForExport(bool on) { m_export = on; } // no resize handle

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *e) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *e) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *e) override;
    void hoverMoveEvent(QGraphicsSceneHoverEvent *e) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *e) override;

private:
    QRectF frameRect() const; // local coordinates
    QRectF titleRect() const;
    QRectF handleRect() const;

    DesignEditor *m_editor;
    Mode m_mode;
    Region m_region;
    enum class Drag { None, Move, Resize } m_drag = Drag::None;
    QPointF m_pressScene;
    Region m_preview; // the frame while dragging
    bool m_export = false;
};

} // namespace hld
