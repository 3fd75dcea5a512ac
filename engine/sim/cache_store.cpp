#include "sim/cache_store.h"

#include "mech/zipf_key_source.h"

namespace hld {

namespace {

KeyCacheConfig cacheConfig(const NodeSpec &spec)
{
    KeyCacheConfig c;
    c.capacityKeys = static_cast<std::uint32_t>(spec.capacityKeys);
    c.eviction = spec.eviction;
    c.ttlS = spec.ttlS;
    c.negativeTtlS = spec.negativeTtlS;
    return c;
}

} // namespace

CacheStore::CacheStore(const NodeSpec &spec, std::uint64_t existingKeys, Rng rng)
    : m_cache(cacheConfig(spec), rng)
    , m_strategy(spec.strategy)
    , m_coalesce(spec.coalesce)
{
    if (spec.bloomFilter) {
        // The filter knows every key that exists at the start (ids 0..N-1, as the clients'
        // key sources number them); keys created later are added as they are written.
        m_bloom.emplace(std::max<std::uint64_t>(existingKeys, 1) * 2);
        for (std::uint64_t k = 0; k < existingKeys; ++k)
            m_bloom->add(k);
    }
}

CacheStore::Read CacheStore::read(std::uint64_t key, double now, std::uint32_t r, RequestPool &pool)
{
    if (m_bloom && !m_bloom->mightContain(key)) {
        ++m_bloomRejected; // certainly absent: answered without a lookup downstream
        return Read::NotFound;
    }
    switch (m_cache.lookup(key, now)) {
    case KeyCache::Lookup::Hit:
        return Read::Hit;
    case KeyCache::Lookup::NegativeHit:
        return Read::NotFound;
    case KeyCache::Lookup::Miss:
    case KeyCache::Lookup::Expired:
        break;
    }
    if (!m_coalesce)
        return Read::Miss;
    std::uint32_t &head = m_inFlight.upsert(key, kNone - 1);
    if (head == kNone - 1) { // the first miss of this key: it goes, the next ones wait
        head = kNone;
        return Read::Miss;
    }
    pool[r].nextInQueue = head;
    head = r;
    ++m_coalesced;
    return Read::Coalesced;
}

bool CacheStore::write(std::uint64_t key, double now)
{
    if (m_bloom)
        m_bloom->add(key); // a new key exists from its first write
    switch (m_strategy) {
    case CacheStrategy::CacheAside:
    case CacheStrategy::ReadThrough:
        m_cache.erase(key);
        return false;
    case CacheStrategy::WriteThrough:
        m_cache.store(key, now);
        return false;
    case CacheStrategy::WriteBehind:
        m_cache.store(key, now);
        m_dirty.upsert(key, 1);
        return true;
    }
    return false;
}

void CacheStore::takeDirty(std::vector<std::uint64_t> &out)
{
    out.clear();
    m_dirty.forEach([&out](std::uint64_t key, std::uint32_t) { out.push_back(key); });
    m_dirty.clear();
}

std::uint64_t CacheStore::lose()
{
    const std::uint64_t lost = m_dirty.size();
    m_lostWrites += lost;
    m_dirty.clear();
    m_cache.clear();
    return lost;
}

void CacheStore::flush()
{
    lose();
}

} // namespace hld
