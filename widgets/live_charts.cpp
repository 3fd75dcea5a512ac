#include "live_charts.h"

#include "chart_panel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QScrollArea>
#include <QVBoxLayout>

namespace hld {

using Side = ChartPanel::Side;
using ticks::Unit;

LiveCharts::LiveCharts(QWidget *parent)
    : QWidget(parent)
    , m_latencyScale(new QComboBox(this))
{
    m_panels[Latency] = new ChartPanel(tr("Latency"), Unit::Milliseconds, this);
    for (const char *n : {"P50", "P95", "P99"})
        m_panels[Latency]->series(QString::fromLatin1(n));
    m_panels[Latency]->setScale(ChartPanel::Scale::Robust);
    m_panels[Throughput] = new ChartPanel(tr("Throughput and errors"), Unit::PerSecond, this);
    m_panels[Throughput]->setRightAxis(Unit::Percent);
    m_panels[Throughput]->series(tr("requests/s"));
    m_panels[Throughput]->series(tr("errors %"), Side::Right);
    // Plain numbers on the left: the legend says "util %", and "100%" would not fit a narrow chart.
    m_panels[Selected] = new ChartPanel(tr("Selected components"), Unit::Plain, this);
    m_panels[Selected]->setRightAxis(Unit::Plain);
    m_panels[Selected]->setFixedTop(Side::Left, 100);
    m_panels[Cap] = new ChartPanel(tr("CAP: availability, consistency"), Unit::Percent, this);
    m_panels[Cap]->setFixedTop(Side::Left, 100);
    m_panels[Selected]->setPlaceholder(
        tr("Select components on the canvas: their utilisation (solid) and queue (dashed)."));
    m_panels[Cap]->setPlaceholder(
        tr("Availability (requests not refused) against consistency (reads not stale) of each "
           "replicated store; failovers, seconds without a writable leader and conflicting "
           "writes on the right axis once they happen."));
    m_panels[Cap]->hide(); // until the design has a replicated store
    m_panels[Cost] = new ChartPanel(tr("Cost per hour"), Unit::Dollars, this);
    m_panels[Cost]->series(tr("$/hour"));
    m_panels[Cost]->setLegendVisible(false); // one series: the title says it

    m_latencyScale->addItem(tr("Ignore rare spikes"), int(ChartPanel::Scale::Robust));
    m_latencyScale->addItem(tr("Fit everything"), int(ChartPanel::Scale::Fit));
    m_latencyScale->addItem(tr("Logarithmic"), int(ChartPanel::Scale::Log));
    m_latencyScale->setToolTip(
        tr("Latency axis. Ignoring rare spikes keeps the usual values readable; points above "
           "the top show as red marks along the edge."));
    connect(m_latencyScale, &QComboBox::currentIndexChanged, this, [this] {
        m_panels[Latency]->setScale(ChartPanel::Scale(m_latencyScale->currentData().toInt()));
    });
    // The latency chart's own control, in its top corner: no row of its own.
    m_latencyScale->setParent(m_panels[Latency]);
    m_latencyScale->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    QFont small = m_latencyScale->font();
    small.setPointSizeF(7.5);
    m_latencyScale->setFont(small);
    m_latencyScale->setItemText(0, tr("robust"));
    m_latencyScale->setItemText(1, tr("fit all"));
    m_latencyScale->setItemText(2, tr("log"));
    m_panels[Latency]->setCornerWidget(m_latencyScale);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);
    for (int i = 0; i < ChartCount; ++i) {
        ChartPanel *panel = m_panels[i];
        // The latency chart reads most and carries its axis switch; cost is one flat line.
        row->addWidget(panel, i == Latency ? 4 : i == Cost ? 2 : 3);
        panel->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(panel, &QWidget::customContextMenuRequested, this, [this, panel, i](QPoint pos) {
            QMenu menu;
            menu.addAction(tr("Save chart as PNG or SVG…"), this, [this, panel, i] {
                const QString path
                    = QFileDialog::getSaveFileName(this,
                                                   tr("Save chart"),
                                                   panel->title() + QStringLiteral(".png"),
                                                   tr("Images (*.png *.svg)"));
                if (!path.isEmpty())
                    saveChart(i, path);
            });
            menu.exec(panel->mapToGlobal(pos));
        });
    }
    // A window too narrow for every chart at its smallest readable width scrolls them
    // sideways, rather than squeezing titles and legends to nothing or holding the whole
    // window wider than the screen it is on.
    auto *rowWidget = new QWidget;
    rowWidget->setLayout(row);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("chartsScroll"));
    scroll->setWidget(rowWidget);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    scroll->setMinimumHeight(rowWidget->minimumSizeHint().height());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(scroll, 1);
}

void LiveCharts::resetSelected()
{
    ChartPanel *load = m_panels[Selected];
    load->removeAllSeries();
    for (const auto &id : std::as_const(m_selected)) {
        load->series(id + tr(" util %"));
        load->series(id + tr(" queue"), Side::Right);
    }
}

