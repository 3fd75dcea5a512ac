#include "trace_view.h"

#include <QPainter>

#include <algorithm>

namespace hld {

TraceView::TraceView(QWidget *parent)
    : QWidget(parent)
{
    setMinimumHeight(160);
}

void TraceView::clear()
{
    m_pending.clear();
    m_spans.clear();
    m_totalMs = 0;
    m_shownAtS = -1e9;
    update();
}

void TraceView::addHops(const std::vector<TraceHop> &hops,
                        const std::vector<std::pair<QString, QString>> &ends)
{
    for (const auto &h : hops) {
        if (m_pending.size() > 200 && !m_pending.count(h.request))
            continue; // enough candidates
        m_pending[h.request].push_back(h);
    }
    // A request is complete when its first hop has come back: the response reached the client.
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        const auto &hs = it->second;
        const TraceHop &first = hs.front();
        const bool done = std::any_of(hs.begin(), hs.end(), [&](const TraceHop &h) {
            return h.back && h.link == first.link && !first.back;
        });
        const double now = hs.back().arriveS;
        if (done && now - m_shownAtS >= 2.0) {
            build(hs, ends);
            m_shownAtS = now;
        }
        if (done || now - first.departS > 60)
            it = m_pending.erase(it);
        else
            ++it;
    }
}

void TraceView::build(const std::vector<TraceHop> &hopsIn,
                      const std::vector<std::pair<QString, QString>> &ends)
{
    std::vector<TraceHop> hops = hopsIn;
    std::stable_sort(hops.begin(), hops.end(), [](const TraceHop &a, const TraceHop &b) {
        return a.departS < b.departS;
    });
    const double t0 = hops.front().departS;
    m_spans.clear();
    std::vector<std::size_t> open; // indices of spans waiting for their response
    m_outcome = 0;
    for (const auto &h : hops) {
        if (h.link >= ends.size())
            continue;
        m_outcome = std::max(m_outcome, h.outcome);
        if (!h.back) {
            m_spans.push_back({ends[h.link].second, int(open.size()), (h.arriveS - t0) * 1000, -1});
            open.push_back(m_spans.size() - 1);
        } else {
            // The response leaves the callee: close the innermost open span for that component.
            for (auto it = open.rbegin(); it != open.rend(); ++it) {
                if (m_spans[*it].component == ends[h.link].second) {
                    m_spans[*it].endMs = (h.departS - t0) * 1000;
                    open.erase(std::next(it).base());
                    break;
                }
            }
            m_totalMs = (h.arriveS - t0) * 1000;
        }
    }
    for (auto &s : m_spans) {
        if (s.endMs < 0)
            s.endMs = s.startMs; // async or cut short
    }
    update();
}

void TraceView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    p.setPen(palette().color(QPalette::Text));
    if (m_spans.empty()) {
        p.drawText(rect().adjusted(8, 8, -8, -8),
                   Qt::AlignTop | Qt::AlignLeft,
                   tr("Run the simulation: a sampled request's path appears here, hop by hop, "
                      "with the time spent at each component."));
        return;
    }
    const int rowH = std::max(14, std::min(22, (height() - 24) / int(m_spans.size())));
    const int labelW = 180;
    const double scale = (width() - labelW - 80) / std::max(m_totalMs, 1e-6);
    static const char *outcomes[] = {"ok", "cache hit", "error", "stale read"};
    p.drawText(QRect(8, 2, width() - 16, 18),
               Qt::AlignLeft | Qt::AlignVCenter,
               tr("Trace of one sampled request: %1 ms end to end (%2)")
                   .arg(m_totalMs, 0, 'f', 2)
                   .arg(tr(outcomes[std::min<int>(m_outcome, 3)])));
    int y = 22;
    for (const auto &s : m_spans) {
        p.setPen(palette().color(QPalette::Text));
        p.drawText(
            QRect(8 + 12 * s.depth, y, labelW - 12 * s.depth, rowH), Qt::AlignVCenter, s.component);
        const QRectF bar(labelW + s.startMs * scale,
                         y + 3,
                         std::max(2.0, (s.endMs - s.startMs) * scale),
                         rowH - 6);
        p.fillRect(bar, QColor::fromHsv((40 * s.depth) % 360, 140, 210));
        p.drawText(QRectF(bar.right() + 4, y, 80, rowH),
                   Qt::AlignVCenter,
                   QStringLiteral("%1 ms").arg(s.endMs - s.startMs, 0, 'f', 2));
        y += rowH;
    }
}

} // namespace hld
