// KeyCache, case by case: which key each policy gives up, what the counters say, TTL and
// negative entries, invalidation and flush.
#include "mech/key_cache.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace hld;
using Lookup = KeyCache::Lookup;

namespace {

KeyCache makeCache(std::uint32_t capacity, Eviction e, double ttl = 0, double negativeTtl = 0)
{
    return KeyCache({capacity, e, ttl, negativeTtl}, Rng(3));
}

void storeAll(KeyCache &c, std::initializer_list<std::uint64_t> keys, double now = 0)
{
    for (auto k : keys)
        c.store(k, now);
}

} // namespace

TEST(MechKeyCache, LruEvictsTheLeastRecentlyUsed)
{
    auto c = makeCache(3, Eviction::Lru);
    storeAll(c, {1, 2, 3});
    EXPECT_EQ(c.lookup(1, 0), Lookup::Hit); // 1 is now the most recent: 2 is the oldest use
    c.store(4, 0);
    EXPECT_FALSE(c.contains(2));
    EXPECT_TRUE(c.contains(1) && c.contains(3) && c.contains(4));
    c.store(3, 0); // a re-store is a use too: 1 is next
    c.store(5, 0);
    EXPECT_FALSE(c.contains(1));
    EXPECT_EQ(c.counters().evictions, 2u);
    EXPECT_EQ(c.size(), 3u);
}

TEST(MechKeyCache, FifoEvictsTheOldestInsertionWhateverItsHits)
{
    auto c = makeCache(3, Eviction::Fifo);
    storeAll(c, {1, 2, 3});
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(c.lookup(1, 0), Lookup::Hit);
    c.store(1, 0); // a re-store does not make it new either
    c.store(4, 0);
    EXPECT_FALSE(c.contains(1));
    c.store(5, 0);
    EXPECT_FALSE(c.contains(2));
    EXPECT_TRUE(c.contains(3) && c.contains(4) && c.contains(5));
}

TEST(MechKeyCache, LfuEvictsTheLeastFrequentThenTheLeastRecentAmongThem)
{
    auto c = makeCache(3, Eviction::Lfu);
    storeAll(c, {1, 2, 3}); // uses: 1, 1, 1
    c.lookup(1, 0);
    c.lookup(1, 0);
    c.lookup(2, 0); // uses: 3, 2, 1
    c.store(4, 0);  // 3 has the fewest
    EXPECT_FALSE(c.contains(3));
    c.store(5, 0); // 4 (1 use) goes before 2 (2 uses)
    EXPECT_FALSE(c.contains(4));
    c.lookup(5, 0); // uses: 1 -> 3, 2 -> 2, 5 -> 2; 2 used less recently than 5
    c.store(6, 0);
    EXPECT_FALSE(c.contains(2));
    EXPECT_TRUE(c.contains(1) && c.contains(5) && c.contains(6));
    // Counts are not history: 2 comes back with one use (6, with one, made room for it)
    // and is the next victim.
    c.store(2, 0);
    EXPECT_FALSE(c.contains(6));
    c.store(7, 0);
    EXPECT_FALSE(c.contains(2));
    EXPECT_EQ(c.counters().evictions, 5u);
}

TEST(MechKeyCache, LfuTiesGoToTheLeastRecentlyUsedWhateverTheOrderOfBumps)
{
    // 1, 2, 3 each stored then hit once: two uses each, 1's last use the oldest. The group
    // for two uses is made by bumping 1's group in place; 2 and 3 then join it.
    auto c = makeCache(3, Eviction::Lfu);
    for (std::uint64_t k : {1, 2, 3}) {
        c.store(k, 0);
        c.lookup(k, 0);
    }
    c.store(4, 0);
    EXPECT_FALSE(c.contains(1));
    c.lookup(4, 0); // 4 reaches two uses too, after 2 and 3
    c.store(5, 0);  // 2 is the least recent of the tied
    EXPECT_FALSE(c.contains(2));
    c.store(6, 0); // 5 has one use: it goes before 3 and 4
    EXPECT_FALSE(c.contains(5));
    EXPECT_TRUE(c.contains(3) && c.contains(4) && c.contains(6));
}

TEST(MechKeyCache, LfuGroupsSurviveLongRunsOfOneKey)
{
    // One key far ahead of the others, and a second one catching up: the frequency groups
    // are created, bumped in place and freed many times over.
    auto c = makeCache(2, Eviction::Lfu);
    storeAll(c, {10, 20});
    for (int i = 0; i < 1000; ++i)
        c.lookup(10, 0);
    for (int i = 0; i < 999; ++i)
        c.lookup(20, 0);
    c.store(30, 0); // 20 has 1000 uses, 10 has 1001: 20 goes
    EXPECT_FALSE(c.contains(20));
    c.store(40, 0); // 30 has one use
    EXPECT_FALSE(c.contains(30));
    EXPECT_TRUE(c.contains(10) && c.contains(40));
}

