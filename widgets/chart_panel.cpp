#include "chart_panel.h"

#include <QCategoryAxis>
#include <QChart>
#include <QGraphicsLayout>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QScatterSeries>
#include <QSvgGenerator>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace hld {

namespace {
constexpr double kRobustShare = 0.98; // Robust: the top ignores the highest 2% of points
constexpr double kHeadroom = 1.15;

QFont smallFont(const QFont &base)
{
    QFont f = base;
    f.setPointSizeF(7.5);
    return f;
}
} // namespace

ChartPanel::ChartPanel(const QString &title, ticks::Unit left, QWidget *parent)
    : QChartView(parent)
    , m_title(title)
    , m_leftUnit(left)
    , m_chart(new QChart)
    , m_x(new QValueAxis)
    , m_left(new QCategoryAxis)
    , m_clipped(new QScatterSeries)
    , m_markers(m_chart)
{
    QChart *made = chart(); // QChartView's own; setChart() hands it back to us
    setChart(m_chart);
    delete made;
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(minimumSizeHint()); // QChartView only ever raises it, to its chart's
    setMouseTracking(true);
    setToolTip(tr("%1\nHover to read every series at a time; right-click to save as PNG or SVG.")
                   .arg(title));
    m_chart->setTheme(palette().color(QPalette::Window).lightness() < 128
                          ? QChart::ChartThemeDark
                          : QChart::ChartThemeLight);
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    QFont titleFont = font();
    titleFont.setPointSizeF(9);
    titleFont.setBold(true);
    m_chart->setTitleFont(titleFont);
    m_chart->legend()->setFont(smallFont(font()));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->setShowToolTips(true); // a shortened name shows in full on hover

    m_x->setLabelFormat(QStringLiteral("%.0f s"));
    m_x->setLabelsFont(smallFont(font()));
    m_x->setTickType(QValueAxis::TicksDynamic);
    m_x->setTickAnchor(0);
    m_x->setRange(0, 60);
    m_x->setTickInterval(20);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    connect(m_chart, &QChart::plotAreaChanged, this, &ChartPanel::placeMarkers);
    connect(m_x, &QValueAxis::rangeChanged, this, &ChartPanel::placeMarkers);
    m_left->setLabelsFont(smallFont(font()));
    m_left->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_chart->addAxis(m_left, Qt::AlignLeft);
    setTicks(m_left, ticks::niceRange(1), m_leftUnit);

    // Points above a Robust range: marks along the top edge, in the colour of alarm.
    m_clipped->setName(tr("clipped"));
    m_clipped->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    m_clipped->setMarkerSize(8);
    m_clipped->setColor(QColor(0xd6, 0x2c, 0x2c));
    m_clipped->setBorderColor(QColor(0xd6, 0x2c, 0x2c));
    m_chart->addSeries(m_clipped);
    m_clipped->attachAxis(m_x);
    m_clipped->attachAxis(m_left);
    for (auto *marker : m_chart->legend()->markers(m_clipped))
        marker->setVisible(false);

    m_cross = new QGraphicsLineItem(m_chart);
    m_cross->setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
    m_cross->setZValue(20);
    m_readingBox = new QGraphicsRectItem(m_chart);
    m_readingBox->setBrush(QColor(255, 255, 255, 230));
    m_readingBox->setPen(QPen(palette().color(QPalette::Mid)));
    m_readingBox->setZValue(21);
    m_reading = new QGraphicsSimpleTextItem(m_readingBox);
    m_reading->setFont(smallFont(font()));
    hideCrosshair();
    m_placeholder = new QGraphicsTextItem(m_chart);
    m_placeholder->setFont(smallFont(font()));
    m_placeholder->setDefaultTextColor(palette().color(QPalette::PlaceholderText));
    m_placeholder->hide();
    connect(m_chart, &QChart::plotAreaChanged, this, [this] {
        updatePlaceholder();
        updateAxes(); // the number of ticks follows the plot's height
    });
}

