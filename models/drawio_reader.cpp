#include "drawio_reader.h"

#include <QHash>
#include <QSet>
#include <QXmlStreamReader>

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace hld {

using interchange::ImportedGraph;
using interchange::NodeShape;
using interchange::ParseError;

namespace {

struct Failure
{
    QString message;
};

struct Cell
{
    QString id, value, style, parent, source, target;
    bool vertex = false, edge = false;
    double x = 0, y = 0, width = 0, height = 0;
    bool hasGeometry = false;
};

// Raw deflate (no zlib header), as draw.io writes it; refuses to grow past the cap.
QByteArray inflateRaw(const QByteArray &in)
{
    z_stream z{};
    if (inflateInit2(&z, -15) != Z_OK)
        throw Failure{QStringLiteral("cannot start the inflater")};
    QByteArray out;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    z.avail_in = static_cast<uInt>(in.size());
    char buf[65536];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        z.next_out = reinterpret_cast<Bytef *>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&z);
            throw Failure{QStringLiteral("its compressed data is damaged or cut short (%1)")
                              .arg(QString::fromLatin1(z.msg ? z.msg : "no more input"))};
        }
        out.append(buf, qsizetype(sizeof buf - z.avail_out));
        if (out.size() > kMaxInflatedBytes) {
            inflateEnd(&z);
            throw Failure{QStringLiteral("its compressed data expands beyond %1 MiB; refused")
                              .arg(kMaxInflatedBytes >> 20)};
        }
        if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) {
            inflateEnd(&z);
            throw Failure{QStringLiteral("its compressed data is cut short")};
        }
    }
    inflateEnd(&z);
    return out;
}

QString where(const QXmlStreamReader &xml)
{
    return QStringLiteral("line %1, column %2").arg(xml.lineNumber()).arg(xml.columnNumber());
}

// Every read goes through here: no DTD (hence no entity declarations), bounded depth.
bool next(QXmlStreamReader &xml, int &depth)
{
    const auto t = xml.readNext();
    if (t == QXmlStreamReader::DTD)
        throw Failure{where(xml)
                      + QStringLiteral(": the file declares a document type (<!DOCTYPE>); "
                                       "draw.io files have none, and it is refused for safety")};
    if (t == QXmlStreamReader::EntityReference)
        throw Failure{where(xml) + QStringLiteral(": an undeclared entity reference")};
    if (t == QXmlStreamReader::StartElement && ++depth > kMaxXmlDepth)
        throw Failure{where(xml)
                      + QStringLiteral(": elements nested deeper than %1").arg(kMaxXmlDepth)};
    if (t == QXmlStreamReader::EndElement)
        --depth;
    if (xml.hasError())
        throw Failure{where(xml) + QStringLiteral(": ") + xml.errorString()};
    return !xml.atEnd();
}

