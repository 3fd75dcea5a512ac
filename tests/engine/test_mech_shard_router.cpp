// ShardRouter: how evenly each strategy spreads keys, where range puts new keys, and how
// many keys move when the shard count changes.
#include "mech/shard_router.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace hld;

namespace {

constexpr std::uint64_t kKeys = 200'000;

std::vector<std::uint64_t> countPerShard(const ShardRouter &r, std::uint64_t keys)
{
    std::vector<std::uint64_t> n(r.count(), 0);
    for (std::uint64_t k = 0; k < keys; ++k)
        ++n.at(r.shardOf(k));
    return n;
}

std::vector<std::uint32_t> mapping(const ShardRouter &r, std::uint64_t keys)
{
    std::vector<std::uint32_t> m(keys);
    for (std::uint64_t k = 0; k < keys; ++k)
        m[k] = r.shardOf(k);
    return m;
}

} // namespace

// Hash: a good mix modulo S is a multinomial with equal cells. Chi-square over S cells has
// S - 1 degrees of freedom d; d + 6 sqrt(2d) is beyond its 99.99th percentile for these d.
TEST(MechShardRouter, HashSpreadsSequentialKeysEvenly)
{
    for (std::uint32_t s : {2u, 7u, 16u, 64u}) {
        const ShardRouter r(ShardStrategy::Hash, s, kKeys);
        const auto n = countPerShard(r, kKeys);
        const double expected = double(kKeys) / s;
        double chi2 = 0;
        for (auto c : n)
            chi2 += (c - expected) * (c - expected) / expected;
        const double d = s - 1;
        EXPECT_LT(chi2, d + 6 * std::sqrt(2 * d)) << "S = " << s;
    }
}

// Consistent hash: with S x V ring points placed at random, a shard's share of the ring is a
// Dirichlet(V, ..., V) coordinate: mean 1/S, relative standard deviation
// sqrt((S - 1) / (S V + 1)), about 1/sqrt(V); counting kKeys keys adds a binomial sqrt(S / n).
// Every shard must lie within 4.5 of those (combined) standard deviations.
TEST(MechShardRouter, ConsistentHashSpreadsKeysAsTheRingVarianceAllows)
{
    for (std::uint32_t v : {100u, 1000u}) {
        for (std::uint32_t s : {4u, 10u, 64u}) {
            const ShardRouter r(ShardStrategy::ConsistentHash, s, kKeys, v);
            EXPECT_EQ(r.ringSize(), std::size_t(s) * v);
            const auto n = countPerShard(r, kKeys);
            const double relSd = std::sqrt((s - 1.0) / (double(s) * v + 1) + double(s) / kKeys);
            const auto [lo, hi] = std::minmax_element(n.begin(), n.end());
            const double mean = double(kKeys) / s;
            EXPECT_LT(std::abs(*hi / mean - 1), 4.5 * relSd) << "S = " << s << ", V = " << v;
            EXPECT_LT(std::abs(*lo / mean - 1), 4.5 * relSd) << "S = " << s << ", V = " << v;
        }
    }
    // Virtual nodes are what evens the load: with one point per shard the spread is wide.
    const ShardRouter single(ShardStrategy::ConsistentHash, 16, kKeys, 1);
    const auto n = countPerShard(single, kKeys);
    const auto [lo, hi] = std::minmax_element(n.begin(), n.end());
    EXPECT_GT(double(*hi) / std::max<std::uint64_t>(*lo, 1), 3.0);
}

// The owner of a key is the shard of the first ring point at or after the key's position,
// wrapping past the last: checked against std::lower_bound for keys everywhere, and for
// positions exactly on, just before and just after points.
TEST(MechShardRouter, ConsistentHashOwnerIsTheFirstPointClockwise)
{
    for (std::uint32_t s : {1u, 3u, 64u}) {
        const ShardRouter r(ShardStrategy::ConsistentHash, s, kKeys, 100);
        const auto &points = r.ringPoints();
        ASSERT_TRUE(std::is_sorted(points.begin(), points.end()));
        auto naive = [&](std::uint64_t pos) {
            auto it = std::lower_bound(points.begin(), points.end(), pos);
            return r.ringOwners()[it == points.end() ? 0 : std::size_t(it - points.begin())];
        };
        for (std::uint64_t k = 0; k < kKeys; ++k)
            ASSERT_EQ(r.shardOf(k), naive(ShardRouter::mixKey(k))) << "S = " << s << ", key " << k;
        for (std::size_t i = 0; i < points.size(); i += 7) {
            for (std::uint64_t pos : {points[i] - 1, points[i], points[i] + 1})
                ASSERT_EQ(r.ringOwner(pos), naive(pos)) << "S = " << s << ", point " << i;
        }
        for (std::uint64_t pos : {0ull, 1ull, ~0ull - 1, ~0ull}) // where the search wraps
            ASSERT_EQ(r.ringOwner(pos), naive(pos)) << "S = " << s << ", position " << pos;
    }
}

