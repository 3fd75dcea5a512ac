// Sagas (issue 11): a multi-step transaction across services. The steps are the saga
// component's sync links, called in order. When a step fails after others succeeded, the
// saga undoes those, newest first, with a compensating write over each one's link; the
// request then fails (the user sees the failure, the data is consistent again). Without
// compensations, or when a compensation itself fails, the saga is left inconsistent. A
// failure at the first step leaves nothing to undo (aborted).
//   orchestration: the saga component calls each step and waits for its answer.
//   choreography: each step hands on to the next; an answer does not travel back, so a step
//     costs one hop instead of a round trip (OutLink::oneWayOnly).
#include "sim/simulator.h"

namespace hld {

bool Simulator::stepTaken(const OutLink &l, std::uint32_t r, std::uint8_t cls) const
{
    return !((l.filter == RequestFilter::Reads && cls != 0)
             || (l.filter == RequestFilter::Writes && cls != 1) || !pathMatches(l, r));
}

bool Simulator::sagaStepFailed(std::uint32_t r)
{
    Frame &f = top(r);
    const NodeSpec &n = m_netp->nodes[f.node];
    if (!n.saga)
        return false;
    Request &q = m_pool[r];
    NodeRaw &nr = m_metrics.nodes[f.node];
    const bool measured = q.flags & Measured;
    if (f.flags & SagaUndo) {
        // A compensation failed: the steps before it stay done.
        nr.sagasInconsistent += measured;
        q.cls = (f.flags & SagaWasRead) ? 0 : 1;
        q.flags &= std::uint16_t(~Compensating);
        f.flags &= std::uint16_t(~(SagaUndo | SagaWasRead));
        f.nextLink = n.linkEnd;
        return false;
    }
    const std::uint32_t failed = f.nextLink - 1; // continueCalls moved past the failed step
    bool committed = false;
    for (std::uint32_t i = n.linkBegin; i < failed && !committed; ++i)
        committed = !m_netp->links[i].async && stepTaken(m_netp->links[i], r, q.cls);
    if (!committed) {
        nr.sagasAborted += measured;
        return false;
    }
    if (!n.saga->compensations) {
        nr.sagasInconsistent += measured;
        return false;
    }
    f.flags |= SagaUndo | (q.cls == 0 ? SagaWasRead : 0);
    f.nextLink = failed;
    q.flags &= std::uint16_t(~Failed);
    q.flags |= Compensating;
    q.cls = 1; // a compensation is a write
    compensateNext(r);
    return true;
}

void Simulator::compensateNext(std::uint32_t r)
{
    Frame &f = top(r);
    const NodeSpec &n = m_netp->nodes[f.node];
    Request &q = m_pool[r];
    const std::uint8_t cls = (f.flags & SagaWasRead) ? 0 : 1; // what took the steps
    NodeRaw &nr = m_metrics.nodes[f.node];
    const bool measured = q.flags & Measured;
    for (std::uint32_t i = f.nextLink; i-- > n.linkBegin;) {
        const OutLink &l = m_netp->links[i];
        if (l.async || !stepTaken(l, r, cls))
            continue;
        f.nextLink = i;
        nr.compensations += measured;
        call(r, i, kNone);
        return;
    }
    // Every step is undone: the saga failed cleanly.
    nr.sagasCompensated += measured;
    q.cls = cls;
    q.flags &= std::uint16_t(~Compensating);
    q.flags |= Failed;
    f.flags &= std::uint16_t(~(SagaUndo | SagaWasRead));
    f.nextLink = n.linkEnd;
    respond(r);
}

} // namespace hld
