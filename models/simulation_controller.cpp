#include "simulation_controller.h"

#include "design_document.h"
#include "model/component_kind.h"
#include "model/instance_catalog.h"
#include "sim/run.h"

#include <chrono>
#include <cmath>

namespace hld {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kFrame = std::chrono::milliseconds(33); // at most ~30 snapshots a second
constexpr auto kSliceBudget = std::chrono::milliseconds(25);
constexpr std::uint64_t kEventsPerCheck = 4096;

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

// Fields that map to a live control; anything else changes the structure.
bool sameExceptLive(Component a, Component b)
{
    for (Component *c : {&a, &b}) {
        c->replicas.reset();
        c->instance.reset();
        c->workers.reset();
        c->hitRatio.reset();
        c->algorithm.reset();
        c->label.reset();
        c->position.reset();
        c->justification.reset();
        if (c->traffic)
            c->traffic->rps = 0;
    }
    return a == b;
}

} // namespace

SimulationController::SimulationController(DesignDocument *doc, QObject *parent)
    : QObject(parent)
    , m_doc(doc)
    , m_lastDesign(doc->design())
{
    qRegisterMetaType<hld::LiveSnapshotPtr>();
    m_pendingDesign = doc->design();
    connect(doc, &DesignDocument::componentChanged, this, &SimulationController::onDocumentEdited);
    for (auto signal : {&DesignDocument::componentAdded, &DesignDocument::componentRemoved})
        connect(doc, signal, this, &SimulationController::onStructureChanged);
    connect(doc, &DesignDocument::linkAdded, this, &SimulationController::onStructureChanged);
    connect(doc, &DesignDocument::linkRemoved, this, &SimulationController::onStructureChanged);
    connect(doc, &DesignDocument::linkChanged, this, &SimulationController::onStructureChanged);
    connect(doc, &DesignDocument::regionsChanged, this, &SimulationController::onStructureChanged);
    connect(doc, &DesignDocument::documentReset, this, [this] {
        onStructureChanged();
        reset(); // a different design starts from zero
    });
    m_thread = std::thread([this] { loop(); });
}

