#pragma once

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

struct Traffic
{
    double rps = 0;
    ArrivalProcess arrival = ArrivalProcess::Poisson;
    std::optional<double> readRatio;  // default 1 (all reads)
    std::optional<double> timeoutMs;  // a response later than this counts as an error
    std::optional<std::int64_t> users; // distinct sources, for ip_hash stickiness
    bool operator==(const Traffic &) const = default;
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
    std::optional<bool> holdWorker; // keep the worker during downstream calls
    std::optional<Traffic> traffic;       // client
    std::optional<LbAlgorithm> algorithm; // load_balancer
    std::optional<double> hitRatio;       // cache, cdn
    std::optional<std::int64_t> maxBacklog; // queue
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
    bool operator==(const Link &) const = default;
};

// A named frame on the canvas. A component whose `region` names it belongs to it; links
// across regions default to cross-region latency.
struct Region
{
    std::string name;
    double x = 0, y = 0, width = 400, height = 300;
    bool operator==(const Region &) const = default;
};

struct Design
{
    std::string name;
    std::vector<Component> components;
    std::vector<Link> links;
    std::vector<Region> regions;
    bool operator==(const Design &) const = default;

    const Component *find(const std::string &id) const;
    int indexOf(const std::string &id) const; // -1 if absent
};

inline constexpr int kFormatVersion = 1;
inline constexpr std::size_t kMaxComponents = 10000;
inline constexpr std::size_t kMaxLinks = 100000;
inline constexpr std::int64_t kMaxReplicas = 10000;
inline constexpr std::int64_t kMaxWorkers = 100000;

} // namespace hld
