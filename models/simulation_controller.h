#pragma once

#include "live_control.h"
#include "live_snapshot.h"
#include "model/design.h"

#include <QObject>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace hld {

class DesignDocument;
class SimulationWorker;

// Runs the open design on a worker thread at a chosen speed (simulated seconds per wall
// second, or as fast as possible) and publishes snapshots at most 30 times a second.
//
// Edits made before the run starts (before the first Run or Step, or after Reset) define the
// starting state: the engine restarts at t = 0 with the document. Edits made once the run
// has started are live events at the current simulated time: scaling and tuning as controls,
// anything else by changing the running engine in place. Reset always runs what the document
// says. The engine never waits for the GUI: the thread takes the lock between slices only.
class SimulationController : public QObject
{
    Q_OBJECT

public:
    explicit SimulationController(DesignDocument *doc, QObject *parent = nullptr);
    ~SimulationController() override;

    static constexpr double kAsFastAsPossible = 0;

    void run();
    void pause();
    void step(double simSeconds = 1.0); // paused: advance this much, then stop
    void reset();                       // back to t = 0 with the document as it is now
    void setSpeed(double simPerWall);   // 0.1 .. 100, or kAsFastAsPossible
    void setSeed(std::uint64_t seed);
    void sendControl(const LiveControl &c); // a fault or change by hand

    bool isRunning() const { return m_running; }
    // Run or Step was pressed since the last reset: edits are live events now.
    bool hasStarted() const { return m_started; }
    double speed() const { return m_speed; }
    std::uint64_t seed() const { return m_seed; }
    LiveSnapshotPtr latest() const;

signals:
    void snapshotReady(hld::LiveSnapshotPtr snapshot);
    void runningChanged(bool running);
    // The run reached its scenario's duration_s and paused there; Run goes on past it.
    void scenarioEnded(double atS);

private:
    Q_INVOKABLE void deliver(); // GUI thread: emits the snapshots published since the last

    struct Message;
    void post(Message m);
    void loop();
    bool handle(SimulationWorker &worker, const Message &m); // true: publish the change
    void publish(SimulationWorker &worker, double scenarioEndedAtS = -1);
    void onComponentEdited(const QString &id);
    void onStructureChanged();

    DesignDocument *m_doc;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    // Shared with the thread (guarded by m_mutex).
    std::vector<Message> m_messages;
    LiveSnapshotPtr m_latest;
    std::vector<LiveSnapshotPtr> m_outbox; // published, not yet delivered to the GUI thread
    // Settings read by the thread each slice.
    std::atomic<bool> m_running{false};
    std::atomic<bool> m_quit{false};
    std::atomic<double> m_speed{1.0};
    std::atomic<std::uint64_t> m_seed{1};
    // A snapshot waits in the outbox for the GUI thread. While it does, the running
    // thread publishes no other: a GUI slower than the frame rate gets fewer, larger
    // snapshots (each carries every point since the one before), never a growing queue.
    std::atomic<bool> m_deliveryPending{false};
    // GUI thread only.
    bool m_started = false;
    Design m_lastDesign; // what the engine was last told about
    // Simulation thread only.
    std::uint64_t m_generation = 0;
};

} // namespace hld
