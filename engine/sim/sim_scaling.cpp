// Horizontal scaling (by hand, by scenario, by the autoscaler) and vertical resizes
// (rolling restarts).
#include "sim/simulator.h"

#include <algorithm>

namespace hld {

void Simulator::setReplicas(std::uint32_t node, std::uint32_t count, double warmupS, bool countDown)
{
    NodeState &s = m_nodes[node];
    std::uint32_t live = 0; // active, warming (and down, when they count)
    for (const auto &rep : s.reps)
        live += rep.status == Status::Active || rep.status == Status::Warming
                || (countDown && rep.status == Status::Down && !rep.restarting);
    if (count == live)
        return;
    ++m_metrics.nodes[node].scaleEvents;
    touchCapacity(node); // every change below happens now: the statuses, then one rebuild
    if (count > live) {
        // Reuse retired (or draining) slots first, lowest first, so replica numbers stay
        // small; then, for the autoscaler, the slots of dead replicas (the dead one is
        // terminated, no longer billed, and a new one started in its slot).
        std::vector<std::uint32_t> reuse, replace;
        for (std::uint32_t i = 0; i < s.reps.size(); ++i) {
            const Replica &rep = s.reps[i];
            if (rep.restarting)
                continue;
            if (rep.status == Status::Retired || rep.status == Status::Draining)
                reuse.push_back(i);
            else if (!countDown && !s.killed && rep.status == Status::Down)
                replace.push_back(i);
        }
        reuse.insert(reuse.end(), replace.begin(), replace.end());
        std::size_t next = 0;
        for (std::uint32_t add = count - live; add > 0; --add) {
            std::uint32_t slot = next < reuse.size() ? reuse[next++] : kNone;
            if (slot == kNone) {
                if (s.reps.size() >= kSlot)
                    break;
                slot = static_cast<std::uint32_t>(s.reps.size());
                s.reps.emplace_back();
                s.reps[slot].last = m_now;
            }
            touch(node, slot);
            s.reps[slot].workers = s.workers;
            if (warmupS > 0 && s.reps[slot].status != Status::Draining) {
                applyStatus(node, slot, Status::Warming);
                push(m_now + warmupS, ReplicaReady, node * kSlot + slot);
            } else {
                applyStatus(node, slot, Status::Active);
            }
        }
        if (m_stores[node].enabled())
            m_stores[node].ensureReplicas(static_cast<std::uint32_t>(s.reps.size()));
        afterStatusChanges(node);
        return;
    }
    // Scale in from the highest replica down: drain, never kill, so no request is lost.
    for (std::uint32_t remove = live - count, i = std::uint32_t(s.reps.size());
         remove > 0 && i-- > 0;) {
        Replica &rep = s.reps[i];
        if (i == 0 && m_netp->nodes[node].replication)
            continue; // the leader stays
        if (rep.restarting)
            continue; // it comes back by itself
        if (rep.status == Status::Active || rep.status == Status::Warming
            || (countDown && rep.status == Status::Down)) {
            applyStatus(node, i, rep.present == 0 ? Status::Retired : Status::Draining);
            --remove;
        }
    }
    afterStatusChanges(node);
}

void Simulator::onReplicaReady(std::uint32_t handle)
{
    const std::uint32_t node = handle / kSlot, replica = handle % kSlot;
    if (m_nodes[node].reps[replica].status == Status::Warming)
        setStatus(node, replica, Status::Active);
}

void Simulator::onAutoscaleTick(std::uint32_t node)
{
    const Autoscale &a = *m_netp->nodes[node].autoscale;
    NodeState &s = m_nodes[node];
    push(m_now + a.intervalS, AutoscaleTick, node);
    Autoscaler::Reading reading;
    reading.now = m_now;
    for (std::uint32_t i = 0; i < s.reps.size(); ++i) {
        touch(node, i);
        reading.busyArea += s.reps[i].busyArea;
        reading.presentArea += s.reps[i].presentArea;
        reading.active += s.reps[i].status == Status::Active;
        reading.warming += s.reps[i].status == Status::Warming;
    }
    touchCapacity(node);
    reading.capacityArea = s.capacityArea;
    reading.killed = s.killed;
    if (a.metric == AutoscaleMetric::P99) {
        reading.p99Ms = s.intervalMs.count() ? s.intervalMs.quantile(0.99) : -1.0;
        s.intervalMs.clear();
    }
    if (const auto d = s.autoscaler.tick(a, reading))
        setReplicas(node, d->keep, a.warmupS, false);
}

void Simulator::resize(std::uint32_t node, std::uint32_t workers, double costPerReplicaHour)
{
    NodeState &s = m_nodes[node];
    touchCapacity(node);
    s.workers = workers; // replicas added from now on have the new size
    if (costPerReplicaHour >= 0) {
        s.costPerReplicaHour = costPerReplicaHour;
        recomputeCost(node);
    }
    const double downtime = costPerReplicaHour >= 0 ? m_netp->nodes[node].resizeDowntimeS : 0.0;
    if (downtime <= 0) {
        for (std::uint32_t i = 0; i < s.reps.size(); ++i) {
            touch(node, i);
            s.reps[i].workers = workers;
        }
        rebuildRotation(node);
        return;
    }
    // A new instance size means a restart, one replica at a time (rolling): each leaves
    // rotation, finishes what it holds (nothing fails), is down for the downtime, and comes
    // back at the new size; the others keep the old size until their turn.
    const bool idle = s.restartQueue.empty();
    for (std::uint32_t i = 0; i < s.reps.size(); ++i) {
        const Status st = s.reps[i].status;
        if ((st == Status::Active || st == Status::Warming) && !s.reps[i].restarting
            && std::find(s.restartQueue.begin(), s.restartQueue.end(), i) == s.restartQueue.end())
            s.restartQueue.push_back(i);
    }
    if (idle && !restartingAny(node))
        restartNext(node);
}

bool Simulator::restartingAny(std::uint32_t node) const
{
    for (const auto &rep : m_nodes[node].reps) {
        if (rep.restarting)
            return true;
    }
    return false;
}

void Simulator::restartNext(std::uint32_t node)
{
    NodeState &s = m_nodes[node];
    while (!s.restartQueue.empty()) {
        const std::uint32_t i = s.restartQueue.front();
        s.restartQueue.erase(s.restartQueue.begin());
        Replica &rep = s.reps[i];
        if (rep.status != Status::Active && rep.status != Status::Warming)
            continue; // killed or scaled in meanwhile
        rep.restarting = true;
        if (rep.present == 0)
            restartDrained(node, i);
        else
            setStatus(node, i, Status::Draining); // releaseWorker() finishes the drain
        return;
    }
}

void Simulator::restartDrained(std::uint32_t node, std::uint32_t replica)
{
    touch(node, replica);
    setStatus(node, replica, Status::Down);
    push(m_now + m_netp->nodes[node].resizeDowntimeS, ReplicaRestarted, node * kSlot + replica);
}

void Simulator::onReplicaRestarted(std::uint32_t handle)
{
    const std::uint32_t node = handle / kSlot, replica = handle % kSlot;
    NodeState &s = m_nodes[node];
    Replica &rep = s.reps[replica];
    if (rep.restarting) {
        rep.restarting = false;
        touch(node, replica);
        rep.workers = s.workers;
        if (rep.status == Status::Down && !s.killed)
            setStatus(node, replica, Status::Active);
        else
            rebuildRotation(node); // restored by hand meanwhile: only the size changes
    }
    restartNext(node);
}

} // namespace hld
