#include "sim/network.h"

#include "model/component_kind.h"

#include <algorithm>
#include <unordered_map>

namespace hld {

namespace {

// Longest chain of components joined by sync links (the graph is acyclic after validation).
std::uint32_t longestSyncChain(const Network &net)
{
    const std::size_t n = net.nodes.size();
    std::vector<std::uint32_t> indeg(n, 0);
    for (const auto &node : net.nodes) {
        for (auto i = node.linkBegin; i < node.linkEnd; ++i) {
            if (!net.links[i].async)
                ++indeg[net.links[i].target];
        }
    }
    std::vector<std::uint32_t> order;
    order.reserve(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        if (indeg[i] == 0)
            order.push_back(i);
    }
    for (std::size_t k = 0; k < order.size(); ++k) {
        const auto &node = net.nodes[order[k]];
        for (auto i = node.linkBegin; i < node.linkEnd; ++i) {
            if (!net.links[i].async && --indeg[net.links[i].target] == 0)
                order.push_back(net.links[i].target);
        }
    }
    std::vector<std::uint32_t> chain(n, 1);
    std::uint32_t best = 1;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const auto &node = net.nodes[*it];
        for (auto i = node.linkBegin; i < node.linkEnd; ++i) {
            if (!net.links[i].async)
                chain[*it] = std::max(chain[*it], 1 + chain[net.links[i].target]);
        }
        best = std::max(best, chain[*it]);
    }
    return best;
}

} // namespace

std::uint32_t Network::regionIndex(const std::string &name) const
{
    for (std::size_t i = 0; i < regions.size(); ++i) {
        if (regions[i] == name)
            return static_cast<std::uint32_t>(i);
    }
    return kNone;
}

std::uint32_t Network::nodeIndex(const std::string &id) const
{
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].id == id)
            return static_cast<std::uint32_t>(i);
    }
    return kNone;
}

