// Calls over links with the caller's policies (contract 5.6): timeouts, retries with
// backoff and jitter, circuit breakers and bulkheads. A guarded call sends each attempt as a
// child request whose origin is the caller; the caller waits on the call's record. At the
// deadline the caller stops waiting and the child carries on downstream (wasted work);
// whatever answers later is dropped. A link without policies takes the plain path (send()).
#include "mech/retry_backoff.h"
#include "sim/simulator.h"

namespace hld {

namespace {

enum TraceMark : std::uint8_t {
    TimedOutMark = 4,
    ShortCircuitMark = 5,
    BackoffMark = 6,
    RejectMark = 7
};

} // namespace

void Simulator::call(std::uint32_t r, std::uint32_t link, std::uint32_t replica)
{
    if (m_netp->links[link].policy == kNone) [[likely]]
        send(r, link, replica);
    else
        guardedCall(r, link, replica);
}

void Simulator::initLinkState()
{
    const Network &net = *m_netp;
    m_linkState.resize(net.links.size());
    m_metrics.links.resize(net.links.size());
    for (std::uint32_t l = 0; l < net.links.size(); ++l) {
        const OutLink &o = net.links[l];
        if (o.policy != kNone && net.policies[o.policy].breaker)
            m_linkState[l].breaker = CircuitBreaker(*net.policies[o.policy].breaker);
    }
}

bool Simulator::adoptLinks(const Network &old,
                           const Network &next,
                           const std::vector<std::uint32_t> &linkMap)
{
    for (const Call &k : m_calls) {
        if (k.parent != kNone && linkMap[k.link] == kNone)
            return false; // a call in progress over a link that goes away
    }
    std::vector<LinkState> state(next.links.size());
    std::vector<LinkRaw> raw(next.links.size());
    for (std::uint32_t l = 0; l < old.links.size(); ++l) {
        const std::uint32_t j = linkMap[l];
        if (j == kNone)
            continue;
        raw[j] = m_metrics.links[l];
        state[j] = m_linkState[l];
        const auto breakerOf = [](const Network &n, std::uint32_t i) {
            const std::uint32_t p = n.links[i].policy;
            return p == kNone ? std::optional<CircuitBreakerPolicy>{} : n.policies[p].breaker;
        };
        if (breakerOf(old, l) != breakerOf(next, j)) // a new breaker starts closed
            state[j].breaker = CircuitBreaker(breakerOf(next, j).value_or(CircuitBreakerPolicy{}));
    }
    m_linkState = std::move(state);
    m_metrics.links = std::move(raw);
    for (Call &k : m_calls) {
        if (k.parent != kNone)
            k.link = linkMap[k.link];
    }
    return true;
}

void Simulator::traceMark(std::uint32_t c, double from, double to, std::uint8_t what)
{
    const Call &k = m_calls[c];
    const Request &q = m_pool[k.parent];
    if (!(q.flags & Traced) || m_hops.size() >= 20000)
        return;
    // A timeout ends the attempt in progress: its span. The others start no call.
    const std::uint32_t span = what == TimedOutMark && k.child != kNone && m_pool[k.child].depth > 0
                                   ? frame(k.child, 1).span
                                   : 0;
    const auto attempt = std::uint8_t(std::min<std::uint32_t>(k.attempt + 1, 255));
    m_hops.push_back({q.serial, k.link, from, to, false, what, attempt, span, top(k.parent).span});
}

void Simulator::guardedCall(std::uint32_t r, std::uint32_t link, std::uint32_t replica)
{
    std::uint32_t c;
    if (!m_freeCalls.empty()) {
        c = m_freeCalls.back();
        m_freeCalls.pop_back();
    } else {
        c = static_cast<std::uint32_t>(m_calls.size());
        m_calls.emplace_back();
    }
    Call &k = m_calls[c];
    k = Call{};
    k.parent = r;
    k.link = link;
    k.replica = replica;
    if (m_pool[r].flags & Measured)
        ++m_metrics.links[link].calls;
    attemptCall(c);
}

void Simulator::attemptCall(std::uint32_t c)
{
    Call &k = m_calls[c];
    const OutLink &l = m_netp->links[k.link];
    static const LinkPolicySpec kPlain; // the policy was removed by a live edit
    const LinkPolicySpec &p = l.policy == kNone ? kPlain : m_netp->policies[l.policy];
    LinkState &ls = m_linkState[k.link];
    LinkRaw &lr = m_metrics.links[k.link];
    const std::uint32_t parent = k.parent;
    const bool measured = m_pool[parent].flags & Measured;
    if (measured) {
        ++lr.attempts;
        lr.retries += k.attempt > 0;
    }
    ls.retries += k.attempt > 0;
    k.trial = false;
    if (p.breaker) {
        const auto v = ls.breaker.allow(m_now);
        if (v == CircuitBreaker::Verdict::Refuse) {
            lr.shortCircuited += measured;
            ++ls.shortCircuited;
            traceMark(c, m_now, m_now, ShortCircuitMark);
            attemptFailed(c); // fails fast: nothing is sent
            return;
        }
        k.trial = v == CircuitBreaker::Verdict::Trial;
    }
    if (p.maxConcurrent && ls.inProgress >= p.maxConcurrent) {
        lr.bulkheadRejected += measured;
        ++ls.rejected;
        breakerRecord(k.link, false, k.trial);
        traceMark(c, m_now, m_now, RejectMark);
        attemptFailed(c);
        return;
    }
    const std::uint32_t child = allocRequest();
    if (child == kNone) {
        breakerRecord(k.link, false, k.trial);
        attemptFailed(c); // no room for another request in flight
        return;
    }
    const Request &q = m_pool[parent];
    const Frame &caller = top(parent);
    Request &a = m_pool[child];
    a.created = m_now;
    a.key = q.key;
    a.nextInQueue = kNone;
    a.user = q.user;
    a.serial = q.serial;
    a.msg = kNone;
    a.call = c;
    a.cls = q.cls;
    a.path = q.path;
    a.flags = CallChild | (q.flags & (Measured | Traced | Compensating));
    a.retries = 0;
    a.depth = 1;
    Frame &origin = frame(child, 0);
    origin.node = caller.node;
    origin.replica = caller.replica;
    origin.nextLink = kNone;
    origin.flags = 0;
    origin.span = caller.span; // the attempt is a call the caller makes
    ++ls.inProgress;
    k.child = child;
    if (p.timeoutS > 0) {
        k.deadline = m_now + p.timeoutS;
        push(k.deadline, CallTimeout, c);
    }
    std::uint32_t replica = k.replica;
    if (replica != kNone && k.attempt > 0) {
        // A balancer's retry goes to another replica in rotation when there is one.
        const NodeState &t = m_nodes[l.target];
        if (t.rotation.size() > 1)
            replica = t.rotation[m_rng[l.source].below(std::uint32_t(t.rotation.size()))];
    }
    send(child, k.link, replica);
}

void Simulator::breakerRecord(std::uint32_t link, bool ok, bool trial)
{
    const OutLink &l = m_netp->links[link];
    if (l.policy == kNone || !m_netp->policies[l.policy].breaker)
        return;
    CircuitBreaker &b = m_linkState[link].breaker;
    const auto before = b.opened();
    b.record(m_now, ok, trial);
    m_metrics.links[link].breakerOpened += b.opened() - before;
}

void Simulator::attemptFailed(std::uint32_t c)
{
    Call &k = m_calls[c];
    const OutLink &l = m_netp->links[k.link];
    const auto &retry = l.policy == kNone ? std::nullopt : m_netp->policies[l.policy].retry;
    k.child = kNone;
    if (retry && k.attempt < std::uint64_t(retry->max) && spendRetry(k.parent)) {
        ++k.attempt;
        const double wait = retryBackoffS(*retry, k.attempt, m_rng[l.source].uniform());
        traceMark(c, m_now, m_now + wait, BackoffMark);
        after(wait, CallRetry, c);
        return;
    }
    finishCall(c, false);
}

bool Simulator::spendRetry(std::uint32_t r)
{
    // Retries nest: a retried call whose callee retries its own calls multiplies the
    // attempts (100 x 100 over two links with max 100). The request that started it all
    // has a budget of kRetryBudget retries, shared by every call it causes, so a design
    // stays bounded however deep its retries go.
    while ((m_pool[r].flags & CallChild) && m_pool[r].call != kNone)
        r = m_calls[m_pool[r].call].parent;
    if (m_pool[r].retries >= kRetryBudget)
        return false;
    ++m_pool[r].retries;
    return true;
}

void Simulator::finishCall(std::uint32_t c, bool ok)
{
    Call &k = m_calls[c];
    const std::uint32_t parent = k.parent;
    if (!ok && (m_pool[parent].flags & Measured))
        ++m_metrics.links[k.link].failed;
    k = Call{};
    m_freeCalls.push_back(c);
    if (!ok)
        m_pool[parent].flags |= Failed;
    onReturn(parent); // as if the call had come back: the caller carries on
}

void Simulator::callReturned(std::uint32_t child)
{
    const std::uint32_t c = m_pool[child].call;
    const bool failed = m_pool[child].flags & Failed;
    m_pool.free(child);
    if (c == kNone || m_calls[c].child != child)
        return; // its caller stopped waiting at the deadline: done for nobody
    Call &k = m_calls[c];
    --m_linkState[k.link].inProgress;
    breakerRecord(k.link, !failed, k.trial);
    k.child = kNone;
    if (failed)
        attemptFailed(c);
    else
        finishCall(c, true);
}

void Simulator::onCallTimeout(std::uint32_t c)
{
    if (c >= m_calls.size())
        return;
    Call &k = m_calls[c];
    if (k.child == kNone || k.deadline != m_now)
        return; // that attempt already ended
    LinkState &ls = m_linkState[k.link];
    LinkRaw &lr = m_metrics.links[k.link];
    --ls.inProgress;
    ++ls.timedOut;
    if (m_pool[k.parent].flags & Measured)
        ++lr.timedOut;
    breakerRecord(k.link, false, k.trial);
    traceMark(c, m_now, m_now, TimedOutMark);
    m_pool[k.child].call = kNone; // abandoned: it finishes for nobody, and retries no more
    m_pool[k.child].retries = kRetryBudget;
    if (m_pool[k.child].flags & Measured)
        ++lr.wasted;
    attemptFailed(c);
}

Simulator::LinkView Simulator::linkViewAt(std::uint32_t link) const
{
    LinkView v;
    if (link >= m_linkState.size())
        return v;
    const OutLink &l = m_netp->links[link];
    const LinkState &ls = m_linkState[link];
    v.guarded = l.policy != kNone;
    v.calls = m_linkSends[link];
    if (v.guarded && m_netp->policies[l.policy].breaker)
        v.breaker = static_cast<std::uint8_t>(ls.breaker.state(m_now));
    v.inProgress = ls.inProgress;
    v.retries = ls.retries;
    v.timedOut = ls.timedOut;
    v.shortCircuited = ls.shortCircuited;
    v.rejected = ls.rejected;
    return v;
}

} // namespace hld
