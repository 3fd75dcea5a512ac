#pragma once

#include "sim/control.h"
#include "sim/event_queue.h"
#include "sim/immediate_ring.h"
#include "sim/load_balancer_policy.h"
#include "sim/network.h"
#include "sim/raw_metrics.h"
#include "sim/replicated_store.h"
#include "sim/rng.h"
#include "sim/time_series.h"

#include <cstdint>
#include <vector>

namespace hld {

class SimObserver;

struct SimConfig
{
    std::int64_t requestLimit = -1; // total requests the clients create; -1 = no limit
    double durationS = -1;          // clients stop creating at this time; -1 = no limit
    double warmupS = 0;
    std::uint32_t maxInFlight = 1u << 20; // requests + messages alive at once
    // Memory for requests in flight and their call frames: the in-flight cap is lowered
    // so that cap x (request + frames of the deepest call chain) stays within it.
    std::size_t requestMemoryBytes = std::size_t(512) << 20;
    bool recordSeries = false; // keep a TimeSeries point per window
    double windowS = 1.0;
    // The series never holds more than maxSeriesPoints points (0: no count limit) nor more
    // than seriesMemoryBytes. Beyond that, Widen merges neighbouring windows in pairs (the
    // window doubles: a whole run in view, for reports); DropOldest forgets the oldest
    // points (a scrolling live view).
    enum class SeriesOverflow : std::uint8_t { Widen, DropOldest };
    SeriesOverflow seriesOverflow = SeriesOverflow::Widen;
    std::size_t maxSeriesPoints = 10000;
    std::size_t seriesMemoryBytes = std::size_t(64) << 20;
};

// One hop of a sampled request, for the canvas animation and the trace view.
struct TraceHop
{
    std::uint32_t request; // sampled request number
    std::uint32_t link;
    double departS;
    double arriveS;
    bool back;            // response travelling towards the caller
    std::uint8_t outcome; // 0 ok, 1 cache hit, 2 error, 3 stale read
};

// One replication of a compiled network: a discrete-event simulation of call-return
// requests. Events are ordered by (time, sequence); requests live in a pool; each component
// draws from its own random stream. Controls change it between events (live edits,
// scenario events, the autoscaler).
class Simulator
{
public:
    Simulator(const Network &net,
              const SimConfig &cfg,
              std::uint64_t seed,
              SimObserver *observer = nullptr,
              int replication = 0);

    void run();                  // until every request has finished
    void runUntil(double timeS); // events up to and including timeS
    // As runUntil, but stops after maxEvents; true when timeS was reached.
    bool runUntil(double timeS, std::uint64_t maxEvents);
    bool step(); // one action; false when nothing is left
    double now() const { return m_now; }
    std::uint64_t eventsProcessed() const { return m_events; }
    std::uint32_t inFlight() const { return m_live; }
    std::uint32_t inFlightCap() const { return m_inFlightCap; } // after the memory bound
    // Nothing left that could do work: no request moving, no arrival scheduled, and no
    // deferred event (a scenario control, say) that could still start or affect one.
    bool idle() const { return !workAhead(m_now); }

    void apply(const Control &c); // now
    // Carry on with a changed topology (components or links added, removed, edited) at the
    // current time, keeping requests in flight and the statistics of what remains. False,
    // and nothing changed, if a request in flight stands on something the new network
    // lacks. `next` must outlive the simulator (or the next adopt).
    bool adopt(const Network &next);
    void schedule(double atS, const Control &c); // later (scenario events)

    // Live views for the designer.
    const TimeSeries &series() const { return m_series; }
    std::size_t seriesDropped() const { return m_seriesDropped; } // points trimmed so far
    void enableTracing(std::uint32_t everyNth) { m_traceEvery = everyNth; }
    std::vector<TraceHop> takeTraceHops();
    std::uint32_t replicasInRotation(std::uint32_t node) const;
    std::uint32_t queuedAt(std::uint32_t node) const;
    std::uint32_t busyAt(std::uint32_t node) const;
    std::uint32_t workersAt(std::uint32_t node) const;
    bool isDown(std::uint32_t node, std::uint32_t replica) const;
    std::uint32_t downCount(std::uint32_t node) const;
    std::uint64_t linkSends(std::uint32_t link) const { return m_linkSends[link]; }
    double costPerHourNow() const;

