#pragma once

#include "live_control.h"
#include "live_policies.h"
#include "live_snapshot.h"
#include "model/design.h"
#include "run_snapshot.h"
#include "sim/network.h"
#include "sim/simulator.h"

#include <chrono>
#include <memory>
#include <vector>

namespace hld {

// The simulation thread's side of a live run. It owns the compiled network and the
// simulator, keeps the simulated clock going across engine rebuilds (the offset), paces the
// engine against the wall clock, and turns the engine's state into snapshots. One thread
// uses it; SimulationController feeds it messages from the GUI.
class SimulationWorker
{
public:
    using Clock = std::chrono::steady_clock;
    static constexpr double kAsFastAsPossible = 0;

    SimulationWorker();
    ~SimulationWorker();

    // A fresh engine for `d` at t = 0.
    void restart(const Design &d, std::uint64_t seed);
    // The structure changed: change the running engine in place (requests in flight carry
    // on); if a request stands on something that is gone, continue from the current time in
    // a fresh engine, dropping what was in flight.
    void adopt(const Design &d);
    // A live edit that reaches the engine as controls: only remember the design, so that a
    // rebuild runs what the document says.
    void track(const Design &d) { m_design = d; }
    void apply(const LiveControl &c);
    void step(double simS);

    // Paced running: one slice of catching up with the wall clock at `speed` (simulated
    // seconds per wall second, or kAsFastAsPossible), within `budget`. True when caught up.
    bool advance(double speed, Clock::duration budget);
    void holdPace(); // paused: wall time that passes does not count

    LiveSnapshotPtr snapshot(bool running, std::uint64_t generation, double scenarioEndedAtS = -1);
    bool hasEngine() const { return m_sim != nullptr; }
    double now() const;
    // A run stops once at its scenario's duration_s, like hldsim; after that (or after a
    // step past it) running goes on. True once, when advance() has just reached it.
    bool takeScenarioEnd();

private:
    void rebuild(double offsetS);
    void noteLinks();
    void noteScenario(double reportedUntilS); // events after it are still to be reported

    Design m_design;
    std::uint64_t m_seed = 1;
    std::unique_ptr<Network> m_net;
    std::unique_ptr<Simulator> m_sim;
    double m_offsetS = 0; // simulated time before the current engine took over
    double m_endS = -1;   // the scenario's duration_s (-1: none)
    bool m_endPassed = false, m_endJustReached = false;
    std::shared_ptr<const std::vector<LinkRef>> m_links;
    std::vector<CutChange> m_cutChanges; // partitions and heals, scenario and by hand
    // Pacing.
    Clock::time_point m_paceWall;
    double m_paceSim = 0;
    // What the previous snapshot saw.
    std::size_t m_seriesSeen = 0;
    std::vector<std::uint64_t> m_lastSends;
    LivePolicies m_policies; // breakers, retries, undetected replicas, 429s
    double m_lastPublishSim = 0;
    // Marks for the charts: controls applied since the last snapshot, and the scenario's
    // events in time order (labelled once per design) with the next one not yet reported.
    std::vector<LiveEvent> m_applied;
    std::vector<LiveEvent> m_scenarioMarks;
    std::size_t m_nextScenarioMark = 0;
    double m_marksReportedUntil = -1; // the last snapshot's time
    Clock::time_point m_lastPublishWall;
};

} // namespace hld
