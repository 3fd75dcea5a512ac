#include "model/component_kind.h"
#include "review/review_graph.h"

#include <climits>
#include <cstdint>

namespace hld {

namespace {

using K = ComponentKind;

// The longest synchronous chain that contains a call with no timeout and no breaker.
// Calls made by a load balancer only forward, so they do not add depth.
struct ChainSearch
{
    const ReviewGraph &g;
    std::vector<int> state;           // 0 new, 1 on the stack, 2 done
    std::vector<int> longest;         // links in the longest chain from here
    std::vector<int> unguarded;       // the same, counting only chains with an unguarded call
    std::vector<std::size_t> nextAny; // the link that starts each
    std::vector<std::size_t> nextOpen;

    explicit ChainSearch(const ReviewGraph &graph)
        : g(graph)
        , state(graph.d.components.size(), 0)
        , longest(graph.d.components.size(), 0)
        , unguarded(graph.d.components.size(), INT_MIN)
        , nextAny(graph.d.components.size(), SIZE_MAX)
        , nextOpen(graph.d.components.size(), SIZE_MAX)
    {}

    bool guarded(std::size_t l) const
    {
        const auto &link = g.d.links[l];
        return link.timeoutMs.has_value() || link.circuitBreaker.has_value();
    }

    void visit(std::size_t n)
    {
        // Iterative post-order: designs may hold thousands of components.
        std::vector<std::pair<std::size_t, std::size_t>> stack{{n, 0}};
        state[n] = 1;
        while (!stack.empty()) {
            auto &[node, at] = stack.back();
            if (at < g.out[node].size()) {
                const auto l = g.out[node][at++];
                const int t = g.to[l];
                if (t >= 0 && g.sync(l) && state[t] == 0) {
                    state[t] = 1;
                    stack.emplace_back(static_cast<std::size_t>(t), 0);
                }
                continue;
            }
            const auto done = node;
            stack.pop_back();
            settle(done);
            state[done] = 2;
        }
    }

    void settle(std::size_t node)
    {
        const bool forwards = g.kind(node) == K::LoadBalancer || g.kind(node) == K::Client;
        if (g.kind(node) == K::Queue)
            return; // a queue decouples: its consumers are not part of the caller's chain
        for (auto l : g.out[node]) {
            const int t = g.to[l];
            if (t < 0 || !g.sync(l) || state[t] != 2)
                continue; // a cycle (refused by validation) or not sync
            const int step = forwards ? 0 : 1;
            if (longest[t] + step > longest[node] || nextAny[node] == SIZE_MAX) {
                longest[node] = longest[t] + step;
                nextAny[node] = l;
            }
            int open = INT_MIN;
            if (!forwards && !guarded(l))
                open = longest[t] + 1;
            else if (unguarded[t] != INT_MIN)
                open = unguarded[t] + step;
            if (open > unguarded[node]) {
                unguarded[node] = open;
                nextOpen[node] = l;
            }
        }
    }

