#include "simulation_worker.h"

#include "sim/run.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace hld {

namespace {

constexpr std::uint64_t kEventsPerCheck = 4096;

double seconds(SimulationWorker::Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

// The design's scenario as seen by an engine that starts `offsetS` into the run: events
// already past are dropped, the rest move earlier by the offset.
Design scenarioFrom(const Design &d, double offsetS)
{
    Design shifted;
    if (!d.scenario)
        return shifted;
    shifted.scenario = Scenario{};
    shifted.scenario->durationS = d.scenario->durationS;
    for (ScenarioEvent e : d.scenario->events) {
        if (e.atS < offsetS)
            continue;
        e.atS -= offsetS;
        shifted.scenario->events.push_back(e);
    }
    return shifted;
}

double scenarioEnd(const Design &d)
{
    return d.scenario && d.scenario->durationS ? *d.scenario->durationS : -1;
}

} // namespace

SimulationWorker::SimulationWorker()
    : m_paceWall(Clock::now())
    , m_lastPublishWall(Clock::now())
{}

SimulationWorker::~SimulationWorker() = default;

double SimulationWorker::now() const
{
    return m_offsetS + (m_sim ? m_sim->now() : 0.0);
}

void SimulationWorker::restart(const Design &d, std::uint64_t seed)
{
    m_design = d;
    m_seed = seed;
    m_endS = scenarioEnd(d);
    m_endPassed = m_endJustReached = false;
    m_cutChanges = scenarioCuts(d);
    m_applied.clear();
    m_marksReportedUntil = -1;
    noteScenario(-1);
    m_sim.reset(); // before the network it points at
    rebuild(0);
}

void SimulationWorker::rebuild(double offsetS)
{
    m_offsetS = offsetS;
    m_sim.reset();
    m_net = std::make_unique<Network>(compileNetwork(m_design));
    SimConfig cfg;
    cfg.recordSeries = true;
    cfg.maxSeriesPoints = 3600;
    cfg.seriesOverflow = SimConfig::SeriesOverflow::DropOldest; // a scrolling live view
    // A live run has no end to drain towards: after an overload it drains for as long as
    // the user watches (the drain limit is for runs that must finish).
    cfg.drainS = -1;
    m_sim = std::make_unique<Simulator>(*m_net, cfg, m_seed);
    double rps = 0;
    for (auto c : m_net->clients)
        rps += m_net->nodes[c].rps;
    // About 60 sampled requests a simulated second, whatever the load.
    m_sim->enableTracing(std::max<std::uint32_t>(1, std::uint32_t(rps / 60)));
    scheduleScenario(*m_sim, *m_net, scenarioFrom(m_design, offsetS));
    noteLinks();
    m_seriesSeen = 0;
    m_lastPublishSim = 0;
    holdPace();
}

void SimulationWorker::noteLinks()
{
    m_links = linkRefsOf(*m_net);
    m_lastSends.assign(m_net->links.size(), 0);
    for (std::uint32_t l = 0; l < m_net->links.size(); ++l)
        m_lastSends[l] = m_sim->linkSends(l);
    m_policies.restart(*m_sim, m_net->nodes.size(), m_net->links.size());
}

void SimulationWorker::noteScenario(double reportedUntilS)
{
    m_scenarioMarks.clear();
    if (m_design.scenario) {
        for (const auto &e : m_design.scenario->events)
            m_scenarioMarks.push_back({e.atS, scenarioEventLabel(e)});
    }
    std::stable_sort(m_scenarioMarks.begin(),
                     m_scenarioMarks.end(),
                     [](const auto &x, const auto &y) { return x.atS < y.atS; });
    m_nextScenarioMark
        = std::size_t(std::upper_bound(m_scenarioMarks.begin(),
                                       m_scenarioMarks.end(),
                                       reportedUntilS,
                                       [](double t, const LiveEvent &e) { return t < e.atS; })
                      - m_scenarioMarks.begin());
}

void SimulationWorker::adopt(const Design &d)
{
    m_design = d;
    m_endS = scenarioEnd(d);
    noteScenario(m_marksReportedUntil);
    if (!m_sim) {
        rebuild(0);
        return;
    }
    auto next = std::make_unique<Network>(compileNetwork(d));
    if (m_sim->adopt(*next)) {
        m_net = std::move(next); // the simulator points at it now
        noteLinks();
        return;
    }
    rebuild(now());
}

void SimulationWorker::apply(const LiveControl &c)
{
    if (!m_sim)
        return;
    if (auto control = c.resolve(*m_net)) {
        m_sim->apply(*control);
        m_applied.push_back({now(), c.label()});
        if (c.isPartitionChange())
            m_cutChanges.push_back({now(), c.op == ControlOp::Partition, c.regionA, c.regionB});
    }
}

void SimulationWorker::step(double simS)
{
    if (!m_sim)
        return;
    m_sim->runUntil(m_sim->now() + simS);
    m_endPassed = m_endPassed || (m_endS >= 0 && now() >= m_endS); // stepped past: no stop
}

bool SimulationWorker::takeScenarioEnd()
{
    return std::exchange(m_endJustReached, false);
}

void SimulationWorker::holdPace()
{
    m_paceWall = Clock::now();
    m_paceSim = m_sim ? m_sim->now() : 0.0;
}

bool SimulationWorker::advance(double speed, Clock::duration budget)
{
    const auto start = Clock::now();
    // Engine time where the scenario ends, if the run has not passed it yet.
    const double end = m_endS >= 0 && !m_endPassed ? m_endS - m_offsetS
                                                   : std::numeric_limits<double>::infinity();
    const auto reachedEnd = [&] {
        if (m_sim->now() < end)
            return false;
        m_endPassed = m_endJustReached = true;
        return true;
    };
    if (speed == kAsFastAsPossible) {
        // Never let the clock run off into empty time: with nothing left to simulate (no
        // traffic, or arrivals stopped by an overload) time stands still.
        while (Clock::now() - start < budget && !m_sim->idle()) {
            m_sim->runUntil(std::min(m_sim->now() + 1.0, end), kEventsPerCheck);
            if (reachedEnd())
                return true;
        }
        return m_sim->idle();
    }
    const double target = std::min(m_paceSim + seconds(Clock::now() - m_paceWall) * speed, end);
    bool caughtUp = false;
    while (!(caughtUp = m_sim->runUntil(target, kEventsPerCheck))) {
        if (Clock::now() - start > budget)
            break; // publish, then carry on catching up
    }
    if (reachedEnd())
        return true;
    // More than a second behind: the design is too heavy for this speed. Re-base rather
    // than spiral; the toolbar shows the speed actually achieved.
    if (target - m_sim->now() > speed)
        holdPace();
    return caughtUp;
}

LiveSnapshotPtr
SimulationWorker::snapshot(bool running, std::uint64_t generation, double scenarioEndedAtS)
{
    auto snap = std::make_shared<LiveSnapshot>();
    snap->scenarioEndedAtS = scenarioEndedAtS;
    Simulator &sim = *m_sim;
    snap->generation = generation;
    snap->running = running;
    snap->simTimeS = now();
    snap->previousSimTimeS = m_offsetS + std::min(m_lastPublishSim, sim.now());
    const auto wallNow = Clock::now();
    const double wall = seconds(wallNow - m_lastPublishWall);
    snap->speed = wall > 0 && running ? (sim.now() - m_lastPublishSim) / wall : 0.0;
    m_lastPublishWall = wallNow;
    snap->costPerHour = sim.costPerHourNow();

    const TimeSeries &ts = sim.series();
    const std::size_t dropped = sim.seriesDropped();
    const std::size_t from = m_seriesSeen > dropped ? m_seriesSeen - dropped : 0;
    snap->newPoints = ts.since(from);
    for (double &t : snap->newPoints.tS)
        t += m_offsetS;
    m_seriesSeen = dropped + ts.size();

    snap->nodes.resize(m_net->nodes.size());
    for (std::uint32_t i = 0; i < m_net->nodes.size(); ++i) {
        LiveNode &n = snap->nodes[i];
        n.id = QString::fromStdString(m_net->nodes[i].id);
        const NodeSeries &s = ts.nodes[i];
        n.utilization = s.utilization.empty() ? 0.0 : s.utilization.back();
        n.throughputRps = s.throughput.empty() ? 0.0 : s.throughput.back();
        n.queued = sim.queuedAt(i);
        n.busy = sim.busyAt(i);
        n.workers = sim.workersAt(i);
        n.replicas = sim.replicasInRotation(i);
        n.down = sim.downCount(i);
        n.errorRate = s.errorRate.empty() ? 0.0 : s.errorRate.back();
        n.mechanisms = sim.mechanismsAt(i); // once per snapshot, never per painted frame
    }
    snap->links = m_links;
    const double dt = std::max(1e-9, sim.now() - m_lastPublishSim);
    snap->linkRps.resize(m_net->links.size());
    for (std::uint32_t l = 0; l < m_net->links.size(); ++l) {
        const std::uint64_t sends = sim.linkSends(l);
        snap->linkRps[l] = double(sends - m_lastSends[l]) / dt;
        m_lastSends[l] = sends;
    }
    m_policies.fill(sim, *snap); // once per snapshot, never per painted frame
    m_lastPublishSim = sim.now();
    snap->hops = sim.takeTraceHops();
    for (auto &h : snap->hops) {
        h.departS += m_offsetS;
        h.arriveS += m_offsetS;
    }

    // What happened since the last snapshot: the scenario's events that fell due, and the
    // controls applied by hand.
    for (; m_nextScenarioMark < m_scenarioMarks.size()
           && m_scenarioMarks[m_nextScenarioMark].atS <= snap->simTimeS;
         ++m_nextScenarioMark)
        snap->events.push_back(m_scenarioMarks[m_nextScenarioMark]);
    m_marksReportedUntil = snap->simTimeS;
    snap->events.insert(snap->events.end(), m_applied.begin(), m_applied.end());
    m_applied.clear();
    std::stable_sort(snap->events.begin(), snap->events.end(), [](const auto &x, const auto &y) {
        return x.atS < y.atS;
    });

    snap->cuts = cutsInForce(m_cutChanges, snap->simTimeS);
    return snap;
}

} // namespace hld
