#include "sim/simulator.h"

#include "sim/observer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hld {

Simulator::Simulator(const Network &net,
                     const SimConfig &cfg,
                     std::uint64_t seed,
                     SimObserver *observer,
                     int replication)
    : m_netp(&net)
    , m_cfg(cfg)
    , m_observer(observer)
    , m_replication(replication)
    , m_depth(net.maxDepth)
{
    const std::size_t n = net.nodes.size();
    m_nodes.resize(n);
    m_stores.resize(n);
    m_seed = seed;
    m_rng.resize(n);
    for (std::uint32_t i = 0; i < n; ++i)
        initNode(i);
    computeFeeds();
    for (std::uint32_t i = 0; i < n; ++i) {
        rebuildRotation(i);
        recomputeCost(i);
    }
    m_linkSends.assign(net.links.size(), 0);
    m_partition.assign(net.regions.size() * net.regions.size(), 0);
    m_metrics.nodes.resize(n);
    m_windowS = cfg.windowS;
    m_series.windowS = cfg.windowS;
    computeLimits();
    m_series.nodes.resize(n);
    m_req.reserve(1024);
    m_frames.reserve(1024 * std::size_t(m_depth));

    if (cfg.warmupS > 0)
        push(cfg.warmupS, WarmupEnd, 0);
    armHousekeeping();
    for (std::uint32_t c : net.clients)
        scheduleNextArrival(c);
}

void Simulator::initNode(std::uint32_t i)
{
    const NodeSpec &spec = m_netp->nodes[i];
    NodeState &s = m_nodes[i];
    m_rng[i] = Rng::forStream(m_seed, spec.id);
    s.sampler = spec.sampler;
    s.workers = spec.workers;
    s.hitRatio = spec.hitRatio;
    s.rps = spec.rps;
    s.costPerReplicaHour = spec.replicas ? spec.costPerHour / spec.replicas : 0;
    s.capacityLast = s.backlogLast = m_now;
    if (spec.kind != ComponentKind::Client) {
        s.reps.resize(spec.replicas);
        for (auto &rep : s.reps) {
            rep.workers = spec.workers;
            rep.last = m_now;
        }
    }
    if (spec.profile) {
        const auto &p = *spec.profile;
        s.maxFactor = p.shape == ProfileShape::Diurnal    ? 1 + p.amplitude
                      : p.shape == ProfileShape::Constant ? 1.0
                                                          : std::max(1.0, p.factor);
    }
    if (spec.replication)
        m_stores[i] = ReplicatedStore(*spec.replication, spec.replicas);
    if (spec.kind == ComponentKind::LoadBalancer) {
        s.lb = static_cast<std::uint32_t>(m_lb.size());
        m_lb.emplace_back(spec.algorithm);
    }
}

void Simulator::computeFeeds()
{
    for (auto &s : m_nodes)
        s.feeds.clear();
    for (std::uint32_t i = 0; i < m_nodes.size(); ++i) {
        const NodeSpec &spec = m_netp->nodes[i];
        if (spec.kind != ComponentKind::LoadBalancer)
            continue;
        for (auto li = spec.linkBegin; li < spec.linkEnd; ++li)
            m_nodes[m_netp->links[li].target].feeds.push_back(i);
    }
}

// --- the event loop -------------------------------------------------------------------------

bool Simulator::step()
{
    return stepBefore(std::numeric_limits<double>::infinity());
}