// A random victim is uniform over the contents: the slot of each victim among 10 full
// caches, over 20,000 independent caches, chi-square with 9 degrees of freedom (the 99.99th
// percentile is 33.7).
TEST(MechKeyCache, RandomEvictsUniformlyAndReplaysFromItsSeed)
{
    const int trials = 20'000;
    std::vector<int> victims(10, 0);
    for (int t = 0; t < trials; ++t) {
        KeyCache c({10, Eviction::Random, 0, 0}, Rng(1000 + t));
        for (std::uint64_t k = 0; k < 10; ++k)
            c.store(k, 0);
        c.store(99, 0);
        int gone = -1;
        for (int k = 0; k < 10; ++k) {
            if (!c.contains(k)) {
                ASSERT_EQ(gone, -1) << "one victim only";
                gone = k;
            }
        }
        ASSERT_NE(gone, -1);
        ++victims[gone];
    }
    double chi2 = 0;
    for (int v : victims)
        chi2 += (v - trials / 10.0) * (v - trials / 10.0) / (trials / 10.0);
    EXPECT_LT(chi2, 33.7);

    // Same seed, same victims.
    KeyCache a({50, Eviction::Random, 0, 0}, Rng(9));
    KeyCache b({50, Eviction::Random, 0, 0}, Rng(9));
    for (std::uint64_t k = 0; k < 5000; ++k) {
        a.store(k * 7919, 0);
        b.store(k * 7919, 0);
    }
    for (std::uint64_t k = 0; k < 5000; ++k)
        ASSERT_EQ(a.contains(k * 7919), b.contains(k * 7919));
}

TEST(MechKeyCache, EveryPolicyCountsOneEvictionPerStoreBeyondCapacity)
{
    for (auto e : {Eviction::Lru, Eviction::Lfu, Eviction::Fifo, Eviction::Random}) {
        auto c = makeCache(100, e);
        for (std::uint64_t k = 0; k < 250; ++k)
            c.store(k, 0);
        EXPECT_EQ(c.size(), 100u);
        EXPECT_EQ(c.counters().evictions, 150u);
        EXPECT_EQ(c.counters().expirations, 0u);
        int present = 0;
        for (std::uint64_t k = 0; k < 250; ++k)
            present += c.contains(k);
        EXPECT_EQ(present, 100);
    }
}

TEST(MechKeyCache, ClearEmptiesTheCacheAndKeepsTheCounters)
{
    for (auto e : {Eviction::Lru, Eviction::Lfu, Eviction::Fifo, Eviction::Random}) {
        auto c = makeCache(8, e);
        for (std::uint64_t k = 0; k < 20; ++k)
            c.store(k, 0);
        c.lookup(19, 0);
        c.clear();
        EXPECT_EQ(c.size(), 0u);
        for (std::uint64_t k = 0; k < 20; ++k)
            EXPECT_FALSE(c.contains(k));
        EXPECT_EQ(c.lookup(19, 0), Lookup::Miss);
        EXPECT_EQ(c.counters().hits, 1u);
        EXPECT_EQ(c.counters().evictions, 12u);
        for (std::uint64_t k = 100; k < 110; ++k) // and it fills again as before
            c.store(k, 0);
        EXPECT_EQ(c.size(), 8u);
        EXPECT_EQ(c.counters().evictions, 14u);
    }
}

TEST(MechKeyCache, EraseInvalidatesOneKeyAndKeepsTheOrderOfTheOthers)
{
    auto c = makeCache(3, Eviction::Lru);
    storeAll(c, {1, 2, 3});
    c.erase(2);
    c.erase(42); // absent: nothing happens
    EXPECT_EQ(c.lookup(2, 0), Lookup::Miss);
    EXPECT_EQ(c.size(), 2u);
    c.store(4, 0); // room: no eviction
    EXPECT_EQ(c.counters().evictions, 0u);
    c.store(5, 0); // 1 is the least recent
    EXPECT_FALSE(c.contains(1));
    c.store(6, 0);
    EXPECT_FALSE(c.contains(3));
    EXPECT_TRUE(c.contains(4) && c.contains(5) && c.contains(6));
}

