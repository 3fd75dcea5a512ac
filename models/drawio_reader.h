#pragma once

#include "interchange/imported_graph.h"
#include "interchange/text_interchange.h"

#include <QByteArray>

#include <variant>

namespace hld {

// Reads a draw.io file (.drawio, or .xml exported from draw.io): `<mxfile>` with one or more
// pages, each plain (`<mxGraphModel>` inside `<diagram>`) or compressed (base64 of raw
// deflate of the URL-encoded XML, draw.io's default), or a bare `<mxGraphModel>`. The first
// page is taken; a note says so when there are more. Vertices become nodes (labels stripped
// of HTML, positions made absolute through their containers), labelled containers become
// groups, edges keep their labels (also from edge-label children) and dashes.
//
// Safety: a document type declaration is refused, so no entity is ever declared, let alone
// resolved; nothing is loaded from the network or the disk; input, inflated size, nesting
// depth and cell count are capped.
std::variant<interchange::ImportedGraph, interchange::ParseError>
parseDrawio(const QByteArray &data);

inline constexpr qsizetype kMaxInflatedBytes = 64 << 20;
inline constexpr int kMaxXmlDepth = 64;
inline constexpr qsizetype kMaxDrawioCells = 200000;

} // namespace hld
