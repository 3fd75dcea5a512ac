// Text exports of a design: Mermaid flowchart, Graphviz DOT, draw.io XML.
#include "interchange/text_interchange.h"

#include "model/component_kind.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace hld::interchange {

namespace {

std::string displayName(const Component &c)
{
    return c.label && !c.label->empty() ? *c.label : c.id;
}

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

// What a link's label says: an explicit latency and a request filter. Readers parse both
// back ("5 ms", "reads").
std::string linkLabel(const Link &l)
{
    std::string s;
    if (l.latencyMs)
        s = number(*l.latencyMs) + " ms";
    if (l.requests && *l.requests != RequestFilter::All)
        s += (s.empty() ? "" : " ") + std::string(toString(*l.requests));
    return s;
}

// Region names: the frames, then any a component names without a frame.
std::vector<std::string> regionNames(const Design &d)
{
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto &r : d.regions) {
        if (seen.insert(r.name).second)
            out.push_back(r.name);
    }
    for (const auto &c : d.components) {
        if (c.region && seen.insert(*c.region).second)
            out.push_back(*c.region);
    }
    return out;
}

bool async(const Link &l)
{
    return l.mode.value_or(LinkMode::Sync) == LinkMode::Async;
}

// hldCache, hldObjectStorage: a class name Mermaid accepts, that reads back as the kind.
std::string kindClass(ComponentKind k)
{
    std::string out = "hld";
    bool upper = true;
    for (char c : traits(k).name) {
        if (c == '_') {
            upper = true;
            continue;
        }
        out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
        upper = false;
    }
    return out;
}

// Mermaid label text inside quotes: its own entity codes for what would break the syntax
// or be read as HTML.
std::string mermaidText(const std::string &s)
{
    std::string out;
    for (char c : s) {
        switch (c) {
        case '"':
            out += "#quot;";
            break;
        case '#':
            out += "#35;";
            break;
        case '<':
            out += "#lt;";
            break;
        case '>':
            out += "#gt;";
            break;
        case '&':
            out += "#amp;";
            break;
        case '|':
            out += "#124;";
            break;
        default:
            out.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
        }
    }
    return out;
}

// A Mermaid node id: letters, digits, '_' and single inner dashes; never a keyword.
std::string mermaidKey(const std::string &id, std::set<std::string> &taken)
{
    std::string k;
    for (char c : id) {
        const bool dash = c == '-' && !k.empty() && k.back() != '-';
        k.push_back(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || dash ? c : '_');
    }
    while (!k.empty() && k.back() == '-')
        k.back() = '_';
    static const std::set<std::string> kKeywords{"end",
                                                 "graph",
                                                 "flowchart",
                                                 "subgraph",
                                                 "style",
                                                 "class",
                                                 "classDef",
                                                 "click",
                                                 "linkStyle",
                                                 "direction",
                                                 "default",
                                                 "call",
                                                 "href"};
    if (kKeywords.count(k) || k.empty())
        k = "n_" + k;
    std::string unique = k;
    for (int n = 2; !taken.insert(unique).second; ++n)
        unique = k + std::string("_") + std::to_string(n);
    return unique;
}

std::pair<const char *, const char *> mermaidShape(ComponentKind k)
{
    switch (k) {
    case ComponentKind::Client:
        return {"([", "])"};
    case ComponentKind::Database:
    case ComponentKind::ObjectStorage:
        return {"[(", ")]"};
    case ComponentKind::Queue:
        return {">", "]"};
    case ComponentKind::LoadBalancer:
        return {"{{", "}}"};
    case ComponentKind::Cdn:
        return {"((", "))"};
    case ComponentKind::Cache:
        return {"[[", "]]"};
    default:
        return {"[", "]"};
    }
}

std::string dotText(const std::string &s)
{
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\')
            out.push_back('\\');
        out.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
    }
    return out;
}

const char *dotShape(ComponentKind k)
{
    switch (k) {
    case ComponentKind::Client:
        return "oval";
    case ComponentKind::Database:
        return "cylinder";
    case ComponentKind::ObjectStorage:
        return "folder";
    case ComponentKind::Queue:
        return "cds";
    case ComponentKind::LoadBalancer:
        return "hexagon";
    case ComponentKind::Cdn:
        return "ellipse";
    case ComponentKind::ApiGateway:
        return "house";
    default:
        return "box";
    }
}

} // namespace

