// Sharded stores (contract 5.3): each shard is a group of `replicas` replicas (shard s owns
// replicas s*R .. s*R + R - 1); a request goes to the shard that owns its key.
#include "sim/simulator.h"

#include <algorithm>

namespace hld {

std::uint32_t Simulator::chooseShardReplica(std::uint32_t node, std::uint32_t r)
{
    NodeState &s = m_nodes[node];
    const std::uint32_t R = m_netp->nodes[node].shardReplicas;
    const std::uint64_t key = m_pool[r].key;
    // Without a key (the client gives none) a request touches a shard at random.
    const std::uint32_t shard
        = key == kNoKey ? m_rng[node].below(s.shards->count()) : s.shards->shardOf(key);
    if (m_pool[r].flags & Measured)
        ++s.shardArrivals[shard];
    // The shard's replicas share its reads and writes: the least loaded one in rotation
    // (ties to the lowest). None up: the shard's keys are unavailable.
    std::uint32_t best = kNone;
    for (std::uint32_t i = shard * R; i < shard * R + R && i < s.reps.size(); ++i) {
        const Replica &rep = s.reps[i];
        if (rep.status != Status::Active)
            continue;
        if (best == kNone || rep.present < s.reps[best].present)
            best = i;
    }
    return best;
}

void Simulator::setShards(std::uint32_t node, std::uint32_t count)
{
    NodeState &s = m_nodes[node];
    if (count == s.shards->count())
        return;
    // Re-sharding moves the keys whose owner changed; the new shards' replicas start at
    // once (the data copy is not simulated), the removed shards' replicas drain.
    m_metrics.nodes[node].lastReshardMoved = s.shards->reshard(count);
    if (s.shardArrivals.size() < count)
        s.shardArrivals.resize(count, 0);
    const std::uint32_t R = m_netp->nodes[node].shardReplicas;
    if (m_stores[node].enabled()) { // new shards start with their first replica leading
        for (std::uint32_t g = s.shards->count(); g-- > 0;) {
            ReplicatedStore::Group &group = m_stores[node].group(g);
            if (g * R >= s.reps.size())
                group = ReplicatedStore::Group{g * R, false, -1};
        }
    }
    setReplicas(node, count * R, 0.0, true);
    rebuildRotation(node);
    reviewLeader(node);
    recomputeCost(node);
}

std::vector<double> Simulator::shardLoad(std::uint32_t node) const
{
    const NodeState &s = m_nodes[node];
    const std::uint32_t R = m_netp->nodes[node].shardReplicas;
    std::vector<double> load(s.shards->count(), 0.0);
    for (std::uint32_t k = 0; k < load.size(); ++k) {
        std::uint32_t busy = 0, workers = 0;
        for (std::uint32_t i = k * R; i < k * R + R && i < s.reps.size(); ++i) {
            busy += s.reps[i].busy;
            workers += s.reps[i].workers;
        }
        load[k] = workers ? double(busy) / workers : 0.0;
    }
    return load;
}

} // namespace hld
