#pragma once

#include "live_snapshot.h"

#include <QGraphicsObject>

#include <vector>

namespace hld {

class DiagramScene;

// The partitions in force in the running simulation: a red jagged cut across the gap
// between the frames of the two regions, labelled, for as long as the partition lasts.
class PartitionItem : public QGraphicsObject
{
    Q_OBJECT

public:
    explicit PartitionItem(const DiagramScene *scene);

    void setCuts(const std::vector<RegionCut> &cuts);
    const std::vector<RegionCut> &cuts() const { return m_cuts; }
    void refresh(); // the region frames moved
    // The cut between two region frames, in scene coordinates; empty if either is missing.
    QLineF cutLine(const RegionCut &cut) const;

    QRectF boundingRect() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    const DiagramScene *m_scene;
    std::vector<RegionCut> m_cuts;
    std::vector<QLineF> m_lines;
    QRectF m_bounds;
};

} // namespace hld
