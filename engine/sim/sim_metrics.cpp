// Time integrals (busy, present, capacity, backlog, cost), warm-up, windows, and the
// hand-over of the metrics at the end of a run.
#include "sim/simulator.h"

#include <algorithm>

namespace hld {

void Simulator::touchCapacity(std::uint32_t node)
{
    NodeState &s = m_nodes[node];
    std::uint32_t workers = 0;
    for (const auto &rep : s.reps) {
        if (rep.status == Status::Active || rep.status == Status::Draining)
            workers += rep.workers;
    }
    s.capacityArea += workers * (m_now - s.capacityLast);
    s.capacityLast = m_now;
    touchCost();
}

void Simulator::touchCost()
{
    m_costArea += m_costNow * (m_now - m_costLast);
    m_costLast = m_now;
}

void Simulator::recomputeCost(std::uint32_t node)
{
    touchCost();
    NodeState &s = m_nodes[node];
    std::uint32_t billed = 0; // every instance that exists costs, up or down
    for (const auto &rep : s.reps)
        billed += rep.status != Status::Retired;
    const double cost = billed * s.costPerReplicaHour;
    m_costNow += cost - s.costNow;
    s.costNow = cost;
}

void Simulator::touchBacklog(std::uint32_t node)
{
    NodeState &s = m_nodes[node];
    m_metrics.nodes[node].backlogArea += s.backlog * (m_now - s.backlogLast);
    s.backlogLast = m_now;
}

void Simulator::onWarmupEnd()
{
    for (std::uint32_t n = 0; n < m_nodes.size(); ++n) {
        NodeState &s = m_nodes[n];
        for (std::uint32_t i = 0; i < s.reps.size(); ++i) {
            touch(n, i);
            s.reps[i].busyArea = s.reps[i].presentArea = 0;
        }
        touchCapacity(n);
        s.capacityArea = 0;
        touchBacklog(n);
        m_metrics.nodes[n].backlogArea = 0;
        if (s.cache) {
            s.cacheAtWarmup = s.cache->counters();
            s.coalescedAtWarmup = s.cache->coalesced();
            s.bloomAtWarmup = s.cache->bloomRejected();
            s.lostAtWarmup = s.cache->lostWrites();
        }
    }
    m_windows.restartIntegrals();
    m_costArea = 0;
    m_measureStart = m_now;
}

void Simulator::onWindowEnd()
{
    push(m_now + m_windows.windowS(), WindowEnd, 0);
    m_windows.close(m_now, costPerHourNow(), [this](std::uint32_t n) { return windowTotals(n); });
}

NodeWindowTotals Simulator::windowTotals(std::uint32_t n)
{
    NodeState &s = m_nodes[n];
    const NodeRaw &raw = m_metrics.nodes[n];
    NodeWindowTotals t;
    for (std::uint32_t i = 0; i < s.reps.size(); ++i) {
        touch(n, i);
        t.busyArea += s.reps[i].busyArea;
        t.presentArea += s.reps[i].presentArea;
    }
    touchCapacity(n);
    t.capacityArea = s.capacityArea;
    if (s.broker) { // a queue's waiting messages are its queue in the charts
        touchBacklog(n);
        t.presentArea += raw.backlogArea;
    }
    t.completed = raw.completed;
    t.arrivalsAll = raw.arrivalsAll;
    t.failedHere = raw.failedHere;
    t.inRotation = static_cast<std::uint32_t>(s.rotation.size());
    t.replicated = m_netp->nodes[n].replication.has_value();
    t.reads = raw.consistencyReads;
    t.staleReads = raw.staleReads;
    t.failed = raw.consistencyFailed;
    t.arrivals = raw.arrivals;
    t.failovers = raw.failovers;
    t.conflicts = raw.conflicts;
    t.writeUnavailableS = raw.writeUnavailableS;
    return t;
}

void Simulator::countUnfinished()
{
    // The drain limit cut the run: a request still in flight failed (the client never got
    // an answer within the run), a message still in flight is counted at its queue.
    m_metrics.cutRuns = 1;
    m_metrics.cutAtS = m_now;
    for (std::uint32_t r = 0; r < m_pool.allocated(); ++r) {
        if (m_pool.isFree(r))
            continue;
        const Request &q = m_pool[r];
        if (q.flags & CallChild)
            continue; // an attempt: its caller is in flight too
        if (q.msg != kNone || (q.flags & Message)) {
            ++m_metrics.cutMessages;
            if (q.flags & Measured)
                ++m_metrics.nodes[frame(r, 0).node].messagesUnfinished;
        } else if (q.flags & TimedOut) { // counted at its deadline; its work went on
            ++m_metrics.cutAbandoned;
        } else {
            ++m_metrics.cutUnanswered;
            countOutcome(r, false, false);
            m_metrics.classes[q.cls].unfinished += (q.flags & Measured) != 0;
        }
    }
}

RawMetrics Simulator::finish()
{
    if (m_cut)
        countUnfinished();
    for (std::uint32_t n = 0; n < m_nodes.size(); ++n) {
        NodeState &s = m_nodes[n];
        NodeRaw &nr = m_metrics.nodes[n];
        touchCapacity(n);
        touchBacklog(n);
        const NodeSpec &spec = m_netp->nodes[n];
        if (!spec.passThrough && spec.kind != ComponentKind::Client)
            nr.replicaArrivals.clear();
        for (std::uint32_t i = 0; i < s.reps.size(); ++i) {
            touch(n, i);
            nr.busyArea += s.reps[i].busyArea;
            nr.presentArea += s.reps[i].presentArea;
            if (!spec.passThrough)
                nr.replicaArrivals.push_back(s.reps[i].arrivals);
        }
        nr.workerArea = s.capacityArea;
        for (const auto &g : m_stores[n].groups()) {
            if (m_stores[n].enabled() && g.leaderLostAt >= 0) // still without a leader
                nr.writeUnavailableS
                    += std::max(0.0, m_now - std::max(g.leaderLostAt, m_cfg.warmupS));
        }
        if (s.shards) {
            const std::uint32_t R = spec.shardReplicas;
            const double measured = std::max(0.0, m_now - m_measureStart);
            nr.shardArrivals = s.shardArrivals;
            nr.shardArrivals.resize(s.shards->count());
            nr.shardBusyArea.assign(s.shards->count(), 0.0);
            nr.shardCapacityArea.assign(s.shards->count(), 0.0);
            for (std::uint32_t i = 0; i < s.reps.size() && i / R < s.shards->count(); ++i) {
                nr.shardBusyArea[i / R] += s.reps[i].busyArea;
                nr.shardCapacityArea[i / R] += s.reps[i].workers * measured;
            }
        }
        if (s.cache) {
            const KeyCacheCounters &c = s.cache->counters(), &w = s.cacheAtWarmup;
            nr.hits = c.hits - w.hits;
            nr.misses = c.misses - w.misses;
            nr.reads = nr.hits + nr.misses;
            nr.evictions = c.evictions - w.evictions;
            nr.expirations = c.expirations - w.expirations;
            nr.negativeHits = c.negativeHits - w.negativeHits;
            nr.coalesced = s.cache->coalesced() - s.coalescedAtWarmup;
            nr.bloomRejected = s.cache->bloomRejected() - s.bloomAtWarmup;
            nr.lostWrites = s.cache->lostWrites() - s.lostAtWarmup;
        }
    }
    m_metrics.simTimeS = m_now;
    m_metrics.measuredTimeS = std::max(0.0, m_now - m_measureStart);
    m_metrics.events = m_events;
    m_metrics.created = static_cast<std::uint64_t>(m_created);
    m_metrics.costArea = m_costArea;
    if (m_cfg.recordSeries)
        m_metrics.series = m_windows.take();
    return std::move(m_metrics);
}

} // namespace hld