Network compileNetwork(const Design &d)
{
    Network net;
    auto region = [&net](const std::string &name) -> std::uint32_t {
        const auto i = net.regionIndex(name);
        if (i != kNone)
            return i;
        net.regions.push_back(name);
        return static_cast<std::uint32_t>(net.regions.size() - 1);
    };
    std::unordered_map<std::string, std::uint32_t> index;
    net.nodes.reserve(d.components.size());
    for (const auto &c : d.components) {
        NodeSpec n;
        n.id = c.id;
        n.kind = c.kind;
        index.emplace(c.id, static_cast<std::uint32_t>(net.nodes.size()));
        if (c.kind == ComponentKind::Client) {
            n.passThrough = true;
            const Traffic t = c.traffic.value_or(Traffic{});
            n.rps = t.rps;
            n.arrival = t.arrival;
            n.readRatio = t.readRatio.value_or(1.0);
            n.timeoutS = t.timeoutMs.value_or(0.0) / 1000.0;
            n.users = static_cast<std::uint32_t>(t.users.value_or(10000));
            n.profile = t.profile;
            n.keys = t.keys;
            if (t.paths) {
                double total = 0;
                for (const auto &pw : *t.paths)
                    total += pw.second;
                double cum = 0;
                for (const auto &[path, share] : *t.paths) {
                    auto it = std::find(net.paths.begin(), net.paths.end(), path);
                    if (it == net.paths.end())
                        it = net.paths.insert(net.paths.end(), path);
                    cum += share / total;
                    n.pathCdf.emplace_back(cum, std::uint8_t(it - net.paths.begin()));
                }
                n.pathCdf.back().first = 1.0;
            }
            net.clients.push_back(static_cast<std::uint32_t>(net.nodes.size()));
        } else {
            n.replicas = static_cast<std::uint32_t>(effectiveReplicas(c));
            if (c.shards && (c.kind == ComponentKind::Database || c.kind == ComponentKind::Cache)) {
                // Each shard is its own group of `replicas`: shard s has s*R .. s*R + R - 1.
                n.shards = c.shards;
                n.shards->count = std::max<std::int64_t>(n.shards->count, 1);
                n.shardReplicas = n.replicas;
                n.replicas *= static_cast<std::uint32_t>(n.shards->count);
            }
            n.workers = static_cast<std::uint32_t>(effectiveWorkers(c));
            n.sampler = ServiceSampler(effectiveServiceTime(c));
            n.passThrough = n.sampler.zero();
            n.queueCapacity = c.queueCapacity.value_or(-1);
            n.holdWorker = c.holdWorker.value_or(false);
            n.hitRatio = effectiveHitRatio(c);
            n.algorithm = c.algorithm.value_or(LbAlgorithm::RoundRobin);
            n.maxBacklog = c.maxBacklog.value_or(-1);
            n.costPerHour = instanceCostPerHour(c) * n.replicas;
            net.costPerHour += n.costPerHour;
            n.autoscale = c.autoscale;
            n.resizeDowntimeS = c.resizeDowntimeS.value_or(20.0);
            n.replication = c.replication;
            n.delivery = c.delivery.value_or(Delivery::AtLeastOnce);
            n.ackTimeoutS = c.ackTimeoutS.value_or(30.0);
            n.queueModel = c.model.value_or(QueueModel::Queue);
            n.partitions = static_cast<std::uint32_t>(c.partitions.value_or(1));
            n.idempotent = c.idempotent.value_or(false);
            n.errorRate = c.errorRate.value_or(0.0);
            n.healthCheck = c.healthCheck;
            n.rateLimit = c.rateLimit;
            n.layer4 = c.layer.value_or(7) == 4;
            n.sticky = c.sticky.value_or(false);
            n.sessions = c.sessions.value_or(Sessions::None);
            n.saga = c.saga;
            n.tableRows = c.tableRows.value_or(-1);
            n.indexes = static_cast<std::uint32_t>(c.indexes.value_or(0));
            if (c.capacityKeys) {
                n.keyCache = true;
                n.capacityKeys = static_cast<std::uint64_t>(*c.capacityKeys);
                n.eviction = c.eviction.value_or(Eviction::Lru);
                n.ttlS = c.ttlS.value_or(0.0);
                n.strategy = c.strategy.value_or(CacheStrategy::CacheAside);
                n.flushIntervalS = c.flushIntervalS.value_or(1.0);
                n.negativeTtlS = c.negativeTtlS.value_or(0.0);
                n.bloomFilter = c.bloomFilter.value_or(false);
                n.coalesce = c.coalesce.value_or(false);
            }
        }
        n.region = c.region ? region(*c.region) : 0;
        if (n.replication) {
            for (std::uint32_t r = 0; r < n.replicas; ++r) {
                // A sharded store places each shard's replicas alike.
                const auto &names = n.replication->replicaRegions;
                const std::uint32_t k = n.shards ? r % n.shardReplicas : r;
                n.replicaRegions.push_back(k < names.size() ? region(names[k]) : n.region);
            }
        }
        n.firstReplica = net.totalReplicas;
        net.totalReplicas += n.replicas;
        net.nodes.push_back(std::move(n));
    }

    // Out-links grouped by source, each group in file order (the order of sync calls).
    std::vector<std::vector<std::size_t>> bySource(net.nodes.size());
    for (std::size_t i = 0; i < d.links.size(); ++i)
        bySource[index.at(d.links[i].from)].push_back(i);
    for (std::uint32_t s = 0; s < net.nodes.size(); ++s) {
        NodeSpec &n = net.nodes[s];
        n.linkBegin = static_cast<std::uint32_t>(net.links.size());
        for (std::size_t li : bySource[s]) {
            const Link &l = d.links[li];
            OutLink o;
            o.source = s;
            o.target = index.at(l.to);
            o.latencyS = effectiveLatencyMs(d, l) / 1000.0;
            o.weight = l.weight.value_or(1.0);
            o.filter = l.requests.value_or(RequestFilter::All);
            o.async = l.mode.value_or(LinkMode::Sync) == LinkMode::Async;
            o.fileIndex = static_cast<std::uint32_t>(li);
            o.oneWayOnly = n.saga && n.saga->mode == SagaMode::Choreography;
            if (!o.async && (l.timeoutMs || l.retry || l.circuitBreaker || l.maxConcurrent)) {
                LinkPolicySpec p;
                p.timeoutS = l.timeoutMs.value_or(0.0) / 1000.0;
                p.retry = l.retry;
                p.breaker = l.circuitBreaker;
                p.maxConcurrent = static_cast<std::uint32_t>(l.maxConcurrent.value_or(0));
                o.policy = static_cast<std::uint32_t>(net.policies.size());
                net.policies.push_back(p);
                net.anyPolicy = true;
            }
            if (l.path) {
                o.pathMask = 0;
                for (std::size_t p = 0; p < net.paths.size(); ++p) {
                    if (net.paths[p].starts_with(*l.path))
                        o.pathMask |= 1ull << p;
                }
            }
            n.totalLinkWeight += o.weight;
            net.links.push_back(o);
        }
        n.linkEnd = static_cast<std::uint32_t>(net.links.size());
    }
    for (auto &n : net.nodes) {
        if (n.kind != ComponentKind::LoadBalancer)
            continue;
        n.lbBegin = static_cast<std::uint32_t>(net.lbTargets.size());
        for (auto li = n.linkBegin; li < n.linkEnd; ++li) {
            const auto &target = net.nodes[net.links[li].target];
            for (std::uint32_t r = 0; r < target.replicas; ++r) {
                net.lbTargets.push_back(
                    {li, net.links[li].target, r, net.links[li].weight * target.workers});
            }
        }
        n.lbEnd = static_cast<std::uint32_t>(net.lbTargets.size());
    }
    // A CDN keeps an edge in every region its clients are in (contract 5.2, issue 11).
    std::vector<std::uint32_t> clientRegions;
    for (std::uint32_t c : net.clients) {
        const std::uint32_t r = net.nodes[c].region;
        if (std::find(clientRegions.begin(), clientRegions.end(), r) == clientRegions.end())
            clientRegions.push_back(r);
    }
    for (auto &n : net.nodes) {
        if (n.kind == ComponentKind::Cdn && clientRegions.size() > 1)
            n.edgeRegions = clientRegions;
    }
    net.maxDepth = 1 + longestSyncChain(net);
    if (d.scenario) {
        for (const auto &e : d.scenario->events) {
            if (e.action == "partition" || e.action == "heal") {
                region(e.target);
                region(e.other.value_or(""));
            }
        }
    }
    return net;
}

} // namespace hld
