#pragma once

#include "model/design.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hld::interchange {

// The shape a diagram tool drew a node with: one of the hints the kind guesser reads.
enum class NodeShape : std::uint8_t {
    Box,
    Rounded,
    Stadium,
    Subroutine,
    Cylinder,
    Circle,
    Asymmetric, // Mermaid's `>label]`, a flag: often a queue
    Rhombus,
    Hexagon,
    Parallelogram,
    Actor, // draw.io's stick figure
    Cloud,
};

struct Rect
{
    double x = 0, y = 0, width = 0, height = 0;
};

// What a diagram file says, before it becomes a design: nodes, edges and groups exactly
// as the other tool names them. The readers (Mermaid, draw.io) produce it; toDesign()
// turns it into a design that validates.
struct ImportedNode
{
    std::string key;   // the node's id in the source file
    std::string label; // plain text, one line
    NodeShape shape = NodeShape::Box;
    std::string styleHint;       // e.g. draw.io's style or Mermaid's classes, for guessing
    std::optional<Point> centre; // where the other tool placed it, if it says
    std::string group;           // key of the innermost group holding it, or empty
    std::string idHint;          // an HLD Studio id the file carries (hldId), if any
};

struct ImportedEdge
{
    std::string from, to; // node keys
    std::string label;
    bool dotted = false; // dotted or dashed: an async link
};

struct ImportedGroup
{
    std::string key;
    std::string title;
    std::optional<Rect> frame;
};

struct ImportedGraph
{
    std::string name;
    std::vector<ImportedNode> nodes;
    std::vector<ImportedEdge> edges;
    std::vector<ImportedGroup> groups;
    std::vector<std::string> notes; // what the reader left out or assumed, for the user
    // Mermaid keys are names people chose ("api"); draw.io keys are generated ("2", "x7Yq-3"),
    // so there the label makes the better id.
    bool keysAreNames = true;
};

// Limits that keep a hostile file from eating memory or time.
inline constexpr std::size_t kMaxImportBytes = 16u << 20;
inline constexpr std::size_t kMaxImportNodes = kMaxComponents;
inline constexpr std::size_t kMaxImportEdges = kMaxLinks;
inline constexpr std::size_t kMaxLabelBytes = 256;

struct KindGuess
{
    ComponentKind kind = ComponentKind::Service;
    bool sure = false;
    std::string reason; // e.g. "label says \"Redis\"", for the confirmation dialog
};

// Guesses a component kind from a node's label, shape and style hints. A technology or
// kind named in the label wins ("Redis" -> cache); among plain nouns the last one wins, as
// the head of an English noun phrase ("User Service" -> service, "Users DB" -> database);
// the shape is the fallback (cylinder -> database, actor -> client).
KindGuess guessKind(const std::string &label, NodeShape shape, const std::string &styleHint);

// One imported component and how its kind was chosen.
struct ImportedComponent
{
    std::string key; // node key in the source
    std::string id;  // component id in the design
    KindGuess guess;
};

struct ImportResult
{
    Design design;
    std::vector<ImportedComponent> components; // in design order
    std::vector<std::string> notes;
};

// Builds a design from a graph: valid unique ids, kinds (guessed, or `overrides` by node
// key), clients with default traffic, regions from groups, async links from dotted edges,
// latencies from edge labels such as "5 ms". Links the design rules refuse (into a client,
// to itself, duplicates, closing a loop) are left out, each kind noted. Positions are kept when
// every node has one.
ImportResult toDesign(const ImportedGraph &g,
                      const std::map<std::string, ComponentKind> &overrides = {});

// Kind colours as #rrggbb, shared by the text exports (the canvas has the same ones).
std::string kindColour(ComponentKind kind);

// Text helpers shared by the readers and writers.
std::string stripHtml(const std::string &s); // tags out, entities decoded, spaces collapsed
std::string clampLabel(std::string s);       // at most kMaxLabelBytes, on a UTF-8 boundary
std::string xmlEscape(const std::string &s); // for XML text and attribute values

} // namespace hld::interchange
