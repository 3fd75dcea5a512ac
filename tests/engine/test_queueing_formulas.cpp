// The exact formulas the simulator is held to, checked against published values and each
// other, so a wrong formula cannot make a wrong simulator look right.
#include "analysis/queueing.h"

#include <gtest/gtest.h>

#include <cmath>

namespace q = hld::queueing;

TEST(Formulas, ErlangBTableValues)
{
    // Classic Erlang B table: 5 servers at 3 Erlang -> 0.11005; 10 at 5 -> 0.018385.
    EXPECT_NEAR(q::erlangB(5, 3.0), 0.110054, 1e-6);
    EXPECT_NEAR(q::erlangB(10, 5.0), 0.0183846, 1e-6);
    EXPECT_NEAR(q::erlangB(1, 1.0), 0.5, 1e-12);
}

TEST(Formulas, ErlangCAndMMcReduceToMM1)
{
    EXPECT_NEAR(q::erlangC(1, 0.8), 0.8, 1e-12);
    EXPECT_NEAR(q::mmcMeanWait(80, 100, 1), 0.8 / 20, 1e-12);
    // 2 servers at a = 1: C = 1/3.
    EXPECT_NEAR(q::erlangC(2, 1.0), 1.0 / 3, 1e-12);
}

TEST(Formulas, MMcKAgreesWithErlangBWithoutRoomAndMM1WithLargeRoom)
{
    EXPECT_NEAR(q::mmck(400, 100, 5, 0).blocking, q::erlangB(5, 4.0), 1e-12);
    const auto big = q::mmck(80, 100, 1, 2000);
    EXPECT_NEAR(big.meanSojourn, 1.0 / 20, 1e-9);
    EXPECT_NEAR(big.meanInSystem, 4.0, 1e-9);
}

TEST(Formulas, PollaczekKhinchineSpecialCases)
{
    // Exponential service (E[S^2] = 2 E[S]^2) gives M/M/1; constant gives half the wait.
    EXPECT_NEAR(q::mg1MeanWait(80, 0.01, 2e-4), q::mmcMeanWait(80, 100, 1), 1e-12);
    EXPECT_NEAR(q::mg1MeanWait(80, 0.01, 1e-4), 0.5 * q::mmcMeanWait(80, 100, 1), 1e-12);
}

TEST(Formulas, ErlangKArrivalsReduceToMM1AtKOneAndWaitLess)
{
    EXPECT_NEAR(q::ekm1MeanWait(1, 80, 100), q::mmcMeanWait(80, 100, 1), 1e-9);
    EXPECT_LT(q::ekm1MeanWait(4, 80, 100), q::mmcMeanWait(80, 100, 1));
    EXPECT_GT(q::ekm1MeanWait(4, 80, 100), 0.0);
}

TEST(Formulas, HypoexponentialQuantile)
{
    const double a = 30, b = 55;
    const double t = q::hypoexp2Quantile(a, b, 0.99);
    const double cdf = 1 - (b * std::exp(-a * t) - a * std::exp(-b * t)) / (b - a);
    EXPECT_NEAR(cdf, 0.99, 1e-9);
}

TEST(Formulas, StudentT)
{
    EXPECT_NEAR(q::studentT975(9), 2.262, 1e-3);
    EXPECT_NEAR(q::studentT975(60), 2.000, 2e-3);
    EXPECT_NEAR(q::studentT975(1000), 1.962, 1e-3);
}