bool Simulator::stepBefore(double limitS)
{
    std::uint32_t kind, handle;
    if (!m_ring.empty()) {
        const auto item = m_ring.pop();
        kind = item.kind;
        handle = item.handle;
    } else {
        // Timed events. Housekeeping (windows, autoscaler ticks) and deferred events
        // (scenario controls, warm-up end, replicas becoming ready, replication) keep the run
        // going only while there is work ahead; otherwise they lapse without moving the
        // clock, so a scenario event at 1e9 s cannot stretch a 60 s run.
        for (;;) {
            if (m_queue.empty() || m_queue.top().time > limitS)
                return false;
            const Event e = m_queue.pop();
            kind = e.kind;
            handle = e.handle;
            const EventClass cls = classOf(kind);
            if (cls == EventClass::Work) {
                --m_pending;
            } else if (cls == EventClass::Deferred) {
                --m_deferred;
                if (m_pending == 0 && m_live == 0 && !arrivalsPossible(e.time))
                    continue; // nothing it could affect
            } else if (!workAhead(e.time)) {
                if (kind == WindowEnd) // apply() re-arms housekeeping
                    m_windowArmed = false;
                else if (kind == AutoscaleTick)
                    m_nodes[handle].tickArmed = false;
                continue;
            }
            m_now = e.time;
            break;
        }
    }
    dispatch(kind, handle);
    if ((++m_events & (kProgressEvents - 1)) == 0 && m_observer) [[unlikely]]
        m_observer->onProgress(m_replication, m_now, static_cast<std::uint64_t>(m_created));
    return true;
}

bool Simulator::arrivalsPossible(double atS) const
{
    return !m_stopArrivals && (m_cfg.requestLimit < 0 || m_created < m_cfg.requestLimit)
           && (m_cfg.durationS < 0 || atS < m_cfg.durationS);
}

bool Simulator::workAhead(double atS) const
{
    return m_pending > 0 || !m_ring.empty()
           || (m_deferred > 0 && (m_live > 0 || arrivalsPossible(atS)));
}

void Simulator::run()
{
    while (step()) {
    }
}

void Simulator::runUntil(double timeS)
{
    while (stepBefore(timeS)) {
    }
    m_now = std::max(m_now, timeS);
}

bool Simulator::runUntil(double timeS, std::uint64_t maxEvents)
{
    for (std::uint64_t k = 0; k < maxEvents; ++k) {
        if (!stepBefore(timeS)) {
            m_now = std::max(m_now, timeS);
            return true;
        }
    }
    return false;
}

void Simulator::dispatch(std::uint32_t kind, std::uint32_t handle)
{
    switch (kind) {
    case ClientArrival:
        onClientArrival(handle);
        break;
    case Arrive:
        onArrive(handle);
        break;
    case ServiceDone:
        onServiceDone(handle);
        break;
    case Return:
        onReturn(handle);
        break;
    case WarmupEnd:
        onWarmupEnd();
        break;
    case WindowEnd:
        onWindowEnd();
        break;
    case AutoscaleTick:
        onAutoscaleTick(handle);
        break;
    case ReplicaReady:
        onReplicaReady(handle);
        break;
    case ReplicaRestarted:
        onReplicaRestarted(handle);
        break;
    case ClientTimeout:
        onClientTimeout(handle);
        break;
    case ControlEvent:
        apply(m_controls[handle]);
        break;
    case Nop:
    case NopTick:
    case NopDeferred:
        break;
    case ReplicaApply: {
        const PendingApply p = m_applies[handle];
        m_freeApplies.push_back(handle);
        if (p.node == kNone)
            break; // its store was removed
        const auto &spec = m_netp->nodes[p.node];
        const auto region = spec.replicaRegion(p.replica);
        // A follower cut off by a partition misses the update; the heal's anti-entropy pass
        // (ReplicatedStore::reconcile) brings it up to date.
        if (!partitioned(spec.replicaRegion(0), region))
            m_stores[p.node].apply(p.replica, p.key, p.version);
        break;
    }
    }
}

// --- request pool ---------------------------------------------------------------------------

std::uint32_t Simulator::allocRequest()
{
    if (m_live >= m_inFlightCap) [[unlikely]] {
        if (!m_metrics.overloaded) {
            m_metrics.overloaded = true;
            m_metrics.overloadedAtS = m_now;
        }
        m_stopArrivals = true;
        return kNone;
    }
    ++m_live;
    if (!m_free.empty()) {
        const std::uint32_t r = m_free.back();
        m_free.pop_back();
        return r;
    }
    const auto r = static_cast<std::uint32_t>(m_req.size());
    m_req.push_back({});
    m_frames.resize(m_frames.size() + m_depth);
    return r;
}

