#pragma once

#include "live_snapshot.h"

#include <QStringList>
#include <QWidget>

class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace hld {

// The charts dock: end-to-end P50/P95/P99, throughput and error rate, utilisation and queue
// of the selected components, the CAP view (availability against consistency per replicated
// store) and cost per hour, scrolling over the last few minutes of simulated time. Hover a
// chart to read values; each can be saved as PNG or SVG.
class LiveCharts : public QWidget
{
    Q_OBJECT

public:
    explicit LiveCharts(QWidget *parent = nullptr);

    void addPoints(const LiveSnapshot &snapshot);
    void clear();
    void setSelectedComponents(const QStringList &ids);   // whose utilisation and queue to chart
    int pointCount() const;                               // points on the latency chart, for tests
    bool saveChart(int index, const QString &path) const; // .png or .svg

    static constexpr double kWindowS = 300; // simulated seconds kept on screen

private:
    struct Chart;
    Chart *makeChart(const QString &title, const QString &yTitle);
    void append(Chart *c, int series, double t, double v);
    void rescale(Chart *c, double t);
    QLineSeries *seriesFor(Chart *c, const QString &name);

    std::vector<Chart *> m_charts;
    Chart *m_latency, *m_traffic, *m_load, *m_cap, *m_cost;
    QStringList m_selected;
    std::vector<QString> m_nodeIds;
    double m_lastT = 0;
};

} // namespace hld
