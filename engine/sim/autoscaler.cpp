#include "sim/autoscaler.h"

#include <algorithm>
#include <cmath>

namespace hld {

std::optional<Autoscaler::Decision> Autoscaler::tick(const Autoscale &a, const Reading &r)
{
    const double dBusy = r.busyArea - m_busy, dCap = r.capacityArea - m_capacity;
    m_busy = r.busyArea;
    m_capacity = r.capacityArea;
    if (r.killed)
        return std::nullopt; // the whole component is down: nothing to replace it with
    // Dead replicas are replaced at once, whatever the cooldown: the count in rotation
    // (with those warming up) never stays below min.
    if (r.active + r.warming < std::uint32_t(a.min))
        return Decision{std::uint32_t(a.min), true};
    if (dCap <= 0 || r.now - m_lastScaleS < a.cooldownS)
        return std::nullopt;
    // Utilisation over the last interval: busy worker-seconds / worker-seconds in rotation.
    const double utilisation = dBusy / dCap;
    const auto desired = static_cast<std::uint32_t>(
        std::clamp<double>(std::ceil(r.active * utilisation / a.targetUtilization - 1e-9),
                           double(a.min),
                           double(a.max)));
    if (desired == r.active + r.warming || (desired < r.active && r.warming > 0))
        return std::nullopt;
    m_lastScaleS = r.now;
    return Decision{desired, false};
}

} // namespace hld
