#pragma once

#include "model/design.h"
#include "sim/sampler.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hld {

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// A design compiled for the simulator: dense indices, times in seconds, defaults applied.
struct OutLink
{
    std::uint32_t source = 0;
    std::uint32_t target = 0;
    double latencyS = 0;
    double weight = 1;
    RequestFilter filter = RequestFilter::All;
    bool async = false;
    std::uint32_t policy = 0xFFFFFFFFu; // index into Network::policies; none: a plain call
    std::uint64_t pathMask = ~0ull;     // bit p: requests of Network::paths[p] take it
    std::uint32_t fileIndex = 0;        // its place in the design's links
    bool oneWayOnly = false; // a choreographed saga's step: the answer does not travel back
};

// The caller's policies for calls over one link (contract 5.6), compiled.
struct LinkPolicySpec
{
    double timeoutS = 0; // 0 = waits for ever
    std::optional<RetryPolicy> retry;
    std::optional<CircuitBreakerPolicy> breaker;
    std::uint32_t maxConcurrent = 0; // 0 = no bulkhead
};

struct LbTarget
{
    std::uint32_t link = 0;    // index into Network::links
    std::uint32_t node = 0;    // the target component
    std::uint32_t replica = 0; // replica index within the target component
    double weight = 1;         // link weight x the replica's workers
};

struct NodeSpec
{
    std::string id;
    ComponentKind kind = ComponentKind::Service;
    std::uint32_t replicas = 1;
    std::uint32_t workers = 1;
    std::uint32_t firstReplica = 0; // global index of replica 0
    ServiceSampler sampler;
    bool passThrough = false;        // service_time.mean_ms == 0: no workers, no queue
    std::int64_t queueCapacity = -1; // per replica; -1 = unbounded
    bool holdWorker = false;
    double hitRatio = 0;
    std::uint32_t linkBegin = 0, linkEnd = 0; // out-links, in file order
    std::uint32_t lbBegin = 0, lbEnd = 0;     // load balancer targets
    LbAlgorithm algorithm = LbAlgorithm::RoundRobin;
    std::int64_t maxBacklog = -1; // queue; -1 = unbounded
    double costPerHour = 0;       // all replicas
    // client
    double rps = 0;
    ArrivalProcess arrival = ArrivalProcess::Poisson;
    double readRatio = 1;
    double timeoutS = 0; // 0 = none
    std::uint32_t users = 10000;
    double totalLinkWeight = 0;
    std::optional<TrafficProfile> profile;
    std::optional<KeySpec> keys; // the client's keys (contract 5.1)
    // key-level cache (contract 5.2): on when capacity_keys is set
    bool keyCache = false;
    std::uint64_t capacityKeys = 0;
    Eviction eviction = Eviction::Lru;
    double ttlS = 0; // 0 = entries never expire
    CacheStrategy strategy = CacheStrategy::CacheAside;
    double flushIntervalS = 1;
    double negativeTtlS = 0; // 0 = "not found" is not cached
    bool bloomFilter = false;
    bool coalesce = false;
    // sharded store (contract 5.3): `replicas` is per shard; the node has count x replicas
    std::optional<Shards> shards;
    std::uint32_t shardReplicas = 1; // R: replicas per shard
    // queue (contract 5.5)
    Delivery delivery = Delivery::AtLeastOnce;
    double ackTimeoutS = 30;
    QueueModel queueModel = QueueModel::Queue;
    std::uint32_t partitions = 1;
    bool idempotent = false; // a consumer that recognises redelivered messages
    // dynamics
    std::uint32_t region = 0; // index into Network::regions; 0 is "no region"
    std::optional<Autoscale> autoscale;
    double resizeDowntimeS = 20;
    std::optional<Replication> replication;
    std::vector<std::uint32_t> replicaRegions; // replicated stores: region of replica i
    // failure handling and traffic control (contract 5.6-5.8)
    double errorRate = 0;
    std::optional<HealthCheck> healthCheck;
    std::optional<RateLimit> rateLimit;
    bool layer4 = false; // a load balancer that ignores paths
    bool sticky = false;
    Sessions sessions = Sessions::None;
    std::optional<Saga> saga;
    std::int64_t tableRows = -1; // database: -1 = no table model
    std::uint32_t indexes = 0;
    std::vector<std::pair<double, std::uint8_t>> pathCdf; // client: cumulative share, path
    // cdn: one edge per region its clients are in (edge e serves region edgeRegions[e]);
    // capacityKeys is per edge. Empty: one edge for everybody.
    std::vector<std::uint32_t> edgeRegions;
    std::uint32_t edgeOf(std::uint32_t region) const
    {
        for (std::uint32_t e = 0; e < edgeRegions.size(); ++e) {
            if (edgeRegions[e] == region)
                return e;
        }
        return 0;
    }

    // Replicas added by scaling live where the last listed one does.
    std::uint32_t replicaRegion(std::size_t i) const
    {
        return replicaRegions[std::min(i, replicaRegions.size() - 1)];
    }
};

struct Network
{
    std::vector<NodeSpec> nodes;
    std::vector<OutLink> links;
    std::vector<LbTarget> lbTargets;
    std::vector<LinkPolicySpec> policies;
    std::vector<std::string> paths; // every path the clients name; a request carries its index
    std::vector<std::uint32_t> clients;
    std::uint32_t totalReplicas = 0;
    std::uint32_t maxDepth = 2; // frames a request can stack: origin + longest sync chain
    double costPerHour = 0;
    std::vector<std::string> regions{""};                     // region names; index 0 = none
    std::uint32_t regionIndex(const std::string &name) const; // kNone if unknown
    bool anyPolicy = false;                                   // some link has a policy
    std::uint32_t nodeIndex(const std::string &id) const;     // kNone if unknown
};

// The design must have passed validateDesign().
Network compileNetwork(const Design &d);

} // namespace hld
