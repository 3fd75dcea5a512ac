#include "sim/cache_store.h"

#include <algorithm>

#include "mech/zipf_key_source.h"

namespace hld {

namespace {

KeyCacheConfig cacheConfig(const NodeSpec &spec)
{
    KeyCacheConfig c;
    // A CDN with an edge per region: each edge holds capacity_keys (in one pool).
    c.capacityKeys = static_cast<std::uint32_t>(
        spec.capacityKeys * std::max<std::size_t>(1, spec.edgeRegions.size()));
    c.eviction = spec.eviction;
    c.ttlS = spec.ttlS;
    c.negativeTtlS = spec.negativeTtlS;
    return c;
}

} // namespace

CacheStore::CacheStore(const NodeSpec &spec, Rng rng)
    : m_cache(cacheConfig(spec), rng)
    , m_bloom(spec.bloomFilter)
    , m_strategy(spec.strategy)
    , m_coalesce(spec.coalesce)
{}

bool CacheStore::bloomMightContain(std::uint64_t key)
{
    // The filter's answers, without building it (a design may have 10^12 keys): every key
    // that exists passes (no false negatives); a key that never existed passes with the
    // filter's false-positive rate, decided by a hash of the key, so the same key always
    // gets the same answer.
    if (!ZipfKeySource::isMissing(key))
        return true;
    std::uint64_t x = key ^ 0x9E3779B97F4A7C15ull;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return double(x >> 11) * 0x1.0p-53 < kBloomFalsePositive;
}

CacheStore::Read CacheStore::read(std::uint64_t key, double now, std::uint32_t r, RequestPool &pool)
{
    if (m_bloom && !bloomMightContain(key)) {
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
