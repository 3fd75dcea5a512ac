#pragma once

#include "interchange/imported_graph.h"

#include <string>
#include <string_view>
#include <variant>

namespace hld::interchange {

struct ParseError
{
    std::string message; // "line 7: ..." where a line is known
};

// Reads a Mermaid flowchart (`flowchart` or `graph`, any direction): node shapes, quoted and
// markdown labels, `&` lists, chained edges with labels (`-->|x|`, `-- x -->`), dotted and
// thick edges, subgraphs (nested), `class`/`:::` classes, comments and directives. Other
// statements (style, linkStyle, click, ...) are skipped. Malformed or truncated text is an
// error, never a partial graph.
std::variant<ImportedGraph, ParseError> parseMermaid(std::string_view text);

// A Mermaid flowchart of the design: one node per component with a shape and a class for its
// kind, subgraphs for regions, dotted arrows for async links, latencies as edge labels.
std::string designToMermaid(const Design &d);

// A Graphviz digraph of the design, laid out left to right, regions as clusters.
std::string designToDot(const Design &d);

// A draw.io file (uncompressed, one page): every component a shape at its canvas place with
// its label, regions as containers, links as edges between them. `hldKind` in each style
// lets HLD Studio read its kind back. The design must have positions.
std::string designToDrawio(const Design &d);

} // namespace hld::interchange
