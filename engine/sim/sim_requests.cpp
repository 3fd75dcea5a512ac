// Requests moving between components: calls, returns, errors, the end of a request.
#include "sim/simulator.h"

#include <algorithm>

namespace hld {

bool Simulator::partitioned(std::uint32_t a, std::uint32_t b) const
{
    return a != b && m_partition[a * m_netp->regions.size() + b];
}

void Simulator::trace(std::uint32_t r, std::uint32_t d, double depart, double arrive, bool back)
{
    if (m_hops.size() >= 20000)
        return; // nobody is collecting: stay bounded
    const Request &q = m_pool[r];
    const auto f = q.flags;
    const std::uint8_t outcome = (f & Failed) ? 2 : (f & Stale) ? 3 : (f & Hit) ? 1 : 0;
    // An attempt of a guarded call is the first call of its own request; its answer leaves
    // the attempt number to the way there (the call's record may be gone by then).
    std::uint8_t attempt = 1;
    if (back)
        attempt = 0;
    else if ((f & CallChild) && d == 1 && q.call != kNone)
        attempt = std::uint8_t(std::min<std::uint32_t>(m_calls[q.call].attempt + 1, 255));
    const Frame &call = frame(r, d);
    m_hops.push_back({q.serial,
                      call.inLink,
                      depart,
                      arrive,
                      back,
                      outcome,
                      attempt,
                      call.span,
                      frame(r, d - 1).span});
}

void Simulator::send(std::uint32_t r, std::uint32_t link, std::uint32_t replica)
{
    const OutLink &l = m_netp->links[link];
    Request &q = m_pool[r];
    const NodeSpec &target = m_netp->nodes[l.target];
    ++m_linkSends[link];
    if ((q.flags & Measured) && l.policy == kNone) {
        LinkRaw &lr = m_metrics.links[link]; // a guarded link counts its calls itself
        ++lr.calls;
        ++lr.attempts;
    }
    if (!target.replication && partitioned(m_netp->nodes[l.source].region, target.region)) {
        // The network between the two regions is cut: the call fails at once, before a frame
        // is pushed, so the caller (the origin, for a client request or a message) sees a
        // failed return at its own depth. The refusal is the target's arrival and failure.
        ++m_metrics.nodes[l.target].arrivalsAll;
        ++m_metrics.nodes[l.target].failedHere;
        if ((q.flags & Measured) && l.policy == kNone)
            ++m_metrics.links[link].failed;
        q.flags |= Failed;
        m_fes.now(Return, r);
        return;
    }
    double oneWay = l.latencyS;
    if (target.replication) {
        // A replicated store's replica is chosen here, at the caller, so the request pays
        // the way to that replica (a local follower is near, the leader may be far).
        replica = chooseStoreReplica(l.target, r);
        if (replica == kNone) {
            NodeRaw &nr = m_metrics.nodes[l.target];
            if (q.flags & Measured)
                ++nr.consistencyFailed;
            ++nr.arrivalsAll; // refused on arrival: it counts in the store's error rate
            ++nr.failedHere;
            if ((q.flags & Measured) && l.policy == kNone)
                ++m_metrics.links[link].failed;
            q.flags |= Failed; // refused: no replica it may use is in reach
            m_fes.now(Return, r);
            return;
        }
        oneWay = replicaLatencyS(l, replica);
    }
    Frame &f = frame(r, q.depth);
    ++q.depth;
    // Injected latency (add_latency) delays the way in only: once per request through it.
    const double latency = oneWay + m_nodes[l.target].extraLatencyS;
    f.node = l.target;
    f.replica = replica;
    f.inLink = link;
    f.backLatencyS = l.oneWayOnly ? 0.0 : oneWay;
    f.flags = 0;
    f.span = 0;
    if (q.flags & Traced) [[unlikely]] {
        f.span = ++m_lastSpan ? m_lastSpan : ++m_lastSpan; // 0 is the origin
        trace(r, q.depth - 1u, m_now, m_now + latency, false);
    }
    after(latency, Arrive, r);
}

void Simulator::respond(std::uint32_t r)
{
    Frame &f = top(r);
    if ((f.flags & Holding) && f.epoch == m_nodes[f.node].reps[f.replica].epoch)
        releaseWorker(f.node, f.replica);
    if (f.flags & CacheFill) [[unlikely]]
        cacheFilled(r);
    if ((m_pool[r].flags & (Failed | Measured)) == (Failed | Measured)
        && m_netp->links[f.inLink].policy == kNone)
        ++m_metrics.links[f.inLink].failed; // a guarded link counts a call's end once
    --m_pool[r].depth;
    if ((m_pool[r].flags & Traced) && m_pool[r].depth > 0) [[unlikely]]
        trace(r, m_pool[r].depth, m_now, m_now + f.backLatencyS, true);
    after(f.backLatencyS, Return, r);
}

void Simulator::fail(std::uint32_t r)
{
    m_pool[r].flags |= Failed;
    respond(r);
}

void Simulator::onReturn(std::uint32_t r)
{
    const Request &q = m_pool[r];
    if (q.depth == 1)
        complete(r);
    else if (q.flags & Failed) {
        if (!sagaStepFailed(r))
            respond(r); // a failed call fails its caller: the error travels back to the origin
    } else
        continueCalls(r);
}

void Simulator::complete(std::uint32_t r)
{
    const Request &q = m_pool[r];
    if (q.flags & CallChild) {
        callReturned(r); // one attempt of a guarded call: its caller decides what is next
        return;
    }
    if (q.msg != kNone) {
        if (!messageEnded(r))
            return; // kept at the queue for redelivery
    } else if (q.flags & Message) {
        NodeRaw &nr = m_metrics.nodes[frame(r, 0).node];
        if (q.flags & Measured)
            ++((q.flags & Failed) ? nr.messagesFailed : nr.messagesDone);
    } else if (!(q.flags & TimedOut)) { // a timed-out request was counted at its deadline
        countOutcome(r, !(q.flags & Failed), false);
    }
    m_pool.free(r);
}

void Simulator::countOutcome(std::uint32_t r, bool ok, bool timedOut)
{
    const Request &q = m_pool[r];
    const double latency = m_now - q.created;
    m_windows.outcome(ok, latency * 1000.0);
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
    Request &q = m_pool[r];
    if (q.depth == 0 || (q.flags & (Message | TimedOut)))
        return;
    const NodeSpec &client = m_netp->nodes[frame(r, 0).node];
    if (client.timeoutS <= 0 || q.created + client.timeoutS != m_now)
        return;
    q.flags |= TimedOut;
    countOutcome(r, false, true);
}

} // namespace hld
