#include "simulation_controller.h"

#include "design_document.h"
#include "model/component_kind.h"
#include "model/instance_catalog.h"
#include "simulation_worker.h"

#include <chrono>

namespace hld {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kFrame = std::chrono::milliseconds(33); // at most ~30 snapshots a second
constexpr auto kSliceBudget = std::chrono::milliseconds(25);

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

// The controls that take a running engine from `before` to `now` (same structure).
std::vector<LiveControl> controlsFor(const Component &before, const Component &now)
{
    const QString id = QString::fromStdString(now.id);
    std::vector<LiveControl> out;
    if (effectiveReplicas(now) != effectiveReplicas(before))
        out.push_back(LiveControl::onComponent(ControlOp::SetReplicas, id, effectiveReplicas(now)));
    if (now.instance != before.instance) {
        LiveControl c = LiveControl::onComponent(ControlOp::SetInstance, id, effectiveWorkers(now));
        c.costPerReplicaHour = instanceCostPerHour(now);
        out.push_back(c);
    } else if (effectiveWorkers(now) != effectiveWorkers(before)) {
        out.push_back(LiveControl::onComponent(ControlOp::SetWorkers, id, effectiveWorkers(now)));
    }
    if (effectiveHitRatio(now) != effectiveHitRatio(before))
        out.push_back(LiveControl::onComponent(ControlOp::SetHitRatio, id, effectiveHitRatio(now)));
    if (now.traffic && before.traffic && now.traffic->rps != before.traffic->rps)
        out.push_back(LiveControl::onComponent(ControlOp::SetRps, id, now.traffic->rps));
    if (now.algorithm != before.algorithm) {
        LiveControl c = LiveControl::onComponent(ControlOp::SetAlgorithm, id);
        c.algorithm = now.algorithm.value_or(LbAlgorithm::RoundRobin);
        out.push_back(c);
    }
    return out;
}

} // namespace

// What the GUI thread tells the simulation thread, in the order it happened.
struct SimulationController::Message
{
    enum class Kind {
        Restart, // t = 0 with `design`
        Adopt,   // the structure changed: `design`
        Track,   // a live edit: `design` is what the controls that follow lead to
        Control,
        Step,
    };
    Kind kind;
    std::shared_ptr<const Design> design;
    LiveControl control;
    double stepS = 0;
    std::uint64_t seed = 1;
};

