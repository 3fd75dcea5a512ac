// BloomFilter: never a false negative, and false positives at the rate it was sized for.
#include "mech/bloom_filter.h"
#include "sim/rng.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace hld;

TEST(MechBloomFilter, SizesBitsAndHashesFromTheTextbookFormulas)
{
    // n = 1,000,000 at 1%: m = n ln(100) / ln(2)^2 = 9,585,059 bits, k = 7.
    BloomFilter f(1'000'000, 0.01);
    EXPECT_NEAR(double(f.bitCount()), 9'585'059.0, 64.0);
    EXPECT_EQ(f.bitCount() % 64, 0u);
    EXPECT_EQ(f.hashCount(), 7);
    EXPECT_EQ(f.bytes(), f.bitCount() / 8);
    // 0.1%: about 1.44 log2(1000) = 14.4 bits per key, k = 10.
    BloomFilter g(1000, 0.001);
    EXPECT_NEAR(double(g.bitCount()) / 1000, 14.38, 0.07);
    EXPECT_EQ(g.hashCount(), 10);
}

TEST(MechBloomFilter, NeverAnswersNoForAKeyThatWasAdded)
{
    BloomFilter f(50'000, 0.01);
    Rng rng(1);
    std::vector<std::uint64_t> keys;
    for (int i = 0; i < 50'000; ++i) {
        keys.push_back(i % 2 ? rng.next() : std::uint64_t(i)); // random and sequential ids
        f.add(keys.back());
    }
    for (auto k : keys)
        ASSERT_TRUE(f.mightContain(k)) << k;
    EXPECT_EQ(f.added(), 50'000u);
    f.clear();
    int left = 0;
    for (auto k : keys)
        left += f.mightContain(k);
    EXPECT_EQ(left, 0) << "a cleared filter is empty";
}

// With n keys in, the measured false-positive rate over M absent keys is binomial around the
// filter's own expectation (1 - e^(-kn/m))^k: within 5 standard errors sqrt(p(1-p)/M). That
// expectation itself must be at most the p asked for (m and k are rounded up and to the
// nearest): within 10% of it. Keys are sequential ids (the hardest case for a weak hash) and
// the absent keys are the ids that follow.
TEST(MechBloomFilter, FalsePositiveRateMatchesTheSizingWithinStatisticalError)
{
    for (double p : {0.1, 0.01, 0.001}) {
        const std::uint64_t n = 100'000;
        BloomFilter f(n, p);
        for (std::uint64_t k = 0; k < n; ++k)
            f.add(k);
        const double expected = f.expectedFalsePositiveRate(n);
        EXPECT_LE(expected, p * 1.1) << "p = " << p;
        EXPECT_GE(expected, p * 0.5) << "p = " << p << ": sized far larger than needed";
        const int probes = 1'000'000;
        int positives = 0;
        for (std::uint64_t k = n; k < n + probes; ++k)
            positives += f.mightContain(k);
        const double measured = double(positives) / probes;
        const double se = std::sqrt(expected * (1 - expected) / probes);
        EXPECT_NEAR(measured, expected, 5 * se) << "p = " << p;
    }
}

// Past its sizing the rate degrades as the formula says (the filter does not saturate early).
TEST(MechBloomFilter, OverfilledFilterFollowsTheSameFormula)
{
    const std::uint64_t n = 20'000;
    BloomFilter f(n, 0.01);
    Rng rng(2);
    for (std::uint64_t i = 0; i < 3 * n; ++i)
        f.add(rng.next() | 1); // odd keys in, even keys probed
    const double expected = f.expectedFalsePositiveRate(3 * n);
    EXPECT_GT(expected, 0.2);
    const int probes = 200'000;
    int positives = 0;
    for (int i = 0; i < probes; ++i)
        positives += f.mightContain(rng.next() & ~1ull);
    const double measured = double(positives) / probes;
    EXPECT_NEAR(measured, expected, 5 * std::sqrt(expected * (1 - expected) / probes));
}
