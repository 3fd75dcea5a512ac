// Caches (contract 5.2): the fixed hit_ratio mode, and key-level caches whose hit ratio
// emerges from their contents (CacheStore decides; this file moves the requests).
#include "sim/simulator.h"

#include <cmath>

namespace hld {

namespace {
// The fixed mode has no keys: after a flush it warms up as if its hits came from a hot set
// of this many equally popular keys (the chance that a read's key was read since the flush
// is 1 - e^(-reads/kHotSet)), so it refills in reads, not in seconds.
constexpr double kHotSet = 1000;
} // namespace

bool Simulator::fixedCacheHit(std::uint32_t node, bool measured)
{
    NodeState &s = m_nodes[node];
    double h = s.hitRatio;
    if (s.flushedAt >= 0)
        h *= 1.0 - std::exp(-double(s.readsSinceFlush++) / kHotSet);
    const bool hit = m_rng[node].uniform() < h;
    if (measured) {
        ++m_metrics.nodes[node].reads;
        m_metrics.nodes[node].hits += hit;
    }
    return hit;
}

std::uint32_t Simulator::edgeOf(std::uint32_t node, std::uint32_t r) const
{
    const NodeSpec &n = m_netp->nodes[node];
    return n.edgeRegions.empty() ? 0 : n.edgeOf(m_netp->nodes[m_pool.frame(r, 0).node].region);
}

std::uint64_t Simulator::edgeKey(std::uint32_t node, std::uint32_t r) const
{
    // Each edge of a CDN keeps its own copies, and each shard of a sharded cache holds only
    // the keys it owns: the edge's or the owner shard's number in bits 48-62 of the key (a
    // CDN has no shards). After a re-shard, a key that moved is looked for where nobody
    // stored it, and misses once: what consistent hashing saves a cache.
    const std::uint64_t key = m_pool[r].key;
    const auto &shards = m_nodes[node].shards;
    const std::uint64_t tag = shards ? shards->shardOf(key) : edgeOf(node, r);
    return key ^ (tag << 48);
}

void Simulator::countEdgeRead(std::uint32_t node, std::uint32_t r, bool hit)
{
    if (m_netp->nodes[node].edgeRegions.empty() || !(m_pool[r].flags & Measured))
        return;
    NodeRaw &nr = m_metrics.nodes[node];
    const std::uint32_t e = edgeOf(node, r);
    if (nr.edgeReads.size() <= e) {
        nr.edgeReads.resize(m_netp->nodes[node].edgeRegions.size());
        nr.edgeHits.resize(m_netp->nodes[node].edgeRegions.size());
    }
    ++nr.edgeReads[e];
    nr.edgeHits[e] += hit;
}

bool Simulator::cacheService(std::uint32_t r)
{
    Frame &f = top(r);
    CacheStore &cache = *m_nodes[f.node].cache;
    Request &q = m_pool[r];
    if (q.key == kNoKey)
        return true; // no key to look up (the client gives none): straight downstream
    const std::uint64_t key = edgeKey(f.node, r);
    if (q.cls == 1) {
        if (!cache.write(key, m_now))
            return true;
        // write_behind: the cache holds at most capacity_keys unflushed keys (each is one of
        // its entries); a full buffer flushes at once, before the interval is up.
        NodeState &s = m_nodes[f.node];
        if (cache.dirty() >= cache.capacity() && !s.earlyFlushQueued) {
            s.earlyFlushQueued = true;
            push(m_now, CacheFlush, f.node | kEarlyFlush);
        }
        respond(r); // acknowledged once cached
        return false;
    }
    const CacheStore::Read verdict = cache.read(key, m_now, r, m_pool);
    countEdgeRead(
        f.node, r, verdict == CacheStore::Read::Hit || verdict == CacheStore::Read::NotFound);
    switch (verdict) {
    case CacheStore::Read::Hit:
    case CacheStore::Read::NotFound:
        q.flags |= Hit;
        respond(r);
        return false;
    case CacheStore::Read::Coalesced:
        return false; // waits for the miss of its key already on its way
    case CacheStore::Read::Miss:
        f.flags |= CacheFill;
        return true;
    }
    return true;
}

void Simulator::cacheFilled(std::uint32_t r)
{
    Frame &f = top(r);
    f.flags &= std::uint16_t(~CacheFill);
    const bool ok = !(m_pool[r].flags & Failed);
    const std::uint64_t key = edgeKey(f.node, r);
    m_nodes[f.node].cache->fill(
        key, !ZipfKeySource::isMissing(key), ok, m_now, m_pool, [&](std::uint32_t w) {
            if (!ok)
                m_pool[w].flags |= Failed;
            else
                m_pool[w].flags |= Hit;
            respond(w);
        });
}

void Simulator::onCacheFlush(std::uint32_t handle)
{
    const std::uint32_t node = handle & ~kEarlyFlush;
    const NodeSpec &spec = m_netp->nodes[node];
    NodeState &s = m_nodes[node];
    if (handle & kEarlyFlush)
        s.earlyFlushQueued = false; // the periodic flushes go on as they were
    if (!s.cache || !spec.keyCache || !s.cache->writeBehind())
        return; // no longer a write_behind cache: the flushes stop
    if (!(handle & kEarlyFlush))
        push(m_now + spec.flushIntervalS, CacheFlush, node);
    if (s.killed)
        return;
    std::uint32_t link = kNone; // where writes go: the first sync link that takes them
    for (std::uint32_t i = spec.linkBegin; i < spec.linkEnd && link == kNone; ++i) {
        const OutLink &l = m_netp->links[i];
        if (!l.async && l.filter != RequestFilter::Reads)
            link = i;
    }
    s.cache->takeDirty(m_flushKeys);
    if (link == kNone)
        return;
    const bool measured = m_now >= m_cfg.warmupS;
    for (std::uint64_t key : m_flushKeys) {
        const std::uint32_t m = allocRequest();
        if (m == kNone)
            return;
        Request &q = m_pool[m];
        q.created = m_now;
        q.cls = 1;
        q.user = 0;
        q.serial = 0;
        q.key = key & ~(std::uint64_t(0x7FFF) << 48); // as the client named it: no tag
        q.msg = kNone;
        q.call = kNone;
        q.retries = 0;
        q.path = kNoPath;
        q.flags = Message | (measured ? Measured : 0);
        q.depth = 1;
        q.nextInQueue = kNone;
        Frame &origin = frame(m, 0);
        origin.node = node;
        origin.flags = 0;
        origin.span = 0;
        send(m, link, kNone);
    }
}

void Simulator::recache(std::uint32_t node, const NodeSpec &before)
{
    const NodeSpec &spec = m_netp->nodes[node];
    NodeState &s = m_nodes[node];
    if (!spec.keyCache)
        return; // an old store stays only to answer the misses still on their way
    auto same = [](const NodeSpec &a, const NodeSpec &b) {
        return a.keyCache == b.keyCache && a.capacityKeys == b.capacityKeys
               && a.eviction == b.eviction && a.ttlS == b.ttlS && a.strategy == b.strategy
               && a.negativeTtlS == b.negativeTtlS && a.bloomFilter == b.bloomFilter
               && a.coalesce == b.coalesce;
    };
    if (s.cache && same(spec, before))
        return;
    // A reconfigured cache restarts empty; the misses on their way still find their waiters.
    const bool flushing = s.cache && s.cache->writeBehind() && before.keyCache;
    auto fresh = std::make_unique<CacheStore>(spec, Rng::forStream(m_seed, spec.id + "/evict"));
    if (s.cache)
        fresh->adoptInFlight(*s.cache);
    s.cache = std::move(fresh);
    s.cacheAtWarmup = {};
    s.coalescedAtWarmup = s.bloomAtWarmup = s.lostAtWarmup = 0;
    if (s.cache->writeBehind() && !flushing)
        push(m_now + spec.flushIntervalS, CacheFlush, node);
}

void Simulator::cacheLost(std::uint32_t node)
{
    if (m_nodes[node].cache)
        m_nodes[node].cache->lose();
}

} // namespace hld
