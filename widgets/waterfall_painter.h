#pragma once

#include "trace_waterfall.h"

#include <QPalette>
#include <QRect>
#include <QString>

#include <optional>
#include <vector>

class QPainter;

namespace hld {

// Draws one traced request as a waterfall: a row per span, indented by call depth, its bar
// on a shared time axis. Calls are solid bars (a failed attempt outlined in red, a retry
// labelled "try 2"); the wait before a retry is a hatched bar; a timeout is a red line where
// the caller gave up, with the callee's wasted work after it in outline; a short circuit is
// a red diamond and a bulkhead rejection an orange square. A legend names
// the marks the request has (drawn apart, to stay in view). Geometry and drawing only: the spans
// come from layoutWaterfall().
class WaterfallPainter
{
public:
    WaterfallPainter(const std::vector<WaterfallSpan> &spans, double totalMs, QRect area);

    void
    paint(QPainter &p, const QPalette &pal, const QString &title, const QString &emptyText) const;
    // The row under `pos`, and what it says in words.
    std::optional<std::size_t> spanAt(QPoint pos) const;
    static QString describe(const WaterfallSpan &s);
    static QString label(const WaterfallSpan &s); // "db · try 2"
    // The kinds of marks the legend explains for these spans (empty: no legend).
    QStringList legendItems() const;
    static QStringList legendItems(const std::vector<WaterfallSpan> &spans);
    // The legend on one line in `area`: a swatch and a word for each of `items`.
    static void
    paintLegend(QPainter &p, const QPalette &pal, const QRect &area, const QStringList &items);
    static constexpr int kLegendHeight = 20;

    // The height at which every row of these spans is readable (the view scrolls below it).
    static int heightFor(const std::vector<WaterfallSpan> &spans);

    QRectF rowRect(std::size_t i) const;
    QRectF barRect(const WaterfallSpan &s, const QRectF &row) const;

private:
    void
    drawSpan(QPainter &p, const WaterfallSpan &s, const QRectF &row, const QPalette &pal) const;

    const std::vector<WaterfallSpan> &m_spans;
    QRect m_area;
    int m_rowH = 18;
    int m_labelW = 120;
    double m_scale = 1;
};

} // namespace hld
