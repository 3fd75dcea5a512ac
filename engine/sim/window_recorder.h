#pragma once

#include "sim/histogram.h"
#include "sim/time_series.h"

#include <cstdint>
#include <vector>

namespace hld {

// What one component contributes to a window: its running totals at the window's end. The
// recorder keeps the totals at the previous end and turns the differences into rates.
struct NodeWindowTotals
{
    double busyArea = 0;     // busy workers x seconds, since warm-up
    double presentArea = 0;  // requests present x seconds
    double capacityArea = 0; // workers in rotation x seconds
    std::uint64_t completed = 0, arrivalsAll = 0, failedHere = 0;
    std::uint32_t inRotation = 0;
    bool replicated = false;
    std::uint64_t reads = 0, staleReads = 0, failed = 0, arrivals = 0; // replicated stores
    std::uint64_t failovers = 0, conflicts = 0;
    double writeUnavailableS = 0;
};

// The per-window series the charts draw and `--timeseries` prints: end-to-end latency
// percentiles, throughput, errors and cost per window, and per component replicas,
// utilisation, queue, throughput and errors. Bounded: past its point budget it widens its
// windows (merging pairs) or forgets the oldest points, as configured.
class WindowRecorder
{
public:
    enum class Overflow : std::uint8_t { Widen, DropOldest };

    void configure(bool record, double windowS, Overflow overflow, std::size_t nodes);
    void setPointCap(std::size_t points) { m_cap = points; }

    // A client request ended: ok with its latency, or failed.
    void outcome(bool ok, double latencyMs)
    {
        if (ok) {
            ++m_ok;
            if (m_record)
                m_latency.record(latencyMs);
        } else {
            ++m_failed;
        }
    }

    // Closes the window ending at `now`. `totalsOf(node)` gives each component's totals.
    template<typename F>
    void close(double now, double costPerHour, F &&totalsOf)
    {
        if (m_record)
            closeEndToEnd(now, costPerHour);
        m_ok = m_failed = 0;
        if (m_latency.count())
            m_latency.clear();
        // The totals close every component's time integrals at each window, recorded or
        // not, so a run's sums do not depend on whether its series is kept.
        for (std::uint32_t n = 0; n < m_marks.size(); ++n) {
            const NodeWindowTotals t = totalsOf(n);
            if (m_record)
                closeNode(n, t);
        }
        if (m_record)
            fit();
    }

    // Warm-up ends: the time integrals restart from zero, so do the marks.
    void restartIntegrals();
    // A topology change: component i becomes map[i] (kNone: removed); new ones start at 0
    // with their columns lined up with the others.
    void remap(const std::vector<std::uint32_t> &map,
               std::size_t nodes,
               const std::vector<char> &replicated);

    double windowS() const { return m_windowS; }
    const TimeSeries &series() const { return m_series; }
    TimeSeries take() { return std::move(m_series); }
    std::size_t dropped() const { return m_dropped; }

private:
    struct Marks
    {
        double busy = 0, capacity = 0, waiting = 0;
        std::uint64_t completed = 0, arrivalsAll = 0, failedHere = 0;
        std::uint64_t reads = 0, stale = 0, failed = 0, arrivals = 0;
        std::uint64_t failovers = 0, conflicts = 0;
        double writeUnavailable = 0;
    };
    void closeEndToEnd(double now, double costPerHour);
    void closeNode(std::uint32_t n, const NodeWindowTotals &t);
    void fit();

    bool m_record = false;
    double m_windowS = 1.0;
    Overflow m_overflow = Overflow::Widen;
    std::size_t m_cap = 0;
    std::size_t m_dropped = 0;
    TimeSeries m_series;
    LogHistogram m_latency;
    std::uint64_t m_ok = 0, m_failed = 0;
    std::vector<Marks> m_marks;
};

} // namespace hld
