// Queues as buffers (contract 5.5): the kernel side of the Broker. Messages wait at the
// queue until a consumer replica has a free worker; they are delivered, acknowledged when
// the consumer finishes, and delivered again (at_least_once) when it does not.
#include "sim/simulator.h"

#include <algorithm>

namespace hld {

bool Simulator::enqueueMessages(std::uint32_t parent)
{
    const std::uint32_t q = top(parent).node;
    NodeState &s = m_nodes[q];
    Broker &broker = *s.broker;
    NodeRaw &nr = m_metrics.nodes[q];
    const bool measured = m_now >= m_cfg.warmupS;
    if (broker.full()) {
        if (measured)
            ++nr.enqueueRejected;
        return false; // the full queue refuses the producer
    }
    const auto subs = static_cast<std::uint32_t>(broker.subscriptions().size());
    for (std::uint32_t sub = 0; sub < subs; ++sub) {
        const std::uint32_t m = allocRequest();
        if (m == kNone)
            return false;
        Request &msg = m_pool[m];
        const Request &parentReq = m_pool[parent]; // the pool may have grown
        msg.created = m_now;
        msg.key = parentReq.key;
        msg.cls = parentReq.cls;
        msg.user = parentReq.user;
        msg.serial = parentReq.serial;
        msg.call = kNone;
        msg.retries = 0;
        msg.path = parentReq.path;
        msg.flags = Message | ViaQueue | (measured ? Measured : 0) | (parentReq.flags & Traced);
        msg.depth = 1;
        msg.msg = broker.newMessage();
        broker.message(msg.msg).copies = 1;
        Frame &origin = frame(m, 0);
        origin.node = q;
        origin.flags = 0;
        origin.nextLink = sub;          // a message remembers its subscription
        origin.replica = 0;             // and the delivery it is (the broker's generation)
        origin.serviceStart = -1;       // its ack deadline, once delivered
        origin.span = top(parent).span; // delivered under the producer's call into the queue
        touchBacklog(q);
        broker.enqueue(sub, m, msg.key, m_pool);
        nr.backlogMax = std::max(nr.backlogMax, ++s.backlog);
        if (measured)
            ++nr.enqueued;
    }
    deliver(q);
    return true;
}

void Simulator::deliver(std::uint32_t q)
{
    Broker &broker = *m_nodes[q].broker;
    for (std::uint32_t sub = 0; sub < broker.subscriptions().size(); ++sub)
        deliverSub(q, sub);
}

std::uint32_t Simulator::freeConsumer(std::uint32_t consumer, std::uint32_t replica) const
{
    const Replica &rep = m_nodes[consumer].reps[replica];
    return rep.status == Status::Active && rep.queued == 0 && rep.busy + rep.reserved < rep.workers
               ? replica
               : kNone;
}

void Simulator::deliverSub(std::uint32_t q, std::uint32_t sub)
{
    Broker &broker = *m_nodes[q].broker;
    const Broker::Subscription &subscription = broker.subscriptions()[sub];
    if (subscription.link == kNone || !broker.hasWaiting(sub))
        return;
    const std::uint32_t c = subscription.consumer;
    NodeState &cs = m_nodes[c];
    const NodeSpec &consumer = m_netp->nodes[c];
    // A consumer without workers of its own (a balancer, a pass-through) takes every
    // message at once and passes it on.
    // So does a replicated store, which picks its replica by role when the message is sent.
    const bool push = consumer.passThrough || consumer.kind == ComponentKind::LoadBalancer
                      || consumer.replication.has_value();
    if (broker.config().model == QueueModel::Log) {
        // Partition p belongs to the p-th replica in rotation (modulo): with more replicas
        // than partitions, the extra ones sit idle.
        const auto n = static_cast<std::uint32_t>(cs.rotation.size());
        for (std::uint32_t p = 0; p < broker.partitions(); ++p) {
            if (!broker.partitionReady(sub, p) || (!push && n == 0))
                continue;
            const std::uint32_t replica = push ? kNone : freeConsumer(c, cs.rotation[p % n]);
            if (!push && replica == kNone)
                continue;
            dispatchMessage(q, sub, broker.popPartition(sub, p, m_pool), replica);
        }
        return;
    }
    while (broker.hasWaiting(sub)) {
        std::uint32_t replica = kNone;
        if (!push) {
            // Competing consumers: the next replica (in turn) with a free worker.
            const auto n = static_cast<std::uint32_t>(cs.rotation.size());
            for (std::uint32_t k = 0; k < n && replica == kNone; ++k)
                replica = freeConsumer(c, cs.rotation[(cs.tieCursor + k) % n]);
            if (replica == kNone)
                return; // every consumer is busy or down: the message waits
            cs.tieCursor = (cs.tieCursor + 1) % n;
        }
        dispatchMessage(q, sub, broker.pop(sub, m_pool), replica);
    }
}

void Simulator::dispatchMessage(std::uint32_t q,
                                std::uint32_t sub,
                                std::uint32_t m,
                                std::uint32_t replica)
{
    NodeState &s = m_nodes[q];
    Broker &broker = *s.broker;
    Broker::Message &msg = broker.message(m_pool[m].msg);
    touchBacklog(q);
    --s.backlog;
    frame(m, 0).replica = ++msg.generation;
    if (m_pool[m].flags & Measured)
        ++m_metrics.nodes[q].delivered;
    if (broker.config().delivery == Delivery::AtMostOnce) {
        msg.acked = true; // deleted on delivery: nothing comes back for it
    } else {
        // The deadline is kept with the message, so a timer that outlived its message (the
        // slot reused since) recognises it is not this delivery's.
        const double deadline = m_now + broker.config().ackTimeoutS;
        frame(m, 0).serviceStart = deadline;
        push(deadline, AckTimeout, m);
    }
    const std::uint32_t consumer = broker.subscriptions()[sub].consumer;
    if (replica != kNone)
        ++m_nodes[consumer].reps[replica].reserved;
    send(m, broker.subscriptions()[sub].link, replica);
}

void Simulator::pullMessages(std::uint32_t consumer)
{
    for (std::uint32_t q : m_nodes[consumer].feeders)
        deliver(q);
}

bool Simulator::applyMessage(std::uint32_t r)
{
    // The consumer's service is done: the message's effect is applied. A second application
    // of the same message is a duplicate; an idempotent consumer recognises it and stops.
    const Frame &origin = frame(r, 0);
    Broker &broker = *m_nodes[origin.node].broker;
    Broker::Message &msg = broker.message(m_pool[r].msg);
    if (++msg.applied == 1)
        return true;
    NodeRaw &nr = m_metrics.nodes[origin.node];
    const bool idempotent = m_netp->nodes[top(r).node].idempotent;
    if (m_pool[r].flags & Measured)
        ++(idempotent ? nr.duplicatesIgnored : nr.duplicatesApplied);
    return !idempotent;
}

bool Simulator::messageEnded(std::uint32_t r)
{
    // A queue's message returned to the queue: acknowledged, lost, or kept for redelivery.
    // True when the request can be freed.
    Request &req = m_pool[r];
    const Frame &origin = frame(r, 0);
    const std::uint32_t q = origin.node;
    Broker &broker = *m_nodes[q].broker;
    Broker::Message &msg = broker.message(req.msg);
    NodeRaw &nr = m_metrics.nodes[q];
    const bool measured = req.flags & Measured;
    const bool latest = origin.replica == msg.generation;
    const bool log = broker.config().model == QueueModel::Log;
    const bool subscribed = origin.nextLink < broker.subscriptions().size(); // not unlinked
    if (!(req.flags & Failed)) {
        msg.acked = true;
        if (!msg.done) {
            msg.done = true;
            if (measured)
                ++nr.messagesDone;
        }
    } else if (broker.config().delivery == Delivery::AtMostOnce) {
        if (measured) {
            ++nr.messagesFailed;
            ++nr.lost;
        }
    } else if (!msg.acked && latest && subscribed) {
        // Not acknowledged: the broker delivers it again when its ack timeout expires.
        req.flags &= std::uint16_t(~Failed);
        req.flags |= Parked;
        return false;
    }
    if (log && latest && subscribed)
        broker.partitionDone(origin.nextLink, broker.partitionOf(r));
    broker.releaseCopy(req.msg);
    if (log && subscribed)
        deliverSub(q, origin.nextLink);
    return true;
}

void Simulator::onAckTimeout(std::uint32_t r)
{
    Request &req = m_pool[r];
    if (req.depth == 0 || !(req.flags & Message) || req.msg == kNone)
        return;
    const Frame &origin = frame(r, 0);
    const std::uint32_t q = origin.node;
    if (!m_nodes[q].broker)
        return;
    Broker &broker = *m_nodes[q].broker;
    Broker::Message &msg = broker.message(req.msg);
    if (msg.acked || msg.generation == 0 || origin.replica != msg.generation
        || origin.serviceStart != m_now)
        return; // acknowledged, an older delivery of it, or another message in its slot
    NodeState &s = m_nodes[q];
    const std::uint32_t sub = origin.nextLink;
    if (sub >= broker.subscriptions().size()) { // its link was removed while it waited
        if (req.flags & Parked) {
            broker.releaseCopy(req.msg);
            m_pool.free(r);
        }
        return;
    }
    std::uint32_t again = r;
    if (!(req.flags & Parked)) {
        // Still being worked on past the timeout: the broker assumes the consumer is gone
        // and hands a copy to another. Both may finish: a duplicate.
        again = allocRequest();
        if (again == kNone)
            return;
        const Request &was = m_pool[r];
        Request &copy = m_pool[again];
        copy = was;
        copy.depth = 1;
        copy.flags = std::uint16_t((was.flags & (Measured | Traced)) | Message);
        Frame &o = frame(again, 0);
        o.node = q;
        o.flags = 0;
        o.span = frame(r, 0).span;
        o.nextLink = sub;
        ++msg.copies;
        broker.copyPartition(again, r);
    }
    frame(again, 0).serviceStart = -1; // waiting again: no deadline until delivered
    Request &m = m_pool[again];
    m.flags = std::uint16_t((m.flags & ~Parked) | ViaQueue);
    if (m.flags & Measured)
        ++m_metrics.nodes[q].redelivered;
    touchBacklog(q);
    broker.requeue(sub, again, m_pool);
    m_metrics.nodes[q].backlogMax = std::max(m_metrics.nodes[q].backlogMax, ++s.backlog);
    deliverSub(q, sub);
}

} // namespace hld
