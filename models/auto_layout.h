#pragma once

#include "model/design.h"

#include <QMap>
#include <QString>

#include <vector>

namespace hld {

struct LayoutResult
{
    QMap<QString, Point> centres;
    std::vector<Region> regions; // frames refitted around their members
    bool ok = false;
    QString error;
};

// Left-to-right layered layout by Graphviz dot; each region becomes a cluster, so its
// members stay together and its frame is refitted around them.
LayoutResult layeredLayout(const Design &d);

// A design from a file may have no positions (hand-written, or from another tool): lay it
// out once so it can be drawn. Designs with every position set are left alone.
void placeUnpositioned(Design &d);

} // namespace hld
