#include "run_snapshot.h"

#include "live_policies.h"
#include "sim/run.h"
#include "sim/simulator.h"

#include <algorithm>
#include <map>

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

std::vector<CutChange> scenarioCuts(const Design &d)
{
    std::vector<CutChange> out;
    if (d.scenario) {
        for (const auto &e : d.scenario->events) {
            if (e.action == "partition" || e.action == "heal")
                out.push_back({e.atS, e.action == "partition", e.target, e.other.value_or("")});
        }
    }
    return out;
}

std::vector<RegionCut> cutsInForce(const std::vector<CutChange> &changes, double t)
{
    std::vector<const CutChange *> upToNow;
    for (const auto &c : changes) {
        if (c.atS <= t)
            upToNow.push_back(&c);
    }
    std::stable_sort(
        upToNow.begin(), upToNow.end(), [](auto *x, auto *y) { return x->atS < y->atS; });
    std::map<std::pair<std::string, std::string>, bool> cut;
    for (const CutChange *c : upToNow)
        cut[std::minmax(c->a, c->b)] = c->cut;
    std::vector<RegionCut> out;
    for (const auto &[pair, on] : cut) {
        if (on)
            out.push_back(
                {QString::fromStdString(pair.first), QString::fromStdString(pair.second)});
    }
    return out;
}

std::shared_ptr<const std::vector<LinkRef>> linkRefsOf(const Network &net)
{
    auto links = std::make_shared<std::vector<LinkRef>>();
    links->reserve(net.links.size());
    for (const auto &l : net.links)
        links->push_back({QString::fromStdString(net.nodes[l.source].id),
                          QString::fromStdString(net.nodes[l.target].id)});
    return links;
}

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
    LivePolicies policies; // its rates: over the same last second
    policies.restart(sim, net.nodes.size(), net.links.size());
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
        n.mechanisms = sim.mechanismsAt(i);
    }
    s.links = linkRefsOf(net);
    const double span = std::max(1e-9, atS - before);
    s.linkRps.resize(net.links.size());
    for (std::uint32_t l = 0; l < net.links.size(); ++l)
        s.linkRps[l] = double(sim.linkSends(l) - sends[l]) / span;
    policies.fill(sim, s); // breakers, policy counts, undetected dead replicas, 429s
    s.cuts = cutsInForce(scenarioCuts(d), atS);
    return s;
}

} // namespace hld
