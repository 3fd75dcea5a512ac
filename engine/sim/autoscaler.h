#pragma once

#include "model/design.h"

#include <cstdint>
#include <optional>

namespace hld {

// The horizontal autoscaler of one component: every interval it reads how busy the replicas
// in rotation were since the last tick and decides how many to keep. It only decides; the
// simulator adds (with a warm-up) or drains replicas.
class Autoscaler
{
public:
    struct Reading
    {
        double now = 0;
        double busyArea = 0;     // busy worker-seconds so far (all replicas)
        double capacityArea = 0; // worker-seconds in rotation so far
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
    void restartIntegrals() { m_busy = m_capacity = 0; }

    bool armed = false; // a tick is scheduled

private:
    double m_busy = 0, m_capacity = 0; // at the previous tick
    double m_lastScaleS = -1e300;
};

} // namespace hld