    RawMetrics finish(); // closes the time integrals and hands over the metrics

private:
    enum Kind : std::uint32_t {
        ClientArrival,
        Arrive,
        ServiceDone,
        Return,
        WarmupEnd,
        WindowEnd,
        AutoscaleTick,
        ReplicaReady,     // handle = node * kSlot + replica
        ReplicaRestarted, // handle = node * kSlot + replica: back from a rolling restart
        ClientTimeout,    // handle = request: its client's deadline
        ControlEvent,     // handle = index into m_controls
        ReplicaApply,     // handle = index into m_applies
        Nop,              // an event whose component was removed (counted as work)
        NopTick,          // the same for a housekeeping tick
        NopDeferred,      // the same for a deferred event
    };
    // How an event bears on the end of the run (see step()).
    enum class EventClass : std::uint8_t { Work, Housekeeping, Deferred };
    static constexpr EventClass classOf(std::uint32_t kind)
    {
        switch (kind) {
        case WindowEnd:
        case AutoscaleTick:
        case NopTick:
            return EventClass::Housekeeping;
        case WarmupEnd:
        case ReplicaReady:
        case ReplicaRestarted:
        case ClientTimeout:
        case ControlEvent:
        case ReplicaApply:
        case NopDeferred:
            return EventClass::Deferred;
        default:
            return EventClass::Work;
        }
    }
    bool arrivalsPossible(double atS) const; // clients may still create requests at atS
    bool workAhead(double atS) const;
    static constexpr std::uint32_t kSlot = 16384;
    enum Flag : std::uint8_t {
        Failed = 1,
        Measured = 2,
        Message = 4,
        ViaQueue = 8,
        Traced = 16,
        Stale = 32,
        Hit = 64,
        TimedOut = 128, // the client gave up at its deadline; the work goes on
    };
    enum FrameFlag : std::uint16_t { Holding = 1 };
    enum class Status : std::uint8_t { Active, Warming, Draining, Down, Retired };

    struct Frame
    {
        double arrival;
        double serviceStart;
        double backLatencyS;
        std::uint32_t node;
        std::uint32_t replica; // local to the node
        std::uint32_t nextLink;
        std::uint32_t inLink;
        std::uint16_t flags;
        std::uint16_t epoch; // the replica's epoch when service started
    };
    struct Request
    {
        double created;
        std::uint32_t nextInQueue;
        std::uint32_t user;
        std::uint32_t serial; // request number, for trace sampling
        std::uint16_t depth;  // frames in use; frame 0 is the origin
        std::uint8_t cls;     // 0 read, 1 write
        std::uint8_t flags;
    };
    struct Replica
    {
        std::uint32_t busy = 0;
        std::uint32_t queued = 0;
        std::uint32_t present = 0;
        std::uint32_t head = kNone;
        std::uint32_t tail = kNone;
        std::uint32_t workers = 1;
        double last = 0;
        double busyArea = 0;
        double presentArea = 0;
        std::uint64_t arrivals = 0; // measured
        std::uint16_t epoch = 0;
        Status status = Status::Active;
        bool restarting = false; // draining, or down, for a rolling restart (resize)
    };
    struct NodeState
    {
        std::vector<Replica> reps;
        std::vector<std::uint32_t> rotation; // replicas that take new requests
        ServiceSampler sampler;
        std::uint32_t workers = 1; // for new replicas
        double hitRatio = 0;
        double errorRate = 0;
        double extraLatencyS = 0;
        double flushedAt = -1;
        double rps = 0; // clients
        double nextArrival = -1;
        double maxFactor = 1;
        double costPerReplicaHour = 0;
        bool killed = false;
        std::uint32_t queuedTotal = 0;
        std::uint32_t tieCursor = 0;
        std::uint32_t backlog = 0;
        double backlogLast = 0;
        double lastScaleS = -1e300;
        // window marks
        double markBusy = 0, markCapacity = 0, markWaiting = 0;
        std::uint64_t markCompleted = 0;
        double capacityArea = 0, capacityLast = 0; // workers in rotation x seconds
        double costNow = 0;
        std::vector<std::uint32_t> restartQueue; // replicas still to restart (rolling)
        std::uint32_t lb = kNone;                // index into m_lb
        std::vector<LbTarget> lbTargets;         // balancers: replicas in rotation downstream
        std::vector<std::uint32_t> feeds;        // balancers whose targets include this node
        bool tickArmed = false;                  // autoscaler
        double tickBusy = 0, tickCapacity = 0;
        std::uint64_t markReads = 0, markStale = 0, markFailed = 0, markArrivals = 0;
        std::uint64_t markArrivalsAll = 0, markFailedHere = 0;
    };