// Reads cells from the current <mxGraphModel> start element to its end.
void readModel(QXmlStreamReader &xml, int &depth, std::vector<Cell> &cells)
{
    const int base = depth;
    std::optional<Cell> wrapper; // <object>/<UserObject label=.. id=..> around an mxCell
    Cell *current = nullptr;
    while (next(xml, depth)) {
        if (xml.isEndElement()) {
            if (depth < base)
                return;
            if (xml.name() == QLatin1String("object") || xml.name() == QLatin1String("UserObject"))
                wrapper.reset();
            continue;
        }
        if (!xml.isStartElement())
            continue;
        const auto a = xml.attributes();
        const auto name = xml.name();
        if (name == QLatin1String("object") || name == QLatin1String("UserObject")) {
            wrapper = Cell{};
            wrapper->id = a.value(QLatin1String("id")).toString();
            wrapper->value = a.value(QLatin1String("label")).toString();
        } else if (name == QLatin1String("mxCell")) {
            if (qsizetype(cells.size()) >= kMaxDrawioCells)
                throw Failure{QStringLiteral("more than %1 cells").arg(kMaxDrawioCells)};
            Cell c = wrapper ? *wrapper : Cell{};
            if (!wrapper) {
                c.id = a.value(QLatin1String("id")).toString();
                c.value = a.value(QLatin1String("value")).toString();
            }
            c.style = a.value(QLatin1String("style")).toString();
            c.parent = a.value(QLatin1String("parent")).toString();
            c.source = a.value(QLatin1String("source")).toString();
            c.target = a.value(QLatin1String("target")).toString();
            c.vertex = a.value(QLatin1String("vertex")) == QLatin1String("1");
            c.edge = a.value(QLatin1String("edge")) == QLatin1String("1");
            cells.push_back(c);
            current = &cells.back();
        } else if (name == QLatin1String("mxGeometry") && current
                   && a.value(QLatin1String("as")) == QLatin1String("geometry")) {
            auto num = [&](const char *key) {
                bool ok = false;
                const double v = a.value(QLatin1String(key)).toDouble(&ok);
                return ok && std::isfinite(v) ? std::clamp(v, -1e7, 1e7) : 0.0;
            };
            current->x = num("x");
            current->y = num("y");
            current->width = num("width");
            current->height = num("height");
            current->hasGeometry = true;
        }
    }
    throw Failure{
        QStringLiteral("the diagram ends before </mxGraphModel> (is the file cut short?)")};
}

void readModelText(const QByteArray &xmlText, std::vector<Cell> &cells)
{
    QXmlStreamReader xml(xmlText);
    int depth = 0;
    while (next(xml, depth)) {
        if (xml.isStartElement()) {
            if (xml.name() != QLatin1String("mxGraphModel"))
                throw Failure{QStringLiteral("the page holds <%1>, not <mxGraphModel>")
                                  .arg(xml.name().toString())};
            readModel(xml, depth, cells);
            return;
        }
    }
    throw Failure{QStringLiteral("the page is empty")};
}

QHash<QString, QString> styleMap(const QString &style)
{
    QHash<QString, QString> m;
    for (const auto &part : style.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const auto eq = part.indexOf(QLatin1Char('='));
        if (eq < 0)
            m.insert(part.trimmed(), QString()); // a bare name such as "ellipse" or "text"
        else
            m.insert(part.left(eq).trimmed(), part.mid(eq + 1).trimmed());
    }
    return m;
}

NodeShape shapeOf(const QHash<QString, QString> &s, const QString &style)
{
    const QString shape = s.value(QStringLiteral("shape"));
    auto has = [&](const char *w) { return style.contains(QLatin1String(w), Qt::CaseInsensitive); };
    if (shape.startsWith(QLatin1String("cylinder")) || shape == QLatin1String("datastore")
        || has("flowchart.database") || has("flowchart.stored_data"))
        return NodeShape::Cylinder;
    if (shape == QLatin1String("umlActor") || has("basic.person") || has("mxgraph.person"))
        return NodeShape::Actor;
    if (shape == QLatin1String("cloud"))
        return NodeShape::Cloud;
    if (shape == QLatin1String("hexagon"))
        return NodeShape::Hexagon;
    if (s.contains(QStringLiteral("ellipse")))
        return NodeShape::Circle;
    if (s.contains(QStringLiteral("rhombus")))
        return NodeShape::Rhombus;
    if (s.value(QStringLiteral("rounded")) == QLatin1String("1"))
        return NodeShape::Rounded;
    return NodeShape::Box;
}

std::string labelOf(const Cell &c, const QHash<QString, QString> &s)
{
    std::string text = c.value.toStdString();
    if (s.value(QStringLiteral("html")) == QLatin1String("1"))
        return interchange::clampLabel(interchange::stripHtml(text));
    for (char &ch : text) {
        if (static_cast<unsigned char>(ch) < 0x20)
            ch = ' ';
    }
    return interchange::clampLabel(interchange::stripHtml(
        QString::fromStdString(text).toHtmlEscaped().toStdString())); // trims, collapses spaces
}

