#pragma once

#include "mech/key_slot_table.h"
#include "model/design.h"
#include "sim/rng.h"

#include <cstdint>
#include <vector>

namespace hld {

struct KeyCacheConfig
{
    std::uint32_t capacityKeys = 0; // at most KeyCache::kMaxCapacity; 0 caches nothing
    Eviction eviction = Eviction::Lru;
    double ttlS = 0;         // an entry expires this long after it was stored; <= 0: never
    double negativeTtlS = 0; // how long "not found" is cached; <= 0: not cached
};

struct KeyCacheCounters
{
    std::uint64_t hits = 0;         // every Hit and NegativeHit
    std::uint64_t negativeHits = 0; // the NegativeHit part of hits
    std::uint64_t misses = 0;       // every Miss and Expired
    std::uint64_t evictions = 0;    // live entries removed to make room
    std::uint64_t expirations = 0;  // expired entries found (by a lookup, a store or a scan)

    double hitRatio() const
    {
        const std::uint64_t n = hits + misses;
        return n == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(n);
    }
};

// The contents of one key-level cache (one shard of a `cache` or `cdn` component): which
// keys it holds, when they expire, and which one it gives up when full. It knows nothing of
// requests or time passing; the caller passes the clock.
//
// Every operation is O(1) and, once the cache is full, allocates nothing: slots are an array
// that grows to the capacity and recycles removed slots through a free list, the orders are
// lists linked by slot number, and the index is a KeySlotTable. A full cache costs 32 bytes
// per key for its slot and 6 for the index; LFU adds 24 bytes per distinct use count present
// (measured under Zipf 0.99: +0.05 bytes per key for a million keys, +5 for ten thousand
// after 12 million requests, when the hot keys' counts are all different). Eviction only happens
// when every slot is in use, so a RANDOM victim is a single uniform draw over the slots, and RANDOM
// keeps no list at all. The cost of an operation is its cold memory accesses (a big cache lives in
// DRAM), so removal avoids moving slots and unlinking the head of a list leaves its successor's
// back-link stale instead of touching it (a list head's back-link is never read).
//
// Policies. LRU evicts the least recently used (a hit or a re-store counts as a use). FIFO
// evicts the oldest insertion (hits and re-stores do not move an entry). RANDOM evicts a
// uniformly drawn entry. LFU (Shah, Mitra and Matani's O(1) frequency buckets) evicts the
// least frequently used, the least recently used among those; counts start at 1 when a key
// is stored and are forgotten when it leaves ("in-cache" LFU: no history, no ageing).
//
// Expiry is lazy: an expired entry stays until a lookup or store of its key finds it, or
// until room is needed and it is among the first kExpiryScan eviction candidates (in the
// policy's order; for RANDOM, successive draws). Reclaiming such an entry counts as an
// expiration, not an eviction, and saves a live one.
class KeyCache
{
public:
    enum class Lookup : std::uint8_t { Hit, Miss, Expired, NegativeHit };

    static constexpr std::uint32_t kMaxCapacity = KeySlotTable::kMaxSlots;
    static constexpr int kExpiryScan = 4;

    // `rng` draws the RANDOM victims only; the cache keeps its own copy so that a run
    // replays bit for bit.
    explicit KeyCache(const KeyCacheConfig &config, Rng rng = Rng());

    // Counts a hit or a miss. An expired entry is removed (Expired, counted as a miss and as
    // an expiration). A hit is a use for LRU and LFU.
    Lookup lookup(std::uint64_t key, double nowS);
    // Stores `key` (or refreshes it: a new expiry, and a use for LRU and LFU), evicting if
    // full. A negative entry caches "not found" for negativeTtlS; when that is <= 0 a
    // negative store only removes the key.
    void store(std::uint64_t key, double nowS, bool negative = false);
    void erase(std::uint64_t key); // invalidation; counts nothing
    void clear();                  // flush; keeps the counters and the allocated memory

    // Applies to entries stored from now on.
    void setTtl(double ttlS, double negativeTtlS);

    bool contains(std::uint64_t key) const; // expired or not; counts and touches nothing
    std::uint32_t size() const { return m_size; }
    std::uint32_t capacity() const { return m_config.capacityKeys; }
    const KeyCacheConfig &config() const { return m_config; }
    const KeyCacheCounters &counters() const { return m_counters; }
    std::size_t bytes() const; // memory held by the contents

private:
    static constexpr std::uint32_t kNil = 0xFFFFFFFFu;

    enum class State : std::uint8_t { Positive, Negative, Free };
    struct Entry
    {
        std::uint64_t key;
        double expiresAt;    // +inf when it never expires
        std::uint32_t prev;  // stale while the entry heads its list
        std::uint32_t next;  // the free list's link while free
        std::uint32_t group; // LFU: its frequency group
        State state;
    };
    struct List
    {
        std::uint32_t head = kNil; // the victim end: LRU, oldest, or least recent of a group
        std::uint32_t tail = kNil;
    };
    struct Group // LFU: the entries used exactly `freq` times
    {
        std::uint64_t freq;
        List items;
        std::uint32_t prev; // lower frequency
        std::uint32_t next; // higher frequency; the free list's link when unused
    };

    std::uint32_t find(std::uint64_t key) const;
    void insert(std::uint64_t key, double expiresAt, State state);
    std::uint32_t takeSlot();
    void remove(std::uint32_t i);
    void makeRoom(double nowS);
    void touch(std::uint32_t i);
    std::uint32_t firstCandidate();
    std::uint32_t nextCandidate(std::uint32_t i);
    std::uint32_t randomSlot();

    void pushBack(List &list, std::uint32_t i);
    void unlink(List &list, std::uint32_t i);

    void lfuInsert(std::uint32_t i);
    void lfuIncrement(std::uint32_t i);
    std::uint32_t newGroup(std::uint64_t freq, std::uint32_t after);
    void freeGroup(std::uint32_t g);

    KeyCacheConfig m_config;
    Rng m_rng;
    KeyCacheCounters m_counters;
    std::vector<Entry> m_entries; // slots in use or free; never more than the capacity
    std::uint32_t m_size = 0;     // slots in use
    std::uint32_t m_freeSlots = kNil;
    KeySlotTable m_index;
    List m_order;                  // LRU, FIFO
    std::vector<Group> m_groups;   // LFU, pooled
    std::uint32_t m_lowest = kNil; // LFU: the lowest-frequency group
    std::uint32_t m_freeGroups = kNil;
    bool m_mayExpire = false; // some entry was stored with a finite expiry
};

} // namespace hld
