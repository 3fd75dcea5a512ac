#include "mech/key_cache.h"

#include <algorithm>
#include <limits>

namespace hld {

namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

// A positive, finite TTL gives an expiry; anything else (0, negative, inf, NaN) never expires.
bool expires(double ttlS)
{
    return ttlS > 0 && ttlS < kNever;
}

} // namespace

KeyCache::KeyCache(const KeyCacheConfig &config, Rng rng)
    : m_config(config)
    , m_rng(rng)
{
    // Slot numbers must fit the index's 24 bits; the design loader refuses larger caches.
    m_config.capacityKeys = std::min(m_config.capacityKeys, kMaxCapacity);
    m_index.setMaxKeys(m_config.capacityKeys);
}

void KeyCache::setTtl(double ttlS, double negativeTtlS)
{
    m_config.ttlS = ttlS;
    m_config.negativeTtlS = negativeTtlS;
}

std::size_t KeyCache::bytes() const
{
    return m_entries.capacity() * sizeof(Entry) + m_index.bytes()
           + m_groups.capacity() * sizeof(Group);
}

bool KeyCache::contains(std::uint64_t key) const
{
    return find(key) != kNil;
}

std::uint32_t KeyCache::find(std::uint64_t key) const
{
    const std::uint32_t i = m_index.find(key, [this](std::uint32_t s) { return m_entries[s].key; });
    return i == KeySlotTable::kNone ? kNil : i;
}

KeyCache::Lookup KeyCache::lookup(std::uint64_t key, double nowS)
{
    const std::uint32_t i = find(key);
    if (i == kNil) {
        ++m_counters.misses;
        return Lookup::Miss;
    }
    if (nowS >= m_entries[i].expiresAt) {
        remove(i);
        ++m_counters.expirations;
        ++m_counters.misses;
        return Lookup::Expired;
    }
    const bool negative = m_entries[i].state == State::Negative;
    touch(i);
    ++m_counters.hits;
    if (negative) {
        ++m_counters.negativeHits;
        return Lookup::NegativeHit;
    }
    return Lookup::Hit;
}

void KeyCache::store(std::uint64_t key, double nowS, bool negative)
{
    const double ttl = negative ? m_config.negativeTtlS : m_config.ttlS;
    if (negative && !(ttl > 0)) {
        erase(key); // the key is gone downstream; a positive entry would now be wrong
        return;
    }
    if (m_config.capacityKeys == 0)
        return;
    const double expiresAt = expires(ttl) ? nowS + ttl : kNever;
    if (expiresAt < kNever)
        m_mayExpire = true;

    const std::uint32_t i = find(key);
    if (i != kNil) {
        if (nowS < m_entries[i].expiresAt) {
            m_entries[i].expiresAt = expiresAt;
            m_entries[i].state = negative ? State::Negative : State::Positive;
            touch(i);
            return;
        }
        // It expired unread: it dies as an expiration, and the key comes back as new.
        remove(i);
        ++m_counters.expirations;
    }
    if (m_size >= m_config.capacityKeys)
        makeRoom(nowS);
    insert(key, expiresAt, negative ? State::Negative : State::Positive);
}

void KeyCache::erase(std::uint64_t key)
{
    const std::uint32_t i = find(key);
    if (i != kNil)
        remove(i);
}

void KeyCache::clear()
{
    m_entries.clear();
    m_size = 0;
    m_freeSlots = kNil;
    m_index.clear();
    m_order = {};
    m_groups.clear();
    m_lowest = kNil;
    m_freeGroups = kNil;
    m_mayExpire = false;
}

std::uint32_t KeyCache::takeSlot()
{
    if (m_freeSlots != kNil) {
        const std::uint32_t i = m_freeSlots;
        m_freeSlots = m_entries[i].next;
        return i;
    }
    if (m_entries.size() == m_entries.capacity()) {
        // Grow by doubling, but never past the capacity: a full cache holds no spare slots.
        const std::size_t want = std::max<std::size_t>(64, m_entries.capacity() * 2);
        m_entries.reserve(std::min<std::size_t>(want, m_config.capacityKeys));
    }
    m_entries.emplace_back();
    return static_cast<std::uint32_t>(m_entries.size() - 1);
}

void KeyCache::insert(std::uint64_t key, double expiresAt, State state)
{
    const std::uint32_t i = takeSlot();
    m_entries[i] = {key, expiresAt, kNil, kNil, kNil, state};
    ++m_size;
    m_index.insert(key, i, [this, i](auto &&place) {
        for (std::uint32_t s = 0; s < m_entries.size(); ++s) {
            if (s != i && m_entries[s].state != State::Free)
                place(m_entries[s].key, s);
        }
    });
    if (m_config.eviction == Eviction::Lfu)
        lfuInsert(i);
    else if (m_config.eviction != Eviction::Random)
        pushBack(m_order, i);
}

void KeyCache::remove(std::uint32_t i)
{
    Entry &e = m_entries[i];
    if (m_config.eviction == Eviction::Lfu) {
        const std::uint32_t g = e.group;
        unlink(m_groups[g].items, i);
        if (m_groups[g].items.head == kNil)
            freeGroup(g);
    } else if (m_config.eviction != Eviction::Random) {
        unlink(m_order, i);
    }
    m_index.erase(e.key, i, [this](std::uint32_t s) { return m_entries[s].key; });
    e.state = State::Free;
    e.next = m_freeSlots;
    m_freeSlots = i;
    --m_size;
}

