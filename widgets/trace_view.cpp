#include "trace_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace hld {

namespace {
constexpr double kAutoEveryS = 2.0; // Auto: a new request at most this often
constexpr double kKeepS = 10.0;     // completed requests kept to pick from
constexpr std::size_t kMaxDone = 600;
constexpr std::size_t kMaxPending = 400;
} // namespace

class TraceView::Waterfall : public QWidget
{
public:
    explicit Waterfall(TraceView *trace)
        : QWidget(trace)
        , m_trace(trace)
    {
        setMinimumHeight(110);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        m_trace->paintWaterfall(p, rect());
    }

private:
    TraceView *m_trace;
};

TraceView::TraceView(QWidget *parent)
    : QWidget(parent)
    , m_chart(new Waterfall(this))
    , m_auto(new QToolButton(this))
    , m_slowest(new QToolButton(this))
    , m_failure(new QToolButton(this))
    , m_status(new QLabel(this))
{
    m_auto->setText(tr("Auto"));
    m_auto->setCheckable(true);
    m_auto->setToolTip(tr("Show a new sampled request every few seconds"));
    m_slowest->setText(tr("Slowest of last second"));
    m_slowest->setCheckable(true);
    m_slowest->setToolTip(
        tr("The slowest sampled request that completed in the last simulated second"));
    m_failure->setText(tr("Last failure"));
    m_failure->setCheckable(true);
    m_failure->setToolTip(tr("The most recent sampled request that failed (or the next one)"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 0);
    bar->addWidget(m_auto);
    bar->addWidget(m_slowest);
    bar->addWidget(m_failure);
    bar->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_chart, 1);
    setMinimumHeight(150);
    connect(m_auto, &QToolButton::clicked, this, &TraceView::followAutomatically);
    connect(m_slowest, &QToolButton::clicked, this, &TraceView::showSlowest);
    connect(m_failure, &QToolButton::clicked, this, &TraceView::showLastFailure);
    updateButtons();
}

void TraceView::clear()
{
    m_pending.clear();
    m_done.clear();
    m_spans.clear();
    m_shownRequest.reset();
    m_totalMs = 0;
    m_shownAtS = -1e9;
    m_nowS = 0;
    if (m_mode == Mode::Request)
        m_mode = Mode::Auto; // that request belonged to the run that ended
    updateButtons();
    m_chart->update();
}

QString TraceView::status() const
{
    return m_status->text();
}

void TraceView::updateButtons()
{
    m_auto->setChecked(m_mode == Mode::Auto);
    m_slowest->setChecked(m_mode == Mode::Slowest);
    m_failure->setChecked(m_mode == Mode::LastFailure);
    QString text;
    switch (m_mode) {
    case Mode::Auto:
        text = tr("Or click a moving dot on the canvas to follow that request.");
        break;
    case Mode::Request:
        text = m_shownRequest == m_wanted
                   ? m_why
                   : tr("Following request #%1 until it completes…").arg(m_wanted);
        break;
    case Mode::Slowest:
    case Mode::LastFailure:
        text = m_why;
        break;
    }
    m_status->setText(text);
}

void TraceView::setMode(Mode mode, std::uint32_t request)
{
    m_mode = mode;
    m_wanted = request;
    updateButtons();
}

void TraceView::followAutomatically()
{
    setMode(Mode::Auto);
    m_shownAtS = -1e9; // the next completed request
}

void TraceView::follow(std::uint32_t request)
{
    setMode(Mode::Request, request);
    for (const auto &t : m_done) {
        if (t.request == request) {
            show(t, tr("Request #%1, picked on the canvas.").arg(request));
            return;
        }
    }
}

const TraceView::Trace *TraceView::slowestRecent() const
{
    const Trace *best = nullptr;
    for (const auto &t : m_done) {
        if (t.doneAtS >= m_nowS - 1.0 && (!best || t.totalMs > best->totalMs))
            best = &t;
    }
    return best;
}

const TraceView::Trace *TraceView::lastFailure() const
{
    for (auto it = m_done.rbegin(); it != m_done.rend(); ++it) {
        if (it->outcome == 2)
            return &*it;
    }
    return nullptr;
}

void TraceView::showSlowest()
{
    setMode(Mode::Slowest);
    if (const Trace *t = slowestRecent())
        show(*t,
             tr("Slowest sampled request of the second before t = %1 s.").arg(m_nowS, 0, 'f', 1));
    else {
        m_why = tr("No sampled request completed in the last simulated second: run the "
                   "simulation, then pick again.");
        updateButtons();
    }
}

void TraceView::showLastFailure()
{
    setMode(Mode::LastFailure);
    m_waitingForFailure = true;
    if (const Trace *t = lastFailure())
        show(*t, tr("Last failed request, at t = %1 s.").arg(t->doneAtS, 0, 'f', 1));
    else {
        m_why = tr("No failure among the recent sampled requests: waiting for the next one…");
        updateButtons();
    }
}