void LiveCharts::setSelectedComponents(const QStringList &ids)
{
    const QStringList wanted = ids.mid(0, 3); // three at most stay readable
    if (wanted == m_selected)
        return;
    m_selected = wanted;
    resetSelected();
}

void LiveCharts::addPoints(const LiveSnapshot &s)
{
    for (const LiveEvent &e : s.events) {
        for (ChartPanel *panel : m_panels)
            panel->addMarker(e.atS, e.label);
    }
    const TimeSeries &p = s.newPoints;
    if (p.size() == 0)
        return;
    ChartPanel *latency = m_panels[Latency], *traffic = m_panels[Throughput],
               *load = m_panels[Selected], *cap = m_panels[Cap], *cost = m_panels[Cost];
    // newPoints.nodes follows the snapshot's nodes: the ids come with every snapshot.
    std::vector<int> selected(p.nodes.size(), -1);
    for (std::size_t n = 0; n < p.nodes.size() && n < s.nodes.size(); ++n)
        selected[n] = int(m_selected.indexOf(s.nodes[n].id));
    for (std::size_t i = 0; i < p.size(); ++i) {
        const double t = p.tS[i];
        // Latency is that of the requests that succeeded: a window without any has none,
        // and drawing it as 0 ms would read as "faster" during an outage.
        if (p.throughputRps[i] > 0) {
            latency->append(0, t, p.p50Ms[i]);
            latency->append(1, t, p.p95Ms[i]);
            latency->append(2, t, p.p99Ms[i]);
        }
        traffic->append(0, t, p.throughputRps[i]);
        traffic->append(1, t, 100 * p.errorRate[i]);
        cost->append(0, t, p.costPerHour[i]);
        for (std::size_t n = 0; n < p.nodes.size() && n < s.nodes.size(); ++n) {
            const NodeSeries &ns = p.nodes[n];
            if (selected[n] >= 0 && i < ns.utilization.size()) {
                load->append(2 * selected[n], t, 100 * ns.utilization[i]);
                load->append(2 * selected[n] + 1, t, ns.queue[i]);
            }
            if (i < ns.reads.size()) {
                // CAP view: availability = requests not refused; consistency = fresh reads.
                const QString &id = s.nodes[n].id;
                const double requests = ns.requests[i], reads = ns.reads[i];
                cap->append(cap->series(id + tr(" availability")),
                            t,
                            requests > 0 ? 100 * (1 - ns.failed[i] / requests) : 100);
                cap->append(cap->series(id + tr(" consistency")),
                            t,
                            reads > 0 ? 100 * (1 - ns.staleReads[i] / reads) : 100);
                appendFailoverSeries(id, ns, i, t);
            }
        }
        m_lastT = t;
    }
    for (ChartPanel *panel : m_panels)
        panel->flush(m_lastT);
}

void LiveCharts::appendFailoverSeries(const QString &id,
                                      const NodeSeries &ns,
                                      std::size_t i,
                                      double t)
{
    // Failovers, write-unavailable seconds and conflicts per window, on the right axis. A
    // series appears with its store's first non-zero value: most runs never fail over, and
    // three flat zeros per store would crowd the legend.
    ChartPanel *cap = m_panels[Cap];
    const std::pair<const std::vector<double> *, QString> columns[] = {
        {&ns.failovers, id + tr(" failovers")},
        {&ns.writeUnavailable, id + tr(" write-unavailable s")},
        {&ns.conflicts, id + tr(" conflicts")},
    };
    for (const auto &[column, name] : columns) {
        if (i >= column->size())
            continue;
        const double v = (*column)[i];
        const bool shown = cap->seriesNames().contains(name);
        if (!(v > 0 || shown))
            continue;
        cap->setRightAxis(Unit::Plain); // from the first failover on; idempotent
        cap->append(cap->series(name, Side::Right), t, v);
    }
}

void LiveCharts::clear()
{
    for (ChartPanel *panel : m_panels)
        panel->clear();
    // The CAP series name the previous design's stores; the Selected chart follows the
    // selection, which a new design clears.
    m_panels[Cap]->removeAllSeries();
    m_lastT = 0;
}

void LiveCharts::showCapChart(bool on)
{
    m_panels[Cap]->setVisible(on);
}

int LiveCharts::pointCount() const
{
    return m_panels[Latency]->pointCount(QStringLiteral("P50"));
}

QStringList LiveCharts::seriesNames(int chart) const
{
    return m_panels[chart]->seriesNames();
}

int LiveCharts::seriesPointCount(int chart, const QString &name) const
{
    return m_panels[chart]->pointCount(name);
}

bool LiveCharts::saveChart(int chart, const QString &path) const
{
    if (chart < 0 || chart >= ChartCount)
        return false;
    return m_panels[chart]->save(path);
}

} // namespace hld
