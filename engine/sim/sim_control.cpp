// Changes to a running simulation: live edits, scenario events, faults; replica status and
// rotation; live views.
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
        push(m_now + m_windows.windowS(), WindowEnd, 0);
    }
    for (std::uint32_t i = 0; i < m_nodes.size(); ++i) {
        const auto &a = m_netp->nodes[i].autoscale;
        if (a && !m_nodes[i].autoscaler.armed) {
            m_nodes[i].autoscaler.armed = true;
            push(m_now + a->intervalS, AutoscaleTick, i);
        }
    }
}

void Simulator::apply(const Control &c)
{
    NodeState *s = c.node < m_nodes.size() ? &m_nodes[c.node] : nullptr;
    switch (c.op) {
    case ControlOp::SetRps:
        if (s) {
            s->client.rps = std::max(0.0, c.value);
            scheduleNextArrival(c.node); // supersedes the pending arrival
        }
        break;
    case ControlOp::SetReplicas:
        if (s && !s->reps.empty() && !s->shards) // a sharded store grows by shards
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
            cacheLost(c.node);
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
        if (s) {
            s->flushedAt = m_now;
            s->readsSinceFlush = 0;
            if (s->cache)
                s->cache->flush();
        }
        break;
    case ControlOp::SetShards:
        if (s && s->shards && c.value >= 1)
            setShards(c.node, static_cast<std::uint32_t>(std::min(c.value, 1024.0)));
        break;
    case ControlOp::Partition:
    case ControlOp::Heal: {
        const std::size_t R = m_netp->regions.size();
        if (c.regionA >= R || c.regionB >= R)
            break;
        const char cut = c.op == ControlOp::Partition;
        m_partition[c.regionA * R + c.regionB] = cut;
        m_partition[c.regionB * R + c.regionA] = cut;
        if (!cut)
            healStores();
        reviewLeaders();
        break;
    }
    }
    armHousekeeping();
}

void Simulator::setStatus(std::uint32_t node, std::uint32_t replica, Status st)
{
    touchCapacity(node);
    applyStatus(node, replica, st);
    afterStatusChanges(node);
}

void Simulator::applyStatus(std::uint32_t node, std::uint32_t replica, Status st)
{
    m_nodes[node].reps[replica].status = st;
    if (m_stores[node].enabled()) {
        if (st == Status::Retired)
            m_stores[node].retire(replica);
        else
            m_stores[node].admit(replica);
    }
}

void Simulator::afterStatusChanges(std::uint32_t node)
{
    if (m_stores[node].enabled())
        reviewLeader(node);
    rebuildRotation(node);
    recomputeCost(node);
}

void Simulator::rebuildRotation(std::uint32_t node)
{
    NodeState &s = m_nodes[node];
    s.rotation.clear();
    for (std::uint32_t i = 0; i < s.reps.size(); ++i) {
        // A dead replica stays until its balancers' health checks notice (contract 5.6).
        if (s.reps[i].status == Status::Active
            || (s.reps[i].status == Status::Down && s.reps[i].undetected))
            s.rotation.push_back(i);
    }
    for (std::uint32_t lb : s.feeds)
        rebuildBalancer(lb);
    if (s.lb != kNone)
        rebuildBalancer(node);
    if (!s.feeders.empty())
        pullMessages(node); // replicas back in rotation take waiting messages
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
    // A layer-7 balancer keeps one target list (and balancing policy) per request path.
    for (std::size_t p = 0; p < s.pathTargets.size(); ++p) {
        auto &list = s.pathTargets[p];
        list.clear();
        for (const LbTarget &t : s.lbTargets) {
            if ((m_netp->links[t.link].pathMask >> p) & 1u)
                list.push_back(t);
        }
        m_lb[s.pathLb[p]].targetsChanged(list);
    }
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
    const NodeSpec &spec = m_netp->nodes[node];
    rep.undetected = spec.healthCheck && !spec.replication && !rep.restarting;
    std::uint32_t r = rep.head;
    rep.head = rep.tail = kNone;
    s.queuedTotal -= rep.queued;
    rep.queued = 0;
    setStatus(node, replica, Status::Down);
    if (rep.undetected)
        killDetected(node, replica);
    while (r != kNone) {
        const std::uint32_t next = m_pool[r].nextInQueue;
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
    s.reps[replica].undetected = false;
    setStatus(node, replica, Status::Active);
}

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

Simulator::MechanismState Simulator::mechanismsAt(std::uint32_t node) const
{
    MechanismState m;
    const NodeState &s = m_nodes[node];
    m.backlog = s.backlog;
    if (s.shards)
        m.shardLoad = shardLoad(node);
    if (m_stores[node].enabled()) {
        const NodeSpec &spec = m_netp->nodes[node];
        m.leaderless = spec.replication->quorum.has_value();
        const std::uint32_t leader = m_stores[node].groups().front().leader;
        m.leader = m.leaderless || leader == kNone ? -1 : static_cast<std::int32_t>(leader);
        m.electing = !m.leaderless && leader == kNone;
    }
    if (s.cache) {
        m.cacheKeys = s.cache->size();
        m.cacheFill = s.cache->capacity() ? double(s.cache->size()) / s.cache->capacity() : 0.0;
    }
    return m;
}

} // namespace hld
