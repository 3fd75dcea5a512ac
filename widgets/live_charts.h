#pragma once

#include "live_snapshot.h"

#include <QStringList>
#include <QWidget>

class QComboBox;

namespace hld {

class ChartPanel;

// The charts dock: end-to-end P50/P95/P99; throughput with the error rate on its own axis;
// utilisation and queue of the selected components; the CAP view (availability against
// consistency per replicated store, with its failovers, write-unavailable seconds and
// conflicts; shown when the design has one); cost per hour. Each scrolls
// over the last few minutes of simulated time, reads every series under a crosshair, and saves as
// PNG or SVG.
class LiveCharts : public QWidget
{
    Q_OBJECT

public:
    enum Chart { Latency, Throughput, Selected, Cap, Cost, ChartCount };

    explicit LiveCharts(QWidget *parent = nullptr);

    void addPoints(const LiveSnapshot &snapshot); // and marks its events on every chart
    void clear(); // a new run or another design: no series of the previous one stays
    void setSelectedComponents(const QStringList &ids); // whose utilisation and queue to chart
    void showCapChart(bool on); // only a design with replicated stores needs it
    ChartPanel *panel(Chart chart) const { return m_panels[chart]; }
    QComboBox *latencyScaleBox() const { return m_latencyScale; }

    // For tests.
    int pointCount() const; // points on the latency chart
    QStringList seriesNames(int chart) const;
    int seriesPointCount(int chart, const QString &name) const;
    bool saveChart(int chart, const QString &path) const; // .png or .svg

private:
    void resetSelected();
    void appendFailoverSeries(const QString &id, const NodeSeries &ns, std::size_t i, double t);

    ChartPanel *m_panels[ChartCount];
    QComboBox *m_latencyScale;
    QStringList m_selected;
    double m_lastT = 0;
};

} // namespace hld