void Simulator::computeLimits()
{
    const std::size_t perRequest = sizeof(Request) + std::size_t(m_depth) * sizeof(Frame);
    m_inFlightCap = static_cast<std::uint32_t>(
        std::clamp<std::size_t>(m_cfg.requestMemoryBytes / perRequest, 16, m_cfg.maxInFlight));
    m_metrics.inFlightCap = m_inFlightCap;
    std::size_t columns = 7;
    for (const auto &n : m_netp->nodes)
        columns += n.replication ? 9 : 5;
    const std::size_t byMemory = m_cfg.seriesMemoryBytes / (columns * sizeof(double));
    m_seriesCap = std::max<std::size_t>(
        8, m_cfg.maxSeriesPoints ? std::min(m_cfg.maxSeriesPoints, byMemory) : byMemory);
    m_seriesCap &= ~std::size_t(1); // even, so widening merges whole pairs
}

std::uint32_t Simulator::addApply(const PendingApply &p)
{
    if (!m_freeApplies.empty()) {
        const std::uint32_t i = m_freeApplies.back();
        m_freeApplies.pop_back();
        m_applies[i] = p;
        return i;
    }
    m_applies.push_back(p);
    return static_cast<std::uint32_t>(m_applies.size() - 1);
}

void Simulator::freeRequest(std::uint32_t r)
{
    m_req[r].depth = 0; // free: a late timer for it sees no request
    --m_live;
    m_free.push_back(r);
}

// --- moving a request -----------------------------------------------------------------------

bool Simulator::partitioned(std::uint32_t a, std::uint32_t b) const
{
    return a != b && m_partition[a * m_netp->regions.size() + b];
}

void Simulator::trace(std::uint32_t r, std::uint32_t link, double depart, double arrive, bool back)
{
    if (m_hops.size() >= 20000)
        return; // nobody is collecting: stay bounded
    const auto f = m_req[r].flags;
    const std::uint8_t outcome = (f & Failed) ? 2 : (f & Stale) ? 3 : (f & Hit) ? 1 : 0;
    m_hops.push_back({m_req[r].serial, link, depart, arrive, back, outcome});
}

std::vector<TraceHop> Simulator::takeTraceHops()
{
    std::vector<TraceHop> out;
    out.swap(m_hops);
    return out;
}

void Simulator::send(std::uint32_t r, std::uint32_t link, std::uint32_t replica)
{
    const OutLink &l = m_netp->links[link];
    Request &q = m_req[r];
    const NodeSpec &target = m_netp->nodes[l.target];
    ++m_linkSends[link];
    if (!target.replication && partitioned(m_netp->nodes[l.source].region, target.region)) {
        // The network between the two regions is cut: the call fails at once, before a frame
        // is pushed, so the caller (the origin, for a client request or a message) sees a
        // failed return at its own depth.
        ++m_metrics.nodes[l.target].failedHere;
        q.flags |= Failed;
        m_ring.push(Return, r);
        return;
    }
    Frame &f = frame(r, q.depth);
    ++q.depth;
    // Injected latency (add_latency) delays the way in only: once per request through it.
    const double latency = l.latencyS + m_nodes[l.target].extraLatencyS;
    f.node = l.target;
    f.replica = replica;
    f.inLink = link;
    f.backLatencyS = l.latencyS;
    f.flags = 0;
    if (q.flags & Traced) [[unlikely]]
        trace(r, link, m_now, m_now + latency, false);
    after(latency, Arrive, r);
}

void Simulator::respond(std::uint32_t r)
{
    Frame &f = top(r);
    if ((f.flags & Holding) && f.epoch == m_nodes[f.node].reps[f.replica].epoch)
        releaseWorker(f.node, f.replica);
    --m_req[r].depth;
    if ((m_req[r].flags & Traced) && m_req[r].depth > 0) [[unlikely]]
        trace(r, f.inLink, m_now, m_now + f.backLatencyS, true);
    after(f.backLatencyS, Return, r);
}

void Simulator::fail(std::uint32_t r)
{
    m_req[r].flags |= Failed;
    respond(r);
}

void Simulator::onReturn(std::uint32_t r)
{
    const Request &q = m_req[r];
    if (q.depth == 1)
        complete(r);
    else if (q.flags & Failed)
        respond(r); // a failed call fails its caller: the error travels back to the origin
    else
        continueCalls(r);
}