ImportedGraph buildGraph(const std::vector<Cell> &cells)
{
    ImportedGraph g;
    g.keysAreNames = false;
    QHash<QString, qsizetype> byId;
    for (qsizetype i = 0; i < qsizetype(cells.size()); ++i)
        byId.insert(cells[std::size_t(i)].id, i);
    auto cell = [&](const QString &id) -> const Cell * {
        const auto it = byId.find(id);
        return it == byId.end() ? nullptr : &cells[std::size_t(*it)];
    };
    QHash<QString, int> children; // vertex id -> vertex children
    for (const auto &c : cells) {
        if (c.vertex && cell(c.parent) && cell(c.parent)->vertex)
            children[c.parent] += 1;
    }
    QSet<QString> endpoints; // vertices some edge touches
    for (const auto &c : cells) {
        if (c.edge) {
            endpoints.insert(c.source);
            endpoints.insert(c.target);
        }
    }
    QHash<QString, std::string> edgeLabels; // edge id -> text of its label child
    int skippedText = 0;
    // Absolute top-left of a vertex: its geometry plus its vertex ancestors' (bounded walk).
    auto origin = [&](const Cell &c) {
        double x = c.x, y = c.y;
        const Cell *p = cell(c.parent);
        for (int hops = 0; p && p->vertex && hops < kMaxXmlDepth; ++hops, p = cell(p->parent)) {
            x += p->x;
            y += p->y;
        }
        return std::pair{x, y};
    };
    // The innermost labelled container holding a vertex.
    auto groupOf = [&](const Cell &c) {
        const Cell *p = cell(c.parent);
        for (int hops = 0; p && p->vertex && hops < kMaxXmlDepth; ++hops, p = cell(p->parent)) {
            if (!labelOf(*p, styleMap(p->style)).empty())
                return p->id.toStdString();
        }
        return std::string();
    };
    for (const auto &c : cells) {
        if (!c.vertex)
            continue;
        const auto s = styleMap(c.style);
        const Cell *parent = cell(c.parent);
        if (parent && parent->edge) { // a label riding on an edge
            edgeLabels[parent->id] = labelOf(c, s);
            continue;
        }
        const std::string label = labelOf(c, s);
        if (s.contains(QStringLiteral("text")) || s.contains(QStringLiteral("edgeLabel"))) {
            ++skippedText;
            continue;
        }
        const auto [x, y] = origin(c);
        if (children.value(c.id) > 0) { // a container: a group, not a component
            if (!label.empty()) {
                interchange::ImportedGroup grp;
                grp.key = c.id.toStdString();
                grp.title = label;
                const bool lane = s.contains(QStringLiteral("swimlane"));
                const double title
                    = lane ? s.value(QStringLiteral("startSize"), "23").toDouble() : 0.0;
                grp.frame = interchange::Rect{x, y + title, c.width, c.height - title};
                g.groups.push_back(grp);
            }
            continue;
        }
        if (label.empty()) {
            if (!endpoints.contains(c.id)) {
                ++skippedText;
                continue; // decoration: an unlabelled, unconnected shape
            }
        }
        if (g.nodes.size() >= interchange::kMaxImportNodes)
            throw Failure{QStringLiteral("more than %1 shapes").arg(interchange::kMaxImportNodes)};
        interchange::ImportedNode n;
        n.key = c.id.toStdString();
        n.label = label;
        n.shape = shapeOf(s, c.style);
        n.styleHint = c.style.toStdString();
        n.idHint = s.value(QStringLiteral("hldId")).toStdString();
        if (c.hasGeometry)
            n.centre = Point{x + c.width / 2, y + c.height / 2};
        n.group = groupOf(c);
        g.nodes.push_back(std::move(n));
    }
    for (const auto &c : cells) {
        if (!c.edge)
            continue;
        if (g.edges.size() >= interchange::kMaxImportEdges)
            throw Failure{QStringLiteral("more than %1 edges").arg(interchange::kMaxImportEdges)};
        const auto s = styleMap(c.style);
        interchange::ImportedEdge e;
        e.from = c.source.toStdString();
        e.to = c.target.toStdString();
        e.label = labelOf(c, s);
        if (e.label.empty())
            e.label = edgeLabels.value(c.id);
        e.dotted = s.value(QStringLiteral("dashed")) == QLatin1String("1");
        g.edges.push_back(std::move(e));
    }
    if (skippedText > 0)
        g.notes.push_back(std::to_string(skippedText)
                          + " text or decoration shape(s) left out (no label, or not connected)");
    return g;
}

} // namespace

