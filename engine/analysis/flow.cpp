#include "analysis/flow.h"

#include <cmath>
#include <cstdio>
#include <functional>

namespace hld {

namespace {

std::string fmt(const char *f, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

} // namespace

std::vector<NodeFlow> analyseFlows(const Network &net)
{
    const std::size_t n = net.nodes.size();
    std::vector<NodeFlow> flow(n);
    // Fixed-point iteration of lambda = source + routing(lambda). A sync graph is acyclic, so
    // this settles after (longest path) rounds; an async loop converges if it thins out.
    for (int round = 0; round < 1000; ++round) {
        std::vector<NodeFlow> next(n);
        for (std::uint32_t c : net.clients) {
            const auto &cl = net.nodes[c];
            next[c].readRps = cl.linkEnd > cl.linkBegin ? cl.rps * cl.readRatio : 0;
            next[c].writeRps = cl.linkEnd > cl.linkBegin ? cl.rps * (1 - cl.readRatio) : 0;
        }
        for (std::uint32_t i = 0; i < n; ++i) {
            const NodeSpec &node = net.nodes[i];
            const double r = flow[i].readRps;
            const double w = flow[i].writeRps;
            if (r + w <= 0)
                continue;
            if (node.kind == ComponentKind::Client) {
                for (auto li = node.linkBegin; li < node.linkEnd; ++li) {
                    const double share = net.links[li].weight / node.totalLinkWeight;
                    next[net.links[li].target].readRps += r * share;
                    next[net.links[li].target].writeRps += w * share;
                }
            } else if (node.kind == ComponentKind::LoadBalancer) {
                double total = 0;
                const bool weighted = node.algorithm == LbAlgorithm::WeightedRoundRobin;
                for (auto t = node.lbBegin; t < node.lbEnd; ++t)
                    total += weighted ? net.lbTargets[t].weight : 1.0;
                for (auto t = node.lbBegin; t < node.lbEnd; ++t) {
                    const double share = (weighted ? net.lbTargets[t].weight : 1.0) / total;
                    const auto target = net.links[net.lbTargets[t].link].target;
                    next[target].readRps += r * share;
                    next[target].writeRps += w * share;
                }
            } else {
                const bool caching
                    = node.kind == ComponentKind::Cache || node.kind == ComponentKind::Cdn;
                const double rDown = caching ? r * (1 - node.hitRatio) : r;
                for (auto li = node.linkBegin; li < node.linkEnd; ++li) {
                    const OutLink &l = net.links[li];
                    if (l.filter != RequestFilter::Writes)
                        next[l.target].readRps += rDown;
                    if (l.filter != RequestFilter::Reads)
                        next[l.target].writeRps += w;
                }
            }
        }
        double change = 0;
        for (std::size_t i = 0; i < n; ++i)
            change += std::fabs(next[i].rps() - flow[i].rps());
        flow = std::move(next);
        if (change < 1e-12)
            break;
    }
    // How long a request holds a worker: its service, plus (for hold_worker components) the
    // round trips of its sync calls. A lower bound, as it leaves out waiting downstream.
    std::vector<double> hold(n, -1.0);
    std::function<double(std::uint32_t)> holdTime = [&](std::uint32_t i) -> double {
        if (hold[i] >= 0)
            return hold[i];
        const NodeSpec &node = net.nodes[i];
        double t = node.passThrough ? 0.0 : node.sampler.mean();
        hold[i] = t; // guards against (invalid) cycles
        if (node.holdWorker || node.passThrough) {
            const double miss
                = (node.kind == ComponentKind::Cache || node.kind == ComponentKind::Cdn)
                      ? 1 - node.hitRatio
                      : 1.0;
            for (auto li = node.linkBegin; li < node.linkEnd; ++li) {
                const OutLink &l = net.links[li];
                if (!l.async)
                    t += miss * (2 * l.latencyS + holdTime(l.target));
            }
        }
        hold[i] = t;
        return t;
    };
    for (std::size_t i = 0; i < n; ++i) {
        const NodeSpec &node = net.nodes[i];
        if (node.kind == ComponentKind::Client || node.passThrough)
            continue;
        flow[i].capacityRps
            = node.replicas * node.workers / holdTime(static_cast<std::uint32_t>(i));
        flow[i].rho = flow[i].rps() / flow[i].capacityRps;
    }
    return flow;
}

std::vector<Finding> reviewNetwork(const Network &net, const std::vector<NodeFlow> &flows)
{
    std::vector<Finding> out;
    std::vector<int> balanced(net.nodes.size(), 0);
    for (const auto &t : net.lbTargets)
        balanced[net.links[t.link].target] = 1;
    // An API gateway routes and balances what it forwards; a gateway that clients reach
    // directly is the entry point, whose replicas the platform spreads (DNS, anycast).
    for (const auto &node : net.nodes)
        for (auto li = node.linkBegin; li < node.linkEnd; ++li)
            if (node.kind == ComponentKind::ApiGateway
                || (node.kind == ComponentKind::Client
                    && net.nodes[net.links[li].target].kind == ComponentKind::ApiGateway))
                balanced[net.links[li].target] = 1;
    std::vector<int> fedByQueue(net.nodes.size(), 0);
    // Fed only by queues with a max_backlog: what they cannot take waits in (or is refused
    // by) the queue, so their own backlog is bounded too.
    std::vector<int> boundedFeed(net.nodes.size(), -1); // -1 unknown, 0 no, 1 yes
    for (const auto &node : net.nodes) {
        for (auto li = node.linkBegin; li < node.linkEnd; ++li) {
            const auto t = net.links[li].target;
            const bool viaBoundedQueue = node.kind == ComponentKind::Queue && node.maxBacklog >= 0;
            if (node.kind == ComponentKind::Queue)
                fedByQueue[t] = 1;
            boundedFeed[t] = (boundedFeed[t] != 0 && viaBoundedQueue) ? 1 : 0;
        }
    }
    for (std::size_t i = 0; i < net.nodes.size(); ++i) {
        const NodeSpec &node = net.nodes[i];
        const NodeFlow &f = flows[i];
        if (node.kind == ComponentKind::Client) {
            if (node.linkBegin == node.linkEnd && node.rps > 0)
                out.push_back({Severity::Warning,
                               node.id,
                               "client_unconnected",
                               "client '" + node.id + "' has no outgoing link; it sends nothing"});
            continue;
        }
        if (f.rho >= 1.0) {
            const bool bounded = node.queueCapacity >= 0
                                 || (node.kind == ComponentKind::Queue && node.maxBacklog >= 0)
                                 || boundedFeed[i] == 1;
            out.push_back({bounded ? Severity::Warning : Severity::Error,
                           node.id,
                           bounded ? "overloaded" : "unstable",
                           (bounded ? "overloaded: arrivals exceed capacity at '"
                                    : "unstable: arrivals exceed capacity at '")
                               + node.id + "' (utilisation " + fmt("%.2f", f.rho) + ": "
                               + fmt("%.0f", f.rps()) + " rps offered, "
                               + fmt("%.0f", f.capacityRps) + " rps capacity)"
                               + (!bounded                  ? "; its queue grows without limit"
                                  : node.queueCapacity >= 0 ? "; its full queue rejects the excess"
                                                            : "; the full queue (max_backlog) "
                                                              "refuses the excess")});
        } else if (f.rho > 0.8) {
            out.push_back({Severity::Warning,
                           node.id,
                           "hot",
                           "'" + node.id + "' runs at utilisation " + fmt("%.2f", f.rho)
                               + "; queueing delay grows steeply above 0.8"});
        }
        // Data stores route by key on the client side; the guide's point is app servers.
        const bool appServer
            = node.kind == ComponentKind::Service || node.kind == ComponentKind::ApiGateway;
        if (appServer && node.replicas > 1 && !balanced[i] && !fedByQueue[i] && f.rps() > 0)
            out.push_back({Severity::Warning,
                           node.id,
                           "no_balancer",
                           "'" + node.id + "' has " + std::to_string(node.replicas)
                               + " replicas but no load balancer in front; requests are spread "
                                 "at random"});
        // Two copies of a database that do not replicate are two databases: each write
        // lands in one, and a read from the other misses it.
        if ((node.kind == ComponentKind::Database || node.kind == ComponentKind::ObjectStorage)
            && (node.shards ? node.shardReplicas : node.replicas) > 1 && !node.replication)
            out.push_back({Severity::Warning,
                           node.id,
                           "replicas_without_replication",
                           "'" + node.id + "' has "
                               + std::to_string(node.shards ? node.shardReplicas : node.replicas)
                               + (node.shards ? " replicas per shard" : " replicas")
                               + " but no replication: each holds its own copy, writes "
                                 "are split between them and reads miss the others' writes; add "
                                 "replication (a leader and followers) or shards"});
        if (node.kind == ComponentKind::LoadBalancer && node.lbBegin == node.lbEnd)
            out.push_back({Severity::Error,
                           node.id,
                           "no_target",
                           "load balancer '" + node.id
                               + "' has no downstream; every request "
                                 "it receives fails"});
        if (node.kind == ComponentKind::Queue && node.linkBegin == node.linkEnd)
            out.push_back({Severity::Warning,
                           node.id,
                           "no_consumer",
                           "queue '" + node.id
                               + "' has no consumer; messages are acknowledged "
                                 "and dropped"});
    }
    return out;
}

} // namespace hld
