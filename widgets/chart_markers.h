#pragma once

#include <QRectF>
#include <QString>
#include <QStringList>

#include <deque>

class QChart;
class QGraphicsLineItem;
class QGraphicsRectItem;

namespace hld {

// Marks on a chart at moments of the run: the scenario's events and the changes and faults
// made by hand. Each is a dashed line across the plot with a short label at its top, right
// of the line (left of it near the right edge; the whole text in its tooltip), so a jump in
// a curve can be read against what caused it. Labels that would cover each other take turns
// in two rows; a third goes without. The oldest marks go beyond kMaxMarks.
class ChartMarkers
{
public:
    explicit ChartMarkers(QChart *chart);
    ~ChartMarkers();
    ChartMarkers(const ChartMarkers &) = delete;
    ChartMarkers &operator=(const ChartMarkers &) = delete;

    static constexpr std::size_t kMaxMarks = 100;

    void add(double t, const QString &label);
    void clear();
    // Where they stand: call when the plot area or the time axis changes.
    void place(const QRectF &plot, double xMin, double xMax);

    std::size_t size() const { return m_marks.size(); }
    QStringList visibleLabels() const; // for tests

private:
    struct Mark
    {
        double t;
        QGraphicsLineItem *line;
        QGraphicsRectItem *label; // a box behind the text, so it reads over the curves
    };
    QChart *m_chart;
    std::deque<Mark> m_marks;
    QRectF m_plot;
    double m_xMin = 0, m_xMax = 1;
};

} // namespace hld