void ChartPanel::setCornerWidget(QWidget *w)
{
    m_corner = w;
    w->setParent(this);
    w->show();
    w->move(width() - w->sizeHint().width() - 4, 4);
    setMinimumSize(minimumSizeHint()); // wider by the control, on both sides of the title
}

void ChartPanel::setLegendVisible(bool on)
{
    m_chart->legend()->setVisible(on);
}

void ChartPanel::setPlaceholder(const QString &text)
{
    m_placeholderText = text;
    m_placeholder->setToolTip(text);
    updatePlaceholder();
}

void ChartPanel::updatePlaceholder()
{
    const bool empty = m_lines.empty(); // nothing to chart yet (not merely no points)
    const QRectF plot = m_chart->plotArea();
    m_placeholder->setVisible(empty && !m_placeholderText.isEmpty());
    if (!m_placeholder->isVisible())
        return;
    m_placeholder->setTextWidth(std::max(60.0, plot.width() - 12));
    m_placeholder->setPos(plot.left() + 6, plot.top() + 6);
    // As many words as fit in the plot, then an ellipsis (the whole text is the tooltip).
    QStringList words = m_placeholderText.split(QLatin1Char(' '));
    m_placeholder->setPlainText(m_placeholderText);
    while (words.size() > 1 && m_placeholder->boundingRect().height() > plot.height() - 6) {
        words.removeLast();
        m_placeholder->setPlainText(words.join(QLatin1Char(' ')) + QChar(0x2026));
    }
}

void ChartPanel::setRightAxis(ticks::Unit unit)
{
    m_rightUnit = unit;
    if (m_right)
        return;
    m_right = new QCategoryAxis;
    m_right->setLabelsFont(smallFont(font()));
    m_right->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_right->setGridLineVisible(false);
    m_chart->addAxis(m_right, Qt::AlignRight);
    setTicks(m_right, ticks::niceRange(1), unit);
}

void ChartPanel::setFixedTop(Side side, double top)
{
    m_fixedTop[side == Side::Left ? 0 : 1] = top;
    updateAxes();
}

void ChartPanel::setScale(Scale scale)
{
    if (scale == m_scale)
        return;
    m_scale = scale;
    useLogAxis(scale == Scale::Log);
    updateAxes();
}

void ChartPanel::useLogAxis(bool on)
{
    if (on == (m_log != nullptr))
        return;
    QAbstractAxis *from = on ? static_cast<QAbstractAxis *>(m_left) : m_log;
    QAbstractAxis *to = nullptr;
    if (on) {
        m_log = new QLogValueAxis;
        m_log->setBase(10);
        m_log->setLabelFormat(m_leftUnit == ticks::Unit::Milliseconds ? QStringLiteral("%g ms")
                                                                      : QStringLiteral("%g"));
        m_log->setLabelsFont(smallFont(font()));
        m_log->setMinorTickCount(8);
        m_chart->removeAxis(m_left); // gives it back to us: keep it owned while unused
        m_left->setParent(this);
        m_chart->addAxis(m_log, Qt::AlignLeft);
        to = m_log;
    } else {
        m_chart->removeAxis(m_log);
        delete m_log;
        m_log = nullptr;
        m_chart->addAxis(m_left, Qt::AlignLeft);
        to = m_left;
    }
    Q_UNUSED(from)
    for (auto &l : m_lines) {
        if (l.side == Side::Left)
            l.series->attachAxis(to);
    }
    if (!on)
        m_clipped->attachAxis(m_left);
}

