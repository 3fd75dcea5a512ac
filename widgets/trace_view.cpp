#include "trace_view.h"

#include "waterfall_painter.h"

#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QToolButton>
#include <QToolTip>
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

    bool event(QEvent *e) override
    {
        if (e->type() != QEvent::ToolTip)
            return QWidget::event(e);
        // What the row under the mouse means, in words: an attempt, a wait, a mark.
        auto *help = static_cast<QHelpEvent *>(e);
        const auto &spans = m_trace->spans();
        const WaterfallPainter painter(spans, m_trace->shownTotalMs(), rect());
        if (const auto i = painter.spanAt(help->pos()))
            QToolTip::showText(help->globalPos(), WaterfallPainter::describe(spans[*i]), this);
        else
            QToolTip::hideText();
        return true;
    }

private:
    TraceView *m_trace;
};

// The legend of the marks the shown request has, under the rows, always in view.
class TraceView::Legend : public QWidget
{
public:
    using QWidget::QWidget;

    void setItems(const QStringList &items)
    {
        m_items = items;
        setVisible(!items.isEmpty());
        setFixedHeight(WaterfallPainter::kLegendHeight);
        update();
    }
    const QStringList &items() const { return m_items; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        WaterfallPainter::paintLegend(p, palette(), rect(), m_items);
    }

private:
    QStringList m_items;
};

TraceView::TraceView(QWidget *parent)
    : QWidget(parent)
    , m_chart(new Waterfall(this))
    , m_legend(new Legend(this))
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
    m_status->setWordWrap(true); // a long status takes two lines, not a wider dock
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
    // A request with many attempts has more rows than the dock has room for: it scrolls.
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_chart);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_legend);
    m_legend->setItems({});
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
    // What the mode shows belonged to that run too ("Last failed request, at t = 231.3 s"
    // stayed over a design just opened).
    m_waitingForFailure = m_mode == Mode::LastFailure;
    m_why = m_mode == Mode::LastFailure
                ? tr("No failure in this run yet: waiting for the first one…")
                : tr("Run the simulation: the slowest sampled request of each second shows "
                     "here.");
    updateButtons();
    m_chart->setMinimumHeight(110);
    m_legend->setItems({});
    m_chart->update();
}

QStringList TraceView::legend() const
{
    return m_legend->items();
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
        if (isFailure(it->outcome))
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
        m_pending[h.request].push_back(
            {s.linkOf(h), h.departS, h.arriveS, h.back, h.outcome, h.span, h.parent, h.attempt});
    }
    // A request is complete when the answer on its first link has reached the client (with
    // no retry to follow), or a policy failed it there.
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        const auto &hs = it->second;
        const Hop &first = hs.front();
        const bool done = traceComplete(hs, m_nowS);
        if (done) {
            Trace t{it->first, hs, 0, traceOutcome(hs), 0};
            for (const auto &h : hs)
                t.doneAtS = std::max(t.doneAtS, h.arriveS);
            t.totalMs = (t.doneAtS - first.departS) * 1000;
            m_done.push_back(std::move(t));
            const Trace &added = m_done.back();
            if (m_mode == Mode::Auto && added.doneAtS - m_shownAtS >= kAutoEveryS)
                show(added, tr("A sampled request, picked automatically."));
            else if (m_mode == Mode::Request && added.request == m_wanted)
                show(added, tr("Request #%1, picked on the canvas.").arg(added.request));
            else if (m_mode == Mode::LastFailure && isFailure(added.outcome) && m_waitingForFailure)
                show(added, tr("Last failed request, at t = %1 s.").arg(added.doneAtS, 0, 'f', 1));
        }
        // A first hop that is an answer belongs to a request already finished (the late
        // answer of an attempt its caller gave up on): nothing to wait for.
        if (done || first.back || m_nowS - first.departS > 60)
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
    m_spans = layoutWaterfall(t.hops);
    m_totalMs = t.totalMs;
    m_outcome = t.outcome;
    m_shownRequest = t.request;
    m_shownAtS = t.doneAtS;
    m_waitingForFailure = false;
    m_why = why;
    updateButtons();
    m_chart->setMinimumHeight(WaterfallPainter::heightFor(m_spans));
    m_legend->setItems(WaterfallPainter::legendItems(m_spans));
    m_chart->update();
}

void TraceView::paintWaterfall(QPainter &p, const QRect &area) const
{
    const WaterfallPainter painter(m_spans, m_totalMs, area);
    painter.paint(p,
                  palette(),
                  tr("Request #%1: %2 ms end to end (%3)")
                      .arg(m_shownRequest.value_or(0))
                      .arg(m_totalMs, 0, 'f', 2)
                      .arg(traceOutcomeName(m_outcome)),
                  tr("Run the simulation: a sampled request's path appears here, hop by hop, "
                     "with the time spent at each component."));
}

} // namespace hld
