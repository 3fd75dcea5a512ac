#pragma once

#include "model/interview.h"
#include "model/policies.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hld {

enum class ComponentKind : std::uint8_t {
    Client,
    Cdn,
    LoadBalancer,
    ApiGateway,
    Service,
    Cache,
    Database,
    Queue,
    ObjectStorage,
};

enum class ServiceDist : std::uint8_t { Exponential, Constant, Lognormal };
enum class ArrivalProcess : std::uint8_t { Poisson, Constant };
enum class LinkMode : std::uint8_t { Sync, Async };
enum class RequestFilter : std::uint8_t { All, Reads, Writes };

enum class LbAlgorithm : std::uint8_t {
    RoundRobin,
    LeastConnections,
    Random,
    IpHash,
    WeightedRoundRobin,
    PowerOfTwo,
};

struct Point
{
    double x = 0;
    double y = 0;
    bool operator==(const Point &) const = default;
};

struct ServiceTime
{
    ServiceDist dist = ServiceDist::Exponential;
    double meanMs = 0;
    std::optional<double> cv; // required for lognormal
    bool operator==(const ServiceTime &) const = default;
};

enum class ProfileShape : std::uint8_t { Constant, Ramp, Spike, Diurnal };

// How a client's rate changes over time: rate(t) = rps x factor(t).
struct TrafficProfile
{
    ProfileShape shape = ProfileShape::Constant;
    double startS = 0;      // ramp and spike: when the change begins
    double durationS = 60;  // ramp: time to reach `factor`; spike: how long it lasts
    double factor = 3;      // ramp: final multiple; spike: multiple during the spike
    double periodS = 600;   // diurnal: length of one "day"
    double amplitude = 0.5; // diurnal: rate swings between (1 - a) and (1 + a) times rps
    bool operator==(const TrafficProfile &) const = default;
};

enum class WritePattern : std::uint8_t { Zipf, Sequential };

// The keys a client's requests touch (contract 5.1): rank k of `count` with P(k) ~ k^-skew.
struct KeySpec
{
    std::int64_t count = 1;
    double skew = 0.99;
    double missingRatio = 0; // reads of keys that do not exist (a new one each time)
    WritePattern writePattern = WritePattern::Zipf;
    bool operator==(const KeySpec &) const = default;
};

struct Traffic
{
    double rps = 0;
    ArrivalProcess arrival = ArrivalProcess::Poisson;
    std::optional<double> readRatio;   // default 1 (all reads)
    std::optional<double> timeoutMs;   // a response later than this counts as an error
    std::optional<std::int64_t> users; // distinct sources, for ip_hash stickiness
    std::optional<TrafficProfile> profile;
    std::optional<KeySpec> keys;
    std::optional<PathShares> paths; // request paths and their shares (contract 5.8)
    bool operator==(const Traffic &) const = default;
};

// Horizontal autoscaling: every `intervalS` the replica count moves towards
// ceil(replicas x utilisation / target), within [min, max], at most once per cooldown.
// A new replica takes `warmupS` before it receives traffic.
struct Autoscale
{
    std::int64_t min = 1;
    std::int64_t max = 10;
    double targetUtilization = 0.6;
    double cooldownS = 30;
    double warmupS = 10;
    double intervalS = 5;
    // What it scales on (contract 5.9): utilisation, queue length per replica, or P99.
    AutoscaleMetric metric = AutoscaleMetric::Utilization;
    std::optional<double> targetQueue;
    std::optional<double> targetP99Ms;
    bool operator==(const Autoscale &) const = default;
};

enum class ReplicationMode : std::uint8_t { Async, Sync };
enum class ReadFrom : std::uint8_t { Leader, Followers, Any };
enum class Consistency : std::uint8_t { CP, AP };

enum class Eviction : std::uint8_t { Lru, Lfu, Fifo, Random };
enum class CacheStrategy : std::uint8_t { CacheAside, ReadThrough, WriteThrough, WriteBehind };
enum class ShardStrategy : std::uint8_t { Hash, Range, ConsistentHash };
enum class Delivery : std::uint8_t { AtLeastOnce, AtMostOnce };
enum class QueueModel : std::uint8_t { Queue, Log };

// A store split by key (contract 5.3): each shard is its own group of `replicas`.
struct Shards
{
    std::int64_t count = 1;
    ShardStrategy strategy = ShardStrategy::Hash;
    std::int64_t virtualNodes = 100;
    bool operator==(const Shards &) const = default;
};

// Leaderless replication (Dynamo style): a write is acked by W replicas, a read asks R.
struct Quorum
{
    std::int64_t r = 1;
    std::int64_t w = 1;
    bool operator==(const Quorum &) const = default;
};

// A data store whose replicas hold copies: replica 0 leads, the others follow. Writes carry
// keys (Zipf-skewed popularity), so a read of an older version is a real stale read.
struct Replication
{
    ReplicationMode mode = ReplicationMode::Async;
    double lagMs = 50;
    ReadFrom readFrom = ReadFrom::Followers;
    Consistency consistency = Consistency::AP;
    std::vector<std::string> replicaRegions; // region of replica i; default: the component's
    std::int64_t keys = 10000;
    double keySkew = 0.99;
    std::optional<double> failoverS;    // a follower is elected this long after the leader is lost
    std::optional<Quorum> quorum;       // leaderless
    std::optional<bool> readYourWrites; // a user's reads see the user's own writes
    bool operator==(const Replication &) const = default;
};