    std::vector<std::string> chain(std::size_t start) const
    {
        std::vector<std::string> ids{g.comp(start).id};
        std::size_t n = start;
        bool open = true; // follow the unguarded choice until the unguarded link is passed
        for (int guard = 0; guard < 100000; ++guard) {
            const auto l = open ? nextOpen[n] : nextAny[n];
            if (l == SIZE_MAX)
                break;
            if (open && !guarded(l) && g.kind(n) != K::LoadBalancer && g.kind(n) != K::Client)
                open = false;
            n = static_cast<std::size_t>(g.to[l]);
            ids.push_back(g.comp(n).id);
        }
        return ids;
    }
};

void deepChains(const ReviewGraph &g, std::vector<Finding> &out)
{
    ChainSearch s(g);
    std::size_t worst = SIZE_MAX;
    for (std::size_t i = 0; i < g.d.components.size(); ++i) {
        if (g.kind(i) != K::Client)
            continue;
        if (s.state[i] == 0)
            s.visit(i);
        if (s.unguarded[i] > 3 && (worst == SIZE_MAX || s.unguarded[i] > s.unguarded[worst]))
            worst = i;
    }
    if (worst == SIZE_MAX)
        return;
    auto ids = s.chain(worst);
    ids.erase(ids.begin()); // the client, and the balancers that only forward
    while (ids.size() > 1 && g.d.find(ids.front())->kind == K::LoadBalancer)
        ids.erase(ids.begin());
    std::string path;
    for (const auto &id : ids)
        path += (path.empty() ? "" : " -> ") + id;
    Finding f(Severity::Warning,
              ids.front(),
              "deep_sync_chain",
              "a chain of " + std::to_string(s.unguarded[worst]) + " synchronous calls (" + path
                  + ") has calls with no timeout or circuit breaker");
    f.components = ids;
    out.push_back(std::move(f));
}

void linkPolicies(const ReviewGraph &g, std::vector<Finding> &out)
{
    for (std::size_t l = 0; l < g.d.links.size(); ++l) {
        const auto &link = g.d.links[l];
        if (!link.retry || link.retry->max <= 0 || g.from[l] < 0 || g.to[l] < 0)
            continue;
        const std::string call = "'" + link.from + "' -> '" + link.to + "'";
        auto both = [&](Severity s, const char *rule, std::string text) {
            Finding f(s, link.from, rule, std::move(text));
            f.components.push_back(link.to);
            out.push_back(std::move(f));
        };
        if (link.retry->backoffMs <= 0)
            both(Severity::Warning,
                 "retry_without_backoff",
                 call + " retries immediately (no backoff): every failure comes back "
                     + std::to_string(link.retry->max) + " times at once");
        else if (link.retry->jitter == Jitter::None)
            both(Severity::Warning,
                 "retry_without_backoff",
                 call
                     + " retries with backoff but no jitter: callers that failed together "
                       "retry together");
        if (!link.timeoutMs)
            both(Severity::Warning,
                 "retry_without_timeout",
                 call + " retries but has no timeout: a hung call is never retried");
    }
}

void consumersAndSessions(const ReviewGraph &g, std::vector<Finding> &out)
{
    for (std::size_t i = 0; i < g.d.components.size(); ++i) {
        const auto &c = g.comp(i);
        if (c.kind == K::Queue
            && c.delivery.value_or(Delivery::AtLeastOnce) == Delivery::AtLeastOnce) {
            for (auto l : g.out[i]) {
                const int t = g.to[l];
                if (t < 0 || g.comp(t).idempotent.value_or(false))
                    continue;
                Finding f(Severity::Warning,
                          g.comp(t).id,
                          "at_least_once_not_idempotent",
                          "queue " + g.name(i) + " delivers at least once to " + g.name(t)
                              + ", which is not idempotent: a redelivered message is applied "
                                "twice");
                f.components.push_back(c.id);
                out.push_back(std::move(f));
            }
        }
        if (c.kind == K::Service && c.sessions.value_or(Sessions::None) == Sessions::Local
            && c.replicas.value_or(1) > 1) {
            for (auto l : g.in[i]) {
                const int b = g.from[l];
                if (b < 0 || g.kind(b) != K::LoadBalancer)
                    continue;
                const auto &lb = g.comp(b);
                if (lb.sticky.value_or(false)
                    || lb.algorithm.value_or(LbAlgorithm::RoundRobin) == LbAlgorithm::IpHash)
                    continue;
                Finding f(Severity::Warning,
                          c.id,
                          "local_sessions_round_robin",
                          g.name(i) + " keeps sessions in each replica's memory and " + g.name(b)
                              + " spreads a user's requests: most requests land on a replica "
                                "without the session");
                f.components.push_back(lb.id);
                out.push_back(std::move(f));
            }
        }
        if (c.replication && !c.replication->quorum && !c.replication->failoverS
            && effectiveReplicas(c) > 1)
            out.emplace_back(Severity::Warning,
                             c.id,
                             "no_failover",
                             g.name(i)
                                 + " replicates from a leader but has no failover_s: "
                                   "when the leader dies, writes fail until someone "
                                   "promotes a follower");
    }
}

} // namespace

void checkResilienceRules(const ReviewGraph &g, std::vector<Finding> &out)
{
    deepChains(g, out);
    linkPolicies(g, out);
    consumersAndSessions(g, out);
}

} // namespace hld
