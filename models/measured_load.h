#pragma once

#include "live_snapshot.h"
#include "model/design.h"

#include <QHash>
#include <QString>

#include <vector>

namespace hld {

// Each component's utilisation over a run, averaged over simulated time from the live
// snapshots, for the design review's "hot" rule. A new run (generation) starts afresh.
class MeasuredLoad
{
public:
    void add(const LiveSnapshot &s);
    void clear();
    bool isEmpty() const { return m_seconds <= 0; }
    double seconds() const { return m_seconds; }
    // By the design's component index; 0 for a component the run did not have.
    std::vector<double> byComponent(const Design &design) const;

private:
    std::uint64_t m_generation = 0;
    double m_seconds = 0;
    QHash<QString, double> m_busySeconds; // utilisation x simulated seconds
};

} // namespace hld
