// The small data structures under the mechanisms: the Zipf sampler, the flat hash map and the
// request pool.
#include "sim/flat_map.h"
#include "sim/request_pool.h"
#include "sim/zipf.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <vector>

using namespace hld;

// Rejection-inversion draws ranks with P(k) = k^-s / H(n, s): a chi-square test over all
// ranks of a small n, for several exponents including 0 (uniform) and 1 (the harmonic case).
TEST(Zipf, FrequenciesMatchThePowerLaw)
{
    for (double s : {0.0, 0.5, 0.99, 1.0, 1.5, 2.5}) {
        const std::uint64_t n = 50;
        ZipfSampler z(n, s);
        Rng rng(7);
        const int draws = 400000;
        std::vector<int> count(n + 1, 0);
        for (int i = 0; i < draws; ++i) {
            const auto k = z.sample(rng);
            ASSERT_GE(k, 1u);
            ASSERT_LE(k, n);
            ++count[k];
        }
        double norm = 0;
        for (std::uint64_t k = 1; k <= n; ++k)
            norm += std::pow(double(k), -s);
        double chi2 = 0;
        for (std::uint64_t k = 1; k <= n; ++k) {
            const double expected = draws * std::pow(double(k), -s) / norm;
            chi2 += (count[k] - expected) * (count[k] - expected) / expected;
        }
        // 49 degrees of freedom: the 99.99th percentile of chi-square is about 97.
        EXPECT_LT(chi2, 97.0) << "s = " << s;
    }
}

// Over ten million keys the sampler needs no table, and the head of the distribution still
// has the right mass: P(rank 1) = 1 / H(n, s).
TEST(Zipf, LargeKeySpacesNeedNoTable)
{
    const std::uint64_t n = 10'000'000;
    const double s = 0.99;
    ZipfSampler z(n, s);
    EXPECT_LT(sizeof(z), 64u);
    double h = 0;
    for (std::uint64_t k = 1; k <= n; ++k)
        h += std::pow(double(k), -s);
    Rng rng(3);
    const int draws = 1'000'000;
    int ones = 0;
    for (int i = 0; i < draws; ++i)
        ones += z.sample(rng) == 1;
    const double p = 1.0 / h;
    EXPECT_NEAR(double(ones) / draws, p, 5 * std::sqrt(p * (1 - p) / draws));
}

// The map against std::map under a random mix of inserts, updates and erases, including
// the wrap-around of probe runs that backward-shift deletion must handle.
TEST(FlatMap, AgreesWithStdMapUnderRandomOperations)
{
    FlatMap m;
    std::map<std::uint64_t, std::uint32_t> ref;
    Rng rng(11);
    for (int i = 0; i < 200000; ++i) {
        const std::uint64_t key = rng.below(3000) * 1024ull; // colliding low bits
        switch (rng.below(3)) {
        case 0:
            m.upsert(key, 0) = std::uint32_t(i);
            ref[key] = std::uint32_t(i);
            break;
        case 1:
            m.erase(key);
            ref.erase(key);
            break;
        default: {
            const std::uint32_t *v = m.find(key);
            auto it = ref.find(key);
            ASSERT_EQ(v != nullptr, it != ref.end()) << i;
            if (v) {
                ASSERT_EQ(*v, it->second);
            }
        }
        }
        ASSERT_EQ(m.size(), ref.size());
    }
    std::size_t seen = 0;
    m.forEach([&](std::uint64_t k, std::uint32_t v) {
        ++seen;
        EXPECT_EQ(ref.at(k), v);
    });
    EXPECT_EQ(seen, ref.size());
}

// The pool's frames used to live in one doubling vector: 172,000 requests of 64 frames
// (the in-flight cap at the depth limit, 512 MiB) asked for a 805 MB block while the old
// 402 MB one was still held, so a valid design died of bad_alloc under 1 GiB (two fuzz
// findings). Frames now come in fixed blocks: they never move, and the pool holds at most
// one block beyond its high-water mark.
TEST(RequestPool, FramesStayPutAndMemoryFollowsTheHighWaterMark)
{
    const std::uint32_t depth = 64;
    RequestPool pool(depth);
    const std::uint32_t live = 5000;
    std::vector<std::uint32_t> ids;
    for (std::uint32_t i = 0; i < live; ++i) {
        const std::uint32_t r = pool.alloc(live);
        ASSERT_NE(r, RequestPool::kNone);
        pool[r].depth = 1;
        pool.frame(r, 0).node = i;
        pool.frame(r, depth - 1).node = i + 1;
        ids.push_back(r);
    }
    EXPECT_EQ(pool.alloc(live), RequestPool::kNone); // the cap holds
    Frame *first = &pool.frame(ids[0], 0);
    const std::size_t blockBytes = std::size_t(RequestPool::kBlock) * depth * sizeof(Frame);
    EXPECT_LE(pool.frameBytes(), std::size_t(live) * depth * sizeof(Frame) + blockBytes);
    EXPECT_GE(pool.frameBytes(), std::size_t(live) * depth * sizeof(Frame));

    // Freed and reused: no growth. A higher cap grows by whole blocks, and nothing moves.
    for (std::uint32_t i = 0; i < live; i += 2)
        pool.free(ids[i]);
    const std::size_t before = pool.frameBytes();
    for (std::uint32_t i = 0; i < live; i += 2) {
        const std::uint32_t r = pool.alloc(live);
        ASSERT_NE(r, RequestPool::kNone);
        pool[r].depth = 1;
    }
    EXPECT_EQ(pool.frameBytes(), before);
    for (std::uint32_t i = 0; i < 3 * RequestPool::kBlock; ++i)
        pool[pool.alloc(live + 3 * RequestPool::kBlock)].depth = 1;
    EXPECT_EQ(&pool.frame(ids[0], 0), first);
    for (std::uint32_t i = 1; i < live; i += 2) {
        ASSERT_EQ(pool.frame(ids[i], 0).node, i);
        ASSERT_EQ(pool.frame(ids[i], depth - 1).node, i + 1);
    }

    // A deeper chain (a live topology change) keeps every frame where its request finds it.
    pool.widen(depth + 6);
    EXPECT_EQ(pool.depth(), depth + 6);
    for (std::uint32_t i = 1; i < live; i += 2) {
        ASSERT_EQ(pool.frame(ids[i], 0).node, i);
        ASSERT_EQ(pool.frame(ids[i], depth - 1).node, i + 1);
    }
}
