#include "sim/simulator.h"

#include "sim/observer.h"

#include <algorithm>

namespace hld {

Simulator::Simulator(const Network &net, const SimConfig &cfg, std::uint64_t seed,
                     SimObserver *observer, int replication)
    : m_net(net)
    , m_cfg(cfg)
    , m_observer(observer)
    , m_replication(replication)
    , m_depth(net.maxDepth)
{
    const std::size_t n = net.nodes.size();
    m_rng.reserve(n);
    m_samplers.reserve(n);
    for (const auto &node : net.nodes) {
        m_rng.push_back(Rng::forStream(seed, node.id));
        m_samplers.push_back(node.sampler);
    }
    m_reps.resize(net.totalReplicas);
    m_present.assign(net.totalReplicas, 0);
    m_replicaArrivals.assign(net.totalReplicas, 0);
    m_backlog.resize(n);
    m_queuedTotal.assign(n, 0);
    m_tieCursor.assign(n, 0);
    m_lbOfNode.assign(n, kNone);
    for (std::uint32_t i = 0; i < n; ++i) {
        const auto &node = net.nodes[i];
        if (node.kind == ComponentKind::LoadBalancer) {
            m_lbOfNode[i] = static_cast<std::uint32_t>(m_lb.size());
            m_lb.emplace_back(node.algorithm,
                              std::span<const LbTarget>(net.lbTargets.data() + node.lbBegin,
                                                        node.lbEnd - node.lbBegin));
        }
    }
    m_metrics.nodes.resize(n);
    m_req.reserve(1024);
    m_frames.reserve(1024 * std::size_t(m_depth));

    if (cfg.warmupS > 0)
        m_queue.push(cfg.warmupS, WarmupEnd, 0);
    for (std::uint32_t c : net.clients) {
        const auto &client = net.nodes[c];
        if (client.rps <= 0 || client.linkBegin == client.linkEnd)
            continue; // nothing to send, or nowhere to send it (the review reports it)
        // The first arrival comes one inter-arrival time after 0, as in a stationary process.
        const double gap = client.arrival == ArrivalProcess::Poisson
                               ? -std::log(m_rng[c].uniformOpen0()) / client.rps
                               : 1.0 / client.rps;
        if (cfg.durationS < 0 || gap < cfg.durationS)
            m_queue.push(gap, ClientArrival, c);
    }
}

// --- the event loop -------------------------------------------------------------------------

bool Simulator::step()
{
    std::uint32_t kind, handle;
    if (!m_ring.empty()) {
        const auto item = m_ring.pop();
        kind = item.kind;
        handle = item.handle;
    } else if (!m_queue.empty()) {
        const Event e = m_queue.pop();
        m_now = e.time;
        kind = e.kind;
        handle = e.handle;
    } else {
        return false;
    }
    dispatch(kind, handle);
    if ((++m_events & (kProgressEvents - 1)) == 0 && m_observer) [[unlikely]]
        m_observer->onProgress(m_replication, m_now, static_cast<std::uint64_t>(m_created));
    return true;
}

void Simulator::run()
{
    while (step()) {
    }
}

void Simulator::runUntil(double timeS)
{
    while (!m_ring.empty() || (!m_queue.empty() && m_queue.top().time <= timeS))
        step();
    m_now = std::max(m_now, timeS);
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
    }
}

// --- request pool ---------------------------------------------------------------------------

