#include "run_snapshot.h"

#include "sim/run.h"
#include "sim/simulator.h"

#include <algorithm>

namespace hld {

namespace {

// Runs to `t` in slices so a cancel lands within a few milliseconds.
bool advance(Simulator &sim, double t, const std::function<bool()> &cancelled)
{
    while (!sim.runUntil(t, 1u << 16)) {
        if (cancelled && cancelled())
            return false;
    }
    return true;
}

} // namespace

std::optional<LiveSnapshot> simulateSnapshot(const Design &d,
                                             double atS,
                                             std::uint64_t seed,
                                             const std::function<bool()> &cancelled)
{
    const Network net = compileNetwork(d);
    SimConfig cfg;
    cfg.recordSeries = true;
    cfg.windowS = 1.0;
    Simulator sim(net, cfg, seed);
    scheduleScenario(sim, net, d);
    const double before = std::max(0.0, atS - 1.0);
    if (!advance(sim, before, cancelled))
        return std::nullopt;
    std::vector<std::uint64_t> sends(net.links.size());
    for (std::uint32_t l = 0; l < net.links.size(); ++l)
        sends[l] = sim.linkSends(l);
    if (!advance(sim, atS, cancelled))
        return std::nullopt;

    LiveSnapshot s;
    s.simTimeS = sim.now();
    s.costPerHour = sim.costPerHourNow();
    const TimeSeries &ts = sim.series();
    s.nodes.resize(net.nodes.size());
    for (std::uint32_t i = 0; i < net.nodes.size(); ++i) {
        LiveNode &n = s.nodes[i];
        n.id = QString::fromStdString(net.nodes[i].id);
        const NodeSeries &ns = ts.nodes[i];
        n.utilization = ns.utilization.empty() ? 0.0 : ns.utilization.back();
        n.throughputRps = ns.throughput.empty() ? 0.0 : ns.throughput.back();
        n.errorRate = ns.errorRate.empty() ? 0.0 : ns.errorRate.back();
        n.queued = sim.queuedAt(i);
        n.busy = sim.busyAt(i);
        n.workers = sim.workersAt(i);
        n.replicas = sim.replicasInRotation(i);
        n.down = sim.downCount(i);
    }
    const double span = std::max(1e-9, atS - before);
    s.linkRps.resize(net.links.size());
    for (std::uint32_t l = 0; l < net.links.size(); ++l)
        s.linkRps[l] = double(sim.linkSends(l) - sends[l]) / span;
    return s;
}

} // namespace hld
