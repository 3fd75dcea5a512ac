#pragma once

// Failure handling and traffic control in the design (contract 5.6-5.9): the caller's
// policies on a link, and the components' rate limits, health checks, sessions, sagas and
// tables. Every struct holds its defaults, so a present object is always complete.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hld {

enum class Jitter : std::uint8_t { None, Full, Equal };

// A failed or timed-out call is tried again up to `max` times; attempt i+1 first waits
// backoff_ms x multiplier^(i-1), capped at max_backoff_ms, then jittered.
struct RetryPolicy
{
    std::int64_t max = 3;
    double backoffMs = 100;
    double multiplier = 2;
    double maxBackoffMs = 10000;
    Jitter jitter = Jitter::None;
    bool operator==(const RetryPolicy &) const = default;
};

// Closed -> open when, over the last window_s, at least min_calls ended and a share of at
// least failure_rate failed; open for open_s; then half_open_calls trial calls decide.
struct CircuitBreakerPolicy
{
    double failureRate = 0.5;
    std::int64_t minCalls = 20;
    double windowS = 10;
    double openS = 5;
    std::int64_t halfOpenCalls = 3;
    bool operator==(const CircuitBreakerPolicy &) const = default;
};

// A balancer probes each replica every interval_s; a dead one leaves rotation after
// unhealthy_after failed checks in a row.
struct HealthCheck
{
    double intervalS = 5;
    std::int64_t unhealthyAfter = 3;
    bool operator==(const HealthCheck &) const = default;
};

enum class RateAlgorithm : std::uint8_t {
    FixedWindow,
    SlidingWindowLog,
    SlidingWindowCounter,
    TokenBucket,
    LeakyBucket,
};
enum class RateScope : std::uint8_t { All, User };

struct RateLimit
{
    RateAlgorithm algorithm = RateAlgorithm::TokenBucket;
    double limit = 100;                // requests per window
    double windowS = 1;                // the window (or the refill period of `limit` tokens)
    std::optional<std::int64_t> burst; // token bucket: its size; leaky bucket: its queue
    RateScope per = RateScope::All;
    bool operator==(const RateLimit &) const = default;
};

enum class Sessions : std::uint8_t { None, Local, Shared };
enum class SagaMode : std::uint8_t { Orchestration, Choreography };

// A multi-step transaction: the steps are the component's sync out-links, in order. A step
// that fails makes the saga undo the steps before it, newest first, with a compensating
// write over the same link (when `compensations` is on).
struct Saga
{
    SagaMode mode = SagaMode::Orchestration;
    bool compensations = true;
    bool operator==(const Saga &) const = default;
};

enum class AutoscaleMetric : std::uint8_t { Utilization, Queue, P99 };

// Client `traffic.paths`: request paths and their shares.
using PathShares = std::vector<std::pair<std::string, double>>;

inline constexpr std::size_t kMaxPaths = 64;                    // distinct paths in a design
inline constexpr std::int64_t kMaxPerUserUsers = 1000000;       // users with per-user state
inline constexpr std::int64_t kMaxPerUserLogEntries = 10000000; // users x limit, window log

} // namespace hld
