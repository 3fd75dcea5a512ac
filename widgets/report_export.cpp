#include "report_export.h"

#include "auto_layout.h"
#include "diagram_export.h"
#include "report_pdf.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <cmath>

namespace hld {

std::optional<ReportFormat> reportFormatFor(const QString &path)
{
    const QString ext = QFileInfo(path).suffix().toLower();
    if (ext == QLatin1String("html") || ext == QLatin1String("htm"))
        return ReportFormat::Html;
    if (ext == QLatin1String("md") || ext == QLatin1String("markdown"))
        return ReportFormat::Markdown;
    if (ext == QLatin1String("pdf"))
        return ReportFormat::Pdf;
    return std::nullopt;
}

ReportFiles writeReportFiles(const Design &designIn,
                             const Results &results,
                             const report::RunSettings &settings,
                             const QString &path,
                             ReportFormat format,
                             const std::vector<report::SectionProvider> &providers)
{
    ReportFiles out;
    Design design = designIn;
    placeUnpositioned(design);
    DiagramRenderer diagram(design);
    const QRectF src = diagram.sourceRect();

    report::ReportInputs in;
    in.design = &design;
    in.results = &results;
    in.settings = settings;
    in.date
        = QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")).toStdString();
    in.diagram = {"diagram",
                  "Diagram of " + (design.name.empty() ? std::string("the design") : design.name),
                  src.width(),
                  src.height()};
    const report::ReportDocument doc = report::buildReport(in, providers);

    auto write = [&](const QString &file, const QByteArray &data) {
        QString error;
        if (!writeFileAtomically(file, data, &error)) {
            out.error = error;
            return false;
        }
        out.written << file;
        return true;
    };
    // A sharp image at twice the canvas size, within 16 million pixels.
    auto png = [&] {
        const double scale = std::min(2.0, std::sqrt(16e6 / (src.width() * src.height())));
        QBuffer buf;
        buf.open(QIODevice::WriteOnly);
        diagram.toImage(scale, false).save(&buf, "PNG");
        return buf.data();
    };

    switch (format) {
    case ReportFormat::Html: {
        const QByteArray image = png();
        const std::string html = report::reportToHtml(
            doc,
            {{"diagram",
              {"image/png", std::string(image.constData(), std::size_t(image.size()))}}});
        write(path, QByteArray::fromStdString(html));
        break;
    }
    case ReportFormat::Markdown: {
        const QFileInfo info(path);
        const QString assets = info.completeBaseName() + QStringLiteral("_files");
        QDir dir = info.absoluteDir();
        if (!dir.mkpath(assets)) {
            out.error = QStringLiteral("cannot create %1").arg(dir.filePath(assets));
            break;
        }
        if (!write(dir.filePath(assets + QStringLiteral("/diagram.png")), png()))
            break;
        bool ok = true;
        for (const auto &s : doc.sections) {
            for (const auto &b : s.blocks) {
                if (ok && b.kind == report::Block::Kind::Chart)
                    ok = write(dir.filePath(assets + QLatin1Char('/')
                                            + QString::fromStdString(b.chart.key)
                                            + QStringLiteral(".svg")),
                               QByteArray::fromStdString(b.chart.svg));
            }
        }
        if (ok)
            write(path,
                  QByteArray::fromStdString(
                      report::reportToMarkdown(doc, assets.toStdString(), {{"diagram", "png"}})));
        break;
    }
    case ReportFormat::Pdf: {
        QBuffer buf;
        buf.open(QIODevice::WriteOnly);
        out.pages
            = writeReportPdf(doc, &buf, [&](QPainter *p, const QRectF &r, const std::string &) {
                  diagram.paint(p, r);
              });
        write(path, buf.data());
        break;
    }
    }
    return out;
}

} // namespace hld
