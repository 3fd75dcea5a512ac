#include "chart_markers.h"

#include <QChart>
#include <QFontMetrics>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPen>

#include <algorithm>

namespace hld {

namespace {

constexpr int kLabelChars = 18; // longer labels are elided; the tooltip has them whole

} // namespace

ChartMarkers::ChartMarkers(QChart *chart)
    : m_chart(chart)
{}

ChartMarkers::~ChartMarkers()
{
    clear();
}

void ChartMarkers::add(double t, const QString &label)
{
    QPen pen(QColor(0x55, 0x55, 0x55, 170), 1, Qt::DashLine);
    pen.setCosmetic(true);
    auto *line = new QGraphicsLineItem(m_chart);
    line->setPen(pen);
    line->setZValue(20);
    line->setToolTip(label);
    auto *box = new QGraphicsRectItem(m_chart);
    box->setPen(Qt::NoPen);
    box->setBrush(QColor(255, 255, 255, 210));
    box->setZValue(21);
    auto *text = new QGraphicsSimpleTextItem(box);
    QFont f = m_chart->font();
    f.setPointSizeF(f.pointSizeF() * 0.8);
    text->setFont(f);
    text->setBrush(QColor(0x33, 0x33, 0x33));
    text->setText(label.size() > kLabelChars ? label.left(kLabelChars - 1) + QChar(0x2026) : label);
    text->setPos(2, 0);
    box->setRect(QRectF(QPointF(0, 0), text->boundingRect().size() + QSizeF(4, 0)));
    box->setToolTip(QStringLiteral("%1 s: %2").arg(t, 0, 'f', 1).arg(label));
    m_marks.push_back({t, line, box});
    if (m_marks.size() > kMaxMarks) {
        delete m_marks.front().line;
        delete m_marks.front().label;
        m_marks.pop_front();
    }
    place(m_plot, m_xMin, m_xMax);
}

void ChartMarkers::clear()
{
    for (const Mark &m : m_marks) {
        delete m.line;
        delete m.label;
    }
    m_marks.clear();
}

void ChartMarkers::place(const QRectF &plot, double xMin, double xMax)
{
    m_plot = plot;
    m_xMin = xMin;
    m_xMax = xMax;
    const bool usable = plot.width() > 0 && xMax > xMin;
    double lastRight[2] = {-1e9, -1e9}; // where each row's previous label ends
    for (const Mark &m : m_marks) {
        const bool in = usable && m.t >= xMin && m.t <= xMax;
        m.line->setVisible(in);
        m.label->setVisible(in);
        if (!in)
            continue;
        const double x = plot.left() + (m.t - xMin) / (xMax - xMin) * plot.width();
        m.line->setLine(x, plot.top(), x, plot.bottom());
        // Right of the line, or left of it where the plot ends; in the first row where it
        // covers no earlier label.
        const QRectF box = m.label->rect();
        const double left = x + 2 + box.width() <= plot.right()
                                ? x + 2
                                : std::max(plot.left(), x - 2 - box.width());
        const int row = left > lastRight[0] ? 0 : left > lastRight[1] ? 1 : -1;
        m.label->setVisible(row >= 0);
        if (row < 0)
            continue;
        m.label->setPos(left, plot.top() + 1 + row * box.height());
        lastRight[row] = left + box.width() + 2;
    }
}

QStringList ChartMarkers::visibleLabels() const
{
    QStringList out;
    for (const Mark &m : m_marks) {
        if (m.line->isVisible())
            out << m.line->toolTip();
    }
    return out;
}

} // namespace hld
