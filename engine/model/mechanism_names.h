#pragma once

#include "model/design.h"
#include "model/name_table.h"

#include <string_view>

namespace hld {

// File names of the mechanisms' enums (contract sections 5.1-5.5).
inline constexpr NameTable<WritePattern, 2> kWritePatterns{
    {{{WritePattern::Zipf, "zipf"}, {WritePattern::Sequential, "sequential"}}}};
inline constexpr NameTable<Eviction, 4> kEvictions{{{{Eviction::Lru, "lru"},
                                                     {Eviction::Lfu, "lfu"},
                                                     {Eviction::Fifo, "fifo"},
                                                     {Eviction::Random, "random"}}}};
inline constexpr NameTable<CacheStrategy, 4> kCacheStrategies{
    {{{CacheStrategy::CacheAside, "cache_aside"},
      {CacheStrategy::ReadThrough, "read_through"},
      {CacheStrategy::WriteThrough, "write_through"},
      {CacheStrategy::WriteBehind, "write_behind"}}}};
inline constexpr NameTable<ShardStrategy, 3> kShardStrategies{
    {{{ShardStrategy::Hash, "hash"},
      {ShardStrategy::Range, "range"},
      {ShardStrategy::ConsistentHash, "consistent_hash"}}}};
inline constexpr NameTable<Delivery, 2> kDeliveries{
    {{{Delivery::AtLeastOnce, "at_least_once"}, {Delivery::AtMostOnce, "at_most_once"}}}};
inline constexpr NameTable<QueueModel, 2> kQueueModels{
    {{{QueueModel::Queue, "queue"}, {QueueModel::Log, "log"}}}};

// Failure handling and traffic control (contract 5.6-5.9).
inline constexpr NameTable<Jitter, 3> kJitters{
    {{{Jitter::None, "none"}, {Jitter::Full, "full"}, {Jitter::Equal, "equal"}}}};
inline constexpr NameTable<RateAlgorithm, 5> kRateAlgorithms{
    {{{RateAlgorithm::FixedWindow, "fixed_window"},
      {RateAlgorithm::SlidingWindowLog, "sliding_window_log"},
      {RateAlgorithm::SlidingWindowCounter, "sliding_window_counter"},
      {RateAlgorithm::TokenBucket, "token_bucket"},
      {RateAlgorithm::LeakyBucket, "leaky_bucket"}}}};
inline constexpr NameTable<RateScope, 2> kRateScopes{
    {{{RateScope::All, "all"}, {RateScope::User, "user"}}}};
inline constexpr NameTable<Sessions, 3> kSessions{
    {{{Sessions::None, "none"}, {Sessions::Local, "local"}, {Sessions::Shared, "shared"}}}};
inline constexpr NameTable<SagaMode, 2> kSagaModes{
    {{{SagaMode::Orchestration, "orchestration"}, {SagaMode::Choreography, "choreography"}}}};
inline constexpr NameTable<AutoscaleMetric, 3> kAutoscaleMetrics{
    {{{AutoscaleMetric::Utilization, "utilization"},
      {AutoscaleMetric::Queue, "queue"},
      {AutoscaleMetric::P99, "p99_ms"}}}};

} // namespace hld

namespace hld {

inline std::optional<WritePattern> writePatternFromName(std::string_view s)
{
    return kWritePatterns.value(s);
}
inline std::optional<Eviction> evictionFromName(std::string_view s)
{
    return kEvictions.value(s);
}
inline std::optional<CacheStrategy> cacheStrategyFromName(std::string_view s)
{
    return kCacheStrategies.value(s);
}
inline std::optional<ShardStrategy> shardStrategyFromName(std::string_view s)
{
    return kShardStrategies.value(s);
}
inline std::optional<Delivery> deliveryFromName(std::string_view s)
{
    return kDeliveries.value(s);
}
inline std::optional<QueueModel> queueModelFromName(std::string_view s)
{
    return kQueueModels.value(s);
}

inline std::optional<Jitter> jitterFromName(std::string_view s)
{
    return kJitters.value(s);
}
inline std::optional<RateAlgorithm> rateAlgorithmFromName(std::string_view s)
{
    return kRateAlgorithms.value(s);
}
inline std::optional<RateScope> rateScopeFromName(std::string_view s)
{
    return kRateScopes.value(s);
}
inline std::optional<Sessions> sessionsFromName(std::string_view s)
{
    return kSessions.value(s);
}
inline std::optional<SagaMode> sagaModeFromName(std::string_view s)
{
    return kSagaModes.value(s);
}
inline std::optional<AutoscaleMetric> autoscaleMetricFromName(std::string_view s)
{
    return kAutoscaleMetrics.value(s);
}

} // namespace hld
