#pragma once

#include <cstdint>
#include <vector>

namespace hld {

// Per-window series (one point per simulated second by default): what the charts draw and
// `hldsim --timeseries` prints. Struct of arrays, one entry per window.
struct NodeSeries
{
    std::vector<double> replicas;    // replicas in rotation at the end of the window
    std::vector<double> utilization; // busy workers / workers over the window
    std::vector<double> queue;       // time-average requests waiting
    std::vector<double> throughput;  // completions per second
    std::vector<double> errorRate;   // share of arrivals this component refused or failed
    // replicated stores (CAP view)
    std::vector<double> reads, staleReads, failed, requests;
};

struct TimeSeries
{
    double windowS = 1.0;
    std::vector<double> tS; // window end
    std::vector<double> p50Ms, p95Ms, p99Ms, throughputRps, errorRate, costPerHour;
    std::vector<NodeSeries> nodes;

    std::size_t size() const { return tS.size(); }
};

} // namespace hld
