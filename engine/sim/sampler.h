#pragma once

#include "model/design.h"
#include "sim/rng.h"

#include <cmath>

namespace hld {

// Draws service times (in seconds) from one component's distribution.
class ServiceSampler
{
public:
    ServiceSampler() = default;
    explicit ServiceSampler(const ServiceTime &st)
        : m_dist(st.dist)
        , m_mean(st.meanMs / 1000.0)
    {
        if (m_dist == ServiceDist::Lognormal) {
            const double cv = st.cv.value_or(1.0);
            m_sigma = std::sqrt(std::log1p(cv * cv));
            m_mu = std::log(m_mean) - 0.5 * m_sigma * m_sigma;
        }
    }

    double mean() const { return m_mean; }
    bool zero() const { return m_mean <= 0; }

    double sample(Rng &rng)
    {
        switch (m_dist) {
        case ServiceDist::Constant:
            return m_mean;
        case ServiceDist::Exponential:
            return -m_mean * std::log(rng.uniformOpen0());
        case ServiceDist::Lognormal:
            return std::exp(m_mu + m_sigma * normal(rng));
        }
        return m_mean;
    }

private:
    // Marsaglia's polar method; the spare value is kept so each pair costs one log and sqrt.
    double normal(Rng &rng)
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        double u, v, s;
        do {
            u = 2.0 * rng.uniform() - 1.0;
            v = 2.0 * rng.uniform() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        const double f = std::sqrt(-2.0 * std::log(s) / s);
        m_spare = v * f;
        m_hasSpare = true;
        return u * f;
    }

    ServiceDist m_dist = ServiceDist::Constant;
    double m_mean = 0;
    double m_mu = 0;
    double m_sigma = 0;
    double m_spare = 0;
    bool m_hasSpare = false;
};

} // namespace hld
