#pragma once

#include "model/design.h"

#include <cstdint>
#include <optional>

namespace hld {

// The horizontal autoscaler of one component: every interval it reads the replicas in
// rotation since the last tick and decides how many to keep (contract 5.9). It only decides;
// the simulator adds (with a warm-up) or drains replicas. The signal:
//   utilization: ceil(active x utilisation / target_utilization);
//   queue: ceil(mean requests waiting / target_queue), never below the replicas the load
//     needs at 90% utilisation (so an empty queue does not scale to min at once);
//   p99_ms: above target_p99_ms it grows in proportion (at most doubling, at least one
//     more); under half the target it sheds one, again not below the 90% floor.
class Autoscaler
{
public:
    struct Reading
    {
        double now = 0;
        double busyArea = 0;     // busy worker-seconds so far (all replicas)
        double capacityArea = 0; // worker-seconds in rotation so far
        double presentArea = 0;  // requests present (waiting or in service) x seconds so far
        double p99Ms = -1;       // sojourn P99 since the last tick (-1: none finished)
        std::uint32_t active = 0, warming = 0;
        bool killed = false; // the whole component is down
    };
    struct Decision
    {
        std::uint32_t keep = 0;   // replicas to keep in rotation (dead ones are replaced)
        bool replacement = false; // only replacing dead replicas, not a scaling decision
    };

    std::optional<Decision> tick(const Autoscale &a, const Reading &r);
    // Warm-up ends: the time integrals restart from zero.
    void restartIntegrals() { m_busy = m_capacity = m_present = 0; }

    bool armed = false; // a tick is scheduled

private:
    static std::uint32_t desired(const Autoscale &a, const Reading &r, double utilisation);
    double m_busy = 0, m_capacity = 0, m_present = 0, m_lastTickS = -1; // at the previous tick
    double m_lastScaleS = -1e300;
};

} // namespace hld
