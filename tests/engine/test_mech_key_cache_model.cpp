// KeyCache against a slow, obviously right model (ordered sets, a hash map of entries) over
// long random mixes of lookups, stores, negative stores, invalidations, flushes and TTL
// changes; then its memory per key and its allocations in a steady state.
#include "alloc_counter.h"
#include "mech/key_cache.h"
#include "sim/zipf.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>
#include <tuple>
#include <unordered_map>

using namespace hld;
using Lookup = KeyCache::Lookup;

namespace {

// The rules of KeyCache written the plain way: each entry remembers its last use, its
// insertion and its use count, and the victim order is an ordered set over those.
class ReferenceCache
{
public:
    explicit ReferenceCache(const KeyCacheConfig &config)
        : m_config(config)
    {}

    Lookup lookup(std::uint64_t key, double now)
    {
        auto it = m_entries.find(key);
        if (it == m_entries.end()) {
            ++counters.misses;
            return Lookup::Miss;
        }
        if (now >= it->second.expiresAt) {
            remove(key);
            ++counters.expirations;
            ++counters.misses;
            return Lookup::Expired;
        }
        const bool negative = it->second.negative;
        touch(key);
        ++counters.hits;
        counters.negativeHits += negative;
        return negative ? Lookup::NegativeHit : Lookup::Hit;
    }

    void store(std::uint64_t key, double now, bool negative)
    {
        const double ttl = negative ? m_config.negativeTtlS : m_config.ttlS;
        if (negative && !(ttl > 0)) {
            erase(key);
            return;
        }
        if (m_config.capacityKeys == 0)
            return;
        const double expiresAt = ttl > 0 ? now + ttl : kNever;
        auto it = m_entries.find(key);
        if (it != m_entries.end()) {
            if (now < it->second.expiresAt) {
                it->second.expiresAt = expiresAt;
                it->second.negative = negative;
                touch(key);
                return;
            }
            remove(key);
            ++counters.expirations;
        }
        if (m_entries.size() >= m_config.capacityKeys)
            makeRoom(now);
        const Entry e{expiresAt, negative, ++m_clock, m_clock, 1};
        m_entries[key] = e;
        m_order.insert(rank(key, e));
    }

    void erase(std::uint64_t key)
    {
        if (m_entries.count(key))
            remove(key);
    }
    void clear()
    {
        m_entries.clear();
        m_order.clear();
    }
    void setTtl(double ttl, double negativeTtl)
    {
        m_config.ttlS = ttl;
        m_config.negativeTtlS = negativeTtl;
    }
    bool contains(std::uint64_t key) const { return m_entries.count(key) != 0; }
    std::size_t size() const { return m_entries.size(); }

    KeyCacheCounters counters;

private:
    static constexpr double kNever = std::numeric_limits<double>::infinity();
    struct Entry
    {
        double expiresAt;
        bool negative;
        std::uint64_t lastUse;
        std::uint64_t inserted;
        std::uint64_t uses;
    };
    using Rank = std::tuple<std::uint64_t, std::uint64_t, std::uint64_t>;

    Rank rank(std::uint64_t key, const Entry &e) const
    {
        switch (m_config.eviction) {
        case Eviction::Lru:
            return {e.lastUse, 0, key};
        case Eviction::Fifo:
            return {e.inserted, 0, key};
        default:
            return {e.uses, e.lastUse, key};
        }
    }
    void remove(std::uint64_t key)
    {
        m_order.erase(rank(key, m_entries.at(key)));
        m_entries.erase(key);
    }
    void touch(std::uint64_t key)
    {
        if (m_config.eviction == Eviction::Fifo)
            return;
        Entry &e = m_entries.at(key);
        m_order.erase(rank(key, e));
        e.lastUse = ++m_clock;
        ++e.uses;
        m_order.insert(rank(key, e));
    }
    void makeRoom(double now)
    {
        const std::uint64_t victim = std::get<2>(*m_order.begin());
        int n = 0;
        for (auto it = m_order.begin(); it != m_order.end() && n < KeyCache::kExpiryScan;
             ++it, ++n) {
            const std::uint64_t key = std::get<2>(*it);
            if (now >= m_entries.at(key).expiresAt) {
                remove(key);
                ++counters.expirations;
                return;
            }
        }
        remove(victim);
        ++counters.evictions;
    }

