#pragma once

#include "link_ref.h"
#include "sim/simulator.h"

#include <QMetaType>
#include <QString>

#include <memory>
#include <vector>

namespace hld {

// What the GUI sees of a running simulation, at most 30 times a second. Immutable once
// published; the simulation thread builds a new one each time. Components and links are
// named by id, never by the engine's index.
struct LiveNode
{
    QString id;
    double utilization = 0;   // over the last window
    std::uint32_t queued = 0; // waiting now
    std::uint32_t busy = 0;
    std::uint32_t workers = 0;
    std::uint32_t replicas = 0; // in rotation
    std::uint32_t down = 0;     // replicas down
    double throughputRps = 0;
    double errorRate = 0; // share of its arrivals this component refused or failed, last window
    // Its data mechanisms now (contract 5.2-5.5): a queue's backlog, the leader of a replicated
    // store or its election, the load of each shard, a key-level cache's fill.
    Simulator::MechanismState mechanisms;
    // Dead replicas its balancers' health checks have not noticed yet: still in rotation
    // (counted in `replicas`) and in `down`, failing what is sent to them (contract 5.6).
    std::uint32_t undetected = 0;
    std::uint64_t rateLimited = 0; // requests refused with 429 since the run started (5.7)
    double rateLimitedPerS = 0;    // over about the last simulated second
};

// A link's call policies now (contract 5.6): the breaker's state, and what the timeout,
// retry, breaker and bulkhead did, as rates over about the last simulated second and as
// counts since the run started. Only a guarded link (one with a policy) has any of it.
struct LiveLink
{
    enum Breaker : std::uint8_t { Closed = 0, Open = 1, HalfOpen = 2 };

    bool guarded = false;
    Breaker breaker = Closed;     // Closed too for a link without a breaker
    std::uint32_t inProgress = 0; // calls under way now (what the bulkhead counts)
    double retriesPerS = 0;
    double timeoutsPerS = 0;
    double shortCircuitsPerS = 0;
    double rejectedPerS = 0; // by the bulkhead
    std::uint64_t retries = 0, timedOut = 0, shortCircuited = 0, rejected = 0;
    friend bool operator==(const LiveLink &, const LiveLink &) = default;
};

// Two regions cut off from each other by a partition that is in force.
struct RegionCut
{
    QString a;
    QString b;
    friend bool operator==(const RegionCut &, const RegionCut &) = default;
};

// Something that happened to the run at a moment: a scenario event, or a change or fault
// by hand. The charts mark it.
struct LiveEvent
{
    double atS = 0; // simulated time
    QString label;  // "kill db", "partition us|eu", "replicas api 6"
    friend bool operator==(const LiveEvent &, const LiveEvent &) = default;
};

struct LiveSnapshot
{
    double simTimeS = 0;
    double previousSimTimeS = 0; // of the snapshot before this one (same generation)
    double speed = 1;            // simulated seconds per wall second achieved recently
    bool running = false;
    // The run reached its scenario's duration_s in this snapshot and paused there (-1: no).
    double scenarioEndedAtS = -1;
    std::uint64_t generation = 0; // bumps on reset: views drop what they hold
    std::vector<LiveNode> nodes;  // in the engine's order; newPoints.nodes follows it
    // The ends of every link the engine runs; `linkRps` and `TraceHop::link` index it.
    std::shared_ptr<const std::vector<LinkRef>> links;
    std::vector<double> linkRps;      // per link, since the previous snapshot
    std::vector<LiveLink> linkStates; // per link, as `links`
    std::vector<TraceHop> hops;       // sampled request hops since the previous snapshot
    TimeSeries newPoints;             // series points completed since the previous snapshot
    std::vector<RegionCut> cuts;      // partitions in force now
    std::vector<LiveEvent> events;    // since the previous snapshot, in time order
    double costPerHour = 0;

    const LinkRef &linkOf(const TraceHop &h) const { return (*links)[h.link]; }
};

using LiveSnapshotPtr = std::shared_ptr<const LiveSnapshot>;

} // namespace hld

Q_DECLARE_METATYPE(hld::LiveSnapshotPtr)