int ChartPanel::series(const QString &name, Side side)
{
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        if (m_lines[i].series->name() == name)
            return int(i);
    }
    auto *s = new QLineSeries;
    s->setName(name);
    m_chart->addSeries(s);
    s->attachAxis(m_x);
    if (side == Side::Right && m_right)
        s->attachAxis(m_right);
    else if (m_log)
        s->attachAxis(m_log);
    else
        s->attachAxis(m_left);
    if (side == Side::Right) {
        QPen pen = s->pen();
        pen.setStyle(Qt::DashLine); // the right axis's series: dashed
        s->setPen(pen);
    }
    m_lines.push_back({s, {}, side == Side::Right && m_right ? Side::Right : Side::Left});
    updatePlaceholder();
    return int(m_lines.size() - 1);
}

void ChartPanel::append(int series, double t, double v)
{
    Line &l = m_lines[std::size_t(series)];
    l.points.append(QPointF(t, v));
    l.dirty = true;
}

void ChartPanel::flush(double tNow)
{
    m_tNow = tNow;
    const double keepFrom = tNow - kWindowS - 5;
    for (auto &l : m_lines) {
        if (!l.dirty)
            continue;
        if (!l.points.isEmpty() && l.points.front().x() < keepFrom) {
            const auto it = std::lower_bound(l.points.begin(),
                                             l.points.end(),
                                             keepFrom,
                                             [](const QPointF &p, double t) { return p.x() < t; });
            l.points.erase(l.points.begin(), it);
        }
        l.series->replace(l.points); // one redraw, not one per point
        l.dirty = false;
    }
    updateAxes();
    updatePlaceholder();
}

void ChartPanel::clear()
{
    for (auto &l : m_lines) {
        l.points.clear();
        l.series->clear();
        l.dirty = false;
    }
    m_clipped->clear();
    m_clippedCount = 0;
    m_markers.clear();
    m_tNow = 0;
    updateAxes();
    updatePlaceholder();
}

void ChartPanel::removeAllSeries()
{
    for (auto &l : m_lines) {
        m_chart->removeSeries(l.series);
        delete l.series;
    }
    m_lines.clear();
    m_clipped->clear();
    m_clippedCount = 0;
    updateAxes();
    updatePlaceholder();
}

std::vector<double> ChartPanel::visibleValues(Side side, double share, double *max) const
{
    // Per series: the value below which `share` of its visible points lie; and the maximum.
    std::vector<double> out;
    *max = 0;
    const double from = m_tNow - kWindowS;
    for (const auto &l : m_lines) {
        if (l.side != side)
            continue;
        std::vector<double> v;
        for (auto it = l.points.crbegin(); it != l.points.crend() && it->x() >= from; ++it)
            v.push_back(it->y());
        if (v.empty())
            continue;
        *max = std::max(*max, *std::max_element(v.begin(), v.end()));
        out.push_back(ticks::quantile(std::move(v), share));
    }
    return out;
}

int ChartPanel::tickCount() const
{
    // About one label per 22 pixels of plot: more, and Qt shortens them all to "...".
    const double plot
        = m_chart->plotArea().height() > 0 ? m_chart->plotArea().height() : height() * 0.5;
    return std::clamp(int(plot / 22), 2, 5);
}

