#pragma once

#include <QImage>
#include <QSize>

namespace hld {

struct Design;

// A picture of a design as the canvas draws it, scaled to fit `size`: for the start page.
QImage renderThumbnail(const Design &design, QSize size);

} // namespace hld
