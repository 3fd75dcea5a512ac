#include "sim/rng.h"
#include "sim/sampler.h"

#include <gtest/gtest.h>

#include <cmath>

TEST(Rng, StreamsDependOnSeedAndIdOnly)
{
    auto a = hld::Rng::forStream(1, "api");
    auto b = hld::Rng::forStream(1, "api");
    auto c = hld::Rng::forStream(1, "db");
    auto d = hld::Rng::forStream(2, "api");
    const auto x = a.next();
    EXPECT_EQ(x, b.next());
    EXPECT_NE(x, c.next());
    EXPECT_NE(x, d.next());
}

TEST(Rng, UniformOpenIntervalNeverZero)
{
    hld::Rng r(5);
    double lo = 1, sum = 0;
    const int n = 1000000;
    for (int i = 0; i < n; ++i) {
        const double u = r.uniformOpen0();
        lo = std::min(lo, u);
        sum += u;
        ASSERT_GT(u, 0.0);
        ASSERT_LE(u, 1.0);
    }
    EXPECT_NEAR(sum / n, 0.5, 5 * std::sqrt(1.0 / 12 / n));
}

TEST(Sampler, MomentsMatchTheDistribution)
{
    // Sample mean and squared coefficient of variation against the definition, with
    // tolerances of five standard errors for one million draws.
    struct Case
    {
        hld::ServiceTime st;
        double cv2;
    };
    const Case cases[] = {{{hld::ServiceDist::Exponential, 10, {}}, 1.0},
                          {{hld::ServiceDist::Constant, 10, {}}, 0.0},
                          {{hld::ServiceDist::Lognormal, 10, 0.5}, 0.25}};
    for (const auto &c : cases) {
        hld::ServiceSampler s(c.st);
        hld::Rng rng(11);
        const int n = 1000000;
        double sum = 0, sum2 = 0;
        for (int i = 0; i < n; ++i) {
            const double x = s.sample(rng);
            sum += x;
            sum2 += x * x;
        }
        const double mean = sum / n;
        const double var = sum2 / n - mean * mean;
        EXPECT_NEAR(mean, 0.010, 5 * 0.010 * std::sqrt(c.cv2 / n) + 1e-12);
        EXPECT_NEAR(var / (mean * mean), c.cv2, 0.02 + 1e-12);
    }
}
