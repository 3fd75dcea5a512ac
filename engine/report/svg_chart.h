#pragma once

#include <string>
#include <vector>

namespace hld::report {

struct ChartSeries
{
    std::string name;
    std::string colour;         // #rrggbb
    std::vector<double> values; // one per x; NaN leaves a gap
};

struct LineChart
{
    std::string title;
    std::string yLabel;    // e.g. "ms"
    std::vector<double> x; // simulated seconds
    std::vector<ChartSeries> series;
    bool percent = false; // values are shares: axis 0..100 %
    double width = 720, height = 250;
};

// A line chart as SVG text, axes, ticks and legend included, every text escaped. `inline_`
// leaves out the XML namespace, for SVG placed inside an HTML page (which needs none);
// otherwise the result is a standalone .svg file.
std::string lineChartSvg(const LineChart &chart, bool inline_ = false);

// Colours for series that have no meaning of their own (components).
const std::vector<std::string> &seriesPalette();

} // namespace hld::report
