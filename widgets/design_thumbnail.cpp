#include "design_thumbnail.h"

#include "auto_layout.h"
#include "design_document.h"
#include "design_editor.h"
#include "diagram_scene.h"

#include <QPainter>
#include <QPalette>

namespace hld {

QImage renderThumbnail(const Design &design, QSize size)
{
    Design placed = design;
    placeUnpositioned(placed); // templates leave the layout to Graphviz
    DesignDocument doc;
    doc.resetDesign(placed);
    DesignEditor editor(&doc);
    DiagramScene scene(&editor);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(QPalette().color(QPalette::Base));
    QPainter p(&image);
    p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    const QRectF source = scene.itemsBoundingRectWithMargin();
    QRectF target(QPointF(0, 0), QSizeF(size));
    // Keep the aspect ratio, centred.
    const double scale
        = std::min(target.width() / source.width(), target.height() / source.height());
    const QSizeF drawn = source.size() * scale;
    target = QRectF(
        QPointF((size.width() - drawn.width()) / 2, (size.height() - drawn.height()) / 2), drawn);
    scene.render(&p, target, source, Qt::KeepAspectRatio);
    return image;
}

} // namespace hld
