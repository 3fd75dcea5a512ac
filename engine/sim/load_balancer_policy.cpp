#include "sim/load_balancer_policy.h"

namespace hld {

void LoadBalancerPolicy::targetsChanged(const std::vector<LbTarget> &targets)
{
    m_current.assign(targets.size(), 0.0);
    m_totalWeight = 0;
    for (const auto &t : targets)
        m_totalWeight += t.weight;
    if (!targets.empty())
        m_next %= static_cast<std::uint32_t>(targets.size());
}

} // namespace hld
