#pragma once

#include "model/design.h"

#include <QColor>
#include <QIcon>

namespace hld {

QColor kindAccent(ComponentKind kind);
// The kind's SVG icon, loaded once and shared.
const QIcon &kindIcon(ComponentKind kind);

} // namespace hld
