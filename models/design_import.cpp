#include "design_import.h"

#include "auto_layout.h"
#include "drawio_reader.h"
#include "interchange/text_interchange.h"
#include "io/design_validate.h"

#include <QFile>
#include <QFileInfo>

namespace hld {

namespace {

// The first ```mermaid fenced block of a Markdown file, or the text unchanged.
QByteArray mermaidFromMarkdown(const QByteArray &text)
{
    const qsizetype fence = text.indexOf("```mermaid");
    if (fence < 0)
        return text;
    const qsizetype start = text.indexOf('\n', fence);
    const qsizetype end = text.indexOf("```", start < 0 ? fence : start);
    if (start < 0)
        return {};
    return text.mid(start + 1, end < 0 ? -1 : end - start - 1);
}

} // namespace

DiagramRead readDiagramText(const QByteArray &data, const QString &name)
{
    DiagramRead out;
    const QString suffix = QFileInfo(name).suffix().toLower();
    const bool xml = suffix == QLatin1String("drawio") || suffix == QLatin1String("xml")
                     || (suffix != QLatin1String("mmd") && suffix != QLatin1String("mermaid")
                         && suffix != QLatin1String("md") && data.trimmed().startsWith('<'));
    auto parsed = xml ? parseDrawio(data)
                      : interchange::parseMermaid(std::string_view(
                          suffix == QLatin1String("md") ? mermaidFromMarkdown(data) : data));
    if (auto *e = std::get_if<interchange::ParseError>(&parsed)) {
        out.error = QStringLiteral("%1: %2").arg(name, QString::fromStdString(e->message));
        return out;
    }
    out.graph = std::move(std::get<interchange::ImportedGraph>(parsed));
    if (out.graph->name.empty()) {
        QString base = QFileInfo(name).fileName();
        base = base.left(base.indexOf(QLatin1Char('.')) > 0 ? base.indexOf(QLatin1Char('.'))
                                                            : base.size());
        out.graph->name = base.toStdString();
    }
    return out;
}

DiagramRead readDiagramFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {std::nullopt, QStringLiteral("%1: cannot read (%2)").arg(path, f.errorString())};
    if (f.size() > qint64(interchange::kMaxImportBytes))
        return {std::nullopt,
                QStringLiteral("%1: the file is larger than %2 MiB")
                    .arg(path)
                    .arg(interchange::kMaxImportBytes >> 20)};
    return readDiagramText(f.read(qint64(interchange::kMaxImportBytes) + 1), path);
}

DesignImport importGraph(const interchange::ImportedGraph &g,
                         const std::map<std::string, ComponentKind> &overrides)
{
    DesignImport out;
    out.result = interchange::toDesign(g, overrides);
    placeUnpositioned(out.result.design);
    const auto errors = validateDesign(out.result.design);
    if (!errors.empty())
        out.error = QString::fromStdString(errors.front().path + ": " + errors.front().message);
    return out;
}

} // namespace hld
