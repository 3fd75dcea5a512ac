#include "sim/window_recorder.h"

#include <algorithm>

namespace hld {

namespace {
constexpr std::uint32_t kRemoved = 0xFFFFFFFFu;
}

void WindowRecorder::configure(bool record, double windowS, Overflow overflow, std::size_t nodes)
{
    m_record = record;
    m_windowS = windowS;
    m_overflow = overflow;
    m_series = TimeSeries{};
    m_series.windowS = windowS;
    m_series.nodes.resize(nodes);
    m_marks.assign(nodes, Marks{});
}

void WindowRecorder::closeEndToEnd(double now, double costPerHour)
{
    TimeSeries &ts = m_series;
    const auto total = m_ok + m_failed;
    ts.tS.push_back(now);
    ts.p50Ms.push_back(m_latency.quantile(0.50));
    ts.p95Ms.push_back(m_latency.quantile(0.95));
    ts.p99Ms.push_back(m_latency.quantile(0.99));
    ts.throughputRps.push_back(double(m_ok) / m_windowS);
    ts.errorRate.push_back(total ? double(m_failed) / double(total) : 0.0);
    ts.costPerHour.push_back(costPerHour);
}

void WindowRecorder::closeNode(std::uint32_t n, const NodeWindowTotals &t)
{
    Marks &m = m_marks[n];
    const double w = m_windowS;
    const double dBusy = t.busyArea - m.busy, dCap = t.capacityArea - m.capacity;
    const double waiting = t.presentArea - t.busyArea;
    const double dWaiting = waiting - m.waiting;
    m.busy = t.busyArea;
    m.capacity = t.capacityArea;
    m.waiting = waiting;
    NodeSeries &ns = m_series.nodes[n];
    ns.replicas.push_back(double(t.inRotation));
    ns.utilization.push_back(dCap > 0 ? dBusy / dCap : 0.0);
    ns.queue.push_back(std::max(0.0, dWaiting / w));
    ns.throughput.push_back(double(t.completed - m.completed) / w);
    m.completed = t.completed;
    const double arrivals = double(t.arrivalsAll - m.arrivalsAll);
    ns.errorRate.push_back(arrivals > 0 ? double(t.failedHere - m.failedHere) / arrivals : 0.0);
    m.arrivalsAll = t.arrivalsAll;
    m.failedHere = t.failedHere;
    if (t.replicated) {
        ns.reads.push_back(double(t.reads - m.reads));
        ns.staleReads.push_back(double(t.staleReads - m.stale));
        ns.failed.push_back(double(t.failed - m.failed));
        ns.requests.push_back(double(t.arrivals - m.arrivals));
        ns.failovers.push_back(double(t.failovers - m.failovers));
        ns.writeUnavailable.push_back(t.writeUnavailableS - m.writeUnavailable);
        ns.conflicts.push_back(double(t.conflicts - m.conflicts));
        m.failovers = t.failovers;
        m.writeUnavailable = t.writeUnavailableS;
        m.conflicts = t.conflicts;
        m.reads = t.reads;
        m.stale = t.staleReads;
        m.failed = t.failed;
        m.arrivals = t.arrivals;
    }
}

void WindowRecorder::fit()
{
    if (m_cap == 0 || m_series.size() < m_cap)
        return;
    if (m_overflow == Overflow::DropOldest) {
        if (m_series.size() > m_cap) {
            const std::size_t drop = m_cap / 6 + 1;
            m_series.dropFront(drop);
            m_dropped += drop;
        }
        return;
    }
    m_series.widen();
    m_windowS = m_series.windowS;
}

void WindowRecorder::restartIntegrals()
{
    for (auto &m : m_marks)
        m.busy = m.capacity = m.waiting = 0;
}

void WindowRecorder::remap(const std::vector<std::uint32_t> &map,
                           std::size_t nodes,
                           const std::vector<char> &replicated)
{
    std::vector<Marks> marks(nodes);
    std::vector<NodeSeries> series(nodes);
    std::vector<char> kept(nodes, 0);
    for (std::size_t i = 0; i < map.size(); ++i) {
        if (map[i] == kRemoved)
            continue;
        marks[map[i]] = m_marks[i];
        series[map[i]] = std::move(m_series.nodes[i]);
        kept[map[i]] = 1;
    }
    const std::size_t points = m_series.size();
    for (std::size_t j = 0; j < nodes; ++j) {
        if (kept[j])
            continue;
        NodeSeries &ns = series[j];
        ns.forEachColumn([&](std::vector<double> &v) { v.assign(points, 0.0); });
        if (!replicated[j]) {
            for (auto *v : {&ns.reads,
                            &ns.staleReads,
                            &ns.failed,
                            &ns.requests,
                            &ns.failovers,
                            &ns.writeUnavailable,
                            &ns.conflicts})
                v->clear();
        }
    }
    m_marks = std::move(marks);
    m_series.nodes = std::move(series);
}

} // namespace hld
