#include "sim/autoscaler.h"

#include <algorithm>
#include <cmath>

namespace hld {

std::optional<Autoscaler::Decision> Autoscaler::tick(const Autoscale &a, const Reading &r)
{
    const double dBusy = r.busyArea - m_busy, dCap = r.capacityArea - m_capacity;
    const double dPresent = r.presentArea - m_present;
    const double dt = m_lastTickS < 0 ? a.intervalS : r.now - m_lastTickS;
    m_busy = r.busyArea;
    m_capacity = r.capacityArea;
    m_present = r.presentArea;
    m_lastTickS = r.now;
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
    const double waiting = dt > 0 ? std::max(0.0, dPresent - dBusy) / dt : 0.0;
    Reading at = r;
    at.presentArea = waiting; // passed on as the mean number waiting
    const std::uint32_t want = desired(a, at, utilisation);
    if (want == r.active + r.warming || (want < r.active && r.warming > 0))
        return std::nullopt;
    m_lastScaleS = r.now;
    return Decision{want, false};
}

std::uint32_t Autoscaler::desired(const Autoscale &a, const Reading &r, double utilisation)
{
    const double active = r.active;
    const double floor90 = std::ceil(active * utilisation / 0.9 - 1e-9);
    double want = active;
    switch (a.metric) {
    case AutoscaleMetric::Utilization:
        want = std::ceil(active * utilisation / a.targetUtilization - 1e-9);
        break;
    case AutoscaleMetric::Queue:
        want = std::max(std::ceil(r.presentArea / a.targetQueue.value_or(1.0) - 1e-9), floor90);
        break;
    case AutoscaleMetric::P99: {
        const double target = a.targetP99Ms.value_or(100.0);
        if (r.p99Ms > target)
            want = std::max(active + 1, std::ceil(active * std::min(2.0, r.p99Ms / target)));
        else if (r.p99Ms >= 0 && r.p99Ms < target / 2)
            want = std::max(active - 1, floor90);
        break;
    }
    }
    return static_cast<std::uint32_t>(std::clamp<double>(want, double(a.min), double(a.max)));
}

} // namespace hld