SimulationController::SimulationController(DesignDocument *doc, QObject *parent)
    : QObject(parent)
    , m_doc(doc)
    , m_lastDesign(doc->design())
{
    qRegisterMetaType<hld::LiveSnapshotPtr>();
    connect(doc, &DesignDocument::componentChanged, this, &SimulationController::onComponentEdited);
    for (auto signal : {&DesignDocument::componentAdded, &DesignDocument::componentRemoved})
        connect(doc, signal, this, &SimulationController::onStructureChanged);
    connect(doc, &DesignDocument::linkAdded, this, &SimulationController::onStructureChanged);
    connect(doc, &DesignDocument::linkRemoved, this, &SimulationController::onStructureChanged);
    connect(doc, &DesignDocument::linkChanged, this, &SimulationController::onStructureChanged);
    connect(doc, &DesignDocument::regionsChanged, this, &SimulationController::onStructureChanged);
    // A different design starts from zero, stopped or running as before.
    connect(doc, &DesignDocument::documentReset, this, &SimulationController::reset);
    post({Message::Kind::Restart, std::make_shared<Design>(doc->design()), {}, 0, m_seed});
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

void SimulationController::post(Message m)
{
    {
        std::lock_guard lock(m_mutex);
        m_messages.push_back(std::move(m));
    }
    m_wake.notify_all();
}

void SimulationController::run()
{
    m_started = true;
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
    m_started = true;
    post({Message::Kind::Step, {}, {}, simSeconds, 0});
}

void SimulationController::reset()
{
    m_started = m_running;
    m_lastDesign = m_doc->design();
    post({Message::Kind::Restart, std::make_shared<Design>(m_lastDesign), {}, 0, m_seed});
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

void SimulationController::sendControl(const LiveControl &c)
{
    post({Message::Kind::Control, {}, c, 0, 0});
}

LiveSnapshotPtr SimulationController::latest() const
{
    std::lock_guard lock(m_mutex);
    return m_latest;
}

void SimulationController::onStructureChanged()
{
    if (!m_started) {
        reset(); // not a live event: the new design is the starting state
        return;
    }
    m_lastDesign = m_doc->design();
    post({Message::Kind::Adopt, std::make_shared<Design>(m_lastDesign), {}, 0, 0});
}

void SimulationController::onComponentEdited(const QString &id)
{
    const Component *now = m_doc->component(id);
    const Component *before = m_lastDesign.find(id.toStdString());
    if (!m_started || !now || !before || !sameExceptLive(*now, *before)) {
        onStructureChanged();
        return;
    }
    const auto controls = controlsFor(*before, *now);
    m_lastDesign = m_doc->design();
    std::lock_guard lock(m_mutex);
    m_messages.push_back({Message::Kind::Track, std::make_shared<Design>(m_lastDesign), {}, 0, 0});
    for (const auto &c : controls)
        m_messages.push_back({Message::Kind::Control, {}, c, 0, 0});
    m_wake.notify_all();
}

bool SimulationController::handle(SimulationWorker &worker, const Message &m)
{
    switch (m.kind) {
    case Message::Kind::Restart:
        worker.restart(*m.design, m.seed);
        ++m_generation;
        return true;
    case Message::Kind::Adopt:
        worker.adopt(*m.design);
        return true;
    case Message::Kind::Track:
        worker.track(*m.design);
        return false;
    case Message::Kind::Control:
        worker.apply(m.control);
        return true;
    case Message::Kind::Step:
        worker.step(m.stepS);
        return true;
    }
    return false;
}

void SimulationController::publish(SimulationWorker &worker, double scenarioEndedAtS)
{
    const LiveSnapshotPtr snap = worker.snapshot(m_running, m_generation, scenarioEndedAtS);
    {
        std::lock_guard lock(m_mutex);
        m_latest = snap;
        m_outbox.push_back(snap);
    }
    // Only a wake-up crosses to the GUI thread through Qt's event queue, and it carries no
    // data: the snapshots travel through m_mutex, a hand-off that ThreadSanitizer can see
    // (it cannot see inside Debian's Qt, which is not built with it).
    m_deliveryPending = true;
    QMetaObject::invokeMethod(this, "deliver", Qt::QueuedConnection);
}

void SimulationController::deliver()
{
    std::vector<LiveSnapshotPtr> out;
    {
        std::lock_guard lock(m_mutex);
        out.swap(m_outbox);
        m_deliveryPending = false;
    }
    for (const auto &snap : out) { // in order: each carries the points since the one before
        emit snapshotReady(snap);
        if (snap->scenarioEndedAtS >= 0 && !m_running) { // not run on since
            emit runningChanged(false);
            emit scenarioEnded(snap->scenarioEndedAtS);
        }
    }
}

void SimulationController::loop()
{
    SimulationWorker worker;
    auto lastPublish = Clock::now() - kFrame;
    while (!m_quit) {
        std::vector<Message> messages;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, std::chrono::milliseconds(m_running ? 0 : 200), [this] {
                return m_quit || m_running || !m_messages.empty();
            });
            if (m_quit)
                break;
            messages.swap(m_messages);
        }
        bool changed = false;
        for (const auto &m : messages)
            changed = handle(worker, m) || changed;
        if (!worker.hasEngine())
            continue;
        if (!m_running) {
            if (changed)
                publish(worker);
            worker.holdPace();
            continue;
        }
        const bool caughtUp = worker.advance(m_speed, kSliceBudget);
        if (worker.takeScenarioEnd()) {
            // Like hldsim, the run ends where its scenario does: paused, with a final frame.
            m_running = false;
            lastPublish = Clock::now();
            publish(worker, worker.now());
            continue;
        }
        if (Clock::now() - lastPublish >= kFrame && !m_deliveryPending) {
            lastPublish = Clock::now();
            publish(worker);
        }
        if (caughtUp) // ahead of the wall clock: nothing to do until it moves on
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

} // namespace hld