void Simulator::complete(std::uint32_t r)
{
    const Request &q = m_req[r];
    if (q.flags & Message) {
        const std::uint32_t origin = frame(r, 0).node;
        NodeRaw &nr = m_metrics.nodes[origin];
        if (q.flags & ViaQueue) { // never reached a consumer's worker
            touchBacklog(origin);
            --m_nodes[origin].backlog;
        }
        if (q.flags & Measured)
            ++((q.flags & Failed) ? nr.messagesFailed : nr.messagesDone);
    } else if (!(q.flags & TimedOut)) { // a timed-out request was counted at its deadline
        countOutcome(r, !(q.flags & Failed), false);
    }
    freeRequest(r);
}

void Simulator::countOutcome(std::uint32_t r, bool ok, bool timedOut)
{
    const Request &q = m_req[r];
    const double latency = m_now - q.created;
    if (ok) {
        ++m_windowOk;
        if (m_cfg.recordSeries)
            m_windowLatency.record(latency * 1000.0);
    } else {
        ++m_windowFailed;
    }
    if (q.flags & Measured) {
        ClassRaw &cr = m_metrics.classes[q.cls];
        ++cr.count;
        if (ok) {
            ++cr.ok;
            cr.latencyMs.record(latency * 1000.0);
        } else {
            ++cr.failed;
            cr.timedOut += timedOut;
            cr.failedTimeSumS += latency;
        }
    }
}

void Simulator::onClientTimeout(std::uint32_t r)
{
    // The client stops waiting at its deadline: the request fails now, while the work it
    // started downstream carries on (and is wasted). The slot may have been reused since,
    // so the deadline must be this request's own.
    Request &q = m_req[r];
    if (q.depth == 0 || (q.flags & (Message | TimedOut)))
        return;
    const NodeSpec &client = m_netp->nodes[frame(r, 0).node];
    if (client.timeoutS <= 0 || q.created + client.timeoutS != m_now)
        return;
    q.flags |= TimedOut;
    countOutcome(r, false, true);
}

// --- at a component -------------------------------------------------------------------------

std::uint32_t Simulator::chooseReplica(std::uint32_t node, std::uint32_t r)
{
    if (m_netp->nodes[node].replication)
        return chooseStoreReplica(node, r);
    const NodeState &s = m_nodes[node];
    if (s.rotation.empty())
        return kNone;
    return s.rotation.size() == 1 ? s.rotation.front()
                                  : s.rotation[m_rng[node].below(std::uint32_t(s.rotation.size()))];
}

void Simulator::onArrive(std::uint32_t r)
{
    Frame &f = top(r);
    const std::uint32_t node = f.node;
    const NodeSpec &n = m_netp->nodes[node];
    NodeState &s = m_nodes[node];
    NodeRaw &nr = m_metrics.nodes[node];
    const bool measured = m_req[r].flags & Measured;
    f.arrival = m_now;
    ++nr.arrivalsAll;
    if (measured)
        ++nr.arrivals;
    if (s.killed) {
        ++nr.failedHere;
        fail(r); // the whole component is down
        return;
    }
    if (n.passThrough) {
        f.serviceStart = m_now;
        noteServiceStart(r);
        if (measured) {
            ++nr.completed;
            nr.sojournMs.record(0.0);
        }
        afterService(r);
        return;
    }
    if (n.replication || f.replica == kNone)
        f.replica = chooseReplica(node, r);
    if (f.replica == kNone || f.replica >= s.reps.size()) {
        if (n.replication && measured)
            ++nr.consistencyFailed;
        ++nr.failedHere;
        fail(r); // nothing reachable in rotation
        return;
    }
    Replica &rep = s.reps[f.replica];
    if (rep.status == Status::Down || rep.status == Status::Retired) {
        ++nr.failedHere;
        fail(r); // sent to a replica that died on the way (no health check in time)
        return;
    }
    if (measured)
        ++rep.arrivals;
    if (rep.busy < rep.workers) {
        touch(node, f.replica);
        ++rep.present;
        startService(r, f);
    } else if (n.queueCapacity >= 0 && rep.queued >= n.queueCapacity) {
        if (measured)
            ++nr.rejected;
        ++nr.failedHere;
        fail(r);
    } else {
        touch(node, f.replica);
        ++rep.present;
        ++rep.queued;
        nr.peakQueued = std::max(nr.peakQueued, ++s.queuedTotal);
        m_req[r].nextInQueue = kNone;
        if (rep.tail == kNone)
            rep.head = r;
        else
            m_req[rep.tail].nextInQueue = r;
        rep.tail = r;
    }
}

