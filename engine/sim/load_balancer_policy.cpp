#include "sim/load_balancer_policy.h"

namespace hld {

LoadBalancerPolicy::LoadBalancerPolicy(LbAlgorithm algorithm, std::span<const LbTarget> targets)
    : m_algorithm(algorithm)
    , m_targets(targets)
    , m_current(targets.size(), 0.0)
{
    for (const auto &t : targets)
        m_totalWeight += t.weight;
}

std::uint32_t LoadBalancerPolicy::leastOf(const std::uint32_t *present)
{
    // Scan starting after the previous choice so that ties rotate instead of piling on 0.
    const auto n = static_cast<std::uint32_t>(m_targets.size());
    std::uint32_t best = m_next % n;
    std::uint32_t bestLoad = present[m_targets[best].replica];
    for (std::uint32_t k = 1; k < n && bestLoad > 0; ++k) {
        std::uint32_t i = m_next + k;
        if (i >= n)
            i -= n;
        const std::uint32_t load = present[m_targets[i].replica];
        if (load < bestLoad) {
            best = i;
            bestLoad = load;
        }
    }
    m_next = best + 1 == n ? 0 : best + 1;
    return best;
}

std::uint32_t LoadBalancerPolicy::pick(std::uint32_t user, const std::uint32_t *present, Rng &rng)
{
    const auto n = static_cast<std::uint32_t>(m_targets.size());
    if (n == 0)
        return kNone;
    if (n == 1)
        return 0;
    switch (m_algorithm) {
    case LbAlgorithm::RoundRobin: {
        const std::uint32_t i = m_next;
        m_next = i + 1 == n ? 0 : i + 1;
        return i;
    }
    case LbAlgorithm::Random:
        return rng.below(n);
    case LbAlgorithm::LeastConnections:
        return leastOf(present);
    case LbAlgorithm::IpHash:
        return static_cast<std::uint32_t>(splitmix64(user) % n);
    case LbAlgorithm::PowerOfTwo: {
        const std::uint32_t a = rng.below(n);
        std::uint32_t b = rng.below(n - 1);
        if (b >= a)
            ++b;
        return present[m_targets[b].replica] < present[m_targets[a].replica] ? b : a;
    }
    case LbAlgorithm::WeightedRoundRobin: {
        // nginx's smooth weighted round robin: even spacing, exact long-run proportions.
        std::uint32_t best = 0;
        for (std::uint32_t i = 0; i < n; ++i) {
            m_current[i] += m_targets[i].weight;
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
