// The back-of-the-envelope estimator (contract 6): the guide's own worked examples.
#include "analysis/estimator.h"

#include <gtest/gtest.h>

using namespace hld;

namespace {

double valueOf(const Estimate &e, const char *name)
{
    const EstimateValue *v = e.find(name);
    EXPECT_TRUE(v) << name;
    return v ? v->value : -1;
}

} // namespace

// "DAU 10 million, 2 tweets a day: 20M/day = ~230/second = ~700/second peak; 1 tweet = 300
// bytes: 6 GB/day, ~2 TB/year."
TEST(Estimator, TheGuidesTweetExample)
{
    EstimateInput in;
    in.dau = 10e6;
    in.requestsPerUser = 2;
    in.readRatio = 0; // the example counts the writes
    in.payloadBytes = 300;
    const Estimate e = estimate(in);
    EXPECT_NEAR(valueOf(e, "avg_rps"), 231.5, 0.1);
    EXPECT_NEAR(valueOf(e, "peak_rps"), 694.4, 0.1);
    EXPECT_NEAR(valueOf(e, "writes_rps"), 231.5, 0.1);
    EXPECT_DOUBLE_EQ(valueOf(e, "storage_per_day_bytes"), 6e9);
    EXPECT_DOUBLE_EQ(valueOf(e, "storage_total_bytes"), 6e9 * 365);
    EXPECT_DOUBLE_EQ(valueOf(e, "bandwidth_bytes_per_s"), 20e6 / 86400 * 300);
    for (const auto &v : e.values)
        EXPECT_FALSE(v.steps.empty()) << v.name;
    EXPECT_NE(e.find("avg_rps")->steps[0].find("20,000,000 requests a day"), std::string::npos);
}

// "100M/day = ~1,200 req/second = 3,600 peak"; reads and writes split by the ratio; the hot
// set is 20% of a day's reads; servers round up.
TEST(Estimator, RatesSplitCacheAndServers)
{
    EstimateInput in;
    in.dau = 100e6;
    in.requestsPerUser = 1;
    in.readRatio = 0.9;
    in.payloadBytes = 1000;
    in.serverRps = 1000;
    const Estimate e = estimate(in);
    EXPECT_NEAR(valueOf(e, "avg_rps"), 1157.4, 0.1);
    EXPECT_NEAR(valueOf(e, "peak_rps"), 3472.2, 0.1);
    EXPECT_NEAR(valueOf(e, "reads_rps") + valueOf(e, "writes_rps"), valueOf(e, "avg_rps"), 1e-6);
    EXPECT_NEAR(valueOf(e, "reads_rps"), 0.9 * 1157.4, 0.1);
    EXPECT_DOUBLE_EQ(valueOf(e, "cache_bytes"), 100e6 * 0.9 * 0.2 * 1000);
    EXPECT_DOUBLE_EQ(valueOf(e, "servers"), 4); // 3,472 / 1,000, rounded up
}

TEST(Estimator, OutOfRangeInputIsRefusedWithItsName)
{
    EstimateInput in;
    in.dau = 0;
    in.requestsPerUser = 2;
    std::string why;
    EXPECT_TRUE(estimate(in, &why).values.empty());
    EXPECT_NE(why.find("--dau"), std::string::npos);
    in.dau = 10;
    in.readRatio = 1.5;
    EXPECT_TRUE(estimate(in, &why).values.empty());
    EXPECT_NE(why.find("--read-ratio"), std::string::npos);
}