    bool stepBefore(double limitS);    // one action at or before limitS; false if none
    void initNode(std::uint32_t node); // from its spec, at the current time
    void computeFeeds();
    void dispatch(std::uint32_t kind, std::uint32_t handle);
    void onClientArrival(std::uint32_t client);
    void onArrive(std::uint32_t r);
    void onServiceDone(std::uint32_t r);
    void onReturn(std::uint32_t r);
    void onWarmupEnd();
    void onWindowEnd();
    void onAutoscaleTick(std::uint32_t node);
    void onReplicaReady(std::uint32_t handle);
    void armHousekeeping();
    void trimSeries(std::size_t drop);
    void fitSeriesToBudget(); // after a new point: widen or trim
    void computeLimits();     // in-flight and series caps for the current network

    void afterService(std::uint32_t r);
    void continueCalls(std::uint32_t r);
    void send(std::uint32_t r, std::uint32_t link, std::uint32_t replica);
    void respond(std::uint32_t r);
    void fail(std::uint32_t r);
    void complete(std::uint32_t r);
    void countOutcome(std::uint32_t r, bool ok, bool timedOut); // a client request's end
    void onClientTimeout(std::uint32_t r);
    bool spawnMessage(std::uint32_t parent, std::uint32_t link);
    void startService(std::uint32_t r, Frame &f);
    void noteServiceStart(std::uint32_t r);
    void releaseWorker(std::uint32_t node, std::uint32_t replica);
    std::uint32_t chooseReplica(std::uint32_t node, std::uint32_t r);
    std::uint32_t chooseStoreReplica(std::uint32_t node, std::uint32_t r);
    void storeAfterService(std::uint32_t r);
    std::uint32_t shortestQueueReplica(std::uint32_t node);
    void touch(std::uint32_t node, std::uint32_t replica)
    {
        // Close the time integrals of one replica up to now (on the hot path: inline).
        Replica &rep = m_nodes[node].reps[replica];
        const double dt = m_now - rep.last;
        rep.busyArea += rep.busy * dt;
        rep.presentArea += rep.present * dt;
        rep.last = m_now;
    }
    void touchCapacity(std::uint32_t node);
    void touchBacklog(std::uint32_t node);
    void touchCost();
    void recomputeCost(std::uint32_t node);
    void scheduleNextArrival(std::uint32_t client);
    double rateFactor(std::uint32_t client, double t) const;
    double nextPositiveRate(std::uint32_t client, double t) const;
    bool partitioned(std::uint32_t regionA, std::uint32_t regionB) const;
    void trace(std::uint32_t r, std::uint32_t link, double depart, double arrive, bool back);

