// KeyCache's costs: bytes per cached key, and no allocation per operation once full.
#include "alloc_counter.h"
#include "mech/key_cache.h"
#include "sim/zipf.h"

#include <gtest/gtest.h>

#include <cmath>
#include <utility>

using namespace hld;

namespace {

// Lookups (a store after each miss, 10% of them negative), stores and invalidations of Zipf
// keys, with the clock advancing so that entries and negative entries expire.
void churn(KeyCache &cache, const ZipfSampler &zipf, Rng &rng, double &now, int ops)
{
    for (int i = 0; i < ops; ++i) {
        now += 0.001;
        const std::uint64_t key = zipf.sample(rng);
        const double r = rng.uniform();
        if (r < 0.8) {
            const auto got = cache.lookup(key, now);
            if (got != KeyCache::Lookup::Hit && got != KeyCache::Lookup::NegativeHit)
                cache.store(key, now, rng.uniform() < 0.1);
        } else if (r < 0.95) {
            cache.store(key, now);
        } else {
            cache.erase(key);
        }
    }
}

} // namespace

// 32 bytes a slot plus 1.5 buckets of 4 bytes: 38 per key once full, whatever the policy.
TEST(MechKeyCacheMemory, AFullCacheOfAMillionKeysCostsAtMost40BytesPerKey)
{
    // The slots are the same for LRU, FIFO and RANDOM; the big one is filled once.
    for (auto [e, n] : {std::pair{Eviction::Lru, 1'000'000u},
                        std::pair{Eviction::Fifo, 100'000u},
                        std::pair{Eviction::Random, 100'000u}}) {
        KeyCache cache({n, e, 0, 0});
        for (std::uint64_t k = 0; k < n; ++k)
            cache.store(k * 0x9E3779B97F4A7C15ull, 0);
        ASSERT_EQ(cache.size(), n);
        EXPECT_LE(double(cache.bytes()) / cache.size(), 40.0);
        EXPECT_GE(double(cache.bytes()) / cache.size(), 32.0); // it does count the slots
    }
    // LFU adds its frequency groups, 24 bytes per distinct use count present: few here.
    KeyCache lfu({100'000, Eviction::Lfu, 0, 0});
    ZipfSampler zipf(1'000'000, 0.9);
    Rng rng(4);
    for (int i = 0; i < 300'000; ++i) {
        const std::uint64_t key = zipf.sample(rng);
        if (lfu.lookup(key, 0) != KeyCache::Lookup::Hit)
            lfu.store(key, 0);
    }
    ASSERT_EQ(lfu.size(), 100'000u);
    EXPECT_LE(double(lfu.bytes()) / lfu.size(), 40.0);
}

// Once the cache has filled (its slots, its index and, for LFU, its pool of groups have
// reached their size) no operation allocates: 200,000 more of every kind, with TTLs, a
// flush and a refill, and not one call of operator new.
TEST(MechKeyCacheMemory, NoAllocationPerOperationOnceFull)
{
    for (auto e : {Eviction::Lru, Eviction::Lfu, Eviction::Fifo, Eviction::Random}) {
        KeyCache cache({5000, e, 50.0, 5.0}, Rng(8));
        ZipfSampler zipf(50'000, 0.8);
        Rng rng(9);
        double now = 0;
        churn(cache, zipf, rng, now, 300'000);
        ASSERT_EQ(cache.size(), 5000u) << "the warm-up must fill the cache";
        std::uint64_t before = test::allocationCount();
        KeyCache probe({10, e, 0, 0});
        probe.store(1, 0);
        ASSERT_GT(test::allocationCount(), before) << "the counter must see a cache grow";

        before = test::allocationCount();
        churn(cache, zipf, rng, now, 100'000);
        cache.clear();
        churn(cache, zipf, rng, now, 100'000);
        const std::uint64_t allocations = test::allocationCount() - before;
        EXPECT_EQ(allocations, 0u) << "policy " << int(e);
        EXPECT_GT(cache.counters().evictions, 10'000u);
        EXPECT_GT(cache.counters().expirations, 1000u);
    }
}
