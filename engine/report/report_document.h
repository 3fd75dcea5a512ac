#pragma once

#include "model/design.h"
#include "sim/run.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hld::report {

// A report as content, before any format: sections of paragraphs, tables, charts (SVG text)
// and images (named; the host supplies their bytes or draws them). The HTML and Markdown
// writers below and the PDF writer of the Qt side all walk the same document.
struct Table
{
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> numeric;  // per column: right-aligned
    std::vector<double> widths; // per column: relative width hint (PDF); empty = from content
};

struct Chart
{
    std::string key; // file stem for Markdown ("chart-latency")
    std::string title;
    std::string svg;       // standalone SVG (with its namespace)
    std::string inlineSvg; // the same without the namespace, for HTML
    double width = 720, height = 250;
};

struct Image
{
    std::string key; // "diagram"
    std::string alt;
    double width = 0, height = 0; // natural size, for the aspect ratio
};

struct Block
{
    enum class Kind { Paragraph, Note, Table, Chart, Image } kind = Kind::Paragraph;
    std::string text;
    Table table;
    Chart chart;
    Image image;
};

struct Section
{
    std::string id; // stable anchor, e.g. "components"
    std::string title;
    std::vector<Block> blocks;
};

struct ReportDocument
{
    std::string title;
    std::string subtitle;
    std::vector<Section> sections;
};

// What a run was asked to do, as the report states it.
struct RunSettings
{
    RunOptions options;
    bool byRequests = false; // --requests rather than --duration-s
};

struct ReportInputs
{
    const Design *design = nullptr;
    const Results *results = nullptr;
    RunSettings settings;
    std::string date; // e.g. "2024-05-14 09:30"
    Image diagram;    // key, alt and size of the diagram image
};

// Extension point for later sections. The interview issue adds one: a provider that
// returns the interview section (prompt, answers, score) when the session has one, or
// nothing. Providers run in order after the built-in sections, before the appendix.
using SectionProvider = std::function<std::optional<Section>(const ReportInputs &)>;

// Title, date, diagram; components; run settings; end-to-end results with confidence
// intervals; per-component results; charts over time (latency percentiles, throughput and
// errors, utilisation of the busiest components, the CAP view of replicated stores, cost);
// design-review findings and scenario events; then the providers' sections.
ReportDocument buildReport(const ReportInputs &in,
                           const std::vector<SectionProvider> &providers = {});

struct EmbeddedImage
{
    std::string mime; // "image/png"
    std::string bytes;
};

// One self-contained HTML file: images as data URIs, charts as inline SVG, a style sheet in
// the page, no script and no remote reference. Every piece of text is escaped.
std::string reportToHtml(const ReportDocument &doc,
                         const std::map<std::string, EmbeddedImage> &images);

// Markdown that refers to its images and charts beside it as `<assetDir>/<key>.png|.svg`.
// Text is escaped for Markdown and for the HTML that Markdown viewers pass through.
std::string reportToMarkdown(const ReportDocument &doc,
                             const std::string &assetDir,
                             const std::map<std::string, std::string> &imageExtensions);

std::string base64(const std::string &bytes);
std::string htmlEscape(const std::string &s);

} // namespace hld::report
