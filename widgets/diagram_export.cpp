#include "diagram_export.h"

#include "design_document.h"
#include "design_editor.h"
#include "diagram_scene.h"
#include "live_snapshot.h"

#include <QBuffer>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace hld {

namespace {
constexpr double kMargin = 24;
// The canvas measures its fonts at 96 dots per inch; every export device uses the same, or
// labels would come out larger (PDF) or smaller (SVG) than the boxes they sit in.
constexpr int kCanvasDpi = 96;
} // namespace

DiagramRenderer::DiagramRenderer(const Design &design)
    : m_doc(std::make_unique<DesignDocument>())
    , m_editor(std::make_unique<DesignEditor>(m_doc.get()))
{
    m_doc->resetDesign(design);
    m_scene = std::make_unique<DiagramScene>(m_editor.get());
    m_scene->prepareForExport();
}

DiagramRenderer::~DiagramRenderer()
{
    m_scene.reset(); // items read the document while they go
}

void DiagramRenderer::setRun(const LiveSnapshot &snapshot)
{
    m_scene->applySnapshot(snapshot);
    m_scene->prepareForExport(); // drops the animated dots the snapshot may carry
}

void DiagramRenderer::showOnly(const QStringList &ids)
{
    if (ids.isEmpty()) {
        QStringList all;
        for (const auto &c : m_doc->design().components)
            all << QString::fromStdString(c.id);
        m_scene->showOnly(all);
    } else {
        m_scene->showOnly(ids);
    }
}

QRectF DiagramRenderer::sourceRect() const
{
    QRectF r = m_scene->visibleItemsRect();
    if (r.isEmpty())
        r = QRectF(0, 0, 200, 120);
    // Whole units, so an image at scale s is exactly s times the one at scale 1.
    return r.adjusted(-kMargin, -kMargin, kMargin, kMargin).toAlignedRect();
}

void DiagramRenderer::paint(QPainter *p, const QRectF &target)
{
    p->setRenderHint(QPainter::Antialiasing);
    p->setRenderHint(QPainter::TextAntialiasing);
    // Fitted and centred in the target, whatever its shape (a page, a preview).
    const QRectF src = sourceRect();
    const double scale = std::min(target.width() / src.width(), target.height() / src.height());
    QRectF fitted(0, 0, src.width() * scale, src.height() * scale);
    fitted.moveCenter(target.center());
    m_scene->render(p, fitted, src, Qt::IgnoreAspectRatio);
}

QSize DiagramRenderer::imageSize(double scale) const
{
    const QRectF src = sourceRect();
    return QSize(qRound(src.width() * scale), qRound(src.height() * scale));
}

std::optional<QString> DiagramRenderer::refusal(const DiagramExportOptions &o) const
{
    if (o.format != DiagramFormat::Png)
        return std::nullopt;
    const QSize s = imageSize(o.scale);
    if (qint64(s.width()) * s.height() <= kMaxImagePixels)
        return std::nullopt;
    return QStringLiteral("the PNG would be %1 x %2 pixels, more than %3 million: choose a "
                          "smaller scale, export the selection, or use SVG or PDF")
        .arg(s.width())
        .arg(s.height())
        .arg(kMaxImagePixels / 1000000);
}

QImage DiagramRenderer::toImage(double scale, bool transparent)
{
    const QSize size = imageSize(scale);
    QImage img(size, QImage::Format_ARGB32_Premultiplied);
    img.setDotsPerMeterX(qRound(kCanvasDpi / 0.0254));
    img.setDotsPerMeterY(qRound(kCanvasDpi / 0.0254));
    img.fill(transparent ? QColor(Qt::transparent) : QColor(Qt::white));
    QPainter p(&img);
    paint(&p, QRectF(QPointF(0, 0), QSizeF(size)));
    p.end();
    return img;
}

QByteArray DiagramRenderer::toSvg(bool transparent, const QString &title)
{
    const QRectF src = sourceRect();
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    QSvgGenerator gen;
    gen.setOutputDevice(&buf);
    gen.setSize(src.size().toSize());
    gen.setViewBox(QRectF(QPointF(0, 0), src.size()));
    gen.setTitle(title);
    gen.setDescription(QStringLiteral("Exported by HLD Studio"));
    gen.setResolution(kCanvasDpi);
    QPainter p(&gen);
    if (!transparent)
        p.fillRect(QRectF(QPointF(0, 0), src.size()), Qt::white);
    paint(&p, QRectF(QPointF(0, 0), src.size()));
    p.end();
    return buf.data();
}

QByteArray DiagramRenderer::toPdf(PageSize page, bool landscape, const QString &title)
{
    const QRectF src = sourceRect();
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buf);
    pdf.setTitle(title);
    pdf.setCreator(QStringLiteral("HLD Studio"));
    pdf.setResolution(kCanvasDpi);
    if (page == PageSize::Fit) {
        // One canvas unit = one point, the whole design on one page of its own size.
        pdf.setPageSize(QPageSize(src.size(), QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    } else {
        pdf.setPageSize(QPageSize(page == PageSize::A4 ? QPageSize::A4 : QPageSize::Letter));
        pdf.setPageOrientation(landscape ? QPageLayout::Landscape : QPageLayout::Portrait);
        pdf.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
    }
    QPainter p(&pdf);
    const QRect area = p.viewport();
    paint(&p, QRectF(area));
    p.end();
    return buf.data();
}

QByteArray DiagramRenderer::encode(const DiagramExportOptions &o, const QString &title)
{
    switch (o.format) {
    case DiagramFormat::Png: {
        QBuffer buf;
        buf.open(QIODevice::WriteOnly);
        toImage(o.scale, o.transparent).save(&buf, "PNG");
        return buf.data();
    }
    case DiagramFormat::Svg:
        return toSvg(o.transparent, title);
    case DiagramFormat::Pdf:
        return toPdf(o.page, o.landscape, title);
    }
    return {};
}

bool writeFileAtomically(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace hld
