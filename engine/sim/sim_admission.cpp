// Traffic control at a component (contract 5.6-5.8): rate limits (a refused request is a
// 429), leaky buckets, local sessions, a balancer's routing by path and stickiness, health
// checks that notice a dead replica late, and a database table's scans and indexes.
#include "sim/simulator.h"

#include <algorithm>
#include <cmath>

namespace hld {

namespace {

// A database table (the `table_rows` and `indexes` fields): a read without an index scans
// every row, at 20 ms a million rows; with one it walks a tree, 10 us a level (log2 rows);
// every index makes each write 10% slower.
constexpr double kScanSPerRow = 20e-3 / 1e6;
constexpr double kIndexLevelS = 10e-6;
constexpr double kIndexWriteCost = 0.10;

} // namespace

bool Simulator::rateAdmit(std::uint32_t r)
{
    const std::uint32_t node = top(r).node;
    NodeState &s = m_nodes[node];
    const RateLimit &rl = *m_netp->nodes[node].rateLimit;
    if (rl.algorithm == RateAlgorithm::LeakyBucket) {
        if (s.leakyCount < s.leaky.size()) {
            s.leaky[(s.leakyHead + s.leakyCount) % s.leaky.size()] = r;
            ++s.leakyCount;
            if (!s.leakArmed) {
                s.leakArmed = true;
                after(std::max(0.0, s.leakNext - m_now), LeakRelease, node);
            }
            return false; // it waits in the bucket
        }
    } else if (s.limiter->admit(m_now, m_pool[r].user)) {
        return true;
    }
    NodeRaw &nr = m_metrics.nodes[node];
    ++s.rateLimitedAll;
    ++nr.failedHere;
    if (m_pool[r].flags & Measured)
        ++nr.rateLimited;
    fail(r); // rate_limited: an HTTP 429
    return false;
}

void Simulator::onLeakRelease(std::uint32_t node)
{
    NodeState &s = m_nodes[node];
    s.leakArmed = false;
    if (s.leakyCount == 0)
        return;
    const std::uint32_t r = s.leaky[s.leakyHead];
    s.leakyHead = (s.leakyHead + 1) % std::uint32_t(s.leaky.size());
    --s.leakyCount;
    const auto &rl = m_netp->nodes[node].rateLimit;
    const bool leaking = s.limiter && rl && rl->algorithm == RateAlgorithm::LeakyBucket;
    s.leakNext = m_now + (leaking ? 1.0 / s.limiter->rate() : 0.0);
    if (s.leakyCount > 0) {
        s.leakArmed = true;
        after(s.leakNext - m_now, LeakRelease, node);
    }
    top(r).arrival = m_now; // the component's own statistics start here
    if (s.killed) {
        ++m_metrics.nodes[node].failedHere;
        fail(r);
        return;
    }
    arriveAdmitted(r);
}

bool Simulator::sessionKept(std::uint32_t node, std::uint32_t replica, std::uint32_t r)
{
    NodeState &s = m_nodes[node];
    const std::uint32_t user = m_pool[r].user;
    if (user >= s.sessionOwner.size())
        s.sessionOwner.resize(std::size_t(user) + 1, kNone);
    std::uint32_t &owner = s.sessionOwner[user];
    if (owner == kNone) {
        owner = replica; // the user's first request: the session starts here
        return true;
    }
    const bool measured = m_pool[r].flags & Measured;
    NodeRaw &nr = m_metrics.nodes[node];
    nr.sessionRequests += measured;
    if (owner == replica || m_netp->nodes[node].sessions == Sessions::Shared)
        return true; // the same replica, or a session store every replica reads
    nr.sessionLost += measured;
    owner = replica; // the user signs in again, here
    return false;
}

std::uint32_t Simulator::stickyPick(std::uint32_t lb, std::uint32_t r)
{
    // The replica this user was sent to before, while it is still in rotation.
    const NodeState &s = m_nodes[lb];
    const std::uint32_t user = m_pool[r].user;
    if (user >= s.stickyTarget.size() || s.stickyTarget[user] == kNone)
        return kNone;
    const std::uint32_t link = s.stickyTarget[user] / kSlot, replica = s.stickyTarget[user] % kSlot;
    const NodeSpec &spec = m_netp->nodes[lb];
    if (link < spec.linkBegin || link >= spec.linkEnd || !pathMatches(m_netp->links[link], r))
        return kNone;
    const NodeState &t = m_nodes[m_netp->links[link].target];
    if (t.reps.empty())
        return replica == 0 ? s.stickyTarget[user] : kNone;
    if (replica >= t.reps.size())
        return kNone;
    const Replica &rep = t.reps[replica];
    const bool inRotation
        = rep.status == Status::Active || (rep.status == Status::Down && rep.undetected);
    return inRotation ? s.stickyTarget[user] : kNone;
}

void Simulator::forward(std::uint32_t r)
{
    const std::uint32_t node = top(r).node;
    const NodeSpec &n = m_netp->nodes[node];
    NodeState &s = m_nodes[node];
    NodeRaw &nr = m_metrics.nodes[node];
    const bool measured = m_pool[r].flags & Measured;
    const std::uint8_t path = m_pool[r].path;
    // A layer-7 balancer reads the path and balances over the links that take it; a layer-4
    // one sees only connections.
    const bool byPath = !s.pathTargets.empty() && path != kNoPath;
    const std::vector<LbTarget> &targets = byPath ? s.pathTargets[path] : s.lbTargets;
    std::uint32_t link = kNone, replica = kNone;
    if (n.sticky) {
        const std::uint32_t t = stickyPick(node, r);
        if (t != kNone) {
            link = t / kSlot;
            replica = t % kSlot;
        }
    }
    if (link == kNone) {
        const std::uint32_t t = m_lb[byPath ? s.pathLb[path] : s.lb].pick(
            targets,
            m_pool[r].user,
            [&](std::uint32_t i) {
                const NodeState &ts = m_nodes[targets[i].node];
                return ts.reps.empty() ? 0u : ts.reps[targets[i].replica].present;
            },
            m_rng[node]);
        if (t == kNone) {
            ++nr.failedHere; // nothing healthy behind it (a 503), or no route (a 404)
            if (byPath && measured && targets.empty())
                ++nr.misrouted;
            fail(r);
            return;
        }
        link = targets[t].link;
        replica = targets[t].replica;
        if (n.sticky) {
            const std::uint32_t user = m_pool[r].user;
            if (user >= s.stickyTarget.size())
                s.stickyTarget.resize(std::size_t(user) + 1, kNone);
            s.stickyTarget[user] = link * kSlot + replica;
        }
    }
    if (!pathMatches(m_netp->links[link], r)) {
        // A layer-4 balancer sent the request to servers that do not serve its path.
        ++nr.failedHere;
        nr.misrouted += measured;
        fail(r);
        return;
    }
    call(r, link, replica);
}

double Simulator::serviceTimeS(std::uint32_t node, std::uint32_t r)
{
    const NodeSpec &n = m_netp->nodes[node];
    NodeState &s = m_nodes[node];
    double t = s.sampler.sample(m_rng[node]);
    if (m_pool[r].cls == 0) {
        const double rows = std::max(1.0, s.tableRows);
        t += n.indexes > 0 ? kIndexLevelS * std::log2(rows + 1) : kScanSPerRow * rows;
    } else {
        t *= 1.0 + kIndexWriteCost * n.indexes;
        s.tableRows += 1; // a write inserts a row
    }
    return t;
}

void Simulator::killDetected(std::uint32_t node, std::uint32_t replica)
{
    // Checks run every interval_s on a grid; the dead replica fails the next one and leaves
    // rotation when unhealthy_after of them in a row have failed.
    const HealthCheck &hc = *m_netp->nodes[node].healthCheck;
    const double first = (std::floor(m_now / hc.intervalS) + 1) * hc.intervalS;
    const double at = first + double(hc.unhealthyAfter - 1) * hc.intervalS;
    push(at, HealthDetect, node * kSlot + replica);
}

void Simulator::onHealthDetect(std::uint32_t handle)
{
    const std::uint32_t node = handle / kSlot, replica = handle % kSlot;
    if (node >= m_nodes.size() || replica >= m_nodes[node].reps.size())
        return;
    Replica &rep = m_nodes[node].reps[replica];
    if (!rep.undetected)
        return;
    rep.undetected = false;
    if (rep.status == Status::Down)
        rebuildRotation(node);
}

bool Simulator::undetected(std::uint32_t node, std::uint32_t replica) const
{
    return node < m_nodes.size() && replica < m_nodes[node].reps.size()
           && m_nodes[node].reps[replica].undetected
           && m_nodes[node].reps[replica].status == Status::Down;
}

std::uint64_t Simulator::rateLimitedAt(std::uint32_t node) const
{
    return node < m_nodes.size() ? m_nodes[node].rateLimitedAll : 0;
}

} // namespace hld