std::variant<ImportedGraph, ParseError> parseDrawio(const QByteArray &data)
{
    if (data.size() > qsizetype(interchange::kMaxImportBytes))
        return ParseError{QStringLiteral("the file is larger than %1 MiB")
                              .arg(interchange::kMaxImportBytes >> 20)
                              .toStdString()};
    if (data.trimmed().isEmpty())
        return ParseError{"the file is empty"};
    try {
        std::vector<Cell> cells;
        QString pageName;
        int pages = 0;
        QXmlStreamReader xml(data);
        int depth = 0;
        bool sawRoot = false;
        while (next(xml, depth)) {
            if (!xml.isStartElement())
                continue;
            const auto name = xml.name();
            if (!sawRoot) {
                sawRoot = true;
                if (name == QLatin1String("mxGraphModel")) {
                    readModel(xml, depth, cells);
                    break;
                }
                if (name != QLatin1String("mxfile"))
                    throw Failure{QStringLiteral("not a draw.io file: the root element is <%1>, "
                                                 "not <mxfile> or <mxGraphModel>")
                                      .arg(name.toString())};
                continue;
            }
            if (name != QLatin1String("diagram"))
                continue;
            if (++pages > 1) {
                xml.skipCurrentElement();
                --depth;
                continue;
            }
            pageName = xml.attributes().value(QLatin1String("name")).toString();
            QString text;
            while (next(xml, depth)) {
                if (xml.isStartElement()) {
                    if (xml.name() != QLatin1String("mxGraphModel"))
                        throw Failure{where(xml)
                                      + QStringLiteral(": unexpected <%1> in a page")
                                            .arg(xml.name().toString())};
                    readModel(xml, depth, cells);
                } else if (xml.isCharacters()) {
                    text += xml.text();
                    if (text.size() > qsizetype(interchange::kMaxImportBytes))
                        throw Failure{QStringLiteral("a page is too large")};
                } else if (xml.isEndElement()) {
                    break;
                }
            }
            text = text.trimmed();
            if (!text.isEmpty() && cells.empty()) {
                // Compressed: base64 -> raw deflate -> URL-encoded XML.
                const auto decoded = QByteArray::fromBase64Encoding(
                    text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
                if (!decoded)
                    throw Failure{
                        QStringLiteral("page '%1' is neither XML nor base64").arg(pageName)};
                const QByteArray inflated = inflateRaw(*decoded);
                readModelText(QByteArray::fromPercentEncoding(inflated), cells);
            }
        }
        if (!sawRoot)
            throw Failure{QStringLiteral("the file is empty or not XML")};
        if (pages == 0 && cells.empty())
            throw Failure{QStringLiteral("the file has no diagram page")};
        ImportedGraph g = buildGraph(cells);
        g.name = interchange::clampLabel(pageName.toStdString());
        if (pages > 1)
            g.notes.insert(g.notes.begin(),
                           "the file has " + std::to_string(pages) + " pages; only the first, '"
                               + g.name + "', was imported");
        if (g.nodes.empty())
            throw Failure{QStringLiteral("the diagram has no shapes to import")};
        return g;
    } catch (const Failure &f) {
        return ParseError{f.message.toStdString()};
    }
}

} // namespace hld
