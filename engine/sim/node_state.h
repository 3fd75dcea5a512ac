#pragma once

#include "mech/rate_limiter.h"
#include "mech/shard_router.h"
#include "mech/zipf_key_source.h"
#include "sim/autoscaler.h"
#include "sim/broker.h"
#include "sim/cache_store.h"
#include "sim/histogram.h"
#include "sim/network.h"
#include "sim/sampler.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace hld {

enum class ReplicaStatus : std::uint8_t { Active, Warming, Draining, Down, Retired };

// One replica of a component: its workers, its FIFO of waiting requests (linked through the
// requests), and the time integrals of busy workers and requests present.
struct Replica
{
    std::uint32_t busy = 0;
    std::uint32_t queued = 0;
    std::uint32_t present = 0;
    std::uint32_t head = kNone;
    std::uint32_t tail = kNone;
    std::uint32_t workers = 1;
    std::uint32_t reserved = 0; // queue messages on their way to it (a worker each)
    double last = 0;
    double busyArea = 0;
    double presentArea = 0;
    std::uint64_t arrivals = 0; // measured
    std::uint16_t epoch = 0;    // bumps when it dies: work it held is void
    ReplicaStatus status = ReplicaStatus::Active;
    bool restarting = false; // draining, or down, for a rolling restart (resize)
    bool undetected = false; // down, but its balancers' health checks have not noticed yet
};

// A client's arrival process as it runs (the rate can change live).
struct ClientState
{
    double rps = 0;
    double nextArrival = -1; // a pending arrival at another time was superseded
    double maxFactor = 1;    // the profile's peak, for thinning
    std::optional<ZipfKeySource> keys;
};

// The run-time state of one component. Mechanism state lives with the mechanism.
struct NodeState
{
    std::vector<Replica> reps;
    std::vector<std::uint32_t> rotation; // replicas that take new requests
    ServiceSampler sampler;
    bool table = false;        // a database with table_rows: service times from serviceTimeS()
    bool p99Signal = false;    // its autoscaler reads the sojourn P99 (intervalMs)
    std::uint32_t workers = 1; // for new replicas
    bool killed = false;
    std::uint32_t queuedTotal = 0;
    std::uint32_t tieCursor = 0;
    // faults
    double errorRate = 0;
    double extraLatencyS = 0;
    // capacity and cost
    double capacityArea = 0, capacityLast = 0; // workers in rotation x seconds
    double costPerReplicaHour = 0;
    double costNow = 0;
    // scaling
    std::vector<std::uint32_t> restartQueue; // replicas still to restart (rolling resize)
    Autoscaler autoscaler;
    // balancing
    std::uint32_t lb = kNone;         // index of its balancer policy
    std::vector<LbTarget> lbTargets;  // balancers: replicas in rotation downstream
    std::vector<std::uint32_t> feeds; // balancers whose targets include this node
    // mechanisms
    ClientState client;
    double hitRatio = 0;   // cache, cdn
    double flushedAt = -1; // cache, cdn: warms up again after a flush
    std::uint64_t readsSinceFlush = 0;
    std::unique_ptr<CacheStore> cache;        // a key-level cache (capacity_keys)
    bool earlyFlushQueued = false;            // write_behind: its buffer filled up
    std::optional<ShardRouter> shards;        // a sharded store: which shard owns a key
    std::vector<std::uint64_t> shardArrivals; // measured, per shard
    KeyCacheCounters cacheAtWarmup;           // its counters when measurement began
    std::uint64_t coalescedAtWarmup = 0, bloomAtWarmup = 0, lostAtWarmup = 0;
    std::unique_ptr<Broker> broker; // queue
    std::uint32_t backlog = 0;      // queue: messages not yet taken by a consumer
    double backlogLast = 0;
    std::vector<std::uint32_t> feeders; // queues that deliver to this consumer
    // traffic control (contract 5.7, 5.8)
    std::unique_ptr<RateLimiter> limiter;
    std::vector<std::uint32_t> leaky; // a leaky bucket's queue (a ring of requests)
    std::uint32_t leakyHead = 0, leakyCount = 0;
    double leakNext = 0; // when the bucket may let the next request out
    bool leakArmed = false;
    std::uint64_t rateLimitedAll = 0;               // warm-up included, for the canvas
    std::vector<std::uint32_t> sessionOwner;        // local sessions: the replica of each user
    std::vector<std::uint32_t> stickyTarget;        // sticky balancer: link * kSlot + replica
    std::vector<std::vector<LbTarget>> pathTargets; // L7 balancer: targets per path
    std::vector<std::uint32_t> pathLb;              // ... and their balancing policies
    double tableRows = 0;                           // database with a table: rows now
    // autoscaling on P99 or queue length (contract 5.9)
    LogHistogram intervalMs; // sojourn times since the last tick
    double presentAreaAtTick = 0, busyAreaAtTick = 0;
};

} // namespace hld
