#include "sim/replicated_store.h"

#include <algorithm>

namespace hld {

ReplicatedStore::ReplicatedStore(const Replication &spec, std::uint32_t replicas)
    : m_spec(spec)
    , m_enabled(true)
    , m_keys(static_cast<std::uint64_t>(std::max<std::int64_t>(1, spec.keys)), spec.keySkew)
{
    ensureReplicas(replicas);
}

void ReplicatedStore::ensureReplicas(std::uint32_t replicas)
{
    if (m_behind.size() < replicas) {
        m_behind.resize(replicas); // up to date: nothing behind
        m_member.resize(replicas, 1);
    }
}

std::uint64_t ReplicatedStore::drawKey(Rng &rng) const
{
    return m_keys.sample(rng) - 1;
}

std::uint32_t ReplicatedStore::write(std::uint32_t replica,
                                     std::uint64_t key,
                                     std::uint32_t begin,
                                     std::uint32_t end)
{
    std::size_t grown = m_latest.bytes();
    std::uint32_t &newest = m_latest.upsert(key, 0);
    grown = m_latest.bytes() - grown;
    const std::uint32_t previous = newest;
    const std::uint32_t v = ++newest;
    for (std::uint32_t i = begin; i < end && i < m_behind.size(); ++i) {
        if (i == replica) {
            m_behind[i].erase(key);
        } else if (m_member[i]) {
            const std::size_t before = m_behind[i].bytes();
            m_behind[i].upsert(key, previous); // keeps an older version it is already behind at
            grown += m_behind[i].bytes() - before;
        }
    }
    m_bytes += grown;
    return v;
}

void ReplicatedStore::apply(std::uint32_t replica, std::uint64_t key, std::uint32_t version)
{
    if (replica >= m_behind.size())
        return;
    std::uint32_t *held = m_behind[replica].find(key);
    if (!held)
        return; // already up to date
    if (version >= latest(key))
        m_behind[replica].erase(key);
    else
        *held = std::max(*held, version);
}

bool ReplicatedStore::isStale(std::uint32_t replica, std::uint64_t key) const
{
    return replica < m_behind.size() && m_behind[replica].find(key) != nullptr;
}

void ReplicatedStore::retire(std::uint32_t replica)
{
    ensureReplicas(replica + 1);
    m_member[replica] = 0;
    m_behind[replica].clear();
}

void ReplicatedStore::admit(std::uint32_t replica)
{
    ensureReplicas(replica + 1);
    if (!m_member[replica]) {
        m_member[replica] = 1;
        m_behind[replica].clear();
    }
}

void ReplicatedStore::reconcile()
{
    for (auto &b : m_behind)
        b.clear();
}

std::uint64_t ReplicatedStore::takeConflicts()
{
    std::uint64_t n = 0;
    m_split.forEach([&n](std::uint64_t, std::uint32_t sides) { n += sides == 3; });
    m_split.clear();
    return n;
}

void ReplicatedStore::noteUserWrite(std::uint32_t user,
                                    std::uint64_t key,
                                    std::uint32_t version,
                                    double atS)
{
    const std::size_t before = m_userSlot.bytes() + m_userWrites.capacity() * sizeof(UserWrite);
    std::uint32_t &slot = m_userSlot.upsert(user, static_cast<std::uint32_t>(m_userWrites.size()));
    if (slot == m_userWrites.size())
        m_userWrites.emplace_back();
    m_userWrites[slot] = {key, version, atS};
    m_bytes += m_userSlot.bytes() + m_userWrites.capacity() * sizeof(UserWrite) - before;
}

const ReplicatedStore::UserWrite *ReplicatedStore::lastWriteOf(std::uint32_t user) const
{
    const std::uint32_t *slot = m_userSlot.find(user);
    return slot ? &m_userWrites[*slot] : nullptr;
}

std::size_t ReplicatedStore::recountBytes() const
{
    std::size_t b = m_latest.bytes() + m_split.bytes() + m_userSlot.bytes()
                    + m_userWrites.capacity() * sizeof(UserWrite);
    for (const auto &m : m_behind)
        b += m.bytes();
    return b;
}

} // namespace hld
