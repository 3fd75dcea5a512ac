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

} // namespace hld
