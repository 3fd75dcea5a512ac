// The per-window time series: one point per window (a simulated second by default).
#include "sim/simulator.h"

#include <algorithm>

namespace hld {

void Simulator::onWindowEnd()
{
    m_queue.push(m_now + m_windowS, WindowEnd, 0);
    const double w = m_windowS;
    const bool record = m_cfg.recordSeries;
    if (record) {
        TimeSeries &ts = m_series;
        const auto total = m_windowOk + m_windowFailed;
        ts.tS.push_back(m_now);
        ts.p50Ms.push_back(m_windowLatency.quantile(0.50));
        ts.p95Ms.push_back(m_windowLatency.quantile(0.95));
        ts.p99Ms.push_back(m_windowLatency.quantile(0.99));
        ts.throughputRps.push_back(double(m_windowOk) / w);
        ts.errorRate.push_back(total ? double(m_windowFailed) / double(total) : 0.0);
        ts.costPerHour.push_back(costPerHourNow());
    }
    if (m_windowLatency.count())
        m_windowLatency.clear();
    m_windowOk = m_windowFailed = 0;

    for (std::uint32_t n = 0; n < m_nodes.size(); ++n) {
        NodeState &s = m_nodes[n];
        const NodeRaw &raw = m_metrics.nodes[n];
        double busy = 0, present = 0;
        for (std::uint32_t i = 0; i < s.reps.size(); ++i) {
            touch(n, i);
            busy += s.reps[i].busyArea;
            present += s.reps[i].presentArea;
        }
        touchCapacity(n);
        const double dBusy = busy - s.markBusy, dCap = s.capacityArea - s.markCapacity;
        const double waiting = present - busy;
        const double dWaiting = waiting - s.markWaiting;
        s.markBusy = busy;
        s.markCapacity = s.capacityArea;
        s.markWaiting = waiting;
        if (!record)
            continue;
        NodeSeries &ns = m_series.nodes[n];
        ns.replicas.push_back(double(s.rotation.size()));
        ns.utilization.push_back(dCap > 0 ? dBusy / dCap : 0.0);
        ns.queue.push_back(std::max(0.0, dWaiting / w));
        ns.throughput.push_back(double(raw.completed - s.markCompleted) / w);
        s.markCompleted = raw.completed;
        const double arrivals = double(raw.arrivalsAll - s.markArrivalsAll);
        ns.errorRate.push_back(arrivals > 0 ? double(raw.failedHere - s.markFailedHere) / arrivals
                                            : 0.0);
        s.markArrivalsAll = raw.arrivalsAll;
        s.markFailedHere = raw.failedHere;
        if (m_netp->nodes[n].replication) {
            ns.reads.push_back(double(raw.consistencyReads - s.markReads));
            ns.staleReads.push_back(double(raw.staleReads - s.markStale));
            ns.failed.push_back(double(raw.consistencyFailed - s.markFailed));
            ns.requests.push_back(double(raw.arrivals - s.markArrivals));
            s.markReads = raw.consistencyReads;
            s.markStale = raw.staleReads;
            s.markFailed = raw.consistencyFailed;
            s.markArrivals = raw.arrivals;
        }
    }
    if (record)
        fitSeriesToBudget();
}

void Simulator::fitSeriesToBudget()
{
    if (m_series.size() < m_seriesCap)
        return;
    if (m_cfg.seriesOverflow == SimConfig::SeriesOverflow::DropOldest) {
        if (m_series.size() > m_seriesCap)
            trimSeries(m_seriesCap / 6 + 1);
        return;
    }
    m_series.widen();
    m_windowS = m_series.windowS;
}

void Simulator::trimSeries(std::size_t drop)
{
    m_series.dropFront(drop);
    m_seriesDropped += drop;
}

} // namespace hld