namespace hld {

void Simulator::retraffic(std::uint32_t node, const NodeSpec *before)
{
    const NodeSpec &spec = m_netp->nodes[node];
    NodeState &s = m_nodes[node];
    if (before && before->errorRate != spec.errorRate)
        s.errorRate = spec.errorRate; // the field changed; a scenario's value stands otherwise
    if (before && before->tableRows != spec.tableRows)
        s.tableRows = double(std::max<std::int64_t>(spec.tableRows, 0));
    s.table = spec.tableRows >= 0;
    s.p99Signal = spec.autoscale && spec.autoscale->metric == AutoscaleMetric::P99;
    if (!before || before->rateLimit != spec.rateLimit) {
        std::vector<std::uint32_t> waiting; // in a leaky bucket, oldest first
        for (std::uint32_t k = 0; k < s.leakyCount; ++k)
            waiting.push_back(s.leaky[(s.leakyHead + k) % s.leaky.size()]);
        s.limiter = spec.rateLimit ? std::make_unique<RateLimiter>(*spec.rateLimit) : nullptr;
        const bool leaky
            = spec.rateLimit && spec.rateLimit->algorithm == RateAlgorithm::LeakyBucket;
        const std::size_t size
            = std::max<std::size_t>(leaky ? s.limiter->capacity() : 0, waiting.size());
        s.leaky.assign(size, kNone);
        std::copy(waiting.begin(), waiting.end(), s.leaky.begin());
        s.leakyHead = 0;
        s.leakyCount = static_cast<std::uint32_t>(waiting.size());
        if (s.leakyCount > 0 && !s.leakArmed) {
            s.leakArmed = true;
            after(0, LeakRelease, node);
        }
    }
    if (before) {
        s.stickyTarget.clear(); // link numbers may have changed: users stick afresh
        if (spec.sessions == Sessions::None)
            s.sessionOwner.clear();
    }
    // A layer-7 balancer with links that take some paths only: one target list per path.
    bool byPath = false;
    for (auto li = spec.linkBegin; li < spec.linkEnd; ++li)
        byPath = byPath || m_netp->links[li].pathMask != ~0ull;
    byPath = byPath && spec.kind == ComponentKind::LoadBalancer && !spec.layer4;
    s.pathTargets.assign(byPath ? m_netp->paths.size() : 0, {});
    while (s.pathLb.size() < s.pathTargets.size()) {
        s.pathLb.push_back(static_cast<std::uint32_t>(m_lb.size()));
        m_lb.emplace_back(spec.algorithm);
    }
    for (std::uint32_t p : s.pathLb)
        m_lb[p].setAlgorithm(spec.algorithm);
}

} // namespace hld
