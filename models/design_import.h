#pragma once

#include "interchange/imported_graph.h"

#include <QString>

#include <map>
#include <optional>

namespace hld {

// Reading another tool's diagram into a design: draw.io (.drawio, .xml) or Mermaid (.mmd,
// .mermaid, or the first ```mermaid block of a Markdown file). Chosen by extension, else by
// content (XML starts with '<').
struct DiagramRead
{
    std::optional<interchange::ImportedGraph> graph;
    QString error; // "FILE: problem" when graph is empty
};

DiagramRead readDiagramFile(const QString &path);
DiagramRead readDiagramText(const QByteArray &data, const QString &nameForMessages);

// The graph as a design that validates: kinds guessed (or overridden by node key), laid out
// by Graphviz when the file gave no positions. `error` is set only if the result would not
// validate, which the conversion is built to prevent.
struct DesignImport
{
    interchange::ImportResult result;
    QString error;
};

DesignImport importGraph(const interchange::ImportedGraph &g,
                         const std::map<std::string, ComponentKind> &overrides = {});

} // namespace hld
