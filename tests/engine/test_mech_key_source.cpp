// ZipfKeySource (contract 5.1) and the KeyPermutation that scatters its ranks.
#include "mech/key_permutation.h"
#include "mech/zipf_key_source.h"

#include <gtest/gtest.h>

#include <cmath>
#include <unordered_set>
#include <vector>

using namespace hld;

// Read frequencies by rank, chi-square over N = 50 ranks (49 degrees of freedom: the
// 99.99th percentile is about 97), with ids plain (rank - 1) and scrambled (the rank found
// through the inverse of the permutation, which must be a bijection of [0, N) to exist).
TEST(MechKeySource, ReadFrequenciesFollowThePowerLaw)
{
    const std::uint64_t n = 50;
    for (bool scramble : {false, true}) {
        for (double s : {0.0, 0.8, 1.2}) {
            ZipfKeySource source({n, s, 0.0, WritePattern::Zipf, scramble, 0});
            std::vector<int> rankOfKey(n, -1);
            for (std::uint64_t rank = 1; rank <= n; ++rank) {
                const std::uint64_t id = source.keyOfRank(rank);
                ASSERT_LT(id, n);
                ASSERT_EQ(rankOfKey[id], -1) << "two ranks share id " << id;
                rankOfKey[id] = int(rank);
                if (!scramble) {
                    EXPECT_EQ(id, rank - 1);
                }
            }
            Rng rng(21);
            const int draws = 300'000;
            std::vector<int> count(n + 1, 0);
            for (int i = 0; i < draws; ++i)
                ++count[rankOfKey.at(source.nextRead(rng))];
            double norm = 0;
            for (std::uint64_t k = 1; k <= n; ++k)
                norm += std::pow(double(k), -s);
            double chi2 = 0;
            for (std::uint64_t k = 1; k <= n; ++k) {
                const double expected = draws * std::pow(double(k), -s) / norm;
                chi2 += (count[k] - expected) * (count[k] - expected) / expected;
            }
            EXPECT_LT(chi2, 97.0) << "s = " << s << ", scramble = " << scramble;
        }
    }
}

TEST(MechKeySource, PermutationIsABijectionOfAnyKeySpace)
{
    for (std::uint64_t n : {1ull, 2ull, 3ull, 5ull, 1000ull, 65536ull, 65537ull, 1'000'003ull}) {
        const KeyPermutation perm(n, 99);
        std::vector<bool> seen(n, false);
        for (std::uint64_t x = 0; x < n; ++x) {
            const std::uint64_t y = perm(x);
            ASSERT_LT(y, n);
            ASSERT_FALSE(seen[y]) << "n = " << n << ": " << y << " twice";
            seen[y] = true;
        }
    }
}

// Scrambled, the most popular keys are not neighbours: under range sharding into 10 ranges
// the top 100 ranks fall about 10 per range (multinomial: each count within 10 +- 5 sd of
// sqrt(9), so below 25), where plain ids would put all 100 into the first range.
TEST(MechKeySource, ScrambledPopularKeysSpreadOverTheKeySpace)
{
    const std::uint64_t n = 1'000'000;
    ZipfKeySource scrambled({n, 1.0, 0.0, WritePattern::Zipf, true, 0});
    ZipfKeySource plain({n, 1.0, 0.0, WritePattern::Zipf, false, 0});
    std::vector<int> perRange(10, 0);
    for (std::uint64_t rank = 1; rank <= 100; ++rank) {
        ++perRange[scrambled.keyOfRank(rank) / (n / 10)];
        EXPECT_LT(plain.keyOfRank(rank), n / 10);
    }
    for (int c : perRange)
        EXPECT_LT(c, 25);
}

TEST(MechKeySource, MissingKeysAreNewEveryTimeAndNeverRealOnes)
{
    const std::uint64_t n = 1000;
    const double m = 0.3;
    ZipfKeySource a({n, 0.9, m, WritePattern::Zipf, true, 1});
    ZipfKeySource b({n, 0.9, m, WritePattern::Zipf, true, 2});
    Rng rng(5);
    std::unordered_set<std::uint64_t> missing;
    const int reads = 100'000;
    int missingReads = 0;
    for (int i = 0; i < reads; ++i) {
        for (ZipfKeySource *source : {&a, &b}) {
            const std::uint64_t key = source->nextRead(rng);
            if (ZipfKeySource::isMissing(key)) {
                ++missingReads;
                ASSERT_TRUE(missing.insert(key).second) << "missing key repeated";
            } else {
                ASSERT_LT(key, n);
            }
        }
    }
    // Binomial: 5 standard errors of the missing share over 2 x reads.
    EXPECT_NEAR(double(missingReads) / (2 * reads), m, 5 * std::sqrt(m * (1 - m) / (2 * reads)));
    EXPECT_EQ(a.missingIssued() + b.missingIssued(), std::uint64_t(missingReads));
}

TEST(MechKeySource, SequentialWritesCreateEverIncreasingKeysThatReadsDoNotYetTouch)
{
    const std::uint64_t n = 500;
    ZipfKeySource source({n, 1.0, 0.1, WritePattern::Sequential, true, 0});
    Rng rng(8);
    std::uint64_t previous = 0;
    for (int i = 0; i < 10'000; ++i) {
        const std::uint64_t w = source.nextWrite(rng);
        EXPECT_EQ(w, n + i);
        if (i > 0) {
            ASSERT_GT(w, previous);
        }
        previous = w;
        const std::uint64_t r = source.nextRead(rng);
        ASSERT_TRUE(ZipfKeySource::isMissing(r) || r < n);
    }
    EXPECT_EQ(source.existingKeys(), n + 10'000);

    // The Zipf pattern updates existing keys instead, with the read law, never missing ones.
    ZipfKeySource updates({n, 1.0, 0.5, WritePattern::Zipf, true, 0});
    for (int i = 0; i < 10'000; ++i)
        ASSERT_LT(updates.nextWrite(rng), n);
    EXPECT_EQ(updates.existingKeys(), n);
}

// Given the Rng, the keys are fixed; and with no missing share, reads consume exactly the
// sampler's draws (so adding the field changes nothing for designs that leave it at 0).
TEST(MechKeySource, KeysAreDeterministicGivenTheRng)
{
    const KeySourceConfig config{10'000'000, 0.99, 0.05, WritePattern::Zipf, true, 3};
    ZipfKeySource a(config);
    ZipfKeySource b(config);
    Rng ra(42);
    Rng rb(42);
    for (int i = 0; i < 10'000; ++i)
        ASSERT_EQ(a.nextRead(ra), b.nextRead(rb));

    ZipfKeySource plain({10'000, 0.8, 0.0, WritePattern::Zipf, false, 0});
    ZipfSampler zipf(10'000, 0.8);
    Rng r1(7);
    Rng r2(7);
    for (int i = 0; i < 10'000; ++i)
        ASSERT_EQ(plain.nextRead(r1), zipf.sample(r2) - 1);
}
