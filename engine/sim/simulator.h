#pragma once

#include "mech/circuit_breaker.h"
#include "sim/control.h"
#include "sim/future_event_set.h"
#include "sim/load_balancer_policy.h"
#include "sim/network.h"
#include "sim/node_state.h"
#include "sim/raw_metrics.h"
#include "sim/replicated_store.h"
#include "sim/request_pool.h"
#include "sim/rng.h"
#include "sim/time_series.h"
#include "sim/window_recorder.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace hld {

class SimObserver;

struct SimConfig
{
    std::int64_t requestLimit = -1; // total requests the clients create; -1 = no limit
    double durationS = -1;          // clients stop creating at this time; -1 = no limit
    // Once arrivals stop at t (the duration, the last of --requests, or the in-flight cap),
    // the run drains for at most max(drainS, t) more simulated seconds. What is still in
    // flight then (a redelivery storm that never settles) is cut off: requests are counted
    // failed and `unfinished`. < 0: drain whatever it takes.
    double drainS = 60;
    double warmupS = 0;
    std::uint32_t maxInFlight = 1u << 20; // requests + messages alive at once
    // Memory for requests in flight and their call frames: the in-flight cap is lowered
    // so that cap x (request + frames of the deepest call chain) stays within it.
    std::size_t requestMemoryBytes = std::size_t(512) << 20;
    // Memory for the replicated stores' per-key state (newest versions, what lagging
    // replicas hold, split-brain writes, each user's last write), all stores together. It
    // follows the distinct keys written, so a long run of writes to new keys would grow it
    // without end: past this budget arrivals stop and the run drains, as at the in-flight
    // cap (about 4.2 million distinct keys in one store). Tables grow by doubling, so the
    // peak is at most 1.5 times the budget.
    std::size_t keyStateBytes = std::size_t(256) << 20;
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

// One hop of a sampled request, for the canvas animation and the trace view. Every call
// over a link has a span id, unique within the run: its way there and its answer carry it,
// and the calls it makes carry it as their parent (0: the request's origin). A guarded
// call's attempts are calls of their own, numbered; the policies' marks (4-7) carry the
// span of the caller's call as parent, and a timeout the span of the attempt it ends.
struct TraceHop
{
    std::uint32_t request; // sampled request number
    std::uint32_t link;
    double departS;
    double arriveS;
    bool back;            // response travelling towards the caller
    std::uint8_t outcome; // 0 ok, 1 cache hit, 2 error, 3 stale read; 4-7 policy marks
    std::uint8_t attempt; // of the call over this link: 1, 2, ... (an answer: 0)
    std::uint32_t span;
    std::uint32_t parent;
};

// One replication of a compiled network: a discrete-event simulation of call-return
// requests. Events are ordered by (time, sequence); requests live in a pool; each component
// draws from its own random stream. Controls change it between events (live edits,
// scenario events, the autoscaler). The kernel (the event set, the request pool, dispatch
// and request movement) is here; statistics per window, autoscaling, balancing and the
// data mechanisms live in their own classes.
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
    std::uint32_t inFlight() const { return m_pool.live(); }
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
    const TimeSeries &series() const { return m_windows.series(); }
    std::size_t seriesDropped() const { return m_windows.dropped(); } // points trimmed so far
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
    // What the canvas draws of a link now (contract 5.6).
    struct LinkView
    {
        bool guarded = false;
        std::uint64_t calls = 0;      // sends so far
        std::uint8_t breaker = 0;     // 0 closed, 1 open, 2 half-open (no breaker: 0)
        std::uint32_t inProgress = 0; // calls in progress (the bulkhead's count)
        std::uint64_t retries = 0, timedOut = 0, shortCircuited = 0, rejected = 0; // so far
    };
    LinkView linkViewAt(std::uint32_t link) const;
    bool undetected(std::uint32_t node, std::uint32_t replica) const; // dead, still in rotation
    std::uint64_t rateLimitedAt(std::uint32_t node) const; // 429s so far (warm-up included)
    // What the canvas draws of a component's mechanisms now (contract 5.2-5.5).
    struct MechanismState
    {
        std::uint32_t backlog = 0;     // queue: messages waiting for a consumer
        std::int32_t leader = -1;      // replicated store: the leader's replica; -1 none
        bool electing = false;         // replicated store: no leader, a failover under way
        bool leaderless = false;       // quorum store
        std::vector<double> shardLoad; // sharded store: busy / workers per shard, now
        double cacheFill = 0;          // key-level cache: keys stored / capacity_keys
        std::uint64_t cacheKeys = 0;   // keys stored
    };
    MechanismState mechanismsAt(std::uint32_t node) const;

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
        AckTimeout,       // handle = request: a queue message's acknowledgement deadline
        CacheFlush,       // handle = node: a write_behind cache writes its dirty keys out
        Elect,            // handle = node * kSlot + group: a replicated store elects a leader
        ControlEvent,     // handle = index into m_controls
        ReplicaApply,     // handle = index into m_applies
        CallTimeout,      // handle = call: the deadline of its attempt in progress
        CallRetry,        // handle = call: its backoff is over, the next attempt goes
        LeakRelease,      // handle = node: its leaky bucket lets the next request out
        HealthDetect,     // handle = node * kSlot + replica: its checks have failed enough
        Nop,              // an event whose component was removed
    };
    static constexpr EventClass classOf(std::uint32_t kind)
    {
        switch (kind) {
        case WindowEnd:
        case AutoscaleTick:
        case CacheFlush:
            return EventClass::Housekeeping;
        case WarmupEnd:
        case ReplicaReady:
        case ReplicaRestarted:
        case ClientTimeout:
        case AckTimeout:
        case Elect:
        case ControlEvent:
        case ReplicaApply:
        case CallTimeout:
        case CallRetry:
        case LeakRelease:
        case HealthDetect:
            return EventClass::Deferred;
        default:
            return EventClass::Work;
        }
    }
    static constexpr std::uint32_t kSlot = 16384;
    enum Flag : std::uint16_t {
        Failed = 1,
        Measured = 2,
        Message = 4,
        ViaQueue = 8,
        Traced = 16,
        Stale = 32,
        Hit = 64,
        TimedOut = 128,      // the client gave up at its deadline; the work goes on
        Parked = 256,        // a queue's message back at the queue, waiting to be delivered again
        CallChild = 512,     // one attempt of a guarded call: it ends at its caller's record
        Compensating = 1024, // a saga's compensating write
    };
    enum FrameFlag : std::uint16_t {
        Holding = 1,
        CacheFill = 2,   // a key-level cache's miss: fill the cache when it comes back
        SagaUndo = 4,    // a saga compensating its steps: nextLink walks back
        SagaWasRead = 8, // ... and the request was a read before its compensating writes
    };
    using Status = ReplicaStatus;

    // the event loop (simulator.cpp)
    bool stepBefore(double limitS);          // one action at or before limitS; false if none
    bool arrivalsPossible(double atS) const; // clients may still create requests at atS
    bool workAhead(double atS) const;
    void dispatch(std::uint32_t kind, std::uint32_t handle);
    void initNode(std::uint32_t node);      // from its spec, at the current time
    std::uint64_t existingKeys() const;     // keys the clients' sources start with
    std::vector<std::uint64_t> m_flushKeys; // write_behind flushes (reused)

    // key-level caches (sim_cache.cpp)
    bool cacheService(std::uint32_t r);                              // true: go on downstream
    std::uint32_t edgeOf(std::uint32_t node, std::uint32_t r) const; // a CDN's edge for r
    std::uint64_t edgeKey(std::uint32_t node, std::uint32_t r) const;
    void countEdgeRead(std::uint32_t node, std::uint32_t r, bool hit);
    void cacheFilled(std::uint32_t r);
    // A periodic flush (the handle is the node), or one a full buffer brought forward.
    static constexpr std::uint32_t kEarlyFlush = 0x80000000u;
    void onCacheFlush(std::uint32_t handle);
    void cacheLost(std::uint32_t node);
    void recache(std::uint32_t node, const NodeSpec &before); // a live change of its cache

    // sharded stores (sim_shards.cpp)
    std::uint32_t chooseShardReplica(std::uint32_t node, std::uint32_t r);
    void setShards(std::uint32_t node, std::uint32_t count);
    std::vector<double> shardLoad(std::uint32_t node) const;
    bool fixedCacheHit(std::uint32_t node, bool measured); // the fixed hit_ratio mode
    void computeFeeds();
    static Broker::Config brokerConfig(const NodeSpec &spec);
    std::vector<Broker::Subscription> subscriptionsOf(std::uint32_t queue) const;
    void computeLimits(); // in-flight and series caps for the current network

    // requests moving between components (sim_requests.cpp)
    void send(std::uint32_t r, std::uint32_t link, std::uint32_t replica);
    void respond(std::uint32_t r);
    void fail(std::uint32_t r);
    void onReturn(std::uint32_t r);
    void complete(std::uint32_t r);
    void countOutcome(std::uint32_t r, bool ok, bool timedOut); // a client request's end
    void onClientTimeout(std::uint32_t r);
    bool partitioned(std::uint32_t regionA, std::uint32_t regionB) const;
    // The hop of the call in frame d of traced request r: its way there, or its answer.
    void trace(std::uint32_t r, std::uint32_t d, double depart, double arrive, bool back);

    // at a component (sim_service.cpp)
    void onArrive(std::uint32_t r);
    void arriveAdmitted(std::uint32_t r); // past the rate limit
    void startService(std::uint32_t r, Frame &f);
    void noteServiceStart(std::uint32_t r);
    void releaseWorker(std::uint32_t node, std::uint32_t replica);
    void onServiceDone(std::uint32_t r);
    void afterService(std::uint32_t r);
    void continueCalls(std::uint32_t r);
    bool spawnMessage(std::uint32_t parent, std::uint32_t link); // an async link's message
    std::uint32_t chooseReplica(std::uint32_t node, std::uint32_t r);

    // queues as buffers (sim_messaging.cpp)
    bool enqueueMessages(std::uint32_t parent); // one message per subscription
    void deliver(std::uint32_t queue);
    void deliverSub(std::uint32_t queue, std::uint32_t sub);
    std::uint32_t freeConsumer(std::uint32_t consumer, std::uint32_t replica) const;
    void
    dispatchMessage(std::uint32_t queue, std::uint32_t sub, std::uint32_t m, std::uint32_t replica);
    void pullMessages(std::uint32_t consumer); // a consumer has room: its queues deliver
    bool applyMessage(std::uint32_t r);        // false: a duplicate the consumer ignores
    bool messageEnded(std::uint32_t r);        // false: kept for redelivery
    void onAckTimeout(std::uint32_t r);
    void resubscribe(std::uint32_t queue, const std::vector<std::uint32_t> &linkMap); // adopt

    // guarded calls: timeouts, retries, circuit breakers, bulkheads (sim_calls.cpp)
    struct Call
    {
        double deadline = 0;
        std::uint32_t parent = kNone, link = kNone, child = kNone, attempt = 0;
        std::uint32_t replica = kNone; // the balancer's pick, or kNone
        bool trial = false;            // this attempt is a half-open breaker's trial
    };
    struct LinkState
    {
        CircuitBreaker breaker;
        std::uint32_t inProgress = 0;
        std::uint64_t retries = 0, timedOut = 0, shortCircuited = 0, rejected = 0; // all
    };
    void call(std::uint32_t r, std::uint32_t link, std::uint32_t replica);
    void guardedCall(std::uint32_t r, std::uint32_t link, std::uint32_t replica);
    void attemptCall(std::uint32_t c);
    void attemptFailed(std::uint32_t c);
    void breakerRecord(std::uint32_t link, bool ok, bool trial);
    static constexpr std::uint16_t kRetryBudget = 100; // retries per request, nested included
    bool spendRetry(std::uint32_t r);
    void finishCall(std::uint32_t c, bool ok);
    void callReturned(std::uint32_t child);
    void onCallTimeout(std::uint32_t c);
    void initLinkState(); // per-link state for the current network
    // A topology change: link state follows its link; false if a call in progress would
    // lose its link.
    bool
    adoptLinks(const Network &old, const Network &next, const std::vector<std::uint32_t> &linkMap);
    void traceMark(std::uint32_t c, double from, double to, std::uint8_t what);

    // traffic control at a component: rate limits, sessions, routing (sim_admission.cpp)
    bool rateAdmit(std::uint32_t r); // false: refused, or held by a leaky bucket
    void onLeakRelease(std::uint32_t node);
    bool sessionKept(std::uint32_t node, std::uint32_t replica, std::uint32_t r);
    bool pathMatches(const OutLink &l, std::uint32_t r) const
    {
        const std::uint8_t p = m_pool[r].path;
        return p == kNoPath || ((l.pathMask >> p) & 1u);
    }
    void forward(std::uint32_t r); // a load balancer picks a replica and sends the request on
    std::uint32_t stickyPick(std::uint32_t lb, std::uint32_t r);
    double serviceTimeS(std::uint32_t node, std::uint32_t r);     // a table's scans and indexes
    void killDetected(std::uint32_t node, std::uint32_t replica); // health checks, or at once
    // Rate limit and per-path balancing from the spec: at the start (before = nullptr) and
    // after a live edit, keeping the requests a leaky bucket holds.
    void retraffic(std::uint32_t node, const NodeSpec *before);
    void onHealthDetect(std::uint32_t handle);

    // sagas: steps are the sync links, a failed step undoes the ones before (sim_saga.cpp)
    bool sagaStepFailed(std::uint32_t r); // true: compensating instead of failing now
    void compensateNext(std::uint32_t r);
    bool stepTaken(const OutLink &l, std::uint32_t r, std::uint8_t cls) const;

    // clients (sim_clients.cpp)
    void onClientArrival(std::uint32_t client);
    void scheduleNextArrival(std::uint32_t client);
    double rateFactor(std::uint32_t client, double t) const;
    double nextPositiveRate(std::uint32_t client, double t) const;

    // replicated stores (sim_replication.cpp)
    static constexpr double kDefaultFailoverS = 10; // replication.failover_s when absent
    std::uint32_t chooseStoreReplica(std::uint32_t node, std::uint32_t r); // at the caller
    bool storeAfterService(std::uint32_t r); // false: refused (no quorum or majority)
    std::uint64_t storeKey(std::uint32_t r);
    bool replicaUp(std::uint32_t node, std::uint32_t i) const;
    bool replicasConnected(std::uint32_t node, std::uint32_t a, std::uint32_t b) const;
    struct ReplicaGroup
    {
        std::uint32_t g, begin, end; // group number and its replicas [begin, end)
    };
    ReplicaGroup groupOf(std::uint32_t node, std::uint32_t replica) const;
    std::uint32_t groupCount(std::uint32_t node) const;
    std::uint32_t storeMembers(std::uint32_t node, const ReplicaGroup &g) const; // not retired
    bool onMajoritySide(std::uint32_t node, std::uint32_t i) const;
    std::uint32_t sideOf(std::uint32_t node, std::uint32_t i) const;
    bool canLead(std::uint32_t node, std::uint32_t i) const;
    void reviewLeader(std::uint32_t node);
    void reviewLeaders();
    void onElect(std::uint32_t node);
    double replicaLatencyS(const OutLink &l, std::uint32_t replica) const;
    bool anyPartition() const;
    void healStores();
    struct PendingApply
    {
        std::uint64_t key;
        std::uint32_t node, replica, version;
        std::uint32_t from; // the replica that took the write
    };
    std::uint32_t addApply(const PendingApply &p);
    void onReplicaApply(std::uint32_t handle);

    // time integrals, warm-up, windows, the end (sim_metrics.cpp)
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
    void onWarmupEnd();
    void onWindowEnd();
    NodeWindowTotals windowTotals(std::uint32_t node);

    // changes (sim_control.cpp) and scaling (sim_scaling.cpp)
    void armHousekeeping();
    // Replicas to keep: new ones take warmupS before they get traffic. With countDown,
    // replicas that are down count (a user's "replicas: 4"); without, they are dead and are
    // replaced (the autoscaler).
    void
    setReplicas(std::uint32_t node, std::uint32_t count, double warmupS, bool countDown = true);
    void setStatus(std::uint32_t node, std::uint32_t replica, Status s);
    // setStatus in parts, for many replicas at one moment: touchCapacity(node) first, then
    // applyStatus for each, then afterStatusChanges once (the rotation, the balancers, the
    // leader and the cost are rebuilt once, not once a replica: 8,000 replicas of a store
    // re-sharded from 1 to 1,024 shards cost 64 million steps).
    void applyStatus(std::uint32_t node, std::uint32_t replica, Status s);
    void afterStatusChanges(std::uint32_t node);
    void killReplica(std::uint32_t node, std::uint32_t replica);
    void restoreReplica(std::uint32_t node, std::uint32_t replica);
    void rebuildRotation(std::uint32_t node);
    void rebuildBalancer(std::uint32_t lbNode);
    void onReplicaReady(std::uint32_t handle);
    void onAutoscaleTick(std::uint32_t node);
    void resize(std::uint32_t node, std::uint32_t workers, double costPerReplicaHour);
    void restartNext(std::uint32_t node); // rolling restart: the next one
    bool restartingAny(std::uint32_t node) const;
    void restartDrained(std::uint32_t node, std::uint32_t replica); // drained: now down
    void onReplicaRestarted(std::uint32_t handle);

    // scheduling
    std::uint32_t allocRequest();
    void arrivalsEnded(double atS); // the drain limit starts
    void cutDrain();                // the drain limit is reached
    void countUnfinished();         // at finish, after a cut
    // A replicated store's tables grew by `bytes`: held to SimConfig::keyStateBytes.
    void keyStateGrew(std::uint32_t node, std::size_t bytes);
    Frame &frame(std::uint32_t r, std::uint32_t d) { return m_pool.frame(r, d); }
    Frame &top(std::uint32_t r) { return m_pool.top(r); }
    void push(double at, std::uint32_t kind, std::uint32_t handle)
    {
        m_fes.at(at, kind, handle, classOf(kind));
    }
    void after(double delayS, std::uint32_t kind, std::uint32_t handle)
    {
        if (delayS > 0)
            push(m_now + delayS, kind, handle);
        else
            m_fes.now(kind, handle);
    }

    const Network *m_netp; // not owned; adopt() may switch it
    SimConfig m_cfg;
    SimObserver *m_observer;
    int m_replication;
    std::uint64_t m_seed = 0;

    FutureEventSet m_fes;
    double m_now = 0;
    double m_measureStart = 0;
    std::uint64_t m_events = 0;
    std::int64_t m_created = 0;
    bool m_stopArrivals = false;
    double m_stopAtS = std::numeric_limits<double>::infinity(); // end of the drain
    bool m_cut = false; // the drain limit ended the run with work in flight

    RequestPool m_pool;
    std::uint32_t m_inFlightCap = 0;
    std::size_t m_keyStateBytes = 0; // all replicated stores' per-key state

    std::vector<Rng> m_rng; // one stream per component
    std::vector<NodeState> m_nodes;
    std::vector<LoadBalancerPolicy> m_lb;
    std::vector<std::uint64_t> m_linkSends;
    std::vector<LinkState> m_linkState; // per link; breakers only where a policy has one
    std::vector<Call> m_calls;          // guarded calls in progress (pooled)
    std::vector<std::uint32_t> m_freeCalls;
    std::vector<char> m_partition; // regions x regions
    std::vector<Control> m_controls;
    std::vector<ReplicatedStore> m_stores; // per node; empty unless replicated
    std::vector<PendingApply> m_applies;   // replication in flight (pooled)
    std::vector<std::uint32_t> m_freeApplies;
    RawMetrics m_metrics;
    WindowRecorder m_windows;
    bool m_windowArmed = false;
    double m_costArea = 0, m_costLast = 0, m_costNow = 0;
    // tracing
    std::uint32_t m_traceEvery = 0;
    std::uint32_t m_serial = 0;
    std::uint32_t m_lastSpan = 0; // trace span ids handed out
    std::vector<TraceHop> m_hops;
};

} // namespace hld
