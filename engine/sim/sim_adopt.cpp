// A topology change while running: the simulator carries on with a new network, keeping
// every request in flight, every queue and every statistic of the components that remain.
#include "sim/simulator.h"

#include <algorithm>
#include <unordered_map>

namespace hld {

void Simulator::resubscribe(std::uint32_t q, const std::vector<std::uint32_t> &linkMap)
{
    // The queue's subscriptions follow its out-links; waiting and in-flight messages keep
    // theirs by link.
    Broker &broker = *m_nodes[q].broker;
    const auto subs = subscriptionsOf(q);
    std::vector<std::uint32_t> from(subs.size(), kNone), to(broker.subscriptions().size(), kNone);
    for (std::uint32_t old = 0; old < broker.subscriptions().size(); ++old) {
        const std::uint32_t l = broker.subscriptions()[old].link;
        const std::uint32_t mapped = l < linkMap.size() ? linkMap[l] : kNone;
        for (std::uint32_t i = 0; i < subs.size(); ++i) {
            if (subs[i].link == mapped) {
                from[i] = old;
                to[old] = i;
            }
        }
    }
    for (std::uint32_t r = 0; r < m_pool.allocated(); ++r) {
        if (!m_pool.isFree(r) && m_pool[r].msg != kNone && frame(r, 0).node == q) {
            const std::uint32_t old = frame(r, 0).nextLink;
            frame(r, 0).nextLink = old < to.size() ? to[old] : kNone;
        }
    }
    broker.resubscribe(subs, from);
    touchBacklog(q);
    m_nodes[q].backlog = broker.waiting();
}

bool Simulator::adopt(const Network &next)
{
    const Network &old = *m_netp;
    std::unordered_map<std::string, std::uint32_t> nextNode;
    for (std::uint32_t j = 0; j < next.nodes.size(); ++j)
        nextNode.emplace(next.nodes[j].id, j);
    std::vector<std::uint32_t> nodeMap(old.nodes.size(), kNone);
    for (std::uint32_t i = 0; i < old.nodes.size(); ++i) {
        auto it = nextNode.find(old.nodes[i].id);
        if (it != nextNode.end())
            nodeMap[i] = it->second;
    }
    std::unordered_map<std::string, std::uint32_t> nextLink;
    for (std::uint32_t l = 0; l < next.links.size(); ++l)
        nextLink.emplace(
            next.nodes[next.links[l].source].id + '\x1f' + next.nodes[next.links[l].target].id, l);
    std::vector<std::uint32_t> linkMap(old.links.size(), kNone);
    for (std::uint32_t l = 0; l < old.links.size(); ++l) {
        auto it = nextLink.find(old.nodes[old.links[l].source].id + '\x1f'
                                + old.nodes[old.links[l].target].id);
        if (it != nextLink.end())
            linkMap[l] = it->second;
    }

    // Every request in flight must still have every component and link it stands on.
    for (std::uint32_t r = 0; r < m_pool.allocated(); ++r) {
        if (m_pool.isFree(r))
            continue;
        for (std::uint32_t d = 0; d < m_pool[r].depth; ++d) {
            const Frame &f = frame(r, d);
            if (nodeMap[f.node] == kNone || (d > 0 && linkMap[f.inLink] == kNone))
                return false;
            const NodeSpec &spec = old.nodes[f.node];
            const bool queueOrigin = d == 0 && m_pool[r].msg != kNone; // nextLink = subscription
            if (!queueOrigin && f.nextLink >= spec.linkBegin && f.nextLink < spec.linkEnd
                && linkMap[f.nextLink] == kNone)
                return false;
        }
    }

    if (!adoptLinks(old, next, linkMap))
        return false;

    // Frames: a deeper chain needs a wider stride.
    m_pool.widen(next.maxDepth);
    for (std::uint32_t r = 0; r < m_pool.allocated(); ++r) {
        if (m_pool.isFree(r))
            continue;
        for (std::uint32_t d = 0; d < m_pool[r].depth; ++d) {
            Frame &f = frame(r, d);
            const NodeSpec &was = old.nodes[f.node];
            f.node = nodeMap[f.node];
            if (d > 0)
                f.inLink = linkMap[f.inLink];
            if (d == 0 && m_pool[r].msg != kNone)
                continue; // a queue's message: its subscription is remapped with the broker
            if (f.nextLink >= was.linkBegin && f.nextLink < was.linkEnd)
                f.nextLink = linkMap[f.nextLink];
            else if (f.nextLink == was.linkEnd)
                f.nextLink = next.nodes[f.node].linkEnd;
        }
    }

    // Events that name components by number (before new components schedule their own).
    m_fes.forEachTimed([&](std::uint32_t &kind, std::uint32_t &handle) {
        if (kind == ClientArrival || kind == AutoscaleTick || kind == CacheFlush) {
            const std::uint32_t j = nodeMap[handle];
            if (j == kNone)
                kind = Nop; // keeps its class
            else
                handle = j;
        } else if (kind == ReplicaReady || kind == ReplicaRestarted || kind == Elect) {
            const std::uint32_t j = nodeMap[handle / kSlot];
            if (j == kNone)
                kind = Nop;
            else
                handle = j * kSlot + handle % kSlot;
        }
    });

    // Per-component state moves to its new index; new components start fresh.
    const std::size_t n = next.nodes.size();
    std::vector<NodeState> nodes(n);
    std::vector<Rng> rng(n);
    std::vector<ReplicatedStore> stores(n);
    std::vector<NodeRaw> raw(n);
    std::vector<char> kept(n, 0);
    std::vector<std::uint32_t> was(n, kNone);
    for (std::uint32_t i = 0; i < old.nodes.size(); ++i) {
        const std::uint32_t j = nodeMap[i];
        if (j == kNone)
            continue;
        nodes[j] = std::move(m_nodes[i]);
        rng[j] = m_rng[i];
        stores[j] = std::move(m_stores[i]);
        raw[j] = std::move(m_metrics.nodes[i]);
        kept[j] = 1;
        was[j] = i;
    }
    m_nodes = std::move(nodes);
    m_rng = std::move(rng);
    m_stores = std::move(stores);
    m_keyStateBytes = 0; // the removed components' stores are gone
    for (const ReplicatedStore &st : m_stores)
        m_keyStateBytes += st.bytes();
    m_metrics.nodes = std::move(raw);
    std::vector<char> replicated(n, 0);
    for (std::uint32_t j = 0; j < n; ++j)
        replicated[j] = next.nodes[j].replication.has_value();
    m_windows.remap(nodeMap, n, replicated);
    m_netp = &next;
    for (std::uint32_t j = 0; j < n; ++j) {
        NodeState &s = m_nodes[j];
        if (!kept[j]) {
            initNode(j);
            if (next.nodes[j].kind == ComponentKind::Client)
                scheduleNextArrival(j);
            continue;
        }
        // A kept component takes the parts of its spec that are not live controls.
        s.sampler = next.nodes[j].sampler;
        if (s.lb != kNone)
            m_lb[s.lb].setAlgorithm(next.nodes[j].algorithm);
        if (s.broker)
            resubscribe(j, linkMap);
        recache(j, old.nodes[was[j]]);
        retraffic(j, &old.nodes[was[j]]);
    }

    for (auto &c : m_controls)
        c.node = c.node < nodeMap.size() ? nodeMap[c.node] : kNone;
    for (auto &a : m_applies)
        a.node = a.node < nodeMap.size() ? nodeMap[a.node] : kNone;
    std::vector<std::uint64_t> sends(next.links.size(), 0);
    for (std::uint32_t l = 0; l < old.links.size(); ++l) {
        if (linkMap[l] != kNone)
            sends[linkMap[l]] = m_linkSends[l];
    }
    m_linkSends = std::move(sends);
    // Partitions are kept by region name.
    const std::size_t R = next.regions.size(), oldR = old.regions.size();
    std::vector<char> partition(R * R, 0);
    for (std::size_t a = 0; a < oldR; ++a) {
        for (std::size_t b = 0; b < oldR; ++b) {
            if (!m_partition[a * oldR + b])
                continue;
            const auto na = next.regionIndex(old.regions[a]), nb = next.regionIndex(old.regions[b]);
            if (na != kNone && nb != kNone)
                partition[na * R + nb] = 1;
        }
    }
    m_partition = std::move(partition);

    computeFeeds();
    for (std::uint32_t j = 0; j < n; ++j) {
        rebuildRotation(j);
        recomputeCost(j);
    }
    computeLimits();
    armHousekeeping();
    return true;
}

} // namespace hld