SimulationController::~SimulationController()
{
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void SimulationController::run()
{
    m_running = true;
    m_wake.notify_all();
    emit runningChanged(true);
}

void SimulationController::pause()
{
    m_running = false;
    emit runningChanged(false);
}

void SimulationController::step(double simSeconds)
{
    {
        std::lock_guard lock(m_mutex);
        m_command = Command::Step;
        m_stepS = simSeconds;
    }
    m_wake.notify_all();
}

void SimulationController::reset()
{
    {
        std::lock_guard lock(m_mutex);
        m_command = Command::Reset;
    }
    m_wake.notify_all();
}

void SimulationController::setSpeed(double simPerWall)
{
    m_speed = simPerWall <= 0 ? kAsFastAsPossible : std::clamp(simPerWall, 0.1, 100.0);
}

void SimulationController::setSeed(std::uint64_t seed)
{
    m_seed = seed;
    reset();
}

void SimulationController::sendControl(const Control &c)
{
    {
        std::lock_guard lock(m_mutex);
        m_controls.push_back(c);
    }
    m_wake.notify_all();
}

LiveSnapshotPtr SimulationController::latest() const
{
    std::lock_guard lock(m_mutex);
    return m_latest;
}

void SimulationController::onStructureChanged()
{
    {
        std::lock_guard lock(m_mutex);
        m_pendingDesign = m_doc->design();
        m_designChanged = true;
    }
    m_lastDesign = m_doc->design();
    m_wake.notify_all();
}

void SimulationController::onDocumentEdited(const QString &id)
{
    const Component *now = m_doc->component(id);
    const Component *before = m_lastDesign.find(id.toStdString());
    if (!now || !before || !sameExceptLive(*now, *before)) {
        onStructureChanged();
        return;
    }
    const std::uint32_t node = static_cast<std::uint32_t>(m_doc->componentIndex(id));
    std::vector<Control> controls;
    auto add = [&](ControlOp op, double value) {
        Control c;
        c.op = op;
        c.node = node;
        c.value = value;
        controls.push_back(c);
    };
    if (effectiveReplicas(*now) != effectiveReplicas(*before))
        add(ControlOp::SetReplicas, effectiveReplicas(*now));
    if (now->instance != before->instance) {
        Control c;
        c.op = ControlOp::SetInstance;
        c.node = node;
        c.value = effectiveWorkers(*now);
        c.costPerReplicaHour = instanceCostPerHour(*now);
        controls.push_back(c);
    } else if (effectiveWorkers(*now) != effectiveWorkers(*before)) {
        add(ControlOp::SetWorkers, effectiveWorkers(*now));
    }
    if (effectiveHitRatio(*now) != effectiveHitRatio(*before))
        add(ControlOp::SetHitRatio, effectiveHitRatio(*now));
    if (now->traffic && before->traffic && now->traffic->rps != before->traffic->rps)
        add(ControlOp::SetRps, now->traffic->rps);
    if (now->algorithm != before->algorithm) {
        Control c;
        c.op = ControlOp::SetAlgorithm;
        c.node = node;
        c.algorithm = now->algorithm.value_or(LbAlgorithm::RoundRobin);
        controls.push_back(c);
    }
    m_lastDesign = m_doc->design();
    {
        std::lock_guard lock(m_mutex);
        m_pendingDesign = m_doc->design();
        for (auto &c : controls)
            m_controls.push_back(c);
    }
    m_wake.notify_all();
}

void SimulationController::publish(Simulator &sim,
                                   const Network &net,
                                   double offsetS,
                                   std::size_t &seriesSeen,
                                   std::vector<std::uint64_t> &lastSends,
                                   double &lastPublishSim)
{
    auto snap = std::make_shared<LiveSnapshot>();
    snap->simTimeS = offsetS + sim.now();
    const auto wallNow = Clock::now();
    const double wall = seconds(wallNow - m_lastPublishWall);
    snap->speed = wall > 0 && m_running ? (sim.now() - lastPublishSim) / wall : 0.0;
    m_lastPublishWall = wallNow;
    snap->running = m_running;
    snap->costPerHour = sim.costPerHourNow();
    const TimeSeries &ts = sim.series();
    const std::size_t dropped = sim.seriesDropped();
    const std::size_t from = seriesSeen > dropped ? seriesSeen - dropped : 0;
    snap->newPoints = ts.since(from);
    for (double &t : snap->newPoints.tS)
        t += offsetS;
    seriesSeen = dropped + ts.size();

    snap->nodes.resize(net.nodes.size());
    for (std::uint32_t i = 0; i < net.nodes.size(); ++i) {
        LiveNode &n = snap->nodes[i];
        n.id = QString::fromStdString(net.nodes[i].id);
        const NodeSeries &s = ts.nodes[i];
        n.utilization = s.utilization.empty() ? 0.0 : s.utilization.back();
        n.throughputRps = s.throughput.empty() ? 0.0 : s.throughput.back();
        n.queued = sim.queuedAt(i);
        n.busy = sim.busyAt(i);
        n.workers = sim.workersAt(i);
        n.replicas = sim.replicasInRotation(i);
        n.down = sim.downCount(i);
        n.errorRate = s.errorRate.empty() ? 0.0 : s.errorRate.back();
    }
    const double dt = std::max(1e-9, sim.now() - lastPublishSim);
    snap->linkRps.resize(net.links.size());
    lastSends.resize(net.links.size(), 0);
    for (std::uint32_t l = 0; l < net.links.size(); ++l) {
        const std::uint64_t sends = sim.linkSends(l);
        snap->linkRps[l] = double(sends - lastSends[l]) / dt;
        lastSends[l] = sends;
    }
    lastPublishSim = sim.now();
    snap->hops = sim.takeTraceHops();
    for (auto &h : snap->hops) {
        h.departS += offsetS;
        h.arriveS += offsetS;
    }
    {
        std::lock_guard lock(m_mutex);
        snap->generation = m_generation;
        m_latest = snap;
    }
    QMetaObject::invokeMethod(
        this, [this, snap] { emit snapshotReady(snap); }, Qt::QueuedConnection);
}

void SimulationController::loop()
{
    std::unique_ptr<Network> net;
    std::unique_ptr<Simulator> sim;
    Design design;
    std::size_t seriesSeen = 0;
    std::vector<std::uint64_t> lastSends;
    double lastPublishSim = 0;
    auto lastPublish = Clock::now() - kFrame;
    auto paceWall = Clock::now();
    double paceSim = 0;
    double offset = 0; // simulated time before the current engine took over

    auto rebuild = [&](bool fromZero) {
        offset = fromZero || !sim ? 0.0 : offset + sim->now();
        // A new topology continues from the current simulated time in a fresh engine:
        // what was in flight is dropped (the series and the clock carry on).
        net = std::make_unique<Network>(compileNetwork(design));
        SimConfig cfg;
        cfg.recordSeries = true;
        cfg.maxSeriesPoints = 3600;
        cfg.seriesOverflow = SimConfig::SeriesOverflow::DropOldest; // a scrolling live view
        sim = std::make_unique<Simulator>(*net, cfg, m_seed.load());
        double rps = 0;
        for (auto c : net->clients)
            rps += net->nodes[c].rps;
        sim->enableTracing(std::max<std::uint32_t>(1, std::uint32_t(rps / 60)));
        if (design.scenario) {
            for (const auto &e : design.scenario->events) {
                const auto c = controlFromEvent(*net, e);
                if (c && e.atS >= offset)
                    sim->schedule(e.atS - offset, *c);
            }
        }
        seriesSeen = 0;
        lastSends.clear();
        lastPublishSim = 0;
        paceWall = Clock::now();
        paceSim = 0;
    };

    while (!m_quit) {
        Command command = Command::None;
        double stepS = 0;
        std::vector<Control> controls;
        bool designChanged = false;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, std::chrono::milliseconds(m_running ? 0 : 200), [this] {
                return m_quit || m_running || m_command != Command::None || !m_controls.empty()
                       || m_designChanged;
            });
            if (m_quit)
                break;
            command = std::exchange(m_command, Command::None);
            stepS = m_stepS;
            controls.swap(m_controls);
            designChanged = std::exchange(m_designChanged, false);
            if (designChanged)
                design = m_pendingDesign;
            if (command == Command::Reset)
                ++m_generation;
        }
        bool adopted = false;
        if (sim && designChanged && command != Command::Reset) {
            // Change the running engine in place: requests in flight carry on.
            auto next = std::make_unique<Network>(compileNetwork(design));
            if (sim->adopt(*next)) {
                net = std::move(next);
                lastSends.assign(net->links.size(), 0);
                for (std::uint32_t l = 0; l < net->links.size(); ++l)
                    lastSends[l] = sim->linkSends(l);
                adopted = true;
            }
        }
        if (!sim || (designChanged && !adopted) || command == Command::Reset) {
            rebuild(command == Command::Reset);
            if (command == Command::Reset)
                publish(*sim, *net, offset, seriesSeen, lastSends, lastPublishSim);
        }
        for (const auto &c : controls)
            sim->apply(c);
        if (command == Command::Step) {
            sim->runUntil(sim->now() + stepS);
            publish(*sim, *net, offset, seriesSeen, lastSends, lastPublishSim);
            continue;
        }
        if (!m_running) {
            if (!controls.empty() || designChanged)
                publish(*sim, *net, offset, seriesSeen, lastSends, lastPublishSim);
            paceWall = Clock::now();
            paceSim = sim->now();
            continue;
        }
        // One slice: catch up with the wall clock at the chosen speed, within a budget.
        const auto sliceStart = Clock::now();
        const double speed = m_speed;
        bool caughtUp = false;
        if (speed == kAsFastAsPossible) {
            // Never let the clock run off into empty time: with nothing left to simulate
            // (no traffic, or arrivals stopped by an overload) time stands still.
            while (Clock::now() - sliceStart < kSliceBudget && !sim->idle())
                sim->runUntil(sim->now() + 1.0, kEventsPerCheck);
            caughtUp = sim->idle();
        } else {
            const double target = paceSim + seconds(Clock::now() - paceWall) * speed;
            while (!(caughtUp = sim->runUntil(target, kEventsPerCheck))) {
                if (Clock::now() - sliceStart > kSliceBudget)
                    break; // publish, then carry on catching up
            }
            if (target - sim->now() > speed) {
                // More than a second behind: the design is too heavy for this speed. Re-base
                // rather than spiral; the toolbar shows the speed actually achieved.
                paceWall = Clock::now();
                paceSim = sim->now();
            }
        }
        if (Clock::now() - lastPublish >= kFrame) {
            lastPublish = Clock::now();
            publish(*sim, *net, offset, seriesSeen, lastSends, lastPublishSim);
        }
        if (caughtUp) // ahead of the wall clock: nothing to do until it moves on
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

} // namespace hld