void Simulator::startService(std::uint32_t r, Frame &f)
{
    Replica &rep = m_nodes[f.node].reps[f.replica];
    ++rep.busy;
    f.serviceStart = m_now;
    f.epoch = rep.epoch;
    noteServiceStart(r);
    push(m_now + m_nodes[f.node].sampler.sample(m_rng[f.node]), ServiceDone, r);
}

void Simulator::noteServiceStart(std::uint32_t r)
{
    Request &q = m_req[r];
    if (!(q.flags & ViaQueue) || q.depth != 2)
        return;
    // A queued message leaves the backlog when its consumer starts on it.
    q.flags &= ~ViaQueue;
    const std::uint32_t queueNode = frame(r, 0).node;
    touchBacklog(queueNode);
    --m_nodes[queueNode].backlog;
    if (q.flags & Measured)
        m_metrics.nodes[queueNode].messageAgeMs.record((m_now - q.created) * 1000.0);
}

void Simulator::releaseWorker(std::uint32_t node, std::uint32_t replica)
{
    NodeState &s = m_nodes[node];
    Replica &rep = s.reps[replica];
    touch(node, replica);
    --rep.busy;
    --rep.present;
    if (rep.queued > 0 && rep.busy < rep.workers) {
        const std::uint32_t next = rep.head;
        rep.head = m_req[next].nextInQueue;
        if (rep.head == kNone)
            rep.tail = kNone;
        --rep.queued;
        --s.queuedTotal;
        startService(next, top(next));
    }
    if (rep.status == Status::Draining && rep.present == 0) {
        if (rep.restarting)
            restartDrained(node, replica);
        else
            setStatus(node, replica, Status::Retired);
    }
}

void Simulator::onServiceDone(std::uint32_t r)
{
    Frame &f = top(r);
    const std::uint32_t node = f.node;
    const NodeSpec &n = m_netp->nodes[node];
    NodeState &s = m_nodes[node];
    if (f.epoch != s.reps[f.replica].epoch) {
        ++m_metrics.nodes[node].failedHere;
        fail(r); // the replica was killed while serving this request
        return;
    }
    if (m_req[r].flags & Measured) {
        NodeRaw &nr = m_metrics.nodes[node];
        ++nr.completed;
        nr.waitSumS += f.serviceStart - f.arrival;
        nr.sojournSumS += m_now - f.arrival;
        nr.sojournMs.record((m_now - f.arrival) * 1000.0);
    }
    if (n.holdWorker)
        f.flags |= Holding;
    else
        releaseWorker(node, f.replica);
    if (s.errorRate > 0 && m_rng[node].uniform() < s.errorRate) {
        ++m_metrics.nodes[node].failedHere;
        fail(r); // an injected fault: the component answers with an error
        return;
    }
    afterService(r);
}

void Simulator::afterService(std::uint32_t r)
{
    Frame &f = top(r);
    const std::uint32_t node = f.node;
    const NodeSpec &n = m_netp->nodes[node];
    NodeState &s = m_nodes[node];
    Request &q = m_req[r];
    if (n.replication)
        storeAfterService(r);
    switch (n.kind) {
    case ComponentKind::Cache:
    case ComponentKind::Cdn:
        if (q.cls == 0) {
            double h = s.hitRatio;
            if (s.flushedAt >= 0) // a flushed cache warms up again over ~20 s
                h *= 1.0 - std::exp(-(m_now - s.flushedAt) / 20.0);
            const bool hit = m_rng[node].uniform() < h;
            if (q.flags & Measured) {
                ++m_metrics.nodes[node].reads;
                m_metrics.nodes[node].hits += hit;
            }
            if (hit) {
                q.flags |= Hit;
                respond(r);
                return;
            }
        }
        break;
    case ComponentKind::LoadBalancer: {
        f.nextLink = n.linkEnd; // one forward, then respond
        const auto &targets = s.lbTargets;
        const std::uint32_t t = m_lb[s.lb].pick(
            targets,
            q.user,
            [&](std::uint32_t i) {
                return m_nodes[targets[i].node].reps[targets[i].replica].present;
            },
            m_rng[node]);
        if (t == kNone) {
            ++m_metrics.nodes[node].failedHere; // nothing healthy behind it: a 503
            fail(r);
            return;
        }
        send(r, targets[t].link, targets[t].replica);
        return;
    }
    case ComponentKind::Queue:
        // Acknowledge at enqueue: every subscriber gets a copy; the producer does not wait.
        for (std::uint32_t i = n.linkBegin; i < n.linkEnd; ++i) {
            if (!spawnMessage(r, i)) {
                fail(r);
                return;
            }
        }
        respond(r);
        return;
    default:
        break;
    }
    f.nextLink = n.linkBegin;
    continueCalls(r);
}