TEST(MechKeyCache, TtlExpiresFromTheStoreAndHitsDoNotRenewIt)
{
    auto c = makeCache(10, Eviction::Lru, 10.0);
    c.store(1, 0.0);
    EXPECT_EQ(c.lookup(1, 9.99), Lookup::Hit);
    EXPECT_EQ(c.lookup(1, 10.0), Lookup::Expired); // ten seconds after the store
    EXPECT_FALSE(c.contains(1));                   // gone, found lazily
    EXPECT_EQ(c.lookup(1, 10.5), Lookup::Miss);
    EXPECT_EQ(c.counters().expirations, 1u);
    EXPECT_EQ(c.counters().misses, 2u);

    c.store(2, 0.0);
    c.store(2, 5.0); // a store does renew it
    EXPECT_EQ(c.lookup(2, 14.0), Lookup::Hit);
    EXPECT_EQ(c.lookup(2, 15.0), Lookup::Expired);

    c.store(3, 0.0); // a store over an expired entry counts its expiration
    c.store(3, 20.0);
    EXPECT_EQ(c.counters().expirations, 3u);
    EXPECT_EQ(c.lookup(3, 29.0), Lookup::Hit);
}

TEST(MechKeyCache, NegativeEntriesAnswerNotFoundUntilTheirOwnTtl)
{
    auto c = makeCache(10, Eviction::Lru, 100.0, 5.0);
    c.store(7, 0.0, true);
    EXPECT_EQ(c.lookup(7, 4.9), Lookup::NegativeHit);
    EXPECT_EQ(c.lookup(7, 5.0), Lookup::Expired);
    EXPECT_EQ(c.counters().negativeHits, 1u);
    EXPECT_EQ(c.counters().hits, 1u);
    EXPECT_EQ(c.counters().expirations, 1u);

    // A positive store replaces a negative entry and takes the positive TTL.
    c.store(8, 0.0, true);
    c.store(8, 1.0);
    EXPECT_EQ(c.lookup(8, 50.0), Lookup::Hit);

    // Without a negative TTL, "not found" is not cached and removes a stale positive entry.
    auto d = makeCache(10, Eviction::Lru, 100.0, 0.0);
    d.store(9, 0.0);
    d.store(9, 1.0, true);
    EXPECT_EQ(d.lookup(9, 2.0), Lookup::Miss);
    EXPECT_EQ(d.size(), 0u);
}

// When room is needed, an expired entry among the first eviction candidates is reclaimed
// (an expiration) instead of a live entry (an eviction).
TEST(MechKeyCache, ExpiredCandidatesAreReclaimedBeforeLiveEntriesAreEvicted)
{
    auto c = makeCache(3, Eviction::Lru, 10.0);
    c.store(1, 0.0);
    c.store(2, 8.0);
    c.store(3, 8.0);
    EXPECT_EQ(c.lookup(1, 9.0), Lookup::Hit); // 1 is the most recent, and expires at 10
    c.store(4, 11.0);                         // LRU order 2, 3, 1: 1 is the expired one
    EXPECT_FALSE(c.contains(1));
    EXPECT_TRUE(c.contains(2) && c.contains(3) && c.contains(4));
    EXPECT_EQ(c.counters().expirations, 1u);
    EXPECT_EQ(c.counters().evictions, 0u);

    // Beyond the scan window the expired entry stays, and the LRU is evicted.
    auto d = makeCache(KeyCache::kExpiryScan + 1, Eviction::Lru, 10.0);
    d.store(100, 0.0);
    for (std::uint64_t k = 0; k < KeyCache::kExpiryScan; ++k)
        d.store(k, 8.0);
    d.lookup(100, 9.0);
    d.store(200, 11.0);
    EXPECT_TRUE(d.contains(100));
    EXPECT_FALSE(d.contains(0));
    EXPECT_EQ(d.counters().evictions, 1u);
}

TEST(MechKeyCache, ZeroCapacityCachesNothingAndAnyKeyIsValid)
{
    auto c = makeCache(0, Eviction::Lru);
    c.store(1, 0);
    EXPECT_EQ(c.lookup(1, 0), Lookup::Miss);
    EXPECT_EQ(c.size(), 0u);

    // Beyond the 24-bit slot numbers the capacity is capped (nothing is allocated up front).
    EXPECT_EQ(makeCache(20'000'000, Eviction::Lru).capacity(), KeyCache::kMaxCapacity);
    EXPECT_GE(KeyCache::kMaxCapacity, 10'000'000u);

    auto d = makeCache(4, Eviction::Lfu);
    for (std::uint64_t k : {0ull, ~0ull, 1ull << 63, 0xFFFFFFFFull})
        d.store(k, 0);
    for (std::uint64_t k : {0ull, ~0ull, 1ull << 63, 0xFFFFFFFFull})
        EXPECT_EQ(d.lookup(k, 0), Lookup::Hit) << k;
}