void ChartPanel::updateAxes()
{
    const double right = std::max(60.0, m_tNow);
    const double left = std::max(0.0, m_tNow - kWindowS);
    m_x->setRange(left, right);
    m_x->setTickAnchor(0);
    // A label ("150 s") needs about 45 pixels.
    const double plotWidth
        = m_chart->plotArea().width() > 0 ? m_chart->plotArea().width() : width() * 0.7;
    m_x->setTickInterval(
        ticks::niceRange(right - left, std::clamp(int(plotWidth / 45), 2, 6)).step);

    double max = 0;
    const auto robust = visibleValues(Side::Left, kRobustShare, &max);
    if (m_scale == Scale::Log && m_log) {
        double lo = 1e300;
        for (const auto &l : m_lines) {
            for (const auto &p : l.points) {
                if (l.side == Side::Left && p.x() >= left && p.y() > 0)
                    lo = std::min(lo, p.y());
            }
        }
        if (lo > max)
            lo = max = 1;
        m_log->setRange(std::pow(10.0, std::floor(std::log10(lo))),
                        std::pow(10.0, std::ceil(std::log10(std::max(max, lo * 10)))));
        updateClipped(1e300);
    } else {
        double want = max * 1.05;
        if (m_scale == Scale::Robust && !robust.empty())
            want = std::min(want, *std::max_element(robust.begin(), robust.end()) * kHeadroom);
        if (m_fixedTop[0] > 0)
            want = m_fixedTop[0];
        if (m_leftUnit == ticks::Unit::Percent)
            want = std::min(want, 100.0); // a share never exceeds all
        const ticks::Range r = ticks::niceRange(want, tickCount());
        setTicks(m_left, r, m_leftUnit);
        updateClipped(m_scale == Scale::Robust ? r.top : 1e300);
    }
    if (m_right) {
        double rmax = 0;
        visibleValues(Side::Right, 1.0, &rmax);
        double want = m_fixedTop[1] > 0 ? m_fixedTop[1] : rmax * 1.05;
        if (m_rightUnit == ticks::Unit::Percent)
            want = std::min(want, 100.0);
        setTicks(m_right, ticks::niceRange(want, tickCount()), m_rightUnit);
    }
}

void ChartPanel::setTicks(QCategoryAxis *axis, const ticks::Range &r, ticks::Unit unit)
{
    if (axis->max() == r.top && axis->count() == int(ticks::values(r).size()) - 1)
        return; // unchanged: no relayout
    for (const QString &label : axis->categoriesLabels())
        axis->remove(label);
    axis->setStartValue(0);
    for (double v : ticks::values(r)) {
        if (v > 0)
            axis->append(ticks::label(v, unit, r.step), v);
    }
    axis->setRange(0, r.top);
    // New labels may be wider than the old ones: lay the axes out again, or Qt shortens them
    // to "...".
    if (m_chart->layout())
        m_chart->layout()->invalidate();
}

void ChartPanel::updateClipped(double top)
{
    QList<QPointF> marks;
    const double from = m_tNow - kWindowS;
    for (const auto &l : m_lines) {
        if (l.side != Side::Left)
            continue;
        for (const auto &p : l.points) {
            if (p.x() >= from && p.y() > top)
                marks.append(QPointF(p.x(), top * 0.97));
        }
    }
    m_clippedCount = int(marks.size());
    m_clipped->replace(marks);
}

QStringList ChartPanel::seriesNames() const
{
    QStringList out;
    for (const auto &l : m_lines)
        out << l.series->name();
    return out;
}

int ChartPanel::pointCount(const QString &name) const
{
    for (const auto &l : m_lines) {
        if (l.series->name() == name)
            return int(l.points.size());
    }
    return -1;
}

double ChartPanel::top(Side side) const
{
    if (side == Side::Right)
        return m_right ? m_right->max() : 0;
    return m_log ? m_log->max() : m_left->max();
}

QStringList ChartPanel::tickLabels(Side side) const
{
    QCategoryAxis *axis = side == Side::Right ? m_right : m_left;
    return axis ? axis->categoriesLabels() : QStringList();
}

QString ChartPanel::readingAt(double t) const
{
    QStringList lines;
    lines << tr("t = %1 s").arg(t, 0, 'f', 0);
    for (const auto &l : m_lines) {
        if (l.points.isEmpty())
            continue;
        const auto it = std::lower_bound(l.points.cbegin(),
                                         l.points.cend(),
                                         t,
                                         [](const QPointF &p, double x) { return p.x() < x; });
        const QPointF *p = nullptr;
        if (it == l.points.cend())
            p = &l.points.back();
        else if (it == l.points.cbegin() || std::abs(it->x() - t) < std::abs((it - 1)->x() - t))
            p = &*it;
        else
            p = &*(it - 1);
        const ticks::Unit unit = l.side == Side::Right ? m_rightUnit : m_leftUnit;
        const double v = p->y();
        const double step = std::abs(v) >= 100 ? 1 : std::abs(v) >= 1 ? 0.1 : 0.001;
        lines << QStringLiteral("%1: %2").arg(l.series->name(), ticks::label(v, unit, step));
    }
    return lines.join(QLatin1Char('\n'));
}

