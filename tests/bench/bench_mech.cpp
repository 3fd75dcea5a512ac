// Mechanism building blocks: a key-level cache per policy on a realistic Zipf stream, shard
// routing, the Bloom filter and the key source, in ns per operation. Run with scripts/bench
// or `hld_bench --benchmark_filter=Mech`.
#include "mech/bloom_filter.h"
#include "mech/key_cache.h"
#include "mech/shard_router.h"
#include "mech/zipf_key_source.h"

#include <benchmark/benchmark.h>

#include <vector>

using namespace hld;

namespace {

// Zipf 0.99 over 10 keys per slot of the cache, scrambled (ids < 2^32, kept as 32 bits to
// halve the trace).
ZipfKeySource zipfKeys(std::uint32_t capacity)
{
    return ZipfKeySource({10ull * capacity, 0.99, 0.0, WritePattern::Zipf, true, 0});
}

constexpr std::int64_t kTimedRequests = 1 << 22;

// One request: a lookup, and a store after a miss (cache-aside). A million keys of capacity
// (38 MB: every cold access goes to DRAM), and ten thousand (in the CPU's caches: the cost of
// the code alone). The cache is first warmed with 8 million requests (it fills and reaches its
// steady state), then timed over 4 million fresh requests read from a trace drawn beforehand, so
// that the cache is measured and not the sampler (reading the trace in order costs little). One run
// of fixed length: repeating the warm-up for each of Google Benchmark's trial runs would
// take minutes.
void BM_MechKeyCacheZipf(benchmark::State &state)
{
    const auto eviction = static_cast<Eviction>(state.range(0));
    const auto capacity = static_cast<std::uint32_t>(state.range(1));
    KeyCache cache({capacity, eviction, 0, 0}, Rng(2));
    auto request = [&](std::uint64_t key) {
        if (cache.lookup(key, 0) != KeyCache::Lookup::Hit)
            cache.store(key, 0);
    };
    ZipfKeySource source = zipfKeys(capacity);
    Rng rng(1);
    for (int i = 0; i < 2 * kTimedRequests; ++i)
        request(source.nextRead(rng));
    std::vector<std::uint32_t> trace(kTimedRequests);
    for (auto &k : trace)
        k = static_cast<std::uint32_t>(source.nextRead(rng));

    const KeyCacheCounters before = cache.counters();
    std::size_t i = 0;
    for (auto _ : state)
        request(trace[i++]);
    const KeyCacheCounters &after = cache.counters();
    state.SetItemsProcessed(state.iterations());
    state.counters["hit_ratio"] = double(after.hits - before.hits)
                                  / double(after.hits + after.misses - before.hits - before.misses);
    state.counters["bytes/key"] = double(cache.bytes()) / cache.size();
    state.SetLabel(eviction == Eviction::Lru    ? "lru"
                   : eviction == Eviction::Lfu  ? "lfu"
                   : eviction == Eviction::Fifo ? "fifo"
                                                : "random");
}
BENCHMARK(BM_MechKeyCacheZipf)
    ->ArgsProduct(
        {{int(Eviction::Lru), int(Eviction::Lfu), int(Eviction::Fifo), int(Eviction::Random)},
         {1'000'000, 10'000}})
    ->Iterations(kTimedRequests);

void BM_MechShardRoute(benchmark::State &state)
{
    const auto strategy = static_cast<ShardStrategy>(state.range(0));
    const ShardRouter router(strategy, 64, 10'000'000, 100);
    std::uint64_t key = 0;
    std::uint32_t sum = 0;
    for (auto _ : state) {
        sum += router.shardOf(key);
        key += 0x9E3779B97F4A7C15ull; // keys all over the 64-bit space
    }
    benchmark::DoNotOptimize(sum);
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(strategy == ShardStrategy::Hash    ? "hash, 64 shards"
                   : strategy == ShardStrategy::Range ? "range, 64 shards"
                                                      : "consistent_hash, 64 x 100 vnodes");
}
BENCHMARK(BM_MechShardRoute)
    ->Arg(int(ShardStrategy::Hash))
    ->Arg(int(ShardStrategy::Range))
    ->Arg(int(ShardStrategy::ConsistentHash));

// A million keys at 1%: 1.2 MB of bits, 7 probes per query.
void BM_MechBloomQuery(benchmark::State &state)
{
    BloomFilter filter(1'000'000, 0.01);
    for (std::uint64_t k = 0; k < 1'000'000; ++k)
        filter.add(k);
    std::uint64_t key = 0;
    int positives = 0;
    for (auto _ : state)
        positives += filter.mightContain(key++ * 7);
    benchmark::DoNotOptimize(positives);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MechBloomQuery);

void BM_MechKeySourceRead(benchmark::State &state)
{
    ZipfKeySource source({10'000'000, 0.99, 0.0, WritePattern::Zipf, state.range(0) != 0, 0});
    Rng rng(3);
    std::uint64_t sum = 0;
    for (auto _ : state)
        sum += source.nextRead(rng);
    benchmark::DoNotOptimize(sum);
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(state.range(0) ? "scrambled" : "plain ids");
}
BENCHMARK(BM_MechKeySourceRead)->Arg(0)->Arg(1);

} // namespace