void Simulator::continueCalls(std::uint32_t r)
{
    // No Frame& is kept across spawnMessage(): allocating a message may grow the pool.
    const NodeSpec &n = m_netp->nodes[top(r).node];
    const std::uint8_t cls = m_req[r].cls;
    for (std::uint32_t i = top(r).nextLink; i < n.linkEnd; ++i) {
        const OutLink &l = m_netp->links[i];
        if ((l.filter == RequestFilter::Reads && cls != 0)
            || (l.filter == RequestFilter::Writes && cls != 1))
            continue;
        if (l.async) {
            if (!spawnMessage(r, i)) {
                fail(r);
                return;
            }
            continue;
        }
        top(r).nextLink = i + 1;
        send(r, i, kNone);
        return;
    }
    top(r).nextLink = n.linkEnd;
    respond(r);
}

std::uint32_t Simulator::shortestQueueReplica(std::uint32_t node)
{
    // Competing consumers pull from one backlog; joining the least busy replica is the push
    // equivalent. Ties rotate so equal replicas share the work.
    NodeState &s = m_nodes[node];
    const auto n = static_cast<std::uint32_t>(s.rotation.size());
    if (n == 0)
        return kNone;
    std::uint32_t best = s.rotation[s.tieCursor % n];
    for (std::uint32_t k = 1; k < n; ++k) {
        const std::uint32_t i = s.rotation[(s.tieCursor + k) % n];
        if (s.reps[i].present < s.reps[best].present)
            best = i;
    }
    s.tieCursor = (s.tieCursor + 1) % n;
    return best;
}

bool Simulator::spawnMessage(std::uint32_t parent, std::uint32_t link)
{
    const std::uint32_t from = top(parent).node;
    const NodeSpec &src = m_netp->nodes[from];
    const std::uint32_t m = allocRequest();
    if (m == kNone)
        return false;
    const Request &p = m_req[parent];
    Request &q = m_req[m];
    q.created = m_now;
    q.cls = p.cls;
    q.user = p.user;
    q.serial = p.serial;
    q.flags = Message | (m_now >= m_cfg.warmupS ? Measured : 0) | (p.flags & Traced);
    q.depth = 1;
    q.nextInQueue = kNone;
    Frame &origin = frame(m, 0);
    origin.node = from;
    origin.flags = 0;
    NodeRaw &nr = m_metrics.nodes[from];
    std::uint32_t replica = kNone;
    if (src.kind == ComponentKind::Queue) {
        NodeState &s = m_nodes[from];
        if (src.maxBacklog >= 0 && s.backlog >= src.maxBacklog) {
            if (q.flags & Measured)
                ++nr.enqueueRejected;
            freeRequest(m);
            return false;
        }
        touchBacklog(from);
        nr.backlogMax = std::max(nr.backlogMax, ++s.backlog);
        q.flags |= ViaQueue;
        const std::uint32_t consumer = m_netp->links[link].target;
        if (m_nodes[consumer].reps.size() > 1 && !m_netp->nodes[consumer].passThrough)
            replica = shortestQueueReplica(consumer);
    }
    if (q.flags & Measured)
        ++nr.enqueued;
    send(m, link, replica);
    return true;
}

} // namespace hld
