#include "waterfall_painter.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace hld {

namespace {

using Kind = WaterfallSpan::Kind;

QString tr(const char *s)
{
    return QCoreApplication::translate("Trace", s);
}

constexpr int kTop = 22;
constexpr int kLegendH = 18;
const QColor kFailed(0xd6, 0x2c, 0x2c);
const QColor kRejected(0xef, 0x6c, 0x00);
const QColor kWait(0x75, 0x75, 0x75);

// Blues, greens and violets by depth: red and orange mean a failure or a rejection here.
QColor depthColour(int depth)
{
    static constexpr int hues[] = {210, 170, 260, 120, 190, 290};
    return QColor::fromHsv(hues[depth % 6], 120, 215);
}

QString millis(double ms)
{
    return QStringLiteral("%1 ms").arg(ms, 0, 'f', 2);
}

enum class Swatch { Call, Failed, Wait, TimedOut, Wasted, Short, Rejected };

void drawDiamond(QPainter &p, QPointF c, double r, const QColor &colour)
{
    const QPolygonF d{c + QPointF(0, -r), c + QPointF(r, 0), c + QPointF(0, r), c + QPointF(-r, 0)};
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawPolygon(d);
}

void drawSquare(QPainter &p, QPointF c, double r, const QColor &colour)
{
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawRect(QRectF(c - QPointF(r, r), c + QPointF(r, r)));
    p.setPen(QPen(Qt::white, 1.4));
    p.drawLine(c + QPointF(-r * 0.6, 0), c + QPointF(r * 0.6, 0)); // "no entry"
}

void drawTimeout(QPainter &p, double x, const QRectF &row)
{
    p.setPen(QPen(kFailed, 2));
    p.drawLine(QPointF(x, row.top() + 1), QPointF(x, row.bottom() - 1));
    p.drawLine(QPointF(x - 3, row.top() + 1), QPointF(x + 3, row.top() + 1));
    p.drawLine(QPointF(x - 3, row.bottom() - 1), QPointF(x + 3, row.bottom() - 1));
}

void drawWait(QPainter &p, const QRectF &bar)
{
    p.setPen(QPen(kWait, 1, Qt::DashLine));
    p.setBrush(QBrush(kWait, Qt::BDiagPattern));
    p.drawRect(bar);
}

void drawSwatch(QPainter &p, Swatch s, const QRectF &r, const QPalette &pal)
{
    const QRectF bar = r.adjusted(0, 3, 0, -3);
    switch (s) {
    case Swatch::Call:
        p.fillRect(bar, depthColour(1));
        break;
    case Swatch::Failed:
        p.fillRect(bar, depthColour(1));
        p.setPen(QPen(kFailed, 1.6));
        p.setBrush(Qt::NoBrush);
        p.drawRect(bar);
        break;
    case Swatch::Wait:
        drawWait(p, bar);
        break;
    case Swatch::TimedOut:
        drawTimeout(p, r.center().x(), r);
        break;
    case Swatch::Wasted:
        p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(bar);
        break;
    case Swatch::Short:
        drawDiamond(p, r.center(), 5, kFailed);
        break;
    case Swatch::Rejected:
        drawSquare(p, r.center(), 4.5, kRejected);
        break;
    }
}

} // namespace

WaterfallPainter::WaterfallPainter(const std::vector<WaterfallSpan> &spans,
                                   double totalMs,
                                   QRect area)
    : m_spans(spans)
    , m_area(area)
{
    const int rows = std::max<int>(1, int(spans.size()));
    const int height = area.height() - kTop;
    m_rowH = std::clamp(height / rows, 14, 22);
    m_labelW = std::min(180, area.width() / 3);
    double endMs = totalMs;
    for (const auto &s : spans)
        endMs = std::max({endMs, s.endMs, s.wastedEndMs});
    m_scale = (area.width() - m_labelW - 90) / std::max(endMs, 1e-6);
}

int WaterfallPainter::heightFor(const std::vector<WaterfallSpan> &spans)
{
    return kTop + 16 * int(std::max<std::size_t>(spans.size(), 4)) + 4;
}

QRectF WaterfallPainter::rowRect(std::size_t i) const
{
    return QRectF(m_area.left(), m_area.top() + kTop + double(i) * m_rowH, m_area.width(), m_rowH);
}

QRectF WaterfallPainter::barRect(const WaterfallSpan &s, const QRectF &row) const
{
    return QRectF(m_area.left() + m_labelW + s.startMs * m_scale,
                  row.top() + 3,
                  std::max(2.0, (s.endMs - s.startMs) * m_scale),
                  row.height() - 6);
}

