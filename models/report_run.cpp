#include "report_run.h"

#include "sim/simulator.h"

#include <algorithm>
#include <mutex>
#include <thread>

namespace hld {

std::optional<Results> runForReport(const Design &d,
                                    RunOptions opt,
                                    const std::function<void(double)> &progress,
                                    const std::atomic<bool> *cancel)
{
    opt.sim.recordSeries = true;
    const Network net = compileNetwork(d);
    const int reps = std::max(1, opt.replications);
    std::vector<RawMetrics> runs(static_cast<std::size_t>(reps));
    std::vector<double> done(static_cast<std::size_t>(reps), 0.0); // per replication, 0..1
    std::mutex progressMutex;
    std::atomic<int> next{0};
    std::atomic<bool> stopped{false};
    auto report = [&](int r, double fraction) {
        if (!progress)
            return;
        std::lock_guard lock(progressMutex);
        done[std::size_t(r)] = std::clamp(fraction, 0.0, 1.0);
        double sum = 0;
        for (double x : done)
            sum += x;
        progress(sum / reps);
    };
    auto worker = [&] {
        for (int r = next++; r < reps && !stopped; r = next++) {
            Simulator sim(net, opt.sim, replicationSeed(opt.seed, r), nullptr, r);
            scheduleScenario(sim, net, d);
            const double length = opt.sim.durationS > 0 ? opt.sim.durationS : 0.0;
            bool more = true;
            while (more) {
                for (int k = 0; k < (1 << 15) && more; ++k)
                    more = sim.step();
                if (cancel && cancel->load()) {
                    stopped = true;
                    return;
                }
                report(r, length > 0 ? sim.now() / length : 0.5);
            }
            runs[std::size_t(r)] = sim.finish();
            report(r, 1.0);
        }
    };
    const int threads = std::clamp(opt.threads, 1, reps);
    if (threads == 1) {
        worker();
    } else {
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back(worker);
        for (auto &t : pool)
            t.join();
    }
    if (stopped)
        return std::nullopt;
    return summarise(net, opt, runs);
}

} // namespace hld