TEST(MechShardRouter, RangeSplitsTheKeySpaceAndSendsNewKeysToTheLastShard)
{
    const ShardRouter r(ShardStrategy::Range, 3, 1000);
    // [0, 334), [334, 667), [667, 1000): sizes 334, 333, 333.
    EXPECT_EQ(r.shardOf(0), 0u);
    EXPECT_EQ(r.shardOf(333), 0u);
    EXPECT_EQ(r.shardOf(334), 1u);
    EXPECT_EQ(r.shardOf(666), 1u);
    EXPECT_EQ(r.shardOf(667), 2u);
    EXPECT_EQ(r.shardOf(999), 2u);
    for (std::uint64_t k : {1000ull, 1001ull, 123'456'789ull, ~0ull})
        EXPECT_EQ(r.shardOf(k), 2u) << "new sequential keys pile onto the last range";
    std::uint32_t previous = 0;
    for (std::uint64_t k = 0; k < 1000; ++k) {
        ASSERT_GE(r.shardOf(k), previous) << "contiguous";
        previous = r.shardOf(k);
    }
    const auto n = countPerShard(ShardRouter(ShardStrategy::Range, 7, kKeys), kKeys);
    const auto [lo, hi] = std::minmax_element(n.begin(), n.end());
    EXPECT_LE(*hi - *lo, 1u);
    // Fewer keys than shards: one key each, the rest empty but for new keys.
    const ShardRouter tiny(ShardStrategy::Range, 5, 2);
    EXPECT_EQ(tiny.shardOf(0), 0u);
    EXPECT_EQ(tiny.shardOf(1), 1u);
    EXPECT_EQ(tiny.shardOf(2), 4u);
}

// S -> S + 1. Modulo: h mod S = h mod (S + 1) exactly when h mod S(S + 1) < S, so a fraction
// S / (S + 1) moves (binomial error over kKeys keys: 5 sd). Consistent hash: only the keys
// now owned by the new shard move, its ring share: mean 1 / (S + 1), standard deviation
// about sqrt(S / ((S + 1)^2 ((S + 1) V + 1))) (Dirichlet, as above), 4.5 sd allowed. Range:
// the boundaries shift and half the key space moves, whatever S (sum over the S old ranges
// of their overlap with the new range of the same number is 1/2); checked against a
// key-by-key count.
TEST(MechShardRouter, ReshardingToOneMoreShardMovesWhatTheoryPredicts)
{
    for (std::uint32_t s = 2; s <= 10; ++s) {
        ShardRouter hash(ShardStrategy::Hash, s, kKeys);
        const double p = double(s) / (s + 1);
        EXPECT_NEAR(hash.reshard(s + 1), p, 5 * std::sqrt(p * (1 - p) / kKeys)) << "S = " << s;

        ShardRouter ring(ShardStrategy::ConsistentHash, s, kKeys);
        const auto before = mapping(ring, kKeys);
        const double moved = ring.reshard(s + 1);
        const double q = 1.0 / (s + 1);
        const double sd
            = std::sqrt(s / ((s + 1.0) * (s + 1.0) * ((s + 1.0) * 100 + 1)) + q * (1 - q) / kKeys);
        EXPECT_NEAR(moved, q, 4.5 * sd) << "S = " << s;
        std::uint64_t count = 0;
        for (std::uint64_t k = 0; k < kKeys; ++k) {
            if (ring.shardOf(k) != before[k]) {
                ++count;
                ASSERT_EQ(ring.shardOf(k), s) << "a moved key can only go to the new shard";
            }
        }
        EXPECT_EQ(double(count) / kKeys, moved);

        ShardRouter range(ShardStrategy::Range, s, kKeys);
        const ShardRouter rangeAfter(ShardStrategy::Range, s + 1, kKeys);
        std::uint64_t rangeMoved = 0;
        for (std::uint64_t k = 0; k < kKeys; ++k)
            rangeMoved += range.shardOf(k) != rangeAfter.shardOf(k);
        const double exact = range.reshard(s + 1);
        EXPECT_EQ(exact, double(rangeMoved) / kKeys) << "S = " << s;
        EXPECT_NEAR(exact, 0.5, 2.0 * s / kKeys) << "S = " << s; // boundaries round
    }
}

TEST(MechShardRouter, RemovingAShardOnTheRingMovesOnlyItsKeys)
{
    ShardRouter ring(ShardStrategy::ConsistentHash, 8, kKeys);
    const auto before = mapping(ring, kKeys);
    const auto share = countPerShard(ring, kKeys);
    const double moved = ring.reshard(7);
    for (std::uint64_t k = 0; k < kKeys; ++k) {
        if (before[k] != 7) {
            ASSERT_EQ(ring.shardOf(k), before[k]);
        }
    }
    EXPECT_EQ(moved, double(share[7]) / kKeys);
}

TEST(MechShardRouter, ReshardingBackRestoresTheMapping)
{
    for (auto strategy :
         {ShardStrategy::Hash, ShardStrategy::Range, ShardStrategy::ConsistentHash}) {
        ShardRouter r(strategy, 5, kKeys);
        const auto before = mapping(r, kKeys);
        const double out = r.reshard(9);
        const double back = r.reshard(5);
        EXPECT_EQ(mapping(r, kKeys), before) << int(strategy);
        EXPECT_EQ(out, back) << "the same keys move either way";
        EXPECT_GT(out, 0.0);
        EXPECT_EQ(r.reshard(5), 0.0);
    }
}

// Beyond kExactReshardKeys the fraction comes from a fixed sample of a million keys spread
// over [0, N): the same answer every time, within the binomial error of the exact one.
TEST(MechShardRouter, LargeKeySpacesEstimateTheMovedFractionFromAFixedSample)
{
    const std::uint64_t n = 1'000'000'000;
    ShardRouter a(ShardStrategy::Hash, 4, n);
    ShardRouter b(ShardStrategy::Hash, 4, n);
    const double moved = a.reshard(5);
    EXPECT_EQ(moved, b.reshard(5));
    const double se = std::sqrt(0.8 * 0.2 / double(ShardRouter::kExactReshardKeys));
    EXPECT_NEAR(moved, 0.8, 5 * se);

    ShardRouter range(ShardStrategy::Range, 3, n);
    EXPECT_NEAR(range.reshard(4), 0.5, 1e-8) << "range stays exact at any size";
}
