#pragma once

#include "model/design.h"
#include "sim/flat_map.h"
#include "sim/rng.h"
#include "sim/zipf.h"

#include <cstdint>
#include <vector>

namespace hld {

// The data a replicated store holds, reduced to what consistency needs: per key written, the
// newest version; per replica, only the keys where it is behind (what it holds instead).
// Memory follows the keys actually written and the replication still in flight, never
// replicas x key space: a replica that is up to date costs nothing. Replica 0 leads.
class ReplicatedStore
{
public:
    ReplicatedStore() = default;
    ReplicatedStore(const Replication &spec, std::uint32_t replicas);

    bool enabled() const { return m_enabled; }
    const Replication &spec() const { return m_spec; }

    std::uint64_t drawKey(Rng &rng) const; // Zipf(key_skew) over the key space, from 0
    // A write accepted at `replica`: a new version, held there at once, behind everywhere
    // else until apply() brings it.
    // Only replicas [begin, end) hold the key (its shard's group; all of them unsharded).
    std::uint32_t
    write(std::uint32_t replica, std::uint64_t key, std::uint32_t begin, std::uint32_t end);
    void apply(std::uint32_t replica, std::uint64_t key, std::uint32_t version);
    bool isStale(std::uint32_t replica, std::uint64_t key) const;
    void ensureReplicas(std::uint32_t replicas); // new replicas start from a snapshot
    // A retired replica takes no writes and holds nothing; admitted again, it starts from a
    // snapshot. (Without this, a scaled-in replica would collect every key written.)
    void retire(std::uint32_t replica);
    void admit(std::uint32_t replica);
    // After a partition heals, replicas exchange what they missed (last writer wins).
    void reconcile();
    // Memory held for keys and lagging replicas. Kept as a running total (tables only grow,
    // so it never falls), so the simulator can hold it to its budget after every write.
    std::size_t bytes() const { return m_bytes; }
    std::size_t recountBytes() const; // the same, counted table by table (for tests)

    // True when `replica` holds a version of `key` older than `version`.
    bool behind(std::uint32_t replica, std::uint64_t key, std::uint32_t version) const
    {
        if (replica >= m_behind.size())
            return false;
        const std::uint32_t *held = m_behind[replica].find(key);
        return held && *held < version;
    }

    // Roles (contract 5.4), per group of replicas (a sharded store has one per shard; an
    // unsharded one, group 0).
    struct Group
    {
        std::uint32_t leader = 0; // a replica index, or 0xFFFFFFFF while none is elected
        bool electionPending = false;
        double leaderLostAt = -1; // when writes became unavailable; -1 when they are not
    };
    Group &group(std::uint32_t g)
    {
        if (g >= m_groups.size())
            m_groups.resize(g + 1);
        return m_groups[g];
    }
    const std::vector<Group> &groups() const { return m_groups; }

    // Split brain: the sides (bit 1: the leader's, bit 2: the other) that wrote each key
    // while a partition was in force. A key written on both is a conflict at the heal.
    void noteSplitWrite(std::uint64_t key, std::uint32_t side)
    {
        const std::size_t before = m_split.bytes();
        m_split.upsert(key, 0) |= side;
        m_bytes += m_split.bytes() - before;
    }
    std::uint64_t takeConflicts();

    // Read-your-writes: each user's last write.
    struct UserWrite
    {
        std::uint64_t key = 0;
        std::uint32_t version = 0;
        double atS = 0; // when it was stored (its acknowledgement is on its way)
    };
    void noteUserWrite(std::uint32_t user, std::uint64_t key, std::uint32_t version, double atS);
    const UserWrite *lastWriteOf(std::uint32_t user) const;

private:
    std::uint32_t latest(std::uint64_t key) const
    {
        const std::uint32_t *v = m_latest.find(key);
        return v ? *v : 0;
    }

    Replication m_spec;
    bool m_enabled = false;
    ZipfSampler m_keys;
    FlatMap m_latest;              // key -> newest version (absent: never written, 0)
    std::vector<FlatMap> m_behind; // per replica: key -> the older version it holds
    std::vector<char> m_member;    // per replica: takes writes (not retired)
    std::vector<Group> m_groups{Group{}};
    FlatMap m_split;    // key -> sides that wrote it during a partition
    FlatMap m_userSlot; // user -> index into m_userWrites
    std::vector<UserWrite> m_userWrites;
    std::size_t m_bytes = 0;
};

} // namespace hld
