#pragma once

#include "model/design.h"

#include <QColor>
#include <QIcon>
#include <QPalette>

class QGraphicsItem;
class QSvgRenderer;

namespace hld {

QColor kindAccent(ComponentKind kind);
// The kind's SVG icon, loaded once and shared.
const QIcon &kindIcon(ComponentKind kind);
// The same icon as vectors, for exports (QIcon paints a pixmap).
QSvgRenderer *kindIconRenderer(ComponentKind kind);
// The palette an item paints with: its scene's (an export scene sets a fixed light one).
QPalette canvasPalette(const QGraphicsItem *item);
// The light palette every export uses, whatever the desktop theme.
QPalette exportPalette();

} // namespace hld
