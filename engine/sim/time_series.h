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
    std::vector<double> failovers;        // leader elections completed in the window
    std::vector<double> writeUnavailable; // seconds of the window without a writable leader
    std::vector<double> conflicts;        // conflicting writes found at heals

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
                        &s.requests,
                        &s.failovers,
                        &s.writeUnavailable,
                        &s.conflicts})
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
    bool widened = false;   // windows were merged in pairs to stay within the point budget
    std::vector<double> tS; // window end
    std::vector<double> p50Ms, p95Ms, p99Ms, throughputRps, errorRate, costPerHour;
    std::vector<NodeSeries> nodes;

    std::size_t size() const { return tS.size(); }

private:
    template<typename F>
    static void merge(std::vector<double> &v, F &&f)
    {
        std::size_t out = 0;
        for (std::size_t i = 0; i + 1 < v.size(); i += 2)
            v[out++] = f(v[i], v[i + 1]);
        if (v.size() % 2)
            v[out++] = v.back();
        v.resize(out);
    }
    static void mergeWeighted(std::vector<double> &v, const std::vector<double> &w)
    {
        std::size_t out = 0;
        for (std::size_t i = 0; i + 1 < v.size(); i += 2) {
            const double wa = i < w.size() ? w[i] : 0, wb = i + 1 < w.size() ? w[i + 1] : 0;
            v[out++]
                = wa + wb > 0 ? (v[i] * wa + v[i + 1] * wb) / (wa + wb) : std::max(v[i], v[i + 1]);
        }
        if (v.size() % 2)
            v[out++] = v.back();
        v.resize(out);
    }

public:
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
    // Merges neighbouring windows in pairs (an odd last point stays alone) and doubles the
    // window. Rates and utilisations average; per-window counts add; the state at the end
    // of a window (replicas) and its end time come from the later one. Percentiles cannot
    // be merged exactly without the histograms: they become the throughput-weighted mean
    // of the two halves' percentiles.
    void widen()
    {
        auto mean = [](double a, double b) { return (a + b) / 2; };
        auto sum = [](double a, double b) { return a + b; };
        auto later = [](double, double b) { return b; };
        for (auto *p : {&p50Ms, &p95Ms, &p99Ms})
            mergeWeighted(*p, throughputRps);
        merge(tS, later);
        for (auto *v : {&throughputRps, &errorRate, &costPerHour})
            merge(*v, mean);
        for (auto &node : nodes) {
            merge(node.replicas, later);
            for (auto *v : {&node.utilization, &node.queue, &node.throughput, &node.errorRate})
                merge(*v, mean);
            for (auto *v : {&node.reads,
                            &node.staleReads,
                            &node.failed,
                            &node.requests,
                            &node.failovers,
                            &node.writeUnavailable,
                            &node.conflicts})
                merge(*v, sum);
        }
        windowS *= 2;
        widened = true;
    }

    void dropFront(std::size_t n)
    {
        forEachColumn([n](std::vector<double> &v) {
            v.erase(v.begin(), v.begin() + static_cast<long>(std::min(n, v.size())));
        });
    }
};

} // namespace hld
