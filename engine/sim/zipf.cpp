#include "sim/zipf.h"

#include <algorithm>
#include <cmath>

namespace hld {

namespace {

// log(1 + x) / x, accurate near 0.
double log1pOverX(double x)
{
    return std::fabs(x) > 1e-8 ? std::log1p(x) / x : 1.0 - x * (0.5 - x / 3.0);
}

// (exp(x) - 1) / x, accurate near 0.
double expm1OverX(double x)
{
    return std::fabs(x) > 1e-8 ? std::expm1(x) / x : 1.0 + x * (0.5 + x / 6.0);
}

} // namespace

ZipfSampler::ZipfSampler(std::uint64_t n, double s)
    : m_n(std::max<std::uint64_t>(1, n))
    , m_s(s)
{
    m_hIntegralX1 = hIntegral(1.5) - 1.0;
    m_hIntegralN = hIntegral(static_cast<double>(m_n) + 0.5);
    m_shortcut = 2.0 - hIntegralInverse(hIntegral(2.5) - h(2.0));
}

double ZipfSampler::h(double x) const
{
    return std::exp(-m_s * std::log(x));
}

double ZipfSampler::hIntegral(double x) const
{
    const double logX = std::log(x);
    return expm1OverX((1.0 - m_s) * logX) * logX;
}

double ZipfSampler::hIntegralInverse(double x) const
{
    double t = x * (1.0 - m_s);
    if (t < -1.0)
        t = -1.0; // rounding at the edge of the domain
    return std::exp(log1pOverX(t) * x);
}

std::uint64_t ZipfSampler::sample(Rng &rng) const
{
    if (m_n == 1)
        return 1;
    for (;;) {
        const double u = m_hIntegralN + rng.uniform() * (m_hIntegralX1 - m_hIntegralN);
        const double x = hIntegralInverse(u);
        auto k = static_cast<std::uint64_t>(x + 0.5);
        k = std::clamp<std::uint64_t>(k, 1, m_n);
        const double kd = static_cast<double>(k);
        if (kd - x <= m_shortcut || u >= hIntegral(kd + 0.5) - h(kd))
            return k;
    }
}

} // namespace hld