std::string designToMermaid(const Design &d)
{
    std::string out;
    if (!d.name.empty())
        out += "---\ntitle: \"" + mermaidText(d.name) + "\"\n---\n";
    out += "flowchart LR\n";
    out += "    %% Exported by HLD Studio. The class of each node (hldCache, ...) is its kind.\n";
    std::set<std::string> taken;
    std::map<std::string, std::string> key;
    for (const auto &c : d.components)
        key[c.id] = mermaidKey(c.id, taken);
    auto nodeLine = [&](const Component &c, const std::string &indent) {
        const auto [open, close] = mermaidShape(c.kind);
        return indent + key[c.id] + open + "\"" + mermaidText(displayName(c)) + "\"" + close
               + ":::" + kindClass(c.kind) + "\n";
    };
    std::set<std::string> placed;
    int regionNo = 0;
    for (const auto &r : regionNames(d)) {
        std::string members;
        for (const auto &c : d.components) {
            if (c.region == r) {
                members += nodeLine(c, "        ");
                placed.insert(c.id);
            }
        }
        if (members.empty())
            continue;
        out += std::string("    subgraph region") + std::to_string(++regionNo) + "[\""
               + mermaidText(r) + "\"]\n" + members + "    end\n";
    }
    for (const auto &c : d.components) {
        if (!placed.count(c.id))
            out += nodeLine(c, "    ");
    }
    for (const auto &l : d.links) {
        const std::string label = linkLabel(l);
        out += "    " + key[l.from] + (async(l) ? " -.->" : " -->")
               + (label.empty() ? "" : "|\"" + mermaidText(label) + "\"|") + " " + key[l.to] + "\n";
    }
    std::set<ComponentKind> kinds;
    for (const auto &c : d.components)
        kinds.insert(c.kind);
    for (ComponentKind k : kinds)
        out += "    classDef " + kindClass(k) + " fill:#ffffff,stroke:" + kindColour(k)
               + ",stroke-width:2px,color:#1a1a1a\n";
    return out;
}

std::string designToDot(const Design &d)
{
    std::string out = "digraph \"" + dotText(d.name.empty() ? "design" : d.name) + "\" {\n";
    out += "    graph [rankdir=LR, fontname=\"Helvetica\", nodesep=0.4, ranksep=0.9];\n";
    out += "    node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", "
           "fontname=\"Helvetica\", fontsize=11];\n";
    out += "    edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n";
    auto nodeLine = [](const Component &c, const std::string &indent) {
        std::string sub = std::string(traits(c.kind).title);
        if (effectiveReplicas(c) > 1)
            sub += std::string(" x") + std::to_string(effectiveReplicas(c));
        return indent + "\"" + dotText(c.id) + "\" [label=\"" + dotText(displayName(c)) + "\\n"
               + dotText(sub) + "\", shape=" + dotShape(c.kind) + ", color=\"" + kindColour(c.kind)
               + "\"];\n";
    };
    std::set<std::string> placed;
    int n = 0;
    for (const auto &r : regionNames(d)) {
        std::string members;
        for (const auto &c : d.components) {
            if (c.region == r) {
                members += nodeLine(c, "        ");
                placed.insert(c.id);
            }
        }
        if (members.empty())
            continue;
        out += "    subgraph \"cluster_" + std::to_string(n++) + "\" {\n        label=\""
               + dotText(r) + "\";\n        style=\"dashed,rounded\";\n" + members + "    }\n";
    }
    for (const auto &c : d.components) {
        if (!placed.count(c.id))
            out += nodeLine(c, "    ");
    }
    for (const auto &l : d.links) {
        std::string attrs;
        const std::string label = linkLabel(l);
        if (!label.empty())
            attrs += "label=\"" + dotText(label) + "\"";
        if (async(l))
            attrs += std::string(attrs.empty() ? "" : ", ") + "style=dashed";
        out += "    \"" + dotText(l.from) + "\" -> \"" + dotText(l.to) + "\""
               + (attrs.empty() ? "" : " [" + attrs + "]") + ";\n";
    }
    out += "}\n";
    return out;
}

