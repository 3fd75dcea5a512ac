#pragma once

#include "mech/key_cache.h"
#include "sim/flat_map.h"
#include "sim/network.h"
#include "sim/request_pool.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace hld {

// A key-level cache component (contract 5.2) as the simulation sees it: its contents (a
// KeyCache), the Bloom filter of the keys that exist, the misses in flight (for request
// coalescing) and, for write_behind, the writes not yet flushed. It decides; the simulator
// moves the requests.
class CacheStore
{
public:
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

    enum class Read : std::uint8_t {
        Hit,       // served from the cache
        NotFound,  // answered "not found" (a negative entry, or the Bloom filter)
        Miss,      // go downstream, then fill()
        Coalesced, // another miss of this key is on its way: wait for it
    };

    // The Bloom filter's false-positive rate: what mech/BloomFilter achieves at its default
    // sizing (about 9.6 bits and 7 hashes per key; its test measures it).
    static constexpr double kBloomFalsePositive = 0.01;

    CacheStore(const NodeSpec &spec, Rng rng);

    // A read of `key` by request r at `now`. When Coalesced, r waits (linked through its
    // nextInQueue) until the miss in flight comes back.
    Read read(std::uint64_t key, double now, std::uint32_t r, RequestPool &pool);
    // The miss of `key` came back: stored if `ok` (as "not found" when !found), and each
    // request waiting for it handed to `wake`.
    template<typename F>
    void fill(std::uint64_t key, bool found, bool ok, double now, RequestPool &pool, F &&wake)
    {
        if (ok)
            m_cache.store(key, now, !found);
        if (!m_coalesce)
            return;
        std::uint32_t *head = m_inFlight.find(key);
        if (!head)
            return;
        std::uint32_t w = *head;
        m_inFlight.erase(key);
        while (w != kNone) {
            const std::uint32_t after = pool[w].nextInQueue;
            wake(w);
            w = after;
        }
    }
    // A write of `key` passing through: invalidated (cache_aside, read_through) or stored
    // (write_through, write_behind; write_behind also remembers it as not yet flushed).
    // True when the cache acknowledges it itself (write_behind).
    bool write(std::uint64_t key, double now);
    // write_behind: the writes to flush now (each key once, however often it was written).
    void takeDirty(std::vector<std::uint64_t> &out);
    // The cache died: its contents and its unflushed writes are gone. Returns those writes.
    std::uint64_t lose();
    void flush(); // flush_cache: contents dropped (unflushed writes are lost too)
    // Takes over the misses `old` has on their way (a live reconfiguration).
    void adoptInFlight(CacheStore &old) { m_inFlight = std::move(old.m_inFlight); }

    const KeyCacheCounters &counters() const { return m_cache.counters(); }
    std::uint64_t coalesced() const { return m_coalesced; }
    std::uint64_t bloomRejected() const { return m_bloomRejected; }
    std::uint64_t lostWrites() const { return m_lostWrites; }
    std::uint32_t size() const { return m_cache.size(); }
    std::uint32_t capacity() const { return m_cache.capacity(); }
    bool writeBehind() const { return m_strategy == CacheStrategy::WriteBehind; }
    std::size_t dirty() const { return m_dirty.size(); }

private:
    static bool bloomMightContain(std::uint64_t key);

    KeyCache m_cache;
    bool m_bloom = false;
    CacheStrategy m_strategy;
    bool m_coalesce;
    FlatMap m_inFlight; // key -> first request waiting for its miss (kNone: none yet)
    FlatMap m_dirty;    // write_behind: keys written since the last flush
    std::uint64_t m_coalesced = 0, m_bloomRejected = 0, m_lostWrites = 0;
};

} // namespace hld
