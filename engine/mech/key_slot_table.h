#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace hld {

// The index of a key-level cache: 64-bit key -> slot number (< 2^24 - 1), in 4 bytes per
// bucket. FlatMap stores the key beside its value (16 bytes a bucket, load <= 1/2: up to 64
// bytes per key); here the key lives only in the owner's slot array, reached through
// `keyOf(slot)`, which in a big cache is a cold memory access, so the bucket's spare 8 bits
// exist to avoid it:
// - 4 bits of displacement (the distance from the key's home bucket; 15 means "15 or more").
//   Deletion by backward shift needs every following key's home, which would otherwise cost
//   one slot read per bucket of the cluster (about 6 at this load); with it, none.
// - 4 bits of the hash as a tag. A lookup reads a slot only for a bucket with the same home
//   and tag: about 1 in 25 wrong reads.
// Linear probing, no tombstones, a table of any size (fastrange maps the hash onto it) that
// grows only while the cache fills, up to 1.5 buckets per key (load <= 2/3), so a full cache
// costs 6 bytes per key here and never allocates again.
class KeySlotTable
{
public:
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
    static constexpr std::uint32_t kMaxSlots = (1u << 24) - 1; // slot numbers < 2^24 - 1

    // The most keys it will ever hold: the table never grows past 1.5 buckets per key.
    void setMaxKeys(std::uint32_t maxKeys)
    {
        m_maxBuckets = static_cast<std::uint32_t>(maxKeys + maxKeys / 2 + 1);
        if (m_maxBuckets < kMinBuckets)
            m_maxBuckets = kMinBuckets;
    }

    std::uint32_t size() const { return m_size; }
    std::uint32_t bucketCount() const { return static_cast<std::uint32_t>(m_buckets.size()); }
    std::size_t bytes() const { return m_buckets.capacity() * sizeof(std::uint32_t); }
    // Where a probe for `key` starts (for tests that build long clusters on purpose).
    std::uint32_t homeOf(std::uint64_t key) const { return home(mix(key)); }

    template<typename KeyOf>
    std::uint32_t find(std::uint64_t key, KeyOf &&keyOf) const
    {
        if (m_buckets.empty())
            return kNone;
        const std::uint64_t h = mix(key);
        const std::uint32_t tag = tagOf(h);
        std::uint32_t distance = 0;
        for (std::uint32_t i = home(h);; i = step(i), ++distance) {
            const std::uint32_t b = m_buckets[i];
            if (b == kNone)
                return kNone;
            const std::uint32_t d = (b >> kShiftDisp) & kDispMask;
            const bool sameHome = d == distance || (d == kDispMask && distance >= kDispMask);
            if (sameHome && (b & kTagBits) == tag && keyOf(b & kSlotMask) == key)
                return b & kSlotMask;
        }
    }

    // `key` must be absent. May rebuild the table (only while growing), which is why it
    // needs every present key: `forEachKey(fn)` calls fn(key, slot) for each of them.
    template<typename ForEachKey>
    void insert(std::uint64_t key, std::uint32_t slot, ForEachKey &&forEachKey)
    {
        if ((static_cast<std::uint64_t>(m_size) + 1) * 3 > std::uint64_t(m_buckets.size()) * 2
            && m_buckets.size() < m_maxBuckets) {
            rebuild(forEachKey);
        }
        place(key, slot);
        ++m_size;
    }

    // Removes `key`, which is present in `slot`.
    template<typename KeyOf>
    void erase(std::uint64_t key, std::uint32_t slot, KeyOf &&keyOf)
    {
        std::uint32_t i = home(mix(key));
        while ((m_buckets[i] & kSlotMask) != slot) // slot numbers are unique: no key read
            i = step(i);
        // Backward shift: pull later members of the cluster into the hole when their home
        // is at or before it (displacement >= distance to the hole), until an empty bucket.
        for (std::uint32_t j = step(i);; j = step(j)) {
            const std::uint32_t b = m_buckets[j];
            if (b == kNone)
                break;
            std::uint32_t d = (b >> kShiftDisp) & kDispMask;
            if (d == kDispMask) // saturated: the real displacement needs the key
                d = distanceBetween(home(mix(keyOf(b & kSlotMask))), j);
            const std::uint32_t gap = distanceBetween(i, j);
            if (d < gap)
                continue; // its home lies after the hole
            m_buckets[i] = withDisplacement(b, d - gap);
            i = j;
        }
        m_buckets[i] = kNone;
        --m_size;
    }

    void clear()
    {
        std::fill(m_buckets.begin(), m_buckets.end(), kNone);
        m_size = 0;
    }

private:
    static constexpr std::uint32_t kMinBuckets = 16;
    static constexpr std::uint32_t kSlotMask = (1u << 24) - 1;
    static constexpr int kShiftDisp = 24;
    static constexpr std::uint32_t kDispMask = 15;
    static constexpr std::uint32_t kTagBits = 15u << 28;

    // A full 64-bit finaliser (splitmix64's): sequential keys must not cluster.
    static std::uint64_t mix(std::uint64_t x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
        return x ^ (x >> 31);
    }
    static std::uint32_t tagOf(std::uint64_t h) { return static_cast<std::uint32_t>(h) << 28; }
    static std::uint32_t withDisplacement(std::uint32_t b, std::uint32_t d)
    {
        return (b & ~(kDispMask << kShiftDisp)) | (std::min(d, kDispMask) << kShiftDisp);
    }
    std::uint32_t home(std::uint64_t h) const
    {
        return static_cast<std::uint32_t>(((h >> 32) * m_buckets.size()) >> 32); // fastrange
    }
    std::uint32_t step(std::uint32_t i) const { return i + 1 == m_buckets.size() ? 0 : i + 1; }
    std::uint32_t distanceBetween(std::uint32_t from, std::uint32_t to) const
    {
        return to >= from ? to - from : to + static_cast<std::uint32_t>(m_buckets.size()) - from;
    }
    void place(std::uint64_t key, std::uint32_t slot)
    {
        const std::uint64_t h = mix(key);
        std::uint32_t i = home(h);
        std::uint32_t d = 0;
        while (m_buckets[i] != kNone) {
            i = step(i);
            ++d;
        }
        m_buckets[i] = withDisplacement(tagOf(h) | slot, d);
    }
    template<typename ForEachKey>
    void rebuild(ForEachKey &&forEachKey)
    {
        std::uint64_t n = m_buckets.empty() ? kMinBuckets : m_buckets.size() * 2ull;
        if (n > m_maxBuckets)
            n = m_maxBuckets;
        std::vector<std::uint32_t>().swap(m_buckets); // release before allocating the new one
        m_buckets.assign(n, kNone);
        forEachKey([this](std::uint64_t key, std::uint32_t slot) { place(key, slot); });
    }

    std::vector<std::uint32_t> m_buckets;
    std::uint32_t m_size = 0;
    std::uint32_t m_maxBuckets = kMinBuckets;
};

} // namespace hld
