#include "sim/replicated_store.h"

#include <algorithm>
#include <cmath>

namespace hld {

ReplicatedStore::ReplicatedStore(const Replication &spec, std::uint32_t replicas)
    : m_spec(spec)
{
    const auto keys = static_cast<std::size_t>(std::max<std::int64_t>(1, spec.keys));
    m_cdf.resize(keys);
    double sum = 0;
    for (std::size_t k = 0; k < keys; ++k) {
        sum += 1.0 / std::pow(double(k + 1), spec.keySkew);
        m_cdf[k] = sum;
    }
    for (auto &c : m_cdf)
        c /= sum;
    m_committed.assign(keys, 0);
    ensureReplicas(replicas);
}

void ReplicatedStore::ensureReplicas(std::uint32_t replicas)
{
    while (m_version.size() < replicas)
        m_version.push_back(m_committed); // a new replica starts from a snapshot of the data
}

std::uint32_t ReplicatedStore::drawKey(Rng &rng) const
{
    const double u = rng.uniform();
    return static_cast<std::uint32_t>(std::lower_bound(m_cdf.begin(), m_cdf.end(), u)
                                      - m_cdf.begin());
}

std::uint32_t ReplicatedStore::write(std::uint32_t replica, std::uint32_t key)
{
    const std::uint32_t v = ++m_committed[key];
    m_version[replica][key] = v;
    return v;
}

void ReplicatedStore::apply(std::uint32_t replica, std::uint32_t key, std::uint32_t version)
{
    auto &mine = m_version[replica][key];
    mine = std::max(mine, version);
}

bool ReplicatedStore::isStale(std::uint32_t replica, std::uint32_t key) const
{
    return m_version[replica][key] < m_committed[key];
}

void ReplicatedStore::reconcile()
{
    for (auto &v : m_version)
        v = m_committed;
}

} // namespace hld