void ChartPanel::showCrosshair(const QPointF &viewPos)
{
    const QRectF plot = m_chart->plotArea();
    const QPointF at = m_chart->mapFromScene(mapToScene(viewPos.toPoint()));
    if (!plot.contains(at) || m_lines.empty()) {
        hideCrosshair();
        return;
    }
    const double t = m_chart->mapToValue(at, m_lines.front().series).x();
    m_cross->setLine(QLineF(at.x(), plot.top(), at.x(), plot.bottom()));
    m_cross->show();
    m_reading->setText(readingAt(t));
    const QRectF text = m_reading->boundingRect();
    QPointF corner(at.x() + 8, plot.top() + 4);
    if (corner.x() + text.width() + 8 > plot.right())
        corner.setX(at.x() - text.width() - 16);
    m_readingBox->setRect(0, 0, text.width() + 8, text.height() + 6);
    m_readingBox->setPos(corner);
    m_reading->setPos(4, 3);
    m_readingBox->show();
}

void ChartPanel::hideCrosshair()
{
    m_cross->hide();
    m_readingBox->hide();
}

void ChartPanel::mouseMoveEvent(QMouseEvent *e)
{
    QChartView::mouseMoveEvent(e);
    showCrosshair(e->position());
}

void ChartPanel::leaveEvent(QEvent *e)
{
    QChartView::leaveEvent(e);
    hideCrosshair();
}

void ChartPanel::addMarker(double t, const QString &label)
{
    m_markers.add(t, label);
}

QStringList ChartPanel::markerLabels() const
{
    return m_markers.visibleLabels();
}

void ChartPanel::placeMarkers()
{
    m_markers.place(m_chart->plotArea(), m_x->min(), m_x->max());
}

int ChartPanel::cornerWidth() const
{
    return m_corner ? m_corner->sizeHint().width() + 8 : 0;
}

QSize ChartPanel::minimumSizeHint() const
{
    // Below this the charts dock scrolls (LiveCharts). The title stays centred, so it needs
    // the corner control's width on both sides: a panel that carries one is never so narrow
    // that its title becomes "La…" beside it.
    const int title = QFontMetrics(m_chart->titleFont()).horizontalAdvance(m_title);
    return {m_corner ? std::max(120, title + 18 + 2 * cornerWidth()) : 120, 140};
}

void ChartPanel::resizeEvent(QResizeEvent *e)
{
    QChartView::resizeEvent(e);
    if (m_corner) // its size hint can grow once it is polished
        setMinimumSize(minimumSize().expandedTo(minimumSizeHint()));
    // A title too long for the chart is shortened at a word, with an ellipsis, not cut.
    const QFontMetrics fm(m_chart->titleFont());
    const int corner = cornerWidth();
    if (m_corner)
        m_corner->move(width() - corner + 4, 4);
    m_chart->setTitle(
        fm.elidedText(m_title, Qt::ElideRight, std::max(40, width() - 16 - 2 * corner)));
    updateAxes();
    updatePlaceholder();
}

bool ChartPanel::save(const QString &path) const
{
    m_cross->hide();
    m_readingBox->hide();
    auto *self = const_cast<ChartPanel *>(this);
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size());
        svg.setViewBox(rect());
        svg.setTitle(m_title);
        QPainter painter(&svg);
        self->render(&painter);
        return painter.end();
    }
    // Twice the size on screen, so the text stays legible in a document or a slide.
    QImage image(size() * 2, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    self->render(&painter);
    painter.end();
    return image.save(path);
}

} // namespace hld