std::optional<std::size_t> WaterfallPainter::spanAt(QPoint pos) const
{
    for (std::size_t i = 0; i < m_spans.size(); ++i) {
        if (rowRect(i).contains(pos))
            return i;
    }
    return std::nullopt;
}

QString WaterfallPainter::label(const WaterfallSpan &s)
{
    switch (s.kind) {
    case Kind::Backoff:
        return tr("wait, then try %1").arg(s.attempt);
    case Kind::ShortCircuited:
    case Kind::Rejected:
    case Kind::Call:
        break;
    }
    return s.attempt > 1 ? tr("%1 · try %2").arg(s.component).arg(s.attempt) : s.component;
}

QString WaterfallPainter::describe(const WaterfallSpan &s)
{
    const QString call = QStringLiteral("%1 → %2").arg(s.caller, s.component);
    switch (s.kind) {
    case Kind::Backoff:
        return tr("%1: the caller waits %2 (retry backoff) before try %3.")
            .arg(call, millis(s.endMs - s.startMs))
            .arg(s.attempt);
    case Kind::ShortCircuited:
        return tr("%1, try %2: short-circuited. The circuit breaker is open, so the call failed "
                  "at once without being sent.")
            .arg(call)
            .arg(s.attempt);
    case Kind::Rejected:
        return tr("%1, try %2: rejected by the bulkhead. As many calls as max_concurrent allows "
                  "were already in progress.")
            .arg(call)
            .arg(s.attempt);
    case Kind::Call:
        break;
    }
    QString text = tr("%1, try %2: %3 at %4")
                       .arg(call)
                       .arg(s.attempt)
                       .arg(millis(s.endMs - s.startMs), s.component);
    if (s.timedOut) {
        text += tr(", then the caller, %1 after sending it, timed out and stopped waiting.")
                    .arg(millis(s.endMs - s.sentMs));
        if (s.wastedEndMs > s.endMs)
            text += tr(" The callee answered %1 later, for nobody (wasted work).")
                        .arg(millis(s.wastedEndMs - s.endMs));
        return text;
    }
    return text + QStringLiteral(" (%1).").arg(traceOutcomeName(s.outcome));
}

QStringList WaterfallPainter::legendItems() const
{
    return legendItems(m_spans);
}

QStringList WaterfallPainter::legendItems(const std::vector<WaterfallSpan> &spans)
{
    bool failed = false, wait = false, timedOut = false, wasted = false, shortCircuit = false,
         rejected = false;
    for (const auto &s : spans) {
        failed = failed || (s.kind == Kind::Call && s.outcome == 2);
        wait = wait || s.kind == Kind::Backoff;
        timedOut = timedOut || s.timedOut;
        wasted = wasted || s.wastedEndMs > s.endMs;
        shortCircuit = shortCircuit || s.kind == Kind::ShortCircuited;
        rejected = rejected || s.kind == Kind::Rejected;
    }
    QStringList out;
    if (!(wait || timedOut || shortCircuit || rejected))
        return out; // a plain request needs no legend
    out << tr("call");
    if (failed)
        out << tr("failed");
    if (wait)
        out << tr("retry wait");
    if (timedOut)
        out << tr("timed out");
    if (wasted)
        out << tr("wasted work");
    if (shortCircuit)
        out << tr("short-circuited");
    if (rejected)
        out << tr("bulkhead rejected");
    return out;
}

