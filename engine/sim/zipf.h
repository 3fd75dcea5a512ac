#pragma once

#include "sim/rng.h"

#include <cstdint>

namespace hld {

// Ranks 1..n with P(k) proportional to k^-s, drawn in constant memory by rejection-inversion
// (Hoermann and Derflinger, 1996): invert the integral of the continuous hat x^-s, round to
// the nearest rank, and accept with a test that rarely rejects. A table of n probabilities
// would cost 8n bytes (80 MB for 10 million keys); this costs a few doubles.
class ZipfSampler
{
public:
    ZipfSampler() = default;
    ZipfSampler(std::uint64_t n, double s);

    std::uint64_t n() const { return m_n; }
    double exponent() const { return m_s; }
    std::uint64_t sample(Rng &rng) const; // a rank in 1..n

private:
    double h(double x) const;         // the hat: x^-s
    double hIntegral(double x) const; // its integral from 1, shifted: (x^(1-s) - 1) / (1 - s)
    double hIntegralInverse(double x) const;

    std::uint64_t m_n = 1;
    double m_s = 0;
    double m_hIntegralX1 = 0;
    double m_hIntegralN = 0;
    double m_shortcut = 0;
};

} // namespace hld
