// At a component: arrival, queueing, service, and what comes after it (caches, balancers,
// queues, downstream calls).
#include "sim/simulator.h"

#include <algorithm>
#include <cmath>

namespace hld {

std::uint32_t Simulator::chooseReplica(std::uint32_t node, std::uint32_t r)
{
    if (m_nodes[node].shards)
        return chooseShardReplica(node, r);
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
    NodeState &s = m_nodes[node];
    NodeRaw &nr = m_metrics.nodes[node];
    const bool measured = m_pool[r].flags & Measured;
    f.arrival = m_now;
    ++nr.arrivalsAll;
    if (measured)
        ++nr.arrivals;
    if ((m_pool[r].flags & ViaQueue) && f.replica != kNone && f.replica < s.reps.size()
        && m_pool[r].depth == 2 && s.reps[f.replica].reserved > 0)
        --s.reps[f.replica].reserved; // a delivered message took the worker it was promised
    if (s.killed) {
        ++nr.failedHere;
        fail(r); // the whole component is down
        return;
    }
    if (s.limiter && !rateAdmit(r)) [[unlikely]]
        return; // refused (a 429), or waiting in a leaky bucket
    arriveAdmitted(r);
}

void Simulator::arriveAdmitted(std::uint32_t r)
{
    Frame &f = top(r);
    const std::uint32_t node = f.node;
    const NodeSpec &n = m_netp->nodes[node];
    NodeState &s = m_nodes[node];
    NodeRaw &nr = m_metrics.nodes[node];
    const bool measured = m_pool[r].flags & Measured;
    if (n.passThrough) {
        f.serviceStart = m_now;
        noteServiceStart(r);
        if (measured) {
            ++nr.completed;
            nr.sojournMs.record(0.0);
        }
        if (s.errorRate > 0 && m_rng[node].uniform() < s.errorRate) {
            ++nr.failedHere;
            fail(r); // an injected fault (error_rate) at a component without service time
            return;
        }
        afterService(r);
        return;
    }
    if (!n.replication && (n.shards || f.replica == kNone))
        f.replica = chooseReplica(node, r); // a sharded store routes by key, whoever picked
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
        if (rep.undetected && measured)
            ++nr.unhealthyHits; // its balancers' health checks have not noticed yet
        fail(r);                // sent to a replica that died on the way (no health check in time)
        return;
    }
    if (n.sessions != Sessions::None && !sessionKept(node, f.replica, r)) [[unlikely]] {
        ++nr.failedHere;
        fail(r); // session_lost: the user's session lives on another replica
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
        m_pool[r].nextInQueue = kNone;
        if (rep.tail == kNone)
            rep.head = r;
        else
            m_pool[rep.tail].nextInQueue = r;
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
    NodeState &s = m_nodes[f.node];
    const double t = !s.table ? s.sampler.sample(m_rng[f.node]) : serviceTimeS(f.node, r);
    push(m_now + t, ServiceDone, r);
}

void Simulator::noteServiceStart(std::uint32_t r)
{
    Request &q = m_pool[r];
    if (!(q.flags & ViaQueue) || q.depth != 2)
        return;
    // A queue's message: its age is the time from enqueue to the start of its consumer.
    q.flags &= std::uint16_t(~ViaQueue);
    const std::uint32_t queueNode = frame(r, 0).node;
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
        rep.head = m_pool[next].nextInQueue;
        if (rep.head == kNone)
            rep.tail = kNone;
        --rep.queued;
        --s.queuedTotal;
        startService(next, top(next));
    } else if (!s.feeders.empty() && rep.busy + rep.reserved < rep.workers) {
        pullMessages(node); // a free worker: the queues feeding it deliver
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
    if (m_pool[r].flags & Measured) {
        NodeRaw &nr = m_metrics.nodes[node];
        ++nr.completed;
        nr.waitSumS += f.serviceStart - f.arrival;
        nr.sojournSumS += m_now - f.arrival;
        nr.sojournMs.record((m_now - f.arrival) * 1000.0);
    }
    if (s.p99Signal) [[unlikely]]
        s.intervalMs.record((m_now - f.arrival) * 1000.0);
    if (n.holdWorker)
        f.flags |= Holding;
    else
        releaseWorker(node, f.replica);
    if (s.errorRate > 0 && m_rng[node].uniform() < s.errorRate) {
        ++m_metrics.nodes[node].failedHere;
        fail(r); // an injected fault: the component answers with an error
        return;
    }
    if (m_pool[r].msg != kNone && m_pool[r].depth == 2 && !applyMessage(r)) {
        top(r).nextLink = n.linkEnd;
        respond(r); // a duplicate the consumer recognised: nothing more to do
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
    Request &q = m_pool[r];
    if (n.replication && !storeAfterService(r)) {
        fail(r); // the store refused: no majority, quorum or follower it must reach
        return;
    }
    switch (n.kind) {
    case ComponentKind::Cache:
    case ComponentKind::Cdn:
        if (s.cache && n.keyCache) {
            if (!cacheService(r))
                return;
        } else if (q.cls == 0) {
            const bool hit = fixedCacheHit(node, q.flags & Measured);
            countEdgeRead(node, r, hit);
            if (hit) {
                q.flags |= Hit;
                respond(r);
                return;
            }
        }
        break;
    case ComponentKind::LoadBalancer:
        f.nextLink = n.linkEnd; // one forward, then respond
        forward(r);
        return;
    case ComponentKind::Queue:
        // Acknowledge at enqueue: every subscriber gets a copy that waits in the queue for a
        // consumer; the producer does not wait.
        if (!enqueueMessages(r)) {
            fail(r);
            return;
        }
        respond(r);
        return;
    default:
        break;
    }
    f.nextLink = n.linkBegin;
    if (n.saga && (q.flags & Measured)) [[unlikely]]
        ++m_metrics.nodes[node].sagas;
    continueCalls(r);
}

void Simulator::continueCalls(std::uint32_t r)
{
    // No Frame& is kept across spawnMessage(): allocating a message may grow the pool.
    const NodeSpec &n = m_netp->nodes[top(r).node];
    if (top(r).flags & SagaUndo) [[unlikely]] {
        compensateNext(r); // a compensation came back: undo the step before it
        return;
    }
    const std::uint8_t cls = m_pool[r].cls;
    for (std::uint32_t i = top(r).nextLink; i < n.linkEnd; ++i) {
        const OutLink &l = m_netp->links[i];
        if (!stepTaken(l, r, cls))
            continue;
        if (l.async) {
            if (!spawnMessage(r, i)) {
                fail(r);
                return;
            }
            continue;
        }
        top(r).nextLink = i + 1;
        call(r, i, kNone);
        return;
    }
    top(r).nextLink = n.linkEnd;
    if (n.saga && (m_pool[r].flags & Measured)) [[unlikely]]
        ++m_metrics.nodes[top(r).node].sagasCompleted;
    respond(r);
}

bool Simulator::spawnMessage(std::uint32_t parent, std::uint32_t link)
{
    // Fire and forget over an async link: the message goes straight to the target.
    const std::uint32_t from = top(parent).node;
    const std::uint32_t m = allocRequest();
    if (m == kNone)
        return false;
    const Request &p = m_pool[parent];
    Request &q = m_pool[m];
    q.created = m_now;
    q.cls = p.cls;
    q.user = p.user;
    q.serial = p.serial;
    q.key = p.key;
    q.msg = kNone;
    q.call = kNone;
    q.retries = 0;
    q.path = p.path;
    q.flags = Message | (m_now >= m_cfg.warmupS ? Measured : 0) | (p.flags & Traced);
    q.depth = 1;
    q.nextInQueue = kNone;
    Frame &origin = frame(m, 0);
    origin.node = from;
    origin.flags = 0;
    origin.span = top(parent).span; // sent by the producer's call
    NodeRaw &nr = m_metrics.nodes[from];
    if (q.flags & Measured)
        ++nr.enqueued;
    send(m, link, kNone);
    return true;
}

} // namespace hld
