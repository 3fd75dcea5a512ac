#include "measured_load.h"

namespace hld {

void MeasuredLoad::add(const LiveSnapshot &s)
{
    if (s.generation != m_generation) {
        clear();
        m_generation = s.generation;
    }
    const double dt = s.simTimeS - s.previousSimTimeS;
    if (dt <= 0)
        return;
    m_seconds += dt;
    for (const LiveNode &n : s.nodes)
        m_busySeconds[n.id] += n.utilization * dt;
}

void MeasuredLoad::clear()
{
    m_seconds = 0;
    m_busySeconds.clear();
}

std::vector<double> MeasuredLoad::byComponent(const Design &design) const
{
    std::vector<double> out(design.components.size(), 0.0);
    if (m_seconds <= 0)
        return {};
    for (std::size_t i = 0; i < design.components.size(); ++i)
        out[i] = m_busySeconds.value(QString::fromStdString(design.components[i].id)) / m_seconds;
    return out;
}

} // namespace hld
