#pragma once

#include "model/design.h"
#include "sim/rng.h"

#include <cstdint>
#include <vector>

namespace hld {

// The data a replicated store holds, reduced to what consistency needs: per key, the newest
// committed version, and per replica, the version it has. Replica 0 leads.
class ReplicatedStore
{
public:
    ReplicatedStore() = default;
    ReplicatedStore(const Replication &spec, std::uint32_t replicas);

    bool enabled() const { return !m_committed.empty(); }
    const Replication &spec() const { return m_spec; }

    std::uint32_t drawKey(Rng &rng) const; // Zipf(key_skew) over the key space
    // A write accepted at `replica`: a new version, held there at once.
    std::uint32_t write(std::uint32_t replica, std::uint32_t key);
    void apply(std::uint32_t replica, std::uint32_t key, std::uint32_t version);
    bool isStale(std::uint32_t replica, std::uint32_t key) const;
    void ensureReplicas(std::uint32_t replicas);
    // After a partition heals, replicas exchange what they missed.
    void reconcile();

private:
    Replication m_spec;
    std::vector<double> m_cdf;
    std::vector<std::uint32_t> m_committed;
    std::vector<std::vector<std::uint32_t>> m_version;
};

} // namespace hld
