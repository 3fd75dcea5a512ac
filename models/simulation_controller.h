#pragma once

#include "live_snapshot.h"
#include "model/design.h"
#include "sim/control.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace hld {

class DesignDocument;

// Runs the open design on a worker thread at a chosen speed (simulated seconds per wall
// second, or as fast as possible) and publishes snapshots at most 30 times a second.
// Edits to the document while it runs reach the engine as controls, applied between events
// at the current simulated time. The engine never waits for the GUI: the thread only takes
// the lock at slice boundaries, never per event.
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
    void reset();                       // back to t = 0 with the current design
    void setSpeed(double simPerWall);   // 0.1 .. 100, or kAsFastAsPossible
    void setSeed(std::uint64_t seed);
    void sendControl(const Control &c); // a fault or change by hand

    bool isRunning() const { return m_running; }
    double speed() const { return m_speed; }
    std::uint64_t seed() const { return m_seed; }
    LiveSnapshotPtr latest() const;

signals:
    void snapshotReady(hld::LiveSnapshotPtr snapshot);
    void runningChanged(bool running);

private:
    enum class Command { None, Reset, Step };
    void loop();
    void onDocumentEdited(const QString &id);
    void onStructureChanged();
    void publish(Simulator &sim,
                 const Network &net,
                 double achievedSpeed,
                 std::size_t &seriesSeen,
                 std::vector<std::uint64_t> &lastSends,
                 double &lastPublishSim);

    DesignDocument *m_doc;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    // Shared with the thread (guarded by m_mutex).
    Design m_pendingDesign;
    bool m_designChanged = true;
    std::vector<Control> m_controls;
    Command m_command = Command::None;
    double m_stepS = 0;
    LiveSnapshotPtr m_latest;
    std::uint64_t m_generation = 0;
    // Settings read by the thread each slice.
    std::atomic<bool> m_running{false};
    std::atomic<bool> m_quit{false};
    std::atomic<double> m_speed{1.0};
    std::atomic<std::uint64_t> m_seed{1};
    Design m_lastDesign; // GUI thread: what the engine was last told about
    std::chrono::steady_clock::time_point m_lastPublishWall; // simulation thread only
};

} // namespace hld