    KeyCacheConfig m_config;
    std::unordered_map<std::uint64_t, Entry> m_entries;
    std::set<Rank> m_order;
    std::uint64_t m_clock = 0;
};

void expectSameCounters(const KeyCacheCounters &a, const KeyCacheCounters &b)
{
    EXPECT_EQ(a.hits, b.hits);
    EXPECT_EQ(a.negativeHits, b.negativeHits);
    EXPECT_EQ(a.misses, b.misses);
    EXPECT_EQ(a.evictions, b.evictions);
    EXPECT_EQ(a.expirations, b.expirations);
}

struct Workload
{
    std::uint32_t capacity;
    double universe; // keys, as a multiple of the capacity
    double skew;     // of the Zipf law over them
    double ttl;      // as a multiple of the capacity (in mean steps between operations)
};

// Runs `ops` random operations on both, keys drawn from a Zipf law, time advancing by
// Poisson steps of mean 1: a small universe and a long TTL make evictions common, a short TTL
// expirations; skew 0 keeps use counts low and tied, which is where LFU's groups are busiest.
void differential(Eviction eviction, const Workload &w, int ops, std::uint64_t seed)
{
    const double ttl = w.ttl * w.capacity;
    const double negativeTtl = ttl / 4;
    KeyCacheConfig config{w.capacity, eviction, ttl, negativeTtl};
    KeyCache cache(config, Rng(seed));
    ReferenceCache ref(config);
    const auto universe = static_cast<std::uint64_t>(w.universe * w.capacity);
    ZipfSampler zipf(universe, w.skew);
    Rng rng(seed);
    double now = 0;
    for (int i = 0; i < ops; ++i) {
        now += -std::log(rng.uniformOpen0());
        const std::uint64_t key = (zipf.sample(rng) - 1) * 0x9E3779B97F4A7C15ull; // spread
        const double r = rng.uniform();
        if (r < 0.55) {
            const Lookup got = cache.lookup(key, now);
            ASSERT_EQ(got, ref.lookup(key, now)) << "op " << i;
            if (got != Lookup::Hit && got != Lookup::NegativeHit) {
                const bool negative = rng.uniform() < 0.1;
                cache.store(key, now, negative);
                ref.store(key, now, negative);
            }
        } else if (r < 0.80) {
            const bool negative = rng.uniform() < 0.05;
            cache.store(key, now, negative);
            ref.store(key, now, negative);
        } else if (r < 0.95) {
            cache.erase(key);
            ref.erase(key);
        } else if (r < 0.9997) {
            ASSERT_EQ(cache.lookup(key, now), ref.lookup(key, now)) << "op " << i;
        } else if (r < 0.9999) {
            // Sometimes without any TTL, so that eviction runs with no expiry at all.
            const bool off = rng.uniform() < 0.5;
            cache.setTtl(off ? 0 : ttl, off ? 0 : negativeTtl);
            ref.setTtl(off ? 0 : ttl, off ? 0 : negativeTtl);
        } else {
            cache.clear();
            ref.clear();
        }
        ASSERT_EQ(cache.size(), ref.size()) << "op " << i;
        if (i % 5000 == 0) {
            for (std::uint64_t k = 0; k < universe; ++k)
                ASSERT_EQ(cache.contains(k * 0x9E3779B97F4A7C15ull),
                          ref.contains(k * 0x9E3779B97F4A7C15ull));
        }
    }
    expectSameCounters(cache.counters(), ref.counters);
    EXPECT_GT(cache.counters().evictions, 0u);
    EXPECT_GT(cache.counters().expirations, 0u);
    EXPECT_GT(cache.counters().negativeHits, 0u);
}

} // namespace

// Tiny, small and large caches (the large one grows its index several times while filling),
// with evictions and expirations both common, or evictions mostly, under skewed and uniform
// keys. The tiny ones evict among few, low, often tied use counts, where LFU's group
// bookkeeping is busiest.
const Workload kWorkloads[] = {
    {4, 2, 0.0, 4},
    {16, 3, 0.5, 1},
    {64, 3, 0.9, 2},
    {64, 2, 0.0, 2},
    {3000, 10, 0.9, 8},
    {3000, 2, 0.0, 1},
};

TEST(MechKeyCacheModel, LruAgreesWithTheReferenceOperationByOperation)
{
    for (const auto &w : kWorkloads)
        differential(Eviction::Lru, w, 60'000, w.capacity + 1);
}

TEST(MechKeyCacheModel, FifoAgreesWithTheReferenceOperationByOperation)
{
    for (const auto &w : kWorkloads)
        differential(Eviction::Fifo, w, 60'000, w.capacity + 2);
}

TEST(MechKeyCacheModel, LfuAgreesWithTheReferenceOperationByOperation)
{
    for (const auto &w : kWorkloads)
        differential(Eviction::Lfu, w, 60'000, w.capacity + 3);
}

// RANDOM's victims cannot be predicted, but everything else can: after each operation the
// contents equal the model's, a store into a full cache removes exactly one other key, and
// that removal is an expiration exactly when the key had expired.
TEST(MechKeyCacheModel, RandomKeepsItsContentsAndCountersConsistent)
{
    const std::uint32_t capacity = 64;
    const double ttl = 128;
    KeyCache cache({capacity, Eviction::Random, ttl, 0}, Rng(77));
    std::unordered_map<std::uint64_t, double> model; // key -> expiry
    ZipfSampler zipf(3 * capacity, 0.9);
    Rng rng(78);
    double now = 0;
    for (int i = 0; i < 100'000; ++i) {
        now += -std::log(rng.uniformOpen0());
        const std::uint64_t key = zipf.sample(rng) - 1;
        if (rng.uniform() < 0.1) {
            cache.erase(key);
            model.erase(key);
            continue;
        }
        auto it = model.find(key);
        const bool live = it != model.end() && now < it->second;
        const Lookup expected
            = live ? Lookup::Hit : (it != model.end() ? Lookup::Expired : Lookup::Miss);
        ASSERT_EQ(cache.lookup(key, now), expected) << "op " << i;
        if (live)
            continue;
        model.erase(key);
        const KeyCacheCounters before = cache.counters();
        cache.store(key, now);
        if (model.size() >= capacity) {
            std::uint64_t gone = ~0ull;
            for (const auto &[k, expiry] : model) {
                if (!cache.contains(k)) {
                    ASSERT_EQ(gone, ~0ull) << "op " << i << ": more than one key removed";
                    gone = k;
                }
            }
            ASSERT_NE(gone, ~0ull) << "op " << i;
            const bool expired = now >= model[gone];
            EXPECT_EQ(cache.counters().expirations - before.expirations, expired ? 1u : 0u);
            EXPECT_EQ(cache.counters().evictions - before.evictions, expired ? 0u : 1u);
            model.erase(gone);
        }
        model[key] = now + ttl;
        ASSERT_EQ(cache.size(), model.size());
    }
    EXPECT_GT(cache.counters().evictions, 1000u);
    EXPECT_GT(cache.counters().expirations, 1000u);
}
