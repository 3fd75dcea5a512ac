#pragma once

#include "chart_markers.h"
#include "chart_ticks.h"

#include <QChartView>
#include <QList>
#include <QPointF>

#include <vector>

class QCategoryAxis;
class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QGraphicsTextItem;
class QLineSeries;
class QLogValueAxis;
class QScatterSeries;
class QValueAxis;

namespace hld {

// One live chart: time on the x axis (the last few minutes), series on a left axis and
// optionally a right one, ticks at round numbers. The left axis fits its data, or ignores
// rare spikes (Robust: the spikes show as marks at the top edge), or is logarithmic. Hover
// shows a crosshair that reads every series at that time. Points arrive in batches (append,
// then flush once per snapshot), so a long run costs one redraw per snapshot.
class ChartPanel : public QChartView
{
    Q_OBJECT

public:
    enum class Side { Left, Right };
    enum class Scale { Fit, Robust, Log };

    ChartPanel(const QString &title, ticks::Unit left, QWidget *parent = nullptr);

    void setRightAxis(ticks::Unit unit); // a second value axis, on the right
    void setFixedTop(Side side, double top);
    void setScale(Scale scale); // the left axis
    // Shown in the plot while the chart has no series: what would make it fill up.
    void setPlaceholder(const QString &text);
    void setCornerWidget(QWidget *w); // a small control in the top-right corner
    void setLegendVisible(bool on);
    Scale scale() const { return m_scale; }

    int series(const QString &name, Side side = Side::Left); // its index; created if new
    void append(int series, double t, double v);
    void flush(double tNow); // draws what was appended
    void clear();            // points and marks
    // A moment of the run to mark across the plot: a scenario event, a change by hand.
    void addMarker(double t, const QString &label);
    QStringList markerLabels() const; // those inside the time axis now
    void removeAllSeries();

    QString title() const { return m_title; }
    QSize minimumSizeHint() const override;
    QStringList seriesNames() const;
    int pointCount(const QString &name) const;
    int clippedCount() const { return m_clippedCount; }
    double top(Side side) const;
    QStringList tickLabels(Side side) const;
    QString readingAt(double t) const;    // what the crosshair shows at time t
    bool save(const QString &path) const; // .png at twice the size on screen, or .svg

    static constexpr double kWindowS = 300; // simulated seconds on screen

protected:
    void resizeEvent(QResizeEvent *e) override;
    void mouseMoveEvent(QMouseEvent *e) override;
    void leaveEvent(QEvent *e) override;

private:
    int cornerWidth() const; // the corner control and its margin; 0 without one
    struct Line
    {
        QLineSeries *series;
        QList<QPointF> points; // sorted by time
        Side side;
        bool dirty = false;
    };
    void setTicks(QCategoryAxis *axis, const ticks::Range &range, ticks::Unit unit);
    void updateAxes();
    void updateClipped(double top);
    void useLogAxis(bool on);
    void showCrosshair(const QPointF &viewPos);
    void hideCrosshair();
    void updatePlaceholder();
    void placeMarkers();
    int tickCount() const;
    std::vector<double> visibleValues(Side side, double quantileShare, double *max) const;

    QString m_title;
    ticks::Unit m_leftUnit;
    ticks::Unit m_rightUnit = ticks::Unit::Plain;
    QChart *m_chart;
    QValueAxis *m_x;
    QCategoryAxis *m_left;
    QLogValueAxis *m_log = nullptr;
    QCategoryAxis *m_right = nullptr;
    QScatterSeries *m_clipped;
    std::vector<Line> m_lines;
    Scale m_scale = Scale::Fit;
    double m_fixedTop[2] = {0, 0};
    double m_tNow = 0;
    int m_clippedCount = 0;
    QGraphicsLineItem *m_cross;
    QGraphicsRectItem *m_readingBox;
    QGraphicsSimpleTextItem *m_reading;
    QGraphicsTextItem *m_placeholder;
    QString m_placeholderText; // shown shortened to fit the plot
    QWidget *m_corner = nullptr;
    ChartMarkers m_markers;
};

} // namespace hld
