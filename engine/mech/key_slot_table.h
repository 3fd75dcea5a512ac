#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace hld {

// The index of a key-level cache: 64-bit key -> dense slot number (< 2^24), in 4 bytes per
// bucket. FlatMap stores the key beside its value (16 bytes a bucket, load <= 1/2: up to 64
// bytes per key); here the key lives only in the owner's slot array, reached through
// `keyOf(slot)`, and the bucket keeps 8 bits of the hash as a tag so that probing past other
// keys rarely touches their slots. Linear probing, backward-shift deletion (no tombstones),
// a table of any size (not only powers of two: fastrange maps the hash onto it) that grows
// only while the cache fills, up to 1.5 buckets per key, so a full cache costs 6 bytes per
// key here and never allocates again.
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
    std::size_t bytes() const { return m_buckets.capacity() * sizeof(std::uint32_t); }

    template<typename KeyOf>
    std::uint32_t find(std::uint64_t key, KeyOf &&keyOf) const
    {
        if (m_buckets.empty())
            return kNone;
        const std::uint64_t h = mix(key);
        const std::uint32_t tag = tagOf(h);
        for (std::uint32_t i = home(h);; i = step(i)) {
            const std::uint32_t b = m_buckets[i];
            if (b == kNone)
                return kNone;
            if ((b & kTagMask) == tag && keyOf(b & kSlotMask) == key)
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

    // The slot that holds `key` is now `slot` (its owner moved it).
    void relocate(std::uint64_t key, std::uint32_t oldSlot, std::uint32_t slot)
    {
        const std::uint64_t h = mix(key);
        const std::uint32_t old = tagOf(h) | oldSlot;
        for (std::uint32_t i = home(h);; i = step(i)) {
            if (m_buckets[i] == old) {
                m_buckets[i] = tagOf(h) | slot;
                return;
            }
        }
    }

    // Removes `key`, which is present in `slot`.
    template<typename KeyOf>
    void erase(std::uint64_t key, std::uint32_t slot, KeyOf &&keyOf)
    {
        const std::uint64_t h = mix(key);
        const std::uint32_t target = tagOf(h) | slot;
        std::uint32_t i = home(h);
        while (m_buckets[i] != target)
            i = step(i);
        // Backward shift: pull later members of the probe run into the hole, unless their
        // home lies cyclically in (hole, j] (they would then move before their home).
        for (std::uint32_t j = step(i);; j = step(j)) {
            const std::uint32_t b = m_buckets[j];
            if (b == kNone)
                break;
            const std::uint32_t k = home(mix(keyOf(b & kSlotMask)));
            const bool between = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (between)
                continue;
            m_buckets[i] = b;
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
    static constexpr std::uint32_t kTagMask = ~kSlotMask;

    // A full 64-bit finaliser (splitmix64's): sequential keys must not cluster.
    static std::uint64_t mix(std::uint64_t x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
        return x ^ (x >> 31);
    }
    static std::uint32_t tagOf(std::uint64_t h) { return static_cast<std::uint32_t>(h) << 24; }
    std::uint32_t home(std::uint64_t h) const
    {
        return static_cast<std::uint32_t>(((h >> 32) * m_buckets.size()) >> 32); // fastrange
    }
    std::uint32_t step(std::uint32_t i) const { return i + 1 == m_buckets.size() ? 0 : i + 1; }
    void place(std::uint64_t key, std::uint32_t slot)
    {
        const std::uint64_t h = mix(key);
        std::uint32_t i = home(h);
        while (m_buckets[i] != kNone)
            i = step(i);
        m_buckets[i] = tagOf(h) | slot;
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
