#pragma once

#include "sim/event_queue.h"
#include "sim/immediate_ring.h"
#include "sim/load_balancer_policy.h"
#include "sim/network.h"
#include "sim/raw_metrics.h"
#include "sim/rng.h"

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
};

// One replication of a compiled network: a discrete-event simulation of call-return
// requests. Events are ordered by (time, sequence); requests live in a pool; each component
// draws from its own random stream.
class Simulator
{
public:
    Simulator(const Network &net, const SimConfig &cfg, std::uint64_t seed,
              SimObserver *observer = nullptr, int replication = 0);

    void run();                  // until every request has finished
    void runUntil(double timeS); // events up to and including timeS
    bool step();                 // one action; false when nothing is left
    double now() const { return m_now; }
    std::uint64_t eventsProcessed() const { return m_events; }
    std::uint32_t inFlight() const { return m_live; }

    RawMetrics finish(); // closes the time integrals and hands over the metrics

private:
    enum Kind : std::uint32_t { ClientArrival, Arrive, ServiceDone, Return, WarmupEnd };
    enum Flag : std::uint8_t { Failed = 1, Measured = 2, Message = 4, ViaQueue = 8, Holding = 16 };

    struct Frame
    {
        double arrival;
        double serviceStart;
        double backLatencyS; // latency of the link this call came in on
        std::uint32_t node;
        std::uint32_t replica;
        std::uint32_t nextLink;
        std::uint32_t flags;
    };
    struct Request
    {
        double created;
        std::uint32_t nextInQueue;
        std::uint32_t user;
        std::uint16_t depth; // frames in use; frame 0 is the origin
        std::uint8_t cls;    // 0 read, 1 write
        std::uint8_t flags;
    };
    struct Replica
    {
        std::uint32_t busy = 0;
        std::uint32_t queued = 0;
        std::uint32_t head = kNone;
        std::uint32_t tail = kNone;
        double last = 0;
        double busyArea = 0;
        double presentArea = 0;
    };
    struct Backlog
    {
        std::uint32_t count = 0;
        double last = 0;
    };

    void dispatch(std::uint32_t kind, std::uint32_t handle);
    void onClientArrival(std::uint32_t client);
    void onArrive(std::uint32_t r);
    void onServiceDone(std::uint32_t r);
    void onReturn(std::uint32_t r);
    void onWarmupEnd();

    void afterService(std::uint32_t r);
    void continueCalls(std::uint32_t r);
    void send(std::uint32_t r, std::uint32_t link, std::uint32_t replica);
    void respond(std::uint32_t r);
    void fail(std::uint32_t r);
    void complete(std::uint32_t r);
    bool spawnMessage(std::uint32_t parent, std::uint32_t link);
    void startService(std::uint32_t r, Frame &f);
    void noteServiceStart(std::uint32_t r);
    void releaseWorker(std::uint32_t replica);
    std::uint32_t shortestQueueReplica(const NodeSpec &n);
    void touch(std::uint32_t replica);
    void touchBacklog(std::uint32_t node);
    void scheduleNextArrival(std::uint32_t client);

    std::uint32_t allocRequest();
    void freeRequest(std::uint32_t r);
    Frame &frame(std::uint32_t r, std::uint32_t d) { return m_frames[std::size_t(r) * m_depth + d]; }
    Frame &top(std::uint32_t r) { return frame(r, m_req[r].depth - 1u); }
    void after(double delayS, std::uint32_t kind, std::uint32_t handle)
    {
        if (delayS > 0)
            m_queue.push(m_now + delayS, kind, handle);
        else
            m_ring.push(kind, handle);
    }

    const Network &m_net;
    SimConfig m_cfg;
    SimObserver *m_observer;
    int m_replication;
    std::uint32_t m_depth;

    EventQueue m_queue;
    ImmediateRing m_ring;
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
    std::vector<ServiceSampler> m_samplers;
    std::vector<Replica> m_reps;
    std::vector<std::uint64_t> m_replicaArrivals; // measured
    std::vector<std::uint32_t> m_present; // per replica: waiting + in service + holding
    std::vector<Backlog> m_backlog;       // per node (queues)
    std::vector<std::uint32_t> m_queuedTotal; // per node, waiting requests over all replicas
    std::vector<LoadBalancerPolicy> m_lb;
    std::vector<std::uint32_t> m_lbOfNode;
    std::vector<std::uint32_t> m_tieCursor; // per node, rotating tie-break for consumers
    RawMetrics m_metrics;
};

} // namespace hld
