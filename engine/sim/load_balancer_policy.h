#pragma once

#include "model/design.h"
#include "sim/network.h"
#include "sim/rng.h"

#include <span>
#include <vector>

namespace hld {

// Chooses one replica among a balancer's targets. `present[r]` is the number of requests at
// global replica r (waiting, in service, or holding a worker): the balancer's "connections".
class LoadBalancerPolicy
{
public:
    LoadBalancerPolicy(LbAlgorithm algorithm, std::span<const LbTarget> targets);

    // Index into the target span; kNone when there is no target.
    std::uint32_t pick(std::uint32_t user, const std::uint32_t *present, Rng &rng);

private:
    std::uint32_t leastOf(const std::uint32_t *present);

    LbAlgorithm m_algorithm;
    std::span<const LbTarget> m_targets;
    std::uint32_t m_next = 0;          // round robin cursor; tie-break rotation
    std::vector<double> m_current;     // smooth weighted round robin state
    double m_totalWeight = 0;
};

} // namespace hld
