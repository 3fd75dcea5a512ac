// Replicated stores: which replica serves a request, versions, stale reads (CAP).
#include "sim/simulator.h"

#include <algorithm>

namespace hld {

std::uint32_t Simulator::chooseStoreReplica(std::uint32_t node, std::uint32_t r)
{
    // A replicated store picks by role and reachability from the caller's region.
    const NodeSpec &spec = m_netp->nodes[node];
    NodeState &s = m_nodes[node];
    const Request &q = m_pool[r];
    const std::uint32_t from = m_netp->nodes[frame(r, q.depth - 2).node].region;
    const Replication &rep = *spec.replication;
    auto reachable = [&](std::uint32_t i) {
        const auto region = spec.replicaRegion(i);
        return i < s.reps.size() && s.reps[i].status == Status::Active && !partitioned(from, region)
               && !partitioned(spec.replicaRegion(0), region);
    };
    auto reachableFromCaller = [&](std::uint32_t i) {
        const auto region = spec.replicaRegion(i);
        return i < s.reps.size() && s.reps[i].status == Status::Active
               && !partitioned(from, region);
    };
    const bool leaderOk = reachable(0) || (reachableFromCaller(0));
    const bool ap = rep.consistency == Consistency::AP;
    auto anyReachable = [&]() -> std::uint32_t {
        const auto n = static_cast<std::uint32_t>(s.reps.size());
        const std::uint32_t start = n ? m_rng[node].below(n) : 0;
        for (std::uint32_t k = 0; k < n; ++k) {
            const std::uint32_t i = (start + k) % n;
            if (reachableFromCaller(i))
                return i;
        }
        return kNone;
    };
    if (q.cls == 1 || rep.consistency == Consistency::CP || rep.readFrom == ReadFrom::Leader) {
        // Writes go to the leader; CP reads too (a follower could be behind). AP falls back to
        // any replica it can reach.
        if (leaderOk)
            return 0;
        return ap ? anyReachable() : kNone;
    }
    if (rep.readFrom == ReadFrom::Followers && s.reps.size() > 1) {
        const auto n = static_cast<std::uint32_t>(s.reps.size());
        for (std::uint32_t k = 0; k < n - 1; ++k) {
            const std::uint32_t i = 1 + (s.tieCursor++ % (n - 1));
            if (reachableFromCaller(i))
                return i;
        }
        return leaderOk ? 0 : kNone;
    }
    return anyReachable();
}

void Simulator::storeAfterService(std::uint32_t r)
{
    // Reads check their key's version at the replica; writes make a new version there and
    // replicate it to the followers (after the lag, or before answering when sync).
    Frame &f = top(r);
    const std::uint32_t node = f.node;
    const NodeSpec &n = m_netp->nodes[node];
    NodeState &s = m_nodes[node];
    Request &q = m_pool[r];
    ReplicatedStore &store = m_stores[node];
    store.ensureReplicas(static_cast<std::uint32_t>(s.reps.size()));
    const std::uint64_t key = store.drawKey(m_rng[node]);
    NodeRaw &nr = m_metrics.nodes[node];
    if (q.cls == 1) {
        const std::uint32_t v = store.write(f.replica, key);
        const Replication &spec = *n.replication;
        for (std::uint32_t i = 0; i < s.reps.size(); ++i) {
            if (i == f.replica || s.reps[i].status == Status::Retired)
                continue;
            if (spec.mode == ReplicationMode::Sync && f.replica == 0
                && !partitioned(n.replicaRegion(0), n.replicaRegion(i)))
                store.apply(i, key, v);
            else
                push(m_now + spec.lagMs / 1000.0, ReplicaApply, addApply({key, node, i, v}));
        }
        if (spec.mode == ReplicationMode::Sync)
            f.backLatencyS += 2 * spec.lagMs / 1000.0; // waits for the followers' acks
    } else {
        const bool stale = store.isStale(f.replica, key);
        if (q.flags & Measured) {
            ++nr.consistencyReads;
            nr.staleReads += stale;
        }
        if (stale)
            q.flags |= Stale;
    }
}

std::uint32_t Simulator::addApply(const PendingApply &p)
{
    if (!m_freeApplies.empty()) {
        const std::uint32_t i = m_freeApplies.back();
        m_freeApplies.pop_back();
        m_applies[i] = p;
        return i;
    }
    m_applies.push_back(p);
    return static_cast<std::uint32_t>(m_applies.size() - 1);
}

void Simulator::onReplicaApply(std::uint32_t handle)
{
    const PendingApply p = m_applies[handle];
    m_freeApplies.push_back(handle);
    if (p.node == kNone)
        return; // its store was removed
    const auto &spec = m_netp->nodes[p.node];
    const auto region = spec.replicaRegion(p.replica);
    // A follower cut off by a partition misses the update; the heal's anti-entropy pass
    // (ReplicatedStore::reconcile) brings it up to date.
    if (!partitioned(spec.replicaRegion(0), region))
        m_stores[p.node].apply(p.replica, p.key, p.version);
}

} // namespace hld