void TraceView::addHops(const LiveSnapshot &s)
{
    m_nowS = s.simTimeS;
    if (!s.links)
        return;
    for (const auto &h : s.hops) {
        if (h.link >= s.links->size())
            continue;
        if (m_pending.size() > kMaxPending && !m_pending.count(h.request))
            continue; // enough candidates
        m_pending[h.request].push_back({s.linkOf(h), h.departS, h.arriveS, h.back, h.outcome});
    }
    // A request is complete when its first hop has come back: the response reached the client.
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        const auto &hs = it->second;
        const Hop &first = hs.front();
        const bool done = !first.back && std::any_of(hs.begin(), hs.end(), [&](const Hop &h) {
            return h.back && h.link == first.link;
        });
        if (done) {
            Trace t{it->first, hs, 0, 0, 0};
            for (const auto &h : hs) {
                t.outcome = std::max(t.outcome, h.outcome);
                t.doneAtS = std::max(t.doneAtS, h.arriveS);
            }
            t.totalMs = (t.doneAtS - first.departS) * 1000;
            m_done.push_back(std::move(t));
            const Trace &added = m_done.back();
            if (m_mode == Mode::Auto && added.doneAtS - m_shownAtS >= kAutoEveryS)
                show(added, tr("A sampled request, picked automatically."));
            else if (m_mode == Mode::Request && added.request == m_wanted)
                show(added, tr("Request #%1, picked on the canvas.").arg(added.request));
            else if (m_mode == Mode::LastFailure && added.outcome == 2 && m_waitingForFailure)
                show(added, tr("Last failed request, at t = %1 s.").arg(added.doneAtS, 0, 'f', 1));
        }
        if (done || m_nowS - first.departS > 60)
            it = m_pending.erase(it);
        else
            ++it;
    }
    while (!m_done.empty()
           && (m_done.size() > kMaxDone || m_done.front().doneAtS < m_nowS - kKeepS))
        m_done.pop_front();
}

void TraceView::show(const Trace &t, const QString &why)
{
    std::vector<Hop> hops = t.hops;
    std::stable_sort(
        hops.begin(), hops.end(), [](const Hop &a, const Hop &b) { return a.departS < b.departS; });
    const double t0 = hops.front().departS;
    m_spans.clear();
    std::vector<std::size_t> open; // indices of spans waiting for their response
    for (const auto &h : hops) {
        if (!h.back) {
            m_spans.push_back({h.link.to, int(open.size()), (h.arriveS - t0) * 1000, -1});
            open.push_back(m_spans.size() - 1);
        } else {
            // The response leaves the callee: close the innermost open span for that component.
            for (auto it = open.rbegin(); it != open.rend(); ++it) {
                if (m_spans[*it].component == h.link.to) {
                    m_spans[*it].endMs = (h.departS - t0) * 1000;
                    open.erase(std::next(it).base());
                    break;
                }
            }
        }
    }
    for (auto &s : m_spans) {
        if (s.endMs < 0)
            s.endMs = s.startMs; // async or cut short
    }
    m_totalMs = t.totalMs;
    m_outcome = t.outcome;
    m_shownRequest = t.request;
    m_shownAtS = t.doneAtS;
    m_waitingForFailure = false;
    m_why = why;
    updateButtons();
    m_chart->update();
}

void TraceView::paintWaterfall(QPainter &p, const QRect &area) const
{
    p.fillRect(area, palette().color(QPalette::Base));
    p.setPen(palette().color(QPalette::Text));
    if (m_spans.empty()) {
        p.drawText(area.adjusted(8, 8, -8, -8),
                   Qt::AlignTop | Qt::AlignLeft | Qt::TextWordWrap,
                   tr("Run the simulation: a sampled request's path appears here, hop by hop, "
                      "with the time spent at each component."));
        return;
    }
    const int rowH = std::max(14, std::min(22, (area.height() - 24) / int(m_spans.size())));
    const int labelW = std::min(180, area.width() / 3);
    const double scale = (area.width() - labelW - 80) / std::max(m_totalMs, 1e-6);
    static const char *outcomes[] = {
        QT_TR_NOOP("ok"), QT_TR_NOOP("cache hit"), QT_TR_NOOP("error"), QT_TR_NOOP("stale read")};
    p.drawText(QRect(8, 2, area.width() - 16, 18),
               Qt::AlignLeft | Qt::AlignVCenter,
               tr("Request #%1: %2 ms end to end (%3)")
                   .arg(m_shownRequest.value_or(0))
                   .arg(m_totalMs, 0, 'f', 2)
                   .arg(tr(outcomes[std::min<int>(m_outcome, 3)])));
    int y = 22;
    for (const auto &s : m_spans) {
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(8 + 12 * s.depth, y, labelW - 12 * s.depth, rowH),
                   Qt::AlignVCenter,
                   p.fontMetrics().elidedText(s.component, Qt::ElideRight, labelW - 12 * s.depth));
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
