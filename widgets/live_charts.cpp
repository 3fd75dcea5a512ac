#include "live_charts.h"

#include <QChart>
#include <QChartView>
#include <QFileDialog>
#include <QGridLayout>
#include <QLineSeries>
#include <QMenu>
#include <QSvgGenerator>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

namespace hld {

struct LiveCharts::Chart
{
    QChart *chart;
    QChartView *view;
    QValueAxis *x;
    QValueAxis *y;
    std::vector<QLineSeries *> series;
    double yMax = 1;
};

LiveCharts::LiveCharts(QWidget *parent)
    : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);
    m_latency = makeChart(tr("End-to-end latency"), tr("ms"));
    for (const char *n : {"P50", "P95", "P99"})
        seriesFor(m_latency, QString::fromLatin1(n));
    m_traffic = makeChart(tr("Throughput and errors"), tr("rps / %"));
    seriesFor(m_traffic, tr("throughput rps"));
    seriesFor(m_traffic, tr("errors %"));
    m_load = makeChart(tr("Selected: utilisation % and queue"), tr("% / requests"));
    m_cap = makeChart(tr("CAP: availability and consistency"), tr("%"));
    m_cost = makeChart(tr("Cost"), tr("$ per hour"));
    seriesFor(m_cost, tr("$/hour"));
    int i = 0;
    for (auto *c : m_charts) {
        grid->addWidget(c->view, 0, i++);
    }
}

LiveCharts::Chart *LiveCharts::makeChart(const QString &title, const QString &yTitle)
{
    auto *c = new Chart;
    c->chart = new QChart;
    c->chart->setTitle(title);
    c->chart->legend()->setAlignment(Qt::AlignBottom);
    c->chart->setMargins(QMargins(2, 2, 2, 2));
    c->chart->setTheme(palette().color(QPalette::Window).lightness() < 128
                           ? QChart::ChartThemeDark
                           : QChart::ChartThemeLight);
    QFont small = font();
    small.setPointSizeF(7.5);
    QFont titleFont = font();
    titleFont.setPointSizeF(9);
    titleFont.setBold(true);
    c->chart->setTitleFont(titleFont);
    c->chart->legend()->setFont(small);
    c->x = new QValueAxis;
    c->x->setLabelFormat(QStringLiteral("%.0f s"));
    c->x->setLabelsFont(small);
    c->x->setTickCount(4);
    c->y = new QValueAxis;
    c->y->setLabelFormat(QStringLiteral("%.3g"));
    c->y->setLabelsFont(small);
    c->y->setTickCount(5);
    c->chart->setTitle(title + QStringLiteral(" (") + yTitle + QLatin1Char(')'));
    c->chart->addAxis(c->x, Qt::AlignBottom);
    c->chart->addAxis(c->y, Qt::AlignLeft);
    c->x->setRange(0, 60);
    c->y->setRange(0, 1);
    c->view = new QChartView(c->chart, this);
    c->view->setRenderHint(QPainter::Antialiasing);
    c->view->setMinimumSize(200, 200);
    c->view->setContextMenuPolicy(Qt::CustomContextMenu);
    const int index = int(m_charts.size());
    connect(
        c->view, &QWidget::customContextMenuRequested, this, [this, c, index](const QPoint &pos) {
            QMenu menu;
            menu.addAction(tr("Save chart as PNG or SVG…"), this, [this, c, index] {
                const QString path
                    = QFileDialog::getSaveFileName(this,
                                                   tr("Save chart"),
                                                   c->chart->title() + QStringLiteral(".png"),
                                                   tr("Images (*.png *.svg)"));
                if (!path.isEmpty())
                    saveChart(index, path);
            });
            menu.exec(c->view->mapToGlobal(pos));
        });
    m_charts.push_back(c);
    return c;
}

QLineSeries *LiveCharts::seriesFor(Chart *c, const QString &name)
{
    for (auto *s : c->series) {
        if (s->name() == name)
            return s;
    }
    auto *s = new QLineSeries;
    s->setName(name);
    c->chart->addSeries(s);
    s->attachAxis(c->x);
    s->attachAxis(c->y);
    connect(s, &QLineSeries::hovered, this, [name](const QPointF &p, bool state) {
        if (state)
            QToolTip::showText(QCursor::pos(),
                               QStringLiteral("%1 at %2 s: %3")
                                   .arg(name)
                                   .arg(p.x(), 0, 'f', 0)
                                   .arg(p.y(), 0, 'g', 4));
    });
    c->series.push_back(s);
    return s;
}

