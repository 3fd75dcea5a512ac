#pragma once

#include "model/design.h"

#include <QByteArray>
#include <QImage>
#include <QRectF>
#include <QStringList>

#include <memory>
#include <optional>

class QPainter;

namespace hld {

class DesignDocument;
class DesignEditor;
class DiagramScene;
struct LiveSnapshot;

enum class DiagramFormat { Png, Svg, Pdf };
enum class PageSize { Fit, A4, Letter };

struct DiagramExportOptions
{
    DiagramFormat format = DiagramFormat::Png;
    double scale = 1.0;       // PNG: 1, 2, 4 (any value from 0.1 to 8)
    bool transparent = false; // PNG and SVG: no background
    PageSize page = PageSize::Fit;
    bool landscape = false; // PDF on A4 or Letter
    QStringList only;       // components to draw (with the links among them); empty = all
};

// Draws a design the way the canvas does (kind icons, labels, replica badges, link
// latencies, region frames), offscreen and without selection, ports or grid, into PNG, SVG
// (vectors, text as text) or PDF (vectors). It holds its own document and scene, so it
// works with no window and never disturbs the designer's. With a run snapshot it draws the
// run's utilisation fills and link throughput instead of latencies.
class DiagramRenderer
{
public:
    explicit DiagramRenderer(const Design &design);
    ~DiagramRenderer();

    void setRun(const LiveSnapshot &snapshot);
    void showOnly(const QStringList &ids); // empty: everything
    QRectF sourceRect() const;             // scene rectangle drawn, with a margin
    QSize imageSize(double scale) const;   // pixels of a PNG at this scale

    // A PNG larger than this (16k x 16k) is refused: it would need gigabytes of memory.
    static constexpr qint64 kMaxImagePixels = qint64(1) << 28;
    // Why an export with these options cannot be made, or nothing.
    std::optional<QString> refusal(const DiagramExportOptions &o) const;

    // Draws the diagram into `target`, keeping its aspect ratio and centring it.
    void paint(QPainter *p, const QRectF &target);
    QImage toImage(double scale, bool transparent);
    QByteArray toSvg(bool transparent, const QString &title);
    QByteArray toPdf(PageSize page, bool landscape, const QString &title);
    QByteArray encode(const DiagramExportOptions &o, const QString &title);

private:
    std::unique_ptr<DesignDocument> m_doc;
    std::unique_ptr<DesignEditor> m_editor;
    std::unique_ptr<DiagramScene> m_scene;
};

// Writes `data` to `path` atomically (a temporary file beside it, then a rename).
bool writeFileAtomically(const QString &path, const QByteArray &data, QString *error);

} // namespace hld
