#include "sim/histogram.h"
#include "sim/rng.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

using hld::LogHistogram;

TEST(Histogram, QuantilesWithinHalfPercentOfExactOrderStatistics)
{
    // Values spread over nine decades, as latencies from microseconds to minutes are.
    hld::Rng rng(42);
    std::vector<double> xs;
    LogHistogram h;
    for (int i = 0; i < 200000; ++i) {
        const double v = std::pow(10.0, -3.0 + 9.0 * rng.uniform());
        xs.push_back(v);
        h.record(v);
    }
    std::sort(xs.begin(), xs.end());
    double worst = 0;
    for (double q = 0.001; q < 1.0; q += 0.001) {
        const auto rank = static_cast<std::size_t>(std::ceil(q * xs.size()));
        const double exact = xs[rank - 1];
        worst = std::max(worst, std::fabs(h.quantile(q) - exact) / exact);
    }
    EXPECT_LE(worst, 0.005);
    EXPECT_GT(worst, 0.0); // it is an approximation; the bound above is what is promised
    EXPECT_DOUBLE_EQ(h.quantile(1.0), xs.back());
    EXPECT_DOUBLE_EQ(h.max(), xs.back());
    EXPECT_DOUBLE_EQ(h.min(), xs.front());
}

TEST(Histogram, MergeEqualsRecordingEverythingInOne)
{
    hld::Rng rng(7);
    LogHistogram a, b, all;
    for (int i = 0; i < 50000; ++i) {
        const double v = -std::log(rng.uniformOpen0()) * (i % 2 ? 1.0 : 1000.0);
        (i % 3 ? a : b).record(v);
        all.record(v);
    }
    a.merge(b);
    EXPECT_EQ(a.count(), all.count());
    EXPECT_NEAR(a.sum(), all.sum(), 1e-9 * all.sum());
    for (double q : {0.01, 0.25, 0.5, 0.9, 0.99, 0.999})
        EXPECT_DOUBLE_EQ(a.quantile(q), all.quantile(q)) << q;
}

TEST(Histogram, ZerosAndEmpty)
{
    LogHistogram h;
    EXPECT_EQ(h.quantile(0.5), 0.0);
    EXPECT_EQ(h.mean(), 0.0);
    h.record(0.0);
    h.record(0.0);
    h.record(5.0);
    EXPECT_EQ(h.quantile(0.5), 0.0);
    EXPECT_NEAR(h.quantile(1.0), 5.0, 0.02);
    EXPECT_NEAR(h.mean(), 5.0 / 3, 1e-12);
}

TEST(Histogram, MemoryIsBoundedByRangeNotCount)
{
    // Ten million samples in one decade cost no more buckets than a thousand.
    LogHistogram small, large;
    hld::Rng rng(3);
    for (int i = 0; i < 1000; ++i)
        small.record(1 + 9 * rng.uniform());
    for (int i = 0; i < 10000000; ++i)
        large.record(1 + 9 * rng.uniform());
    EXPECT_EQ(large.count(), 10000000u);
    EXPECT_NEAR(large.quantile(0.5), 5.5, 5.5 * 0.005);
}
