#include "sim/broker.h"

#include <algorithm>

namespace hld {

namespace {

std::uint64_t mix(std::uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    return x ^ (x >> 33);
}

} // namespace

Broker::Broker(const Config &config, std::vector<Subscription> subscriptions)
    : m_config(config)
    , m_subs(std::move(subscriptions))
{
    if (m_config.model != QueueModel::Log)
        m_config.partitions = 1;
    m_subState.resize(m_subs.size());
    for (auto &s : m_subState) {
        s.parts.resize(m_config.partitions);
        s.busy.assign(m_config.partitions, 0);
    }
}

std::uint32_t Broker::newMessage()
{
    std::uint32_t id;
    if (!m_freeMessages.empty()) {
        id = m_freeMessages.back();
        m_freeMessages.pop_back();
        m_messages[id] = Message{};
    } else {
        id = static_cast<std::uint32_t>(m_messages.size());
        m_messages.emplace_back();
    }
    return id;
}

void Broker::releaseCopy(std::uint32_t id)
{
    if (--m_messages[id].copies == 0)
        m_freeMessages.push_back(id);
}

void Broker::enqueue(std::uint32_t sub, std::uint32_t r, std::uint64_t key, RequestPool &pool)
{
    SubState &s = m_subState[sub];
    std::uint32_t p = 0;
    if (m_config.partitions > 1) {
        // Keyed messages keep their key's partition (order per key); others go round.
        p = static_cast<std::uint32_t>((key != ~0ull ? mix(key) : s.sequence++)
                                       % m_config.partitions);
        if (m_partitionOf.size() <= r)
            m_partitionOf.resize(std::max<std::size_t>(r + 1, m_partitionOf.size() * 2), 0);
        m_partitionOf[r] = p;
    }
    Fifo &f = s.parts[p];
    pool[r].nextInQueue = kNone;
    if (f.tail == kNone)
        f.head = r;
    else
        pool[f.tail].nextInQueue = r;
    f.tail = r;
    ++s.waiting;
    ++m_waiting;
}

void Broker::requeue(std::uint32_t sub, std::uint32_t r, RequestPool &pool)
{
    if (m_config.model != QueueModel::Log) {
        enqueue(sub, r, ~0ull, pool); // visible again, behind what waits
        return;
    }
    // The log keeps order: the message goes back to the front of its partition, which is
    // free again for it.
    SubState &s = m_subState[sub];
    const std::uint32_t p = partitionOf(r);
    Fifo &f = s.parts[p];
    pool[r].nextInQueue = f.head;
    f.head = r;
    if (f.tail == kNone)
        f.tail = r;
    s.busy[p] = 0;
    ++s.waiting;
    ++m_waiting;
}

void Broker::copyPartition(std::uint32_t to, std::uint32_t from)
{
    if (m_config.partitions <= 1)
        return;
    if (m_partitionOf.size() <= to)
        m_partitionOf.resize(std::max<std::size_t>(to + 1, m_partitionOf.size() * 2), 0);
    m_partitionOf[to] = m_partitionOf[from];
}

void Broker::resubscribe(std::vector<Subscription> subs, const std::vector<std::uint32_t> &from)
{
    std::vector<SubState> state(subs.size());
    for (std::size_t i = 0; i < subs.size(); ++i) {
        if (from[i] != kNone && from[i] < m_subState.size()) {
            state[i] = std::move(m_subState[from[i]]);
        } else {
            state[i].parts.resize(m_config.partitions);
            state[i].busy.assign(m_config.partitions, 0);
        }
    }
    std::uint32_t waiting = 0;
    for (const auto &s : state)
        waiting += s.waiting;
    m_waiting = waiting;
    m_subs = std::move(subs);
    m_subState = std::move(state);
}

std::uint32_t Broker::popFrom(std::uint32_t sub, std::uint32_t p, RequestPool &pool)
{
    SubState &s = m_subState[sub];
    Fifo &f = s.parts[p];
    const std::uint32_t r = f.head;
    if (r == kNone)
        return kNone;
    f.head = pool[r].nextInQueue;
    if (f.head == kNone)
        f.tail = kNone;
    --s.waiting;
    --m_waiting;
    return r;
}

std::uint32_t Broker::pop(std::uint32_t sub, RequestPool &pool)
{
    return popFrom(sub, 0, pool);
}

bool Broker::partitionReady(std::uint32_t sub, std::uint32_t p) const
{
    const SubState &s = m_subState[sub];
    return s.parts[p].head != kNone && !s.busy[p];
}

std::uint32_t Broker::popPartition(std::uint32_t sub, std::uint32_t p, RequestPool &pool)
{
    const std::uint32_t r = popFrom(sub, p, pool);
    if (r != kNone)
        m_subState[sub].busy[p] = 1;
    return r;
}

} // namespace hld
