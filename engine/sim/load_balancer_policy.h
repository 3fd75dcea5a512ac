#pragma once

#include "model/design.h"
#include "sim/network.h"
#include "sim/rng.h"

#include <vector>

namespace hld {

// Chooses one replica among a balancer's targets (replicas in rotation). `load(i)` gives the
// requests present at target i (waiting, in service, or holding a worker): its
// "connections".
class LoadBalancerPolicy
{
public:
    explicit LoadBalancerPolicy(LbAlgorithm algorithm)
        : m_algorithm(algorithm)
    {}

    void setAlgorithm(LbAlgorithm a) { m_algorithm = a; }
    LbAlgorithm algorithm() const { return m_algorithm; }
    void targetsChanged(const std::vector<LbTarget> &targets);

    // Index into `targets`; kNone when there is none.
    template<typename Load>
    std::uint32_t
    pick(const std::vector<LbTarget> &targets, std::uint32_t user, Load &&load, Rng &rng);

private:
    template<typename Load>
    std::uint32_t leastOf(std::uint32_t n, Load &&load);

    LbAlgorithm m_algorithm;
    std::uint32_t m_next = 0;      // round robin cursor; tie-break rotation
    std::vector<double> m_current; // smooth weighted round robin state
    double m_totalWeight = 0;
};

template<typename Load>
std::uint32_t LoadBalancerPolicy::leastOf(std::uint32_t n, Load &&load)
{
    // Scan starting after the previous choice so that ties rotate instead of piling on 0.
    std::uint32_t best = m_next % n;
    std::uint32_t bestLoad = load(best);
    for (std::uint32_t k = 1; k < n && bestLoad > 0; ++k) {
        std::uint32_t i = m_next + k;
        if (i >= n)
            i -= n;
        const std::uint32_t l = load(i);
        if (l < bestLoad) {
            best = i;
            bestLoad = l;
        }
    }
    m_next = best + 1 == n ? 0 : best + 1;
    return best;
}

template<typename Load>
std::uint32_t LoadBalancerPolicy::pick(const std::vector<LbTarget> &targets,
                                       std::uint32_t user,
                                       Load &&load,
                                       Rng &rng)
{
    const auto n = static_cast<std::uint32_t>(targets.size());
    if (n == 0)
        return kNone;
    if (n == 1)
        return 0;
    switch (m_algorithm) {
    case LbAlgorithm::RoundRobin: {
        const std::uint32_t i = m_next % n;
        m_next = i + 1 == n ? 0 : i + 1;
        return i;
    }
    case LbAlgorithm::Random:
        return rng.below(n);
    case LbAlgorithm::LeastConnections:
        return leastOf(n, load);
    case LbAlgorithm::IpHash:
        return static_cast<std::uint32_t>(splitmix64(user) % n);
    case LbAlgorithm::PowerOfTwo: {
        const std::uint32_t a = rng.below(n);
        std::uint32_t b = rng.below(n - 1);
        if (b >= a)
            ++b;
        return load(b) < load(a) ? b : a;
    }
    case LbAlgorithm::WeightedRoundRobin: {
        // nginx's smooth weighted round robin: even spacing, exact long-run proportions.
        if (m_current.size() != n)
            targetsChanged(targets);
        std::uint32_t best = 0;
        for (std::uint32_t i = 0; i < n; ++i) {
            m_current[i] += targets[i].weight;
            if (m_current[i] > m_current[best])
                best = i;
        }
        m_current[best] -= m_totalWeight;
        return best;
    }
    }
    return 0;
}

} // namespace hld
