#pragma once

#include "model/design.h"

#include <QMap>
#include <QString>

namespace hld {

enum class Alignment {
    Left,
    Right,
    Top,
    Bottom,
    CenterHorizontally, // same x
    CenterVertically,   // same y
    DistributeHorizontally,
    DistributeVertically,
};

// New centres for the given centres (at least two; distribute needs three to change anything).
QMap<QString, Point> align(const QMap<QString, Point> &centres, Alignment how);

} // namespace hld
