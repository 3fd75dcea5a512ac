#include "model/component_kind.h"

#include "model/instance_catalog.h"
#include "model/name_table.h"

#include <array>

namespace hld {

namespace {
using SD = ServiceDist;
// Service times follow the guide's "numbers every engineer should know".
constexpr std::array<KindTraits, 9> kKinds{{
    {ComponentKind::Client, "client", "Client", "", {SD::Constant, 0, {}}, 0},
    {ComponentKind::Cdn, "cdn", "CDN", "xl", {SD::Exponential, 2, {}}, 0.9},
    {ComponentKind::LoadBalancer,
     "load_balancer",
     "Load balancer",
     "l",
     {SD::Constant, 0.1, {}},
     0},
    {ComponentKind::ApiGateway, "api_gateway", "API gateway", "m", {SD::Exponential, 1, {}}, 0},
    {ComponentKind::Service, "service", "Service", "m", {SD::Exponential, 10, {}}, 0},
    {ComponentKind::Cache, "cache", "Cache", "l", {SD::Exponential, 0.3, {}}, 0.8},
    {ComponentKind::Database, "database", "Database", "l", {SD::Lognormal, 5, 1.0}, 0},
    {ComponentKind::Queue, "queue", "Queue", "m", {SD::Constant, 0.2, {}}, 0},
    {ComponentKind::ObjectStorage,
     "object_storage",
     "Object storage",
     "xl",
     {SD::Lognormal, 20, 1.0},
     0},
}};

constexpr NameTable<ServiceDist, 3> kDists{
    {{{SD::Exponential, "exponential"}, {SD::Constant, "constant"}, {SD::Lognormal, "lognormal"}}}};
constexpr NameTable<ArrivalProcess, 2> kArrivals{
    {{{ArrivalProcess::Poisson, "poisson"}, {ArrivalProcess::Constant, "constant"}}}};
constexpr NameTable<LinkMode, 2> kModes{{{{LinkMode::Sync, "sync"}, {LinkMode::Async, "async"}}}};
constexpr NameTable<RequestFilter, 3> kFilters{{{{RequestFilter::All, "all"},
                                                 {RequestFilter::Reads, "reads"},
                                                 {RequestFilter::Writes, "writes"}}}};
constexpr NameTable<LbAlgorithm, 6> kAlgorithms{
    {{{LbAlgorithm::RoundRobin, "round_robin"},
      {LbAlgorithm::LeastConnections, "least_connections"},
      {LbAlgorithm::Random, "random"},
      {LbAlgorithm::IpHash, "ip_hash"},
      {LbAlgorithm::WeightedRoundRobin, "weighted_round_robin"},
      {LbAlgorithm::PowerOfTwo, "power_of_two"}}}};
constexpr NameTable<ProfileShape, 4> kShapes{{{{ProfileShape::Constant, "constant"},
                                               {ProfileShape::Ramp, "ramp"},
                                               {ProfileShape::Spike, "spike"},
                                               {ProfileShape::Diurnal, "diurnal"}}}};
constexpr NameTable<ReplicationMode, 2> kReplicationModes{
    {{{ReplicationMode::Async, "async"}, {ReplicationMode::Sync, "sync"}}}};
constexpr NameTable<ReadFrom, 3> kReadFrom{
    {{{ReadFrom::Leader, "leader"}, {ReadFrom::Followers, "followers"}, {ReadFrom::Any, "any"}}}};
constexpr NameTable<Consistency, 2> kConsistency{
    {{{Consistency::CP, "CP"}, {Consistency::AP, "AP"}}}};
constexpr std::array<std::string_view, 17> kScenarioActions{"set_rps",
                                                            "set_replicas",
                                                            "set_workers",
                                                            "set_instance",
                                                            "set_hit_ratio",
                                                            "set_algorithm",
                                                            "kill_replica",
                                                            "restore_replica",
                                                            "kill",
                                                            "restore",
                                                            "add_latency",
                                                            "set_error_rate",
                                                            "flush_cache",
                                                            "partition",
                                                            "heal",
                                                            "set_shards",
                                                            "purge"};
} // namespace

std::string_view toString(ProfileShape s)
{
    return kShapes.name(s);
}
std::string_view toString(ReplicationMode m)
{
    return kReplicationModes.name(m);
}
std::string_view toString(ReadFrom r)
{
    return kReadFrom.name(r);
}
std::string_view toString(Consistency c)
{
    return kConsistency.name(c);
}
std::optional<ProfileShape> profileShapeFromName(std::string_view s)
{
    return kShapes.value(s);
}
std::optional<ReplicationMode> replicationModeFromName(std::string_view s)
{
    return kReplicationModes.value(s);
}
std::optional<ReadFrom> readFromFromName(std::string_view s)
{
    return kReadFrom.value(s);
}
std::optional<Consistency> consistencyFromName(std::string_view s)
{
    return kConsistency.value(s);
}

std::span<const std::string_view> scenarioActions()
{
    return kScenarioActions;
}

std::span<const KindTraits> allKinds()
{
    return kKinds;
}

const KindTraits &traits(ComponentKind kind)
{
    return kKinds[static_cast<std::size_t>(kind)];
}

std::optional<ComponentKind> kindFromName(std::string_view name)
{
    for (const auto &k : kKinds) {
        if (k.name == name)
            return k.kind;
    }
    return std::nullopt;
}

std::string_view toString(ServiceDist d)
{
    return kDists.name(d);
}
std::string_view toString(ArrivalProcess a)
{
    return kArrivals.name(a);
}
std::string_view toString(LinkMode m)
{
    return kModes.name(m);
}
std::string_view toString(RequestFilter f)
{
    return kFilters.name(f);
}
std::string_view toString(LbAlgorithm a)
{
    return kAlgorithms.name(a);
}
std::optional<ServiceDist> serviceDistFromName(std::string_view s)
{
    return kDists.value(s);
}
std::optional<ArrivalProcess> arrivalFromName(std::string_view s)
{
    return kArrivals.value(s);
}
std::optional<LinkMode> linkModeFromName(std::string_view s)
{
    return kModes.value(s);
}
std::optional<RequestFilter> requestFilterFromName(std::string_view s)
{
    return kFilters.value(s);
}
std::optional<LbAlgorithm> lbAlgorithmFromName(std::string_view s)
{
    return kAlgorithms.value(s);
}

bool hasHitRatio(ComponentKind k)
{
    return k == ComponentKind::Cache || k == ComponentKind::Cdn;
}

int effectiveReplicas(const Component &c)
{
    return static_cast<int>(c.replicas.value_or(1));
}

int effectiveWorkers(const Component &c)
{
    if (c.workers)
        return static_cast<int>(*c.workers);
    const auto *inst
        = findInstance(c.instance.value_or(std::string(traits(c.kind).defaultInstance)));
    return inst ? inst->vcpus : 1;
}

ServiceTime effectiveServiceTime(const Component &c)
{
    return c.serviceTime.value_or(traits(c.kind).defaultServiceTime);
}

double effectiveHitRatio(const Component &c)
{
    return c.hitRatio.value_or(traits(c.kind).defaultHitRatio);
}

double effectiveReadRatio(const Component &c)
{
    return c.traffic && c.traffic->readRatio ? *c.traffic->readRatio : 1.0;
}

double instanceCostPerHour(const Component &c)
{
    if (c.kind == ComponentKind::Client)
        return 0;
    const auto *inst
        = findInstance(c.instance.value_or(std::string(traits(c.kind).defaultInstance)));
    return inst ? inst->costPerHour : 0;
}

double designCostPerHour(const Design &d)
{
    double sum = 0;
    for (const auto &c : d.components)
        sum += instanceCostPerHour(c) * effectiveReplicas(c);
    return sum;
}

double effectiveLatencyMs(const Design &d, const Link &l)
{
    if (l.latencyMs)
        return *l.latencyMs;
    const Component *a = d.find(l.from);
    const Component *b = d.find(l.to);
    const std::string ra = a && a->region ? *a->region : std::string();
    const std::string rb = b && b->region ? *b->region : std::string();
    return ra == rb ? kSameRegionLatencyMs : kCrossRegionLatencyMs;
}

} // namespace hld