void KeyCache::makeRoom(double nowS)
{
    const std::uint32_t victim = firstCandidate();
    if (victim == kNil)
        return;
    if (m_mayExpire) {
        std::uint32_t c = victim;
        for (int n = 0; n < kExpiryScan && c != kNil; ++n) {
            if (nowS >= m_entries[c].expiresAt) {
                remove(c);
                ++m_counters.expirations;
                return;
            }
            c = nextCandidate(c);
        }
    }
    remove(victim);
    ++m_counters.evictions;
}

std::uint32_t KeyCache::firstCandidate()
{
    if (m_size == 0)
        return kNil;
    switch (m_config.eviction) {
    case Eviction::Random:
        return randomSlot();
    case Eviction::Lfu:
        return m_groups[m_lowest].items.head;
    case Eviction::Lru:
    case Eviction::Fifo:
        break;
    }
    return m_order.head;
}

std::uint32_t KeyCache::nextCandidate(std::uint32_t i)
{
    switch (m_config.eviction) {
    case Eviction::Random:
        return randomSlot();
    case Eviction::Lfu:
        if (m_entries[i].next == kNil) {
            const std::uint32_t g = m_groups[m_entries[i].group].next;
            return g == kNil ? kNil : m_groups[g].items.head;
        }
        break;
    case Eviction::Lru:
    case Eviction::Fifo:
        break;
    }
    return m_entries[i].next;
}

void KeyCache::touch(std::uint32_t i)
{
    switch (m_config.eviction) {
    case Eviction::Lru:
        if (m_order.tail != i) {
            unlink(m_order, i);
            pushBack(m_order, i);
        }
        break;
    case Eviction::Lfu:
        lfuIncrement(i);
        break;
    case Eviction::Fifo:
    case Eviction::Random:
        break;
    }
}

std::uint32_t KeyCache::randomSlot()
{
    // Room is made only when full, and then every slot is in use: one draw. The loop only
    // guards the invariant.
    std::uint32_t i;
    do {
        i = m_rng.below(static_cast<std::uint32_t>(m_entries.size()));
    } while (m_entries[i].state == State::Free);
    return i;
}

void KeyCache::pushBack(List &list, std::uint32_t i)
{
    Entry &e = m_entries[i];
    e.prev = list.tail;
    e.next = kNil;
    if (list.tail != kNil)
        m_entries[list.tail].next = i;
    else
        list.head = i;
    list.tail = i;
}

void KeyCache::unlink(List &list, std::uint32_t i)
{
    // Decided by the list's ends, not by the links: the head's back-link may be stale, and
    // leaving it so saves touching the new head (a cold line) on every eviction.
    const Entry &e = m_entries[i];
    if (list.head == i)
        list.head = e.next;
    else
        m_entries[e.prev].next = e.next;
    if (list.tail == i)
        list.tail = list.head == kNil ? kNil : e.prev;
    else if (list.head != e.next)
        m_entries[e.next].prev = e.prev;
}

void KeyCache::lfuInsert(std::uint32_t i)
{
    std::uint32_t g = m_lowest;
    if (g == kNil || m_groups[g].freq != 1)
        g = newGroup(1, kNil);
    m_entries[i].group = g;
    pushBack(m_groups[g].items, i);
}

void KeyCache::lfuIncrement(std::uint32_t i)
{
    const std::uint32_t g = m_entries[i].group;
    const std::uint64_t freq = m_groups[g].freq + 1;
    std::uint32_t to = m_groups[g].next;
    if (to == kNil || m_groups[to].freq != freq) {
        if (m_groups[g].items.head == i && m_groups[g].items.tail == i) {
            m_groups[g].freq = freq; // alone in its group: the order of groups still holds
            return;
        }
        to = newGroup(freq, g);
    }
    unlink(m_groups[g].items, i);
    if (m_groups[g].items.head == kNil)
        freeGroup(g);
    m_entries[i].group = to;
    pushBack(m_groups[to].items, i);
}

// A group for `freq`, linked after group `after` (kNil: first, as the lowest).
std::uint32_t KeyCache::newGroup(std::uint64_t freq, std::uint32_t after)
{
    std::uint32_t g = m_freeGroups;
    if (g != kNil) {
        m_freeGroups = m_groups[g].next;
    } else {
        g = static_cast<std::uint32_t>(m_groups.size());
        m_groups.emplace_back();
    }
    const std::uint32_t next = after == kNil ? m_lowest : m_groups[after].next;
    m_groups[g] = {freq, List{}, after, next};
    if (after == kNil)
        m_lowest = g;
    else
        m_groups[after].next = g;
    if (next != kNil)
        m_groups[next].prev = g;
    return g;
}

void KeyCache::freeGroup(std::uint32_t g)
{
    const Group &group = m_groups[g];
    if (group.prev != kNil)
        m_groups[group.prev].next = group.next;
    else
        m_lowest = group.next;
    if (group.next != kNil)
        m_groups[group.next].prev = group.prev;
    m_groups[g].next = m_freeGroups;
    m_freeGroups = g;
}

} // namespace hld