    // control (sim_control.cpp)
    // Replicas to keep: new ones take warmupS before they get traffic. With countDown,
    // replicas that are down count (a user's "replicas: 4"); without, they are dead and are
    // replaced (the autoscaler).
    void
    setReplicas(std::uint32_t node, std::uint32_t count, double warmupS, bool countDown = true);
    void setStatus(std::uint32_t node, std::uint32_t replica, Status s);
    void killReplica(std::uint32_t node, std::uint32_t replica);
    void restoreReplica(std::uint32_t node, std::uint32_t replica);
    void rebuildRotation(std::uint32_t node);
    void rebuildBalancer(std::uint32_t lbNode);
    void resize(std::uint32_t node, std::uint32_t workers, double costPerReplicaHour);
    void restartNext(std::uint32_t node); // rolling restart: the next one
    bool restartingAny(std::uint32_t node) const;
    void restartDrained(std::uint32_t node, std::uint32_t replica); // drained: now down
    void onReplicaRestarted(std::uint32_t handle);

    struct PendingApply
    {
        std::uint64_t key;
        std::uint32_t node, replica, version;
    };
    std::uint32_t addApply(const PendingApply &p);

    std::uint32_t allocRequest();
    void freeRequest(std::uint32_t r);
    Frame &frame(std::uint32_t r, std::uint32_t d)
    {
        return m_frames[std::size_t(r) * m_depth + d];
    }
    Frame &top(std::uint32_t r) { return frame(r, m_req[r].depth - 1u); }
    void push(double at, std::uint32_t kind, std::uint32_t handle)
    {
        switch (classOf(kind)) {
        case EventClass::Work:
            ++m_pending;
            break;
        case EventClass::Deferred:
            ++m_deferred;
            break;
        case EventClass::Housekeeping:
            break;
        }
        m_queue.push(at, kind, handle);
    }
    void after(double delayS, std::uint32_t kind, std::uint32_t handle)
    {
        if (delayS > 0)
            push(m_now + delayS, kind, handle);
        else
            m_ring.push(kind, handle);
    }

    const Network *m_netp; // not owned; adopt() may switch it
    SimConfig m_cfg;
    SimObserver *m_observer;
    int m_replication;
    std::uint32_t m_depth;
    std::uint64_t m_seed = 0;

    EventQueue m_queue;
    ImmediateRing m_ring;
    std::uint64_t m_pending = 0;  // timed events that move requests (EventClass::Work)
    std::uint64_t m_deferred = 0; // timed EventClass::Deferred events
    double m_now = 0;
    double m_measureStart = 0;
    std::uint64_t m_events = 0;
    std::int64_t m_created = 0;
    bool m_stopArrivals = false;

    std::vector<Request> m_req;
    std::vector<Frame> m_frames;
    std::vector<std::uint32_t> m_free;
    std::uint32_t m_live = 0;

    std::vector<Rng> m_rng; // one stream per component
    std::vector<NodeState> m_nodes;
    std::vector<LoadBalancerPolicy> m_lb;
    std::vector<std::uint64_t> m_linkSends;
    std::vector<char> m_partition; // regions x regions
    std::vector<Control> m_controls;
    std::vector<ReplicatedStore> m_stores; // per node; empty unless replicated
    std::vector<PendingApply> m_applies;   // replication in flight (pooled)
    std::vector<std::uint32_t> m_freeApplies;
    RawMetrics m_metrics;
    TimeSeries m_series;
    // current window
    LogHistogram m_windowLatency;
    bool m_windowArmed = false;
    std::size_t m_seriesDropped = 0;
    std::size_t m_seriesCap = 0; // points
    double m_windowS = 1.0;      // the current window (widening doubles it)
    std::uint32_t m_inFlightCap = 0;
    std::uint64_t m_windowOk = 0, m_windowFailed = 0;
    double m_costArea = 0, m_costLast = 0, m_costNow = 0;
    // tracing
    std::uint32_t m_traceEvery = 0;
    std::uint32_t m_serial = 0;
    std::vector<TraceHop> m_hops;
};

} // namespace hld
