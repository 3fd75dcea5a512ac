#pragma once

#include "live_snapshot.h"

#include <QGraphicsObject>

#include <vector>

namespace hld {

class DiagramScene;

// The partitions in force in the running simulation, for as long as they last: a red break
// across every link that runs between the two regions (the calls the partition stops),
// labelled; with no such link, a cut across the gap between the two region frames.
class PartitionItem : public QGraphicsObject
{
    Q_OBJECT

public:
    explicit PartitionItem(const DiagramScene *scene);

    void setCuts(const std::vector<RegionCut> &cuts);
    const std::vector<RegionCut> &cuts() const { return m_cuts; }
    void refresh(); // the region frames moved
    // Where `cut` is drawn, in scene coordinates: one short line across each link between
    // the two regions, or one across the gap between their frames.
    std::vector<QLineF> cutLines(const RegionCut &cut) const;

    QRectF boundingRect() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    const DiagramScene *m_scene;
    std::vector<RegionCut> m_cuts;
    std::vector<std::vector<QLineF>> m_lines; // per cut
    QRectF m_bounds;
};

} // namespace hld
