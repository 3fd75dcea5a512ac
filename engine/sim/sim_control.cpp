// Changes to a running simulation: live edits, scenario events, faults, the autoscaler.
#include "sim/simulator.h"

#include <algorithm>
#include <cmath>

namespace hld {

void Simulator::schedule(double atS, const Control &c)
{
    m_controls.push_back(c);
    push(std::max(atS, m_now), ControlEvent, static_cast<std::uint32_t>(m_controls.size() - 1));
}

void Simulator::armHousekeeping()
{
    if (!m_windowArmed) {
        m_windowArmed = true;
        m_queue.push(m_now + m_windowS, WindowEnd, 0);
    }
    for (std::uint32_t i = 0; i < m_nodes.size(); ++i) {
        const auto &a = m_netp->nodes[i].autoscale;
        if (a && !m_nodes[i].tickArmed) {
            m_nodes[i].tickArmed = true;
            m_queue.push(m_now + a->intervalS, AutoscaleTick, i);
        }
    }
}

void Simulator::apply(const Control &c)
{
    NodeState *s = c.node < m_nodes.size() ? &m_nodes[c.node] : nullptr;
    switch (c.op) {
    case ControlOp::SetRps:
        if (s) {
            s->rps = std::max(0.0, c.value);
            scheduleNextArrival(c.node); // supersedes the pending arrival
        }
        break;
    case ControlOp::SetReplicas:
        if (s && !s->reps.empty())
            setReplicas(c.node, std::max<std::uint32_t>(1, std::uint32_t(c.value)), 0);
        break;
    case ControlOp::SetWorkers:
        if (s && !s->reps.empty())
            resize(c.node, std::max<std::uint32_t>(1, std::uint32_t(c.value)), -1);
        break;
    case ControlOp::SetInstance:
        if (s && !s->reps.empty())
            resize(
                c.node, std::max<std::uint32_t>(1, std::uint32_t(c.value)), c.costPerReplicaHour);
        break;
    case ControlOp::SetHitRatio:
        if (s)
            s->hitRatio = std::clamp(c.value, 0.0, 1.0);
        break;
    case ControlOp::SetAlgorithm:
        if (s && s->lb != kNone)
            m_lb[s->lb].setAlgorithm(c.algorithm);
        break;
    case ControlOp::KillReplica:
        if (s && c.replica < 0 && !s->rotation.empty()) {
            killReplica(c.node, s->rotation.back()); // "one replica": the newest in rotation
        } else if (s && c.replica >= 0 && std::size_t(c.replica) < s->reps.size()) {
            killReplica(c.node, std::uint32_t(c.replica));
        }
        break;
    case ControlOp::RestoreReplica:
        if (s && c.replica >= 0 && std::size_t(c.replica) < s->reps.size())
            restoreReplica(c.node, std::uint32_t(c.replica));
        break;
    case ControlOp::Kill:
        if (s) {
            for (std::uint32_t i = 0; i < s->reps.size(); ++i)
                killReplica(c.node, i);
            s->killed = true;
        }
        break;
    case ControlOp::Restore:
        if (s) {
            s->killed = false;
            for (std::uint32_t i = 0; i < s->reps.size(); ++i) {
                if (s->reps[i].status == Status::Down)
                    restoreReplica(c.node, i);
            }
        }
        break;
    case ControlOp::AddLatency:
        if (s)
            s->extraLatencyS = std::max(0.0, c.value / 1000.0);
        break;
    case ControlOp::SetErrorRate:
        if (s)
            s->errorRate = std::clamp(c.value, 0.0, 1.0);
        break;
    case ControlOp::FlushCache:
        if (s)
            s->flushedAt = m_now;
        break;
    case ControlOp::Partition:
    case ControlOp::Heal: {
        const std::size_t R = m_netp->regions.size();
        if (c.regionA >= R || c.regionB >= R)
            break;
        const char cut = c.op == ControlOp::Partition;
        m_partition[c.regionA * R + c.regionB] = cut;
        m_partition[c.regionB * R + c.regionA] = cut;
        if (!cut) {
            for (auto &store : m_stores) {
                if (store.enabled())
                    store.reconcile(); // anti-entropy after the heal
            }
        }
        break;
    }
    }
    armHousekeeping();
}

void Simulator::setStatus(std::uint32_t node, std::uint32_t replica, Status st)
{
    NodeState &s = m_nodes[node];
    touchCapacity(node);
    s.reps[replica].status = st;
    if (m_stores[node].enabled()) {
        if (st == Status::Retired)
            m_stores[node].retire(replica);
        else
            m_stores[node].admit(replica);
    }
    rebuildRotation(node);
    recomputeCost(node);
}

void Simulator::rebuildRotation(std::uint32_t node)
{
    NodeState &s = m_nodes[node];
    s.rotation.clear();
    for (std::uint32_t i = 0; i < s.reps.size(); ++i) {
        if (s.reps[i].status == Status::Active)
            s.rotation.push_back(i);
    }
    for (std::uint32_t lb : s.feeds)
        rebuildBalancer(lb);
    if (s.lb != kNone)
        rebuildBalancer(node);
}

void Simulator::rebuildBalancer(std::uint32_t lbNode)
{
    NodeState &s = m_nodes[lbNode];
    const NodeSpec &spec = m_netp->nodes[lbNode];
    s.lbTargets.clear();
    for (auto li = spec.linkBegin; li < spec.linkEnd; ++li) {
        const std::uint32_t target = m_netp->links[li].target;
        const NodeState &t = m_nodes[target];
        if (t.reps.empty()) { // a pass-through target: one virtual replica
            s.lbTargets.push_back({li, target, 0, m_netp->links[li].weight});
            continue;
        }
        for (std::uint32_t r : t.rotation)
            s.lbTargets.push_back({li, target, r, m_netp->links[li].weight * t.reps[r].workers});
    }
    m_lb[s.lb].targetsChanged(s.lbTargets);
}

void Simulator::killReplica(std::uint32_t node, std::uint32_t replica)
{
    NodeState &s = m_nodes[node];
    Replica &rep = s.reps[replica];
    if (rep.status == Status::Down)
        return;
    touch(node, replica);
    // In-service requests fail when their service would have ended (their epoch is stale);
    // waiting requests fail now: the connection is reset.
    ++rep.epoch;
    rep.busy = 0;
    rep.present = 0;
    std::uint32_t r = rep.head;
    rep.head = rep.tail = kNone;
    s.queuedTotal -= rep.queued;
    rep.queued = 0;
    setStatus(node, replica, Status::Down);
    while (r != kNone) {
        const std::uint32_t next = m_req[r].nextInQueue;
        fail(r);
        r = next;
    }
}

void Simulator::restoreReplica(std::uint32_t node, std::uint32_t replica)
{
    NodeState &s = m_nodes[node];
    if (s.reps[replica].status != Status::Down)
        return;
    s.killed = false;
    touch(node, replica);
    setStatus(node, replica, Status::Active);
}

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
    if (count > live) {
        for (std::uint32_t add = count - live; add > 0; --add) {
            // Reuse a retired (or draining) slot first, so replica numbers stay small.
            std::uint32_t slot = kNone;
            for (std::uint32_t i = 0; i < s.reps.size() && slot == kNone; ++i) {
                const Replica &rep = s.reps[i];
                if (!rep.restarting
                    && (rep.status == Status::Retired || rep.status == Status::Draining))
                    slot = i;
            }
            // The autoscaler replaces a dead replica: the dead one is terminated (no longer
            // billed) and a new one started in its slot.
            for (std::uint32_t i = 0; !countDown && i < s.reps.size() && slot == kNone; ++i) {
                if (s.reps[i].status == Status::Down && !s.reps[i].restarting && !s.killed)
                    slot = i;
            }
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
                setStatus(node, slot, Status::Warming);
                push(m_now + warmupS, ReplicaReady, node * kSlot + slot);
            } else {
                setStatus(node, slot, Status::Active);
            }
        }
        if (m_stores[node].enabled())
            m_stores[node].ensureReplicas(static_cast<std::uint32_t>(s.reps.size()));
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
            setStatus(node, i, rep.present == 0 ? Status::Retired : Status::Draining);
            --remove;
        }
    }
}