std::uint32_t Simulator::allocRequest()
{
    if (m_live >= m_cfg.maxInFlight) [[unlikely]] {
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

void Simulator::freeRequest(std::uint32_t r)
{
    --m_live;
    m_free.push_back(r);
}

// --- time integrals -------------------------------------------------------------------------

void Simulator::touch(std::uint32_t ri)
{
    Replica &rep = m_reps[ri];
    const double dt = m_now - rep.last;
    rep.busyArea += rep.busy * dt;
    rep.presentArea += m_present[ri] * dt;
    rep.last = m_now;
}

void Simulator::touchBacklog(std::uint32_t node)
{
    Backlog &b = m_backlog[node];
    m_metrics.nodes[node].backlogArea += b.count * (m_now - b.last);
    b.last = m_now;
}

void Simulator::onWarmupEnd()
{
    for (std::uint32_t i = 0; i < m_reps.size(); ++i) {
        touch(i);
        m_reps[i].busyArea = m_reps[i].presentArea = 0;
    }
    for (std::uint32_t i = 0; i < m_backlog.size(); ++i) {
        touchBacklog(i);
        m_metrics.nodes[i].backlogArea = 0;
    }
    m_measureStart = m_now;
}

// --- clients --------------------------------------------------------------------------------

void Simulator::scheduleNextArrival(std::uint32_t c)
{
    const NodeSpec &client = m_net.nodes[c];
    if (m_stopArrivals || (m_cfg.requestLimit >= 0 && m_created >= m_cfg.requestLimit))
        return;
    const double gap = client.arrival == ArrivalProcess::Poisson
                           ? -std::log(m_rng[c].uniformOpen0()) / client.rps
                           : 1.0 / client.rps;
    if (m_cfg.durationS >= 0 && m_now + gap >= m_cfg.durationS)
        return;
    m_queue.push(m_now + gap, ClientArrival, c);
}

void Simulator::onClientArrival(std::uint32_t c)
{
    if (m_stopArrivals || (m_cfg.requestLimit >= 0 && m_created >= m_cfg.requestLimit))
        return;
    const std::uint32_t r = allocRequest();
    if (r == kNone)
        return;
    ++m_created;
    const NodeSpec &client = m_net.nodes[c];
    Rng &rng = m_rng[c];
    Request &q = m_req[r];
    q.created = m_now;
    q.cls = (client.readRatio >= 1.0 || rng.uniform() < client.readRatio) ? 0 : 1;
    q.user = client.users > 1 ? rng.below(client.users) : 0;
    q.flags = m_now >= m_cfg.warmupS ? Measured : 0;
    q.depth = 1;
    q.nextInQueue = kNone;
    Frame &origin = frame(r, 0);
    origin.node = c;
    origin.flags = 0;
    scheduleNextArrival(c);

    std::uint32_t link = client.linkBegin;
    if (client.linkEnd - client.linkBegin > 1) {
        double x = rng.uniform() * client.totalLinkWeight;
        while (link + 1 < client.linkEnd && x >= m_net.links[link].weight) {
            x -= m_net.links[link].weight;
            ++link;
        }
    }
    send(r, link, kNone);
}

// --- moving a request -----------------------------------------------------------------------

void Simulator::send(std::uint32_t r, std::uint32_t link, std::uint32_t replica)
{
    const OutLink &l = m_net.links[link];
    Request &q = m_req[r];
    Frame &f = frame(r, q.depth);
    ++q.depth;
    f.node = l.target;
    f.replica = replica;
    f.backLatencyS = l.latencyS;
    f.flags = 0;
    after(l.latencyS, Arrive, r);
}

void Simulator::respond(std::uint32_t r)
{
    Frame &f = top(r);
    if (f.flags & Holding)
        releaseWorker(f.replica);
    --m_req[r].depth;
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
    const bool measured = q.flags & Measured;
    if (q.flags & Message) {
        const std::uint32_t origin = frame(r, 0).node;
        NodeRaw &nr = m_metrics.nodes[origin];
        if (q.flags & ViaQueue) { // never reached a consumer's worker
            touchBacklog(origin);
            --m_backlog[origin].count;
        }
        if (measured)
            ++((q.flags & Failed) ? nr.messagesFailed : nr.messagesDone);
    } else if (measured) {
        const NodeSpec &client = m_net.nodes[frame(r, 0).node];
        ClassRaw &cr = m_metrics.classes[q.cls];
        const double latency = m_now - q.created;
        ++cr.count;
        if (q.flags & Failed) {
            ++cr.failed;
        } else if (client.timeoutS > 0 && latency > client.timeoutS) {
            ++cr.failed;
            ++cr.timedOut;
        } else {
            ++cr.ok;
            cr.latencyMs.record(latency * 1000.0);
        }
    }
    freeRequest(r);
}

// --- at a component -------------------------------------------------------------------------

void Simulator::onArrive(std::uint32_t r)
{
    Frame &f = top(r);
    const NodeSpec &n = m_net.nodes[f.node];
    NodeRaw &nr = m_metrics.nodes[f.node];
    const bool measured = m_req[r].flags & Measured;
    f.arrival = m_now;
    ++nr.arrivalsAll;
    if (measured)
        ++nr.arrivals;
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
    if (f.replica == kNone)
        f.replica = n.firstReplica + (n.replicas > 1 ? m_rng[f.node].below(n.replicas) : 0);
    Replica &rep = m_reps[f.replica];
    if (measured)
        ++m_replicaArrivals[f.replica];
    if (rep.busy < n.workers) {
        touch(f.replica);
        ++m_present[f.replica];
        startService(r, f);
    } else if (n.queueCapacity >= 0 && rep.queued >= n.queueCapacity) {
        if (measured)
            ++nr.rejected;
        fail(r);
    } else {
        touch(f.replica);
        ++m_present[f.replica];
        ++rep.queued;
        nr.peakQueued = std::max(nr.peakQueued, ++m_queuedTotal[f.node]);
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
    ++m_reps[f.replica].busy;
    f.serviceStart = m_now;
    noteServiceStart(r);
    m_queue.push(m_now + m_samplers[f.node].sample(m_rng[f.node]), ServiceDone, r);
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
    --m_backlog[queueNode].count;
    if (q.flags & Measured)
        m_metrics.nodes[queueNode].messageAgeMs.record((m_now - q.created) * 1000.0);
}

void Simulator::releaseWorker(std::uint32_t ri)
{
    Replica &rep = m_reps[ri];
    touch(ri);
    --rep.busy;
    --m_present[ri];
    if (rep.queued == 0)
        return;
    const std::uint32_t next = rep.head;
    rep.head = m_req[next].nextInQueue;
    if (rep.head == kNone)
        rep.tail = kNone;
    --rep.queued;
    --m_queuedTotal[top(next).node];
    startService(next, top(next));
}

void Simulator::onServiceDone(std::uint32_t r)
{
    Frame &f = top(r);
    const NodeSpec &n = m_net.nodes[f.node];
    if (m_req[r].flags & Measured) {
        NodeRaw &nr = m_metrics.nodes[f.node];
        ++nr.completed;
        nr.waitSumS += f.serviceStart - f.arrival;
        nr.sojournSumS += m_now - f.arrival;
        nr.sojournMs.record((m_now - f.arrival) * 1000.0);
    }
    if (n.holdWorker)
        f.flags |= Holding;
    else
        releaseWorker(f.replica);
    afterService(r);
}

void Simulator::afterService(std::uint32_t r)
{
    Frame &f = top(r);
    const std::uint32_t node = f.node;
    const NodeSpec &n = m_net.nodes[node];
    Request &q = m_req[r];
    switch (n.kind) {
    case ComponentKind::Cache:
    case ComponentKind::Cdn:
        if (q.cls == 0) {
            const bool hit = m_rng[node].uniform() < n.hitRatio;
            if (q.flags & Measured) {
                ++m_metrics.nodes[node].reads;
                m_metrics.nodes[node].hits += hit;
            }
            if (hit) {
                respond(r);
                return;
            }
        }
        break;
    case ComponentKind::LoadBalancer: {
        f.nextLink = n.linkEnd; // one forward, then respond
        const std::uint32_t t = m_lb[m_lbOfNode[node]].pick(q.user, m_present.data(), m_rng[node]);
        if (t == kNone) {
            fail(r);
            return;
        }
        const LbTarget &target = m_net.lbTargets[n.lbBegin + t];
        send(r, target.link, target.replica);
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
    const NodeSpec &n = m_net.nodes[top(r).node];
    const std::uint8_t cls = m_req[r].cls;
    for (std::uint32_t i = top(r).nextLink; i < n.linkEnd; ++i) {
        const OutLink &l = m_net.links[i];
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

std::uint32_t Simulator::shortestQueueReplica(const NodeSpec &n)
{
    // Competing consumers pull from one backlog; joining the least busy replica is the push
    // equivalent. Ties rotate so equal replicas share the work.
    std::uint32_t &cursor = m_tieCursor[&n - m_net.nodes.data()];
    std::uint32_t best = n.firstReplica + cursor % n.replicas;
    for (std::uint32_t k = 1; k < n.replicas; ++k) {
        const std::uint32_t ri = n.firstReplica + (cursor + k) % n.replicas;
        if (m_present[ri] < m_present[best])
            best = ri;
    }
    cursor = (best - n.firstReplica + 1) % n.replicas;
    return best;
}

bool Simulator::spawnMessage(std::uint32_t parent, std::uint32_t link)
{
    const std::uint32_t from = top(parent).node;
    const NodeSpec &src = m_net.nodes[from];
    const std::uint32_t m = allocRequest();
    if (m == kNone)
        return false;
    const Request &p = m_req[parent];
    Request &q = m_req[m];
    q.created = m_now;
    q.cls = p.cls;
    q.user = p.user;
    q.flags = Message | (m_now >= m_cfg.warmupS ? Measured : 0);
    q.depth = 1;
    q.nextInQueue = kNone;
    Frame &origin = frame(m, 0);
    origin.node = from;
    origin.flags = 0;
    NodeRaw &nr = m_metrics.nodes[from];
    std::uint32_t replica = kNone;
    if (src.kind == ComponentKind::Queue) {
        Backlog &b = m_backlog[from];
        if (src.maxBacklog >= 0 && b.count >= src.maxBacklog) {
            if (q.flags & Measured)
                ++nr.enqueueRejected;
            freeRequest(m);
            return false;
        }
        touchBacklog(from);
        nr.backlogMax = std::max(nr.backlogMax, ++b.count);
        q.flags |= ViaQueue;
        const NodeSpec &consumer = m_net.nodes[m_net.links[link].target];
        if (consumer.replicas > 1 && !consumer.passThrough)
            replica = shortestQueueReplica(consumer);
    }
    if (q.flags & Measured)
        ++nr.enqueued;
    send(m, link, replica);
    return true;
}

// --- the end --------------------------------------------------------------------------------

RawMetrics Simulator::finish()
{
    for (std::uint32_t i = 0; i < m_reps.size(); ++i)
        touch(i);
    for (std::uint32_t i = 0; i < m_backlog.size(); ++i)
        touchBacklog(i);
    for (std::uint32_t n = 0; n < m_net.nodes.size(); ++n) {
        const NodeSpec &spec = m_net.nodes[n];
        NodeRaw &nr = m_metrics.nodes[n];
        if (!spec.passThrough && spec.kind != ComponentKind::Client)
            nr.replicaArrivals.assign(m_replicaArrivals.begin() + spec.firstReplica,
                                      m_replicaArrivals.begin() + spec.firstReplica + spec.replicas);
        for (std::uint32_t k = 0; k < spec.replicas; ++k) {
            nr.busyArea += m_reps[spec.firstReplica + k].busyArea;
            nr.presentArea += m_reps[spec.firstReplica + k].presentArea;
        }
    }
    m_metrics.simTimeS = m_now;
    m_metrics.measuredTimeS = std::max(0.0, m_now - m_measureStart);
    m_metrics.events = m_events;
    m_metrics.created = static_cast<std::uint64_t>(m_created);
    return std::move(m_metrics);
}

} // namespace hld
