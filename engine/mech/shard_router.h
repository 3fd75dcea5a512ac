#pragma once

#include "model/design.h"

#include <cstdint>
#include <vector>

namespace hld {

// Which shard owns a key (contract 5.3).
// - Hash: a 64-bit mix of the key, modulo S.
// - Range: the key space [0, N) in S contiguous ranges whose sizes differ by at most one (the
//   first N mod S ranges are one key longer); keys >= N, new sequential ids, belong to the
//   last shard.
// - ConsistentHash: a ring of S x V points (V virtual nodes per shard, each point a mix of
//   (shard, vnode) so a shard's points never depend on S); a key belongs to the first point
//   at or after its own mix. The sorted points are searched through an index on their top
//   bits (one bucket per point or so), which leaves one or two points to bisect: O(1)
//   expected and O(log(S V)) at worst, where a plain binary search always costs log2(S V)
//   dependent loads.
class ShardRouter
{
public:
    static constexpr std::uint32_t kDefaultVirtualNodes = 100;
    // reshard() counts moved keys exactly up to this key-space size, else over a sample of
    // this many keys.
    static constexpr std::uint64_t kExactReshardKeys = 1'000'000;

    // `keySpace` is N, the keys that exist at the start (range boundaries depend on it).
    // Counts below 1 are taken as 1; virtual nodes below 1 as 1.
    ShardRouter(ShardStrategy strategy,
                std::uint32_t shardCount,
                std::uint64_t keySpace,
                std::uint32_t virtualNodes = kDefaultVirtualNodes);

    std::uint32_t shardOf(std::uint64_t key) const
    {
        switch (m_strategy) {
        case ShardStrategy::Hash:
            return static_cast<std::uint32_t>(mixKey(key) % m_count);
        case ShardStrategy::Range:
            return rangeShard(key);
        case ShardStrategy::ConsistentHash:
            break;
        }
        return ringOwner(mixKey(key));
    }

    // Changes S and returns the fraction of the key space [0, N) whose shard changed. Range:
    // exact, from the boundaries. Hash and consistent hash: exact by enumeration when
    // N <= kExactReshardKeys; beyond, over kExactReshardKeys keys spread evenly over [0, N)
    // (key i = floor(i N / M)), so the estimate is fixed for a given N and has a standard
    // error below 0.0005.
    double reshard(std::uint32_t newCount);

    ShardStrategy strategy() const { return m_strategy; }
    std::uint32_t count() const { return m_count; }
    std::uint64_t keySpace() const { return m_keySpace; }
    std::uint32_t virtualNodes() const { return m_virtualNodes; }
    std::size_t ringSize() const { return m_points.size(); }
    // Consistent hash: the ring's points in ascending order and their shards (to draw it).
    const std::vector<std::uint64_t> &ringPoints() const { return m_points; }
    const std::vector<std::uint32_t> &ringOwners() const { return m_owners; }
    // Consistent hash: the shard owning a position on the ring (a key's is mixKey(key)).
    std::uint32_t ringOwner(std::uint64_t position) const;

    static std::uint64_t mixKey(std::uint64_t key);

private:
    std::uint32_t rangeShard(std::uint64_t key) const;
    void buildRing();
    double movedRangeFraction(std::uint32_t oldCount) const;

    ShardStrategy m_strategy;
    std::uint32_t m_count;
    std::uint64_t m_keySpace;
    std::uint32_t m_virtualNodes;
    // Range: the first m_longRanges ranges hold m_rangeSize + 1 keys, the others m_rangeSize.
    std::uint64_t m_rangeSize = 0;
    std::uint64_t m_longRanges = 0;
    // Consistent hash: the ring's points in ascending order, and the shard each belongs to.
    std::vector<std::uint64_t> m_points;
    std::vector<std::uint32_t> m_owners;
    std::vector<std::uint32_t> m_index; // 2^b + 1 entries: see buildRing()
    int m_indexShift = 63;
};

} // namespace hld