std::string designToDrawio(const Design &d)
{
    constexpr double W = 136, H = 80, kTitle = 24;
    std::string cells;
    std::map<std::string, std::string> regionCell;
    std::map<std::string, const Region *> regionByName;
    int n = 0;
    for (const auto &r : d.regions) {
        const std::string id = std::string("r") + std::to_string(++n);
        regionCell[r.name] = id;
        regionByName[r.name] = &r;
        cells += "        <mxCell id=\"" + id + "\" value=\"" + xmlEscape(r.name)
                 + "\" style=\"swimlane;startSize=" + number(kTitle)
                 + ";rounded=1;dashed=1;fillColor=none;strokeColor=#888888;container=1;"
                   "collapsible=0;hldRegion=1;\" vertex=\"1\" parent=\"1\">\n"
                 + "          <mxGeometry x=\"" + number(r.x) + "\" y=\"" + number(r.y - kTitle)
                 + "\" width=\"" + number(r.width) + "\" height=\"" + number(r.height + kTitle)
                 + "\" as=\"geometry\"/>\n        </mxCell>\n";
    }
    std::map<std::string, std::string> cellOf;
    int i = 0;
    for (const auto &c : d.components) {
        const std::string id = std::string("c") + std::to_string(++i);
        cellOf[c.id] = id;
        const Point p = c.position.value_or(Point{(i % 10) * 200.0, (i / 10) * 140.0});
        double w = W, h = H;
        std::string shape = "rounded=1;whiteSpace=wrap;arcSize=12;";
        switch (c.kind) {
        case ComponentKind::Client:
            shape = "shape=umlActor;verticalLabelPosition=bottom;verticalAlign=top;";
            w = 40;
            h = 64;
            break;
        case ComponentKind::Database:
        case ComponentKind::ObjectStorage:
            shape = "shape=cylinder3;whiteSpace=wrap;boundedLbl=1;backgroundOutline=1;size=12;";
            break;
        case ComponentKind::Cdn:
            shape = "ellipse;shape=cloud;whiteSpace=wrap;";
            break;
        default:
            break;
        }
        double x = p.x - w / 2, y = p.y - h / 2;
        std::string parent = "1";
        if (c.region) {
            if (auto it = regionByName.find(*c.region); it != regionByName.end()) {
                parent = regionCell[*c.region]; // geometry relative to the container
                x -= it->second->x;
                y -= it->second->y - kTitle;
            }
        }
        cells += "        <mxCell id=\"" + id + "\" value=\"" + xmlEscape(displayName(c))
                 + "\" style=\"" + shape + "html=0;fillColor=#ffffff;strokeColor="
                 + kindColour(c.kind) + ";strokeWidth=2;fontColor=#1a1a1a;hldKind="
                 + std::string(traits(c.kind).name) + ";hldId=" + xmlEscape(c.id)
                 + ";\" vertex=\"1\" parent=\"" + parent + "\">\n          <mxGeometry x=\""
                 + number(x) + "\" y=\"" + number(y) + "\" width=\"" + number(w) + "\" height=\""
                 + number(h) + "\" as=\"geometry\"/>\n        </mxCell>\n";
    }
    int e = 0;
    for (const auto &l : d.links) {
        cells += "        <mxCell id=\"e" + std::to_string(++e) + "\" value=\""
                 + xmlEscape(linkLabel(l)) + "\" style=\"html=0;rounded=0;endArrow=block;"
                 + (async(l) ? "dashed=1;" : "") + "strokeColor=#555555;\" edge=\"1\" parent=\"1\""
                 + " source=\"" + cellOf[l.from] + "\" target=\"" + cellOf[l.to]
                 + "\">\n          <mxGeometry relative=\"1\" as=\"geometry\"/>\n"
                   "        </mxCell>\n";
    }
    return "<mxfile host=\"HLD Studio\" agent=\"HLD Studio\" version=\"21.6.5\" type=\"device\">\n"
           "  <diagram id=\"hld-design\" name=\""
           + xmlEscape(d.name.empty() ? "Page-1" : d.name)
           + "\">\n    <mxGraphModel grid=\"1\" gridSize=\"10\" guides=\"1\" tooltips=\"1\" "
             "connect=\"1\" arrows=\"1\" fold=\"1\" page=\"0\" pageScale=\"1\" math=\"0\" "
             "shadow=\"0\">\n      <root>\n        <mxCell id=\"0\"/>\n"
             "        <mxCell id=\"1\" parent=\"0\"/>\n"
           + cells + "      </root>\n    </mxGraphModel>\n  </diagram>\n</mxfile>\n";
}

} // namespace hld::interchange