void WaterfallPainter::drawSpan(QPainter &p,
                                const WaterfallSpan &s,
                                const QRectF &row,
                                const QPalette &pal) const
{
    const double indent = 12.0 * s.depth;
    const QRectF labelRect(
        m_area.left() + 8 + indent, row.top(), m_labelW - 8 - indent, row.height());
    p.setPen(s.kind == Kind::Backoff ? pal.color(QPalette::PlaceholderText)
                                     : pal.color(QPalette::Text));
    p.drawText(labelRect,
               Qt::AlignVCenter,
               p.fontMetrics().elidedText(label(s), Qt::ElideRight, int(labelRect.width())));
    const QRectF bar = barRect(s, row);
    QString note;
    double noteX = bar.right();
    switch (s.kind) {
    case Kind::Backoff:
        drawWait(p, bar);
        note = tr("wait %1").arg(millis(s.endMs - s.startMs));
        break;
    case Kind::ShortCircuited:
        drawDiamond(p, QPointF(bar.left(), row.center().y()), 5.5, kFailed);
        note = tr("short-circuited");
        noteX = bar.left() + 6;
        break;
    case Kind::Rejected:
        drawSquare(p, QPointF(bar.left(), row.center().y()), 5, kRejected);
        note = tr("bulkhead rejected"); // the legend's words
        noteX = bar.left() + 6;
        break;
    case Kind::Call:
        p.fillRect(bar, depthColour(s.depth));
        if (s.outcome == 2 && !s.timedOut) {
            p.setPen(QPen(kFailed, 1.6));
            p.setBrush(Qt::NoBrush);
            p.drawRect(bar);
        }
        note = millis(s.endMs - s.startMs);
        if (s.timedOut) {
            // The caller's deadline counts from the send; the bar from the arrival.
            note = tr("timed out after %1").arg(millis(s.endMs - s.sentMs));
            if (s.wastedEndMs > s.endMs) {
                const QRectF tail(
                    bar.right(), bar.top(), (s.wastedEndMs - s.endMs) * m_scale, bar.height());
                p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
                p.setBrush(Qt::NoBrush);
                p.drawRect(tail);
            }
            drawTimeout(p, bar.right(), row); // the note goes over the wasted work's outline
        }
        break;
    }
    p.setPen(s.kind == Kind::Call && !s.timedOut ? pal.color(QPalette::Text) : kFailed);
    if (s.kind == Kind::Backoff)
        p.setPen(pal.color(QPalette::PlaceholderText));
    // After the bar; before it when the chart's right edge would cut it ("timed out after
    // 100.00 ms" on the last attempt ended in "time…") and there is room on the left.
    const double textW = p.fontMetrics().horizontalAdvance(note) + 2;
    QRectF noteRect(noteX + 4, row.top(), textW, row.height());
    if (noteRect.right() > m_area.right() && bar.left() - 4 - textW >= m_area.left() + m_labelW)
        noteRect.moveRight(bar.left() - 4);
    p.drawText(noteRect, Qt::AlignVCenter, note);
}

void WaterfallPainter::paintLegend(QPainter &p,
                                   const QPalette &pal,
                                   const QRect &area,
                                   const QStringList &shown)
{
    static const Swatch swatches[] = {Swatch::Call,
                                      Swatch::Failed,
                                      Swatch::Wait,
                                      Swatch::TimedOut,
                                      Swatch::Wasted,
                                      Swatch::Short,
                                      Swatch::Rejected};
    static const char *names[] = {QT_TRANSLATE_NOOP("Trace", "call"),
                                  QT_TRANSLATE_NOOP("Trace", "failed"),
                                  QT_TRANSLATE_NOOP("Trace", "retry wait"),
                                  QT_TRANSLATE_NOOP("Trace", "timed out"),
                                  QT_TRANSLATE_NOOP("Trace", "wasted work"),
                                  QT_TRANSLATE_NOOP("Trace", "short-circuited"),
                                  QT_TRANSLATE_NOOP("Trace", "bulkhead rejected")};
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(area, pal.color(QPalette::Base));
    double x = area.left() + 8;
    const double y = area.top() + (area.height() - kLegendH) / 2.0;
    for (std::size_t i = 0; i < std::size(swatches); ++i) {
        const QString name = tr(names[i]);
        if (!shown.contains(name))
            continue;
        drawSwatch(p, swatches[i], QRectF(x, y, 18, kLegendH), pal);
        p.setPen(pal.color(QPalette::Text));
        const double w = p.fontMetrics().horizontalAdvance(name);
        p.drawText(QRectF(x + 22, y, w + 2, kLegendH), Qt::AlignVCenter, name);
        x += 22 + w + 14;
    }
    p.restore();
}

void WaterfallPainter::paint(QPainter &p,
                             const QPalette &pal,
                             const QString &title,
                             const QString &emptyText) const
{
    p.fillRect(m_area, pal.color(QPalette::Base));
    p.setPen(pal.color(QPalette::Text));
    if (m_spans.empty()) {
        p.drawText(m_area.adjusted(8, 8, -8, -8),
                   Qt::AlignTop | Qt::AlignLeft | Qt::TextWordWrap,
                   emptyText);
        return;
    }
    p.drawText(QRect(m_area.left() + 8, m_area.top() + 2, m_area.width() - 16, 18),
               Qt::AlignLeft | Qt::AlignVCenter,
               title);
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setClipRect(
        QRect(m_area.left(), m_area.top() + kTop, m_area.width(), m_area.height() - kTop));
    for (std::size_t i = 0; i < m_spans.size(); ++i)
        drawSpan(p, m_spans[i], rowRect(i), pal);
    p.restore();
}

} // namespace hld
