#include "report/svg_chart.h"

#include "interchange/imported_graph.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hld::report {

namespace {

std::string fmt(double v, int decimals = 1)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// 1, 2 or 5 times a power of ten: tick steps people read easily.
double niceStep(double range, int ticks)
{
    const double raw = range / std::max(1, ticks);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * mag >= raw)
            return m * mag;
    }
    return 10 * mag;
}

std::string tickLabel(double v, double step)
{
    if (std::abs(v) >= 1e6)
        return fmt(v / 1e6, step >= 1e6 ? 0 : 1) + "M";
    if (std::abs(v) >= 1e4)
        return fmt(v / 1e3, step >= 1e3 ? 0 : 1) + "k";
    const int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
    return fmt(v, decimals);
}

} // namespace

const std::vector<std::string> &seriesPalette()
{
    static const std::vector<std::string> p{
        "#2f6db5", "#d62c2c", "#2e8b57", "#c0621a", "#7b4fb8", "#1f7a8c", "#b08a00", "#8b5e34"};
    return p;
}

std::string lineChartSvg(const LineChart &c, bool inline_)
{
    using interchange::xmlEscape;
    const double W = c.width, H = c.height;
    const double left = 58, right = 14, top = 30, bottom = 46;
    const double pw = W - left - right, ph = H - top - bottom;
    std::string s = "<svg " + std::string(inline_ ? "" : "xmlns=\"http://www.w3.org/2000/svg\" ")
                    + "width=\"" + fmt(W, 0) + "\" height=\"" + fmt(H, 0) + "\" viewBox=\"0 0 "
                    + fmt(W, 0) + " " + fmt(H, 0)
                    + "\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" "
                      "font-size=\"11\" role=\"img\">\n";
    s += "<title>" + xmlEscape(c.title) + "</title>\n";
    s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
    s += "<text x=\"" + fmt(left, 0)
         + "\" y=\"18\" font-size=\"13\" font-weight=\"bold\" "
           "fill=\"#1a1a1a\">"
         + xmlEscape(c.title) + "</text>\n";

    double xmin = c.x.empty() ? 0 : c.x.front(), xmax = c.x.empty() ? 1 : c.x.back();
    if (xmax <= xmin)
        xmax = xmin + 1;
    double ymax = 0;
    for (const auto &ser : c.series) {
        for (double v : ser.values) {
            if (std::isfinite(v))
                ymax = std::max(ymax, c.percent ? v * 100 : v);
        }
    }
    if (c.percent)
        ymax = std::max(ymax, 1.0);
    if (ymax <= 0)
        ymax = 1;
    const double ystep = niceStep(ymax, 4);
    ymax = std::ceil(ymax / ystep - 1e-9) * ystep;
    auto X = [&](double x) { return left + (x - xmin) / (xmax - xmin) * pw; };
    auto Y = [&](double y) { return top + ph - y / ymax * ph; };

    // Grid, y ticks.
    for (double y = 0; y <= ymax + ystep * 0.01; y += ystep) {
        s += "<line x1=\"" + fmt(left) + "\" y1=\"" + fmt(Y(y)) + "\" x2=\"" + fmt(left + pw)
             + "\" y2=\"" + fmt(Y(y)) + "\" stroke=\"#e3e3e3\"/>\n";
        s += "<text x=\"" + fmt(left - 6) + "\" y=\"" + fmt(Y(y) + 4)
             + "\" text-anchor=\"end\" fill=\"#555555\">" + tickLabel(y, ystep)
             + (c.percent ? "%" : "") + "</text>\n";
    }
    const double xstep = niceStep(xmax - xmin, 6);
    for (double x = std::ceil(xmin / xstep) * xstep; x <= xmax + 1e-9; x += xstep) {
        s += "<line x1=\"" + fmt(X(x)) + "\" y1=\"" + fmt(top + ph) + "\" x2=\"" + fmt(X(x))
             + "\" y2=\"" + fmt(top + ph + 4) + "\" stroke=\"#888888\"/>\n";
        s += "<text x=\"" + fmt(X(x)) + "\" y=\"" + fmt(top + ph + 16)
             + "\" text-anchor=\"middle\" fill=\"#555555\">" + tickLabel(x, xstep) + "</text>\n";
    }
    s += "<line x1=\"" + fmt(left) + "\" y1=\"" + fmt(top + ph) + "\" x2=\"" + fmt(left + pw)
         + "\" y2=\"" + fmt(top + ph) + "\" stroke=\"#888888\"/>\n";
    s += "<text x=\"" + fmt(left + pw) + "\" y=\"" + fmt(top + ph + 30)
         + "\" text-anchor=\"end\" fill=\"#555555\">simulated seconds</text>\n";
    s += "<text x=\"12\" y=\"" + fmt(top + ph / 2)
         + "\" fill=\"#555555\" transform=\"rotate(-90 12 " + fmt(top + ph / 2)
         + ")\" text-anchor=\"middle\">" + xmlEscape(c.yLabel) + "</text>\n";

    // Series.
    for (const auto &ser : c.series) {
        std::string d;
        bool pen = false;
        for (std::size_t i = 0; i < std::min(ser.values.size(), c.x.size()); ++i) {
            const double v = ser.values[i];
            if (!std::isfinite(v)) {
                pen = false;
                continue;
            }
            d += (pen ? "L" : "M") + fmt(X(c.x[i])) + " " + fmt(Y(c.percent ? v * 100 : v)) + " ";
            pen = true;
        }
        if (!d.empty())
            s += "<path d=\"" + d + "\" fill=\"none\" stroke=\"" + xmlEscape(ser.colour)
                 + "\" stroke-width=\"1.6\" stroke-linejoin=\"round\"/>\n";
    }
    // Legend along the bottom.
    double lx = left;
    for (const auto &ser : c.series) {
        const double ly = H - 8;
        s += "<rect x=\"" + fmt(lx) + "\" y=\"" + fmt(ly - 8)
             + "\" width=\"12\" height=\"3\" fill=\"" + xmlEscape(ser.colour) + "\"/>\n";
        s += "<text x=\"" + fmt(lx + 16) + "\" y=\"" + fmt(ly - 3) + "\" fill=\"#1a1a1a\">"
             + xmlEscape(ser.name) + "</text>\n";
        lx += 16 + 6.5 * double(std::min<std::size_t>(ser.name.size(), 40)) + 18;
    }
    s += "</svg>\n";
    return s;
}

} // namespace hld::report
