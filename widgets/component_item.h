#pragma once

#include "live_snapshot.h"

#include <QGraphicsObject>

namespace hld {

class DesignDocument;
struct Component;

// One component on the canvas. It holds only its id; everything it shows is read from the
// document when painting. Its position mirrors the document's (the scene sets it), except
// while the user drags it; the view turns the finished drag into a move command.
class ComponentItem : public QGraphicsObject
{
    Q_OBJECT

public:
    enum { Type = UserType + 1 };
    static constexpr double kDetailThreshold = 0.3; // zoom below which items draw as boxes

    ComponentItem(const DesignDocument *doc, const QString &id);

    int type() const override { return Type; }
    QString id() const { return m_id; }
    void setId(const QString &id);
    const Component *component() const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    // The output port, in item coordinates: drag from it to connect.
    QRectF portRect() const;
    // What a region drawn around it must hold, in scene coordinates: the body with its
    // replica stack and port, not the room kept below for the run's strip.
    QRectF frameRect() const;
    bool isOnPort(const QPointF &scenePos) const;
    // Where a line towards `scenePos` leaves this item's box, in scene coordinates.
    QPointF boundaryPointTowards(const QPointF &scenePos) const;

    void setSnapToGrid(bool on) { m_snap = on; }
    // The running simulation's view of this component; cleared when the run resets.
    void setLive(const LiveNode &live);
    void clearLive();
    bool hasLive() const { return m_hasLive; }
    const LiveNode &live() const { return m_live; }
    void refresh(); // the component changed: repaint, re-cache and re-describe
    // Drawn for an export: full detail at any zoom, vector icons, no port, no cache.
    void setForExport(bool on);

signals:
    void moved();

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    void refreshToolTip(); // what the badges stand for, in words
    void drawStack(QPainter *p, int replicas) const;
    void drawBody(QPainter *p, const QColor &accent, bool selected) const;
    void drawIcon(QPainter *p) const;
    void drawText(QPainter *p) const;
    void drawExportTitle(QPainter *p, QFont f, const QString &title, const QRectF &r) const;
    void drawBadges(QPainter *p) const;
    void drawPort(QPainter *p, const QColor &accent) const;
    void drawLoad(QPainter *p) const;

    const DesignDocument *m_doc;
    QString m_id;
    bool m_snap = true;
    bool m_export = false;
    bool m_hasLive = false;
    mutable std::uint32_t m_flash = 0;
    LiveNode m_live;
};

} // namespace hld