// Optional fields stay optional in the model so that load -> save -> load is exact and
// defaults can change without rewriting users' files.
struct Component
{
    std::string id;
    ComponentKind kind = ComponentKind::Service;
    std::optional<std::string> label;
    std::optional<Point> position;
    std::optional<std::string> region;
    std::optional<std::string> justification;
    std::optional<std::int64_t> replicas;
    std::optional<std::string> instance;
    std::optional<std::int64_t> workers;
    std::optional<ServiceTime> serviceTime;
    std::optional<std::int64_t> queueCapacity;
    std::optional<bool> holdWorker;         // keep the worker during downstream calls
    std::optional<Traffic> traffic;         // client
    std::optional<LbAlgorithm> algorithm;   // load_balancer
    std::optional<double> hitRatio;         // cache, cdn
    std::optional<std::int64_t> maxBacklog; // queue
    std::optional<Autoscale> autoscale;
    std::optional<double> resizeDowntimeS;  // vertical resize: each replica restarts this long
    std::optional<Replication> replication; // database (and cache) with leader and followers
    // key-level caches (cache, cdn; contract 5.2)
    std::optional<std::int64_t> capacityKeys;
    std::optional<Eviction> eviction;
    std::optional<double> ttlS;
    std::optional<CacheStrategy> strategy;
    std::optional<double> flushIntervalS; // write_behind
    std::optional<double> negativeTtlS;
    std::optional<bool> bloomFilter;
    std::optional<bool> coalesce;
    std::optional<Shards> shards; // database, cache
    // queues (contract 5.5)
    std::optional<Delivery> delivery;
    std::optional<double> ackTimeoutS;
    std::optional<QueueModel> model;
    std::optional<std::int64_t> partitions;
    std::optional<bool> idempotent; // a consumer that recognises a redelivered message
    // failure handling and traffic control (contract 5.6-5.8)
    std::optional<double> errorRate;        // each request fails here with this probability
    std::optional<HealthCheck> healthCheck; // how fast its balancers notice a dead replica
    std::optional<RateLimit> rateLimit;     // load_balancer, api_gateway, service
    std::optional<std::int64_t> layer;      // load_balancer: 7 reads paths, 4 does not
    std::optional<bool> sticky;             // load_balancer: a user stays on one replica
    std::optional<Sessions> sessions;       // service
    std::optional<Saga> saga;               // service, api_gateway: steps are its sync links
    std::optional<std::int64_t> tableRows;  // database: rows a query may have to scan
    std::optional<std::int64_t> indexes;    // database: secondary indexes (reads use one)
    bool operator==(const Component &) const = default;
};

struct Link
{
    std::string from;
    std::string to;
    std::optional<double> latencyMs;
    std::optional<LinkMode> mode;
    std::optional<double> weight;
    std::optional<RequestFilter> requests;
    // the caller's policies for calls over this link (contract 5.6) and routing (5.8)
    std::optional<double> timeoutMs;
    std::optional<RetryPolicy> retry;
    std::optional<CircuitBreakerPolicy> circuitBreaker;
    std::optional<std::int64_t> maxConcurrent; // a bulkhead
    std::optional<std::string> path;           // takes only requests whose path starts so
    bool operator==(const Link &) const = default;
};

// A plain link (code that builds designs).
inline Link linkBetween(std::string from,
                        std::string to,
                        std::optional<LinkMode> mode = std::nullopt,
                        std::optional<RequestFilter> requests = std::nullopt)
{
    Link l;
    l.from = std::move(from);
    l.to = std::move(to);
    l.mode = mode;
    l.requests = requests;
    return l;
}

// A named frame on the canvas. A component whose `region` names it belongs to it; links
// across regions default to cross-region latency.
struct Region
{
    std::string name;
    double x = 0, y = 0, width = 400, height = 300;
    bool operator==(const Region &) const = default;
};

// A timed change during a run: what the GUI does by hand, stored in the file.
struct ScenarioEvent
{
    double atS = 0;
    std::string action;                  // see scenarioActions()
    std::string target;                  // component id, or region name for partition/heal
    std::optional<std::string> other;    // partition/heal: the other region
    std::optional<double> value;         // set_rps, set_replicas, add_latency (ms), ...
    std::optional<std::int64_t> replica; // kill_replica, restore_replica
    std::optional<std::string> text;     // set_instance (size), set_algorithm (name)
    bool operator==(const ScenarioEvent &) const = default;
};

struct Scenario
{
    std::optional<double> durationS;
    std::vector<ScenarioEvent> events;
    bool operator==(const Scenario &) const = default;
};

struct Design
{
    std::string name;
    std::vector<Component> components;
    std::vector<Link> links;
    std::vector<Region> regions;
    std::optional<Scenario> scenario;
    std::optional<Interview> interview; // a mock interview in progress (or done)
    bool operator==(const Design &) const = default;

    const Component *find(const std::string &id) const;
    int indexOf(const std::string &id) const; // -1 if absent
};

inline constexpr int kFormatVersion = 1;
inline constexpr std::size_t kMaxComponents = 10000;
inline constexpr std::size_t kMaxLinks = 100000;
inline constexpr std::size_t kMaxRegions = 10000;
inline constexpr std::size_t kMaxScenarioEvents = 100000;
inline constexpr std::size_t kMaxCallDepth = 64;          // sync calls nested in one request
inline constexpr std::int64_t kMaxTotalReplicas = 100000; // over every component
// Key-level caches hold about 40 bytes per key: 4M keys in all stay near 160 MB.
inline constexpr std::int64_t kMaxCacheKeys = 4000000;        // capacity_keys over every cache
inline constexpr std::int64_t kMaxBalancedReplicas = 1000000; // balancer targets in all
inline constexpr std::int64_t kMaxReplicas = 10000;
inline constexpr std::int64_t kMaxWorkers = 100000;

} // namespace hld
