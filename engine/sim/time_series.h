#pragma once

#include <algorithm>
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

    // Every column once, so trimming, copying and padding cannot miss one.
    template<typename Self, typename F>
    static void eachColumn(Self &s, F &&f)
    {
        for (auto *v : {&s.replicas,
                        &s.utilization,
                        &s.queue,
                        &s.throughput,
                        &s.errorRate,
                        &s.reads,
                        &s.staleReads,
                        &s.failed,
                        &s.requests})
            f(*v);
    }
    template<typename F>
    void forEachColumn(F &&f)
    {
        eachColumn(*this, f);
    }
};

struct TimeSeries
{
    double windowS = 1.0;
    std::vector<double> tS; // window end
    std::vector<double> p50Ms, p95Ms, p99Ms, throughputRps, errorRate, costPerHour;
    std::vector<NodeSeries> nodes;

    std::size_t size() const { return tS.size(); }

    template<typename Self, typename F>
    static void eachColumn(Self &s, F &&f)
    {
        for (auto *v :
             {&s.tS, &s.p50Ms, &s.p95Ms, &s.p99Ms, &s.throughputRps, &s.errorRate, &s.costPerHour})
            f(*v);
        for (auto &n : s.nodes)
            NodeSeries::eachColumn(n, f);
    }
    template<typename F>
    void forEachColumn(F &&f)
    {
        eachColumn(*this, f);
    }

    // The points from index `from` on (what a live view has not seen yet); copies only those.
    TimeSeries since(std::size_t from) const
    {
        TimeSeries out;
        out.windowS = windowS;
        out.nodes.resize(nodes.size());
        std::vector<const std::vector<double> *> src;
        eachColumn(*this, [&](const std::vector<double> &v) { src.push_back(&v); });
        std::size_t k = 0;
        out.forEachColumn([&](std::vector<double> &v) {
            const auto &s = *src[k++];
            v.assign(s.begin() + static_cast<long>(std::min(from, s.size())), s.end());
        });
        return out;
    }
    void dropFront(std::size_t n)
    {
        forEachColumn([n](std::vector<double> &v) {
            v.erase(v.begin(), v.begin() + static_cast<long>(std::min(n, v.size())));
        });
    }
};

} // namespace hld