void LiveCharts::append(Chart *c, int series, double t, double v)
{
    QLineSeries *s = c->series[std::size_t(series)];
    s->append(t, v);
    // Keep what is on screen, and a little more; never let a long run grow without bound.
    if (s->count() > 2 * int(kWindowS))
        s->removePoints(0, s->count() - int(kWindowS));
    c->yMax = std::max(c->yMax, v * 1.1);
}

void LiveCharts::rescale(Chart *c, double t)
{
    c->x->setRange(std::max(0.0, t - kWindowS), std::max(60.0, t));
    c->y->setRange(0, c->yMax);
}

void LiveCharts::setSelectedComponents(const QStringList &ids)
{
    if (ids == m_selected)
        return;
    m_selected = ids.mid(0, 3); // three at most stay readable
    m_load->chart->removeAllSeries();
    m_load->series.clear();
    m_load->yMax = 1;
    for (const auto &id : std::as_const(m_selected)) {
        seriesFor(m_load, id + tr(" util %"));
        seriesFor(m_load, id + tr(" queue"));
    }
}

void LiveCharts::addPoints(const LiveSnapshot &s)
{
    const TimeSeries &p = s.newPoints;
    if (m_nodeIds.size() != s.nodes.size()) {
        m_nodeIds.clear();
        for (const auto &n : s.nodes)
            m_nodeIds.push_back(n.id);
    }
    for (std::size_t i = 0; i < p.size(); ++i) {
        const double t = p.tS[i];
        append(m_latency, 0, t, p.p50Ms[i]);
        append(m_latency, 1, t, p.p95Ms[i]);
        append(m_latency, 2, t, p.p99Ms[i]);
        append(m_traffic, 0, t, p.throughputRps[i]);
        append(m_traffic, 1, t, 100 * p.errorRate[i]);
        append(m_cost, 0, t, p.costPerHour[i]);
        for (std::size_t n = 0; n < p.nodes.size() && n < m_nodeIds.size(); ++n) {
            const NodeSeries &ns = p.nodes[n];
            const int sel = int(m_selected.indexOf(m_nodeIds[n]));
            if (sel >= 0 && i < ns.utilization.size()) {
                append(m_load, 2 * sel, t, 100 * ns.utilization[i]);
                append(m_load, 2 * sel + 1, t, ns.queue[i]);
            }
            if (i < ns.reads.size()) {
                // CAP view: availability = requests not refused; consistency = fresh reads.
                const double requests = ns.requests[i], reads = ns.reads[i];
                QLineSeries *a = seriesFor(m_cap, m_nodeIds[n] + tr(" availability"));
                QLineSeries *c = seriesFor(m_cap, m_nodeIds[n] + tr(" consistency"));
                const auto ai = int(std::find(m_cap->series.begin(), m_cap->series.end(), a)
                                    - m_cap->series.begin());
                const auto ci = int(std::find(m_cap->series.begin(), m_cap->series.end(), c)
                                    - m_cap->series.begin());
                append(m_cap, ai, t, requests > 0 ? 100 * (1 - ns.failed[i] / requests) : 100);
                append(m_cap, ci, t, reads > 0 ? 100 * (1 - ns.staleReads[i] / reads) : 100);
            }
        }
        m_lastT = t;
    }
    if (p.size()) {
        m_cap->yMax = 105;
        for (auto *c : m_charts)
            rescale(c, m_lastT);
    }
}

void LiveCharts::clear()
{
    for (auto *c : m_charts) {
        for (auto *s : c->series)
            s->clear();
        c->yMax = 1;
        rescale(c, 0);
    }
    m_lastT = 0;
}

int LiveCharts::pointCount() const
{
    return int(m_latency->series[0]->count());
}

bool LiveCharts::saveChart(int index, const QString &path) const
{
    if (index < 0 || index >= int(m_charts.size()))
        return false;
    QChartView *view = m_charts[std::size_t(index)]->view;
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(view->size());
        svg.setViewBox(view->rect());
        svg.setTitle(m_charts[std::size_t(index)]->chart->title());
        QPainter painter(&svg);
        view->render(&painter);
        return painter.end();
    }
    return view->grab().save(path);
}

} // namespace hld
