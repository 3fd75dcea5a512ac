#pragma once

#include "model/design.h"

#include <optional>
#include <span>
#include <string_view>

namespace hld {

// What a kind is and what it starts with when a field is absent.
struct KindTraits
{
    ComponentKind kind;
    std::string_view name;            // file name, e.g. "load_balancer"
    std::string_view title;           // display name, e.g. "Load balancer"
    std::string_view defaultInstance; // empty for client
    ServiceTime defaultServiceTime;
    double defaultHitRatio; // cache, cdn
};

std::span<const KindTraits> allKinds();
const KindTraits &traits(ComponentKind kind);
std::optional<ComponentKind> kindFromName(std::string_view name);

std::string_view toString(ServiceDist d);
std::string_view toString(ArrivalProcess a);
std::string_view toString(LinkMode m);
std::string_view toString(RequestFilter f);
std::string_view toString(LbAlgorithm a);
std::optional<ServiceDist> serviceDistFromName(std::string_view s);
std::optional<ArrivalProcess> arrivalFromName(std::string_view s);
std::optional<LinkMode> linkModeFromName(std::string_view s);
std::optional<RequestFilter> requestFilterFromName(std::string_view s);
std::optional<LbAlgorithm> lbAlgorithmFromName(std::string_view s);

std::string_view toString(ProfileShape s);
std::string_view toString(ReplicationMode m);
std::string_view toString(ReadFrom r);
std::string_view toString(Consistency c);
std::optional<ProfileShape> profileShapeFromName(std::string_view s);
std::optional<ReplicationMode> replicationModeFromName(std::string_view s);
std::optional<ReadFrom> readFromFromName(std::string_view s);
std::optional<Consistency> consistencyFromName(std::string_view s);

// The scenario actions a design file may use, and the ones that need a value.
std::span<const std::string_view> scenarioActions();

bool hasHitRatio(ComponentKind k);

// Effective values, with the kind's defaults applied.
int effectiveReplicas(const Component &c);
int effectiveWorkers(const Component &c);
ServiceTime effectiveServiceTime(const Component &c);
double effectiveHitRatio(const Component &c);
double effectiveReadRatio(const Component &c);
double instanceCostPerHour(const Component &c); // one replica
double designCostPerHour(const Design &d);      // all replicas of all components

// Link latency when the file gives none: same region 0.5 ms, across regions 75 ms.
inline constexpr double kSameRegionLatencyMs = 0.5;
inline constexpr double kCrossRegionLatencyMs = 75.0;
double effectiveLatencyMs(const Design &d, const Link &l);

} // namespace hld
