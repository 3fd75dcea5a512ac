// Replicated stores (contract 5.4): roles, elections, where a request is served, versions,
// stale reads, quorums and split brain. ReplicatedStore keeps the data; this file decides.
#include "sim/simulator.h"

#include "model/component_kind.h"

#include <algorithm>

namespace hld {

bool Simulator::replicaUp(std::uint32_t node, std::uint32_t i) const
{
    const NodeState &s = m_nodes[node];
    return i < s.reps.size() && s.reps[i].status == Status::Active;
}

bool Simulator::replicasConnected(std::uint32_t node, std::uint32_t a, std::uint32_t b) const
{
    const NodeSpec &spec = m_netp->nodes[node];
    return !partitioned(spec.replicaRegion(a), spec.replicaRegion(b));
}

Simulator::ReplicaGroup Simulator::groupOf(std::uint32_t node, std::uint32_t replica) const
{
    // A sharded store replicates within each shard's group; an unsharded one is one group.
    const NodeSpec &spec = m_netp->nodes[node];
    const auto n = static_cast<std::uint32_t>(m_nodes[node].reps.size());
    if (!spec.shards)
        return {0, 0, n};
    const std::uint32_t R = spec.shardReplicas, g = replica / R;
    return {g, g * R, std::min(n, g * R + R)};
}

std::uint32_t Simulator::groupCount(std::uint32_t node) const
{
    const NodeState &s = m_nodes[node];
    return s.shards ? s.shards->count() : 1;
}

std::uint32_t Simulator::storeMembers(std::uint32_t node, const ReplicaGroup &g) const
{
    std::uint32_t n = 0;
    for (std::uint32_t i = g.begin; i < g.end; ++i)
        n += m_nodes[node].reps[i].status != Status::Retired;
    return n;
}

std::uint32_t Simulator::sideOf(std::uint32_t node, std::uint32_t i) const
{
    // Replicas of its group up and reachable from replica i, itself included.
    const ReplicaGroup g = groupOf(node, i);
    std::uint32_t n = 0;
    for (std::uint32_t j = g.begin; j < g.end; ++j)
        n += replicaUp(node, j) && replicasConnected(node, i, j);
    return n;
}

bool Simulator::onMajoritySide(std::uint32_t node, std::uint32_t i) const
{
    return sideOf(node, i) >= storeMembers(node, groupOf(node, i)) / 2 + 1;
}

bool Simulator::canLead(std::uint32_t node, std::uint32_t i) const
{
    // CP: a leader needs a majority of its group on its side. AP: being up is enough.
    if (!replicaUp(node, i))
        return false;
    if (m_netp->nodes[node].replication->consistency == Consistency::AP)
        return true;
    return onMajoritySide(node, i);
}

void Simulator::reviewLeader(std::uint32_t node)
{
    const NodeSpec &spec = m_netp->nodes[node];
    if (!spec.replication || spec.replication->quorum)
        return; // leaderless
    ReplicatedStore &store = m_stores[node];
    for (std::uint32_t g = 0; g < groupCount(node); ++g) {
        ReplicatedStore::Group &group = store.group(g);
        if (group.leader != kNone && canLead(node, group.leader))
            continue;
        if (group.leader != kNone) {
            // The leader died or is cut off in a minority: writes stop until an election.
            group.leader = kNone;
            group.leaderLostAt = m_now;
        }
        if (!group.electionPending) {
            group.electionPending = true;
            push(m_now + spec.replication->failoverS.value_or(kDefaultFailoverS),
                 Elect,
                 node * kSlot + g);
        }
    }
}

void Simulator::onElect(std::uint32_t handle)
{
    const std::uint32_t node = handle / kSlot, g = handle % kSlot;
    const NodeSpec &spec = m_netp->nodes[node];
    if (!spec.replication || g >= groupCount(node))
        return;
    ReplicatedStore::Group &group = m_stores[node].group(g);
    group.electionPending = false;
    if (group.leader != kNone)
        return;
    // The lowest-numbered replica of the group that can lead wins (as up to date as any: the
    // simulator does not model a log that an election must compare).
    const ReplicaGroup range = groupOf(node, g * (spec.shards ? spec.shardReplicas : 0));
    for (std::uint32_t i = range.begin; i < range.end; ++i) {
        if (!canLead(node, i))
            continue;
        group.leader = i;
        NodeRaw &nr = m_metrics.nodes[node];
        if (m_now >= m_cfg.warmupS)
            ++nr.failovers;
        if (group.leaderLostAt >= 0)
            nr.writeUnavailableS
                += std::max(0.0, m_now - std::max(group.leaderLostAt, m_cfg.warmupS));
        group.leaderLostAt = -1;
        return;
    }
    // Nobody can lead yet: the next change of replicas or partitions calls another election.
}

void Simulator::reviewLeaders()
{
    for (std::uint32_t n = 0; n < m_nodes.size(); ++n)
        reviewLeader(n);
}

double Simulator::replicaLatencyS(const OutLink &l, std::uint32_t replica) const
{
    // A replica in the store's own region is as far as the link says; one elsewhere is as
    // far as its region is from the caller's (the guide's same/cross-region numbers).
    const NodeSpec &target = m_netp->nodes[l.target];
    const std::uint32_t where = target.replicaRegion(replica);
    if (where == target.region)
        return l.latencyS;
    const std::uint32_t from = m_netp->nodes[l.source].region;
    return (from == where ? kSameRegionLatencyMs : kCrossRegionLatencyMs) / 1000.0;
}

std::uint32_t Simulator::chooseStoreReplica(std::uint32_t node, std::uint32_t r)
{
    // Picked before the request travels, so that the chosen replica's distance is what it
    // pays: by role, by read_from, nearest to the caller's region first.
    const NodeSpec &spec = m_netp->nodes[node];
    NodeState &s = m_nodes[node];
    const Request &q = m_pool[r];
    ReplicatedStore &store = m_stores[node];
    const Replication &rep = *spec.replication;
    const std::uint32_t from = m_netp->nodes[top(r).node].region;
    // A sharded store: the group of the shard that owns the key.
    ReplicaGroup group{0, 0, static_cast<std::uint32_t>(s.reps.size())};
    if (s.shards) {
        const std::uint32_t shard
            = q.key == kNoKey ? m_rng[node].below(s.shards->count()) : s.shards->shardOf(q.key);
        if (q.flags & Measured)
            ++s.shardArrivals[shard];
        group = groupOf(node, shard * spec.shardReplicas);
        if (group.begin >= group.end)
            return kNone;
    }
    const std::uint32_t leader = store.group(group.g).leader;
    const std::uint32_t n = group.end - group.begin;
    auto reachable = [&](std::uint32_t i) {
        return replicaUp(node, i) && !partitioned(from, spec.replicaRegion(i));
    };
    // The nearest acceptable replica, turns taken among equals.
    auto nearest = [&](auto &&acceptable) {
        std::uint32_t best = kNone;
        bool bestLocal = false;
        const std::uint32_t start = s.tieCursor++;
        for (std::uint32_t k = 0; k < n; ++k) {
            const std::uint32_t i = group.begin + (start + k) % n;
            if (!reachable(i) || !acceptable(i))
                continue;
            const bool local = spec.replicaRegion(i) == from;
            if (best == kNone || (local && !bestLocal)) {
                best = i;
                bestLocal = local;
            }
        }
        return best;
    };
    auto any = [](std::uint32_t) { return true; };
    if (rep.quorum)
        return nearest(any); // the coordinator: it asks the others
    const bool cp = rep.consistency == Consistency::CP;
    if (q.cls == 1) {
        if (leader != kNone && reachable(leader))
            return leader;
        // No leader in reach: CP refuses; AP accepts the write on this side (split brain).
        return cp ? kNone : nearest(any);
    }
    // CP serves reads only on the side that holds a majority.
    auto majority = [&](std::uint32_t i) { return !cp || onMajoritySide(node, i); };
    std::uint32_t pick = kNone;
    if (rep.readFrom == ReadFrom::Leader) {
        pick = leader != kNone && reachable(leader) ? leader : (cp ? kNone : nearest(any));
    } else if (rep.readFrom == ReadFrom::Followers) {
        pick = nearest([&](std::uint32_t i) { return i != leader && majority(i); });
        if (pick == kNone && leader != kNone && reachable(leader))
            pick = leader;
    } else {
        pick = nearest(majority);
    }
    // Read-your-writes: a replica that has not seen this user's last write will not do.
    if (pick != kNone && rep.readYourWrites.value_or(false)) {
        // (Only a write stored before this read began: the user has had its answer.)
        if (const auto *w = store.lastWriteOf(q.user);
            w && w->atS < q.created && store.behind(pick, w->key, w->version)) {
            if (leader != kNone && reachable(leader))
                pick = leader;
            else
                pick = nearest([&](std::uint32_t i) {
                    return majority(i) && !store.behind(i, w->key, w->version);
                });
        }
    }
    return pick;
}

std::uint64_t Simulator::storeKey(std::uint32_t r)
{
    // The client's key when it gives one; else replication.keys / key_skew as before.
    const std::uint64_t key = m_pool[r].key;
    const std::uint32_t node = top(r).node;
    return key != kNoKey ? key : m_stores[node].drawKey(m_rng[node]);
}

bool Simulator::storeAfterService(std::uint32_t r)
{
    Frame &f = top(r);
    const std::uint32_t node = f.node;
    const NodeSpec &n = m_netp->nodes[node];
    NodeState &s = m_nodes[node];
    Request &q = m_pool[r];
    ReplicatedStore &store = m_stores[node];
    store.ensureReplicas(static_cast<std::uint32_t>(s.reps.size()));
    const Replication &spec = *n.replication;
    const std::uint64_t key = storeKey(r);
    NodeRaw &nr = m_metrics.nodes[node];
    const bool measured = q.flags & Measured;
    const double lagS = spec.lagMs / 1000.0;
    // Its group (the shard's replicas, or all of them) takes part.
    const ReplicaGroup group = groupOf(node, f.replica);
    const std::uint32_t count = group.end - group.begin;
    auto nth = [&](std::uint32_t k) { // the k-th replica of the group after the serving one
        return group.begin + (f.replica - group.begin + k) % count;
    };
    // Replicas that take part with the one serving: up and reachable from it.
    auto peer = [&](std::uint32_t i) {
        return i != f.replica && replicaUp(node, i) && replicasConnected(node, f.replica, i);
    };
    auto refuse = [&] {
        if (measured)
            ++nr.consistencyFailed;
        ++nr.failedHere;
        return false;
    };
    if (q.cls == 1) {
        // Synchronous acknowledgements: the quorum's W - 1, a CP majority's followers, or
        // (sync) every follower. Never acknowledged when they cannot be reached.
        std::uint32_t acks = 0;
        if (spec.quorum)
            acks = static_cast<std::uint32_t>(spec.quorum->w) - 1;
        else if (spec.mode == ReplicationMode::Sync)
            acks = storeMembers(node, group) - 1;
        else if (spec.consistency == Consistency::CP)
            acks = storeMembers(node, group) / 2;
        std::uint32_t reachablePeers = 0;
        for (std::uint32_t i = group.begin; i < group.end; ++i)
            reachablePeers += peer(i);
        if (reachablePeers < acks)
            return refuse();
        const std::size_t held = store.bytes();
        const std::uint32_t v = store.write(f.replica, key, group.begin, group.end);
        if (q.user != kNone)
            store.noteUserWrite(q.user, key, v, m_now);
        if (anyPartition() && spec.consistency == Consistency::AP && !spec.quorum) {
            const std::uint32_t leader = store.group(group.g).leader;
            const bool leaderSide = leader != kNone && replicasConnected(node, f.replica, leader);
            store.noteSplitWrite(key, leaderSide ? 1u : 2u);
        }
        if (store.bytes() != held) [[unlikely]] // a table grew
            keyStateGrew(node, store.bytes() - held);
        std::uint32_t synced = 0;
        for (std::uint32_t k = 1; k < count; ++k) {
            const std::uint32_t i = nth(k);
            if (s.reps[i].status == Status::Retired)
                continue;
            if (synced < acks && peer(i)) {
                store.apply(i, key, v);
                ++synced;
            } else {
                push(m_now + lagS, ReplicaApply, addApply({key, node, i, v, f.replica}));
            }
        }
        if (acks > 0)
            f.backLatencyS += 2 * lagS; // the round trip to the acknowledging replicas
        return true;
    }
    // A quorum read asks R replicas (the coordinator and the next R - 1 it reaches) and
    // answers with the newest reply: it misses a version only if every one asked does.
    const ReplicatedStore::UserWrite *own = store.lastWriteOf(q.user);
    if (own && own->atS >= q.created)
        own = nullptr; // only the user's writes stored before this read began count
    bool stale = store.isStale(f.replica, key);
    bool missedOwn = own && store.behind(f.replica, own->key, own->version);
    if (spec.quorum) {
        std::uint32_t asked = 1;
        const auto R = static_cast<std::uint32_t>(spec.quorum->r);
        for (std::uint32_t k = 1; k < count && asked < R; ++k) {
            const std::uint32_t i = nth(k);
            if (!peer(i))
                continue;
            ++asked;
            stale = stale && store.isStale(i, key);
            missedOwn = missedOwn && store.behind(i, own->key, own->version);
        }
        if (asked < R)
            return refuse();
        if (R > 1)
            f.backLatencyS += 2 * lagS;
    }
    if (missedOwn && measured)
        ++nr.rywViolations;
    if (measured) {
        ++nr.consistencyReads;
        nr.staleReads += stale;
    }
    if (stale)
        q.flags |= Stale;
    return true;
}

bool Simulator::anyPartition() const
{
    return std::find(m_partition.begin(), m_partition.end(), 1) != m_partition.end();
}

void Simulator::healStores()
{
    for (std::uint32_t n = 0; n < m_stores.size(); ++n) {
        ReplicatedStore &store = m_stores[n];
        if (!store.enabled())
            continue;
        // Anti-entropy after the heal: the sides exchange what they missed; a key written
        // on both is a conflict, resolved last writer wins.
        const std::uint64_t conflicts = store.takeConflicts();
        if (m_now >= m_cfg.warmupS)
            m_metrics.nodes[n].conflicts += conflicts;
        store.reconcile();
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
    // A replica cut off from the writer misses the update; the heal's anti-entropy pass
    // (ReplicatedStore::reconcile) brings it up to date.
    if (replicasConnected(p.node, p.from, p.replica))
        m_stores[p.node].apply(p.replica, p.key, p.version);
}

} // namespace hld