void Simulator::onReplicaReady(std::uint32_t handle)
{
    const std::uint32_t node = handle / kSlot, replica = handle % kSlot;
    if (m_nodes[node].reps[replica].status == Status::Warming)
        setStatus(node, replica, Status::Active);
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

void Simulator::onAutoscaleTick(std::uint32_t node)
{
    const Autoscale &a = *m_netp->nodes[node].autoscale;
    NodeState &s = m_nodes[node];
    m_queue.push(m_now + a.intervalS, AutoscaleTick, node);
    // Utilisation over the last interval: busy worker-seconds / worker-seconds in rotation.
    double busy = 0;
    for (std::uint32_t i = 0; i < s.reps.size(); ++i) {
        touch(node, i);
        busy += s.reps[i].busyArea;
    }
    touchCapacity(node);
    const double dBusy = busy - s.tickBusy, dCap = s.capacityArea - s.tickCapacity;
    s.tickBusy = busy;
    s.tickCapacity = s.capacityArea;
    std::uint32_t current = 0, warming = 0;
    for (const auto &rep : s.reps) {
        current += rep.status == Status::Active;
        warming += rep.status == Status::Warming;
    }
    if (s.killed)
        return; // the whole component is down: nothing to replace it with
    // Dead replicas are replaced at once, whatever the cooldown: the count in rotation
    // (with those warming up) never stays below min.
    if (current + warming < std::uint32_t(a.min)) {
        setReplicas(node, std::uint32_t(a.min), a.warmupS, false);
        return;
    }
    if (dCap <= 0 || m_now - s.lastScaleS < a.cooldownS)
        return;
    const double utilisation = dBusy / dCap;
    const auto desired = static_cast<std::uint32_t>(
        std::clamp<double>(std::ceil(current * utilisation / a.targetUtilization - 1e-9),
                           double(a.min),
                           double(a.max)));
    if (desired == current + warming || (desired < current && warming > 0))
        return;
    s.lastScaleS = m_now;
    setReplicas(node, desired, a.warmupS, false);
}

// --- live views -----------------------------------------------------------------------------

std::uint32_t Simulator::replicasInRotation(std::uint32_t node) const
{
    return static_cast<std::uint32_t>(m_nodes[node].rotation.size());
}

std::uint32_t Simulator::queuedAt(std::uint32_t node) const
{
    return m_nodes[node].queuedTotal;
}

std::uint32_t Simulator::busyAt(std::uint32_t node) const
{
    std::uint32_t b = 0;
    for (const auto &rep : m_nodes[node].reps)
        b += rep.busy;
    return b;
}

std::uint32_t Simulator::workersAt(std::uint32_t node) const
{
    std::uint32_t w = 0;
    for (const auto &rep : m_nodes[node].reps) {
        if (rep.status == Status::Active || rep.status == Status::Draining)
            w += rep.workers;
    }
    return w;
}

bool Simulator::isDown(std::uint32_t node, std::uint32_t replica) const
{
    const auto &reps = m_nodes[node].reps;
    return replica < reps.size() && reps[replica].status == Status::Down;
}

std::uint32_t Simulator::downCount(std::uint32_t node) const
{
    std::uint32_t n = 0;
    for (const auto &rep : m_nodes[node].reps)
        n += rep.status == Status::Down;
    return n;
}

double Simulator::costPerHourNow() const
{
    return m_costNow;
}

} // namespace hld
