#pragma once

#include <cstdint>
#include <vector>

namespace hld {

// An open-addressing hash map from 64-bit keys to 32-bit values, for per-key state on the
// simulation's hot path: linear probing, deletion by backward shift (no tombstones), and a
// table that only grows, so a steady state allocates nothing. An empty map holds no table.
class FlatMap
{
public:
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    std::size_t bytes() const { return m_slots.capacity() * sizeof(Slot); }

    const std::uint32_t *find(std::uint64_t key) const
    {
        if (m_size == 0)
            return nullptr;
        for (std::size_t i = home(key);; i = (i + 1) & mask()) {
            const Slot &s = m_slots[i];
            if (!s.used)
                return nullptr;
            if (s.key == key)
                return &s.value;
        }
    }
    std::uint32_t *find(std::uint64_t key)
    {
        return const_cast<std::uint32_t *>(static_cast<const FlatMap *>(this)->find(key));
    }

    // The value for `key`, inserted as `initial` if absent.
    std::uint32_t &upsert(std::uint64_t key, std::uint32_t initial)
    {
        if ((m_size + 1) * 2 > m_slots.size())
            grow();
        for (std::size_t i = home(key);; i = (i + 1) & mask()) {
            Slot &s = m_slots[i];
            if (!s.used) {
                s = {key, initial, true};
                ++m_size;
                return s.value;
            }
            if (s.key == key)
                return s.value;
        }
    }

    void erase(std::uint64_t key)
    {
        if (m_size == 0)
            return;
        std::size_t i = home(key);
        for (;; i = (i + 1) & mask()) {
            if (!m_slots[i].used)
                return;
            if (m_slots[i].key == key)
                break;
        }
        // Backward shift: pull later members of the probe run into the hole.
        for (std::size_t j = (i + 1) & mask();; j = (j + 1) & mask()) {
            if (!m_slots[j].used)
                break;
            const std::size_t k = home(m_slots[j].key);
            const bool between = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (between)
                continue; // already as near its home as it can be
            m_slots[i] = m_slots[j];
            i = j;
        }
        m_slots[i].used = false;
        --m_size;
    }

    void clear()
    {
        for (auto &s : m_slots)
            s.used = false;
        m_size = 0;
    }

    template<typename F>
    void forEach(F &&f) const
    {
        for (const auto &s : m_slots) {
            if (s.used)
                f(s.key, s.value);
        }
    }

private:
    struct Slot
    {
        std::uint64_t key = 0;
        std::uint32_t value = 0;
        bool used = false;
    };
    std::size_t mask() const { return m_slots.size() - 1; }
    std::size_t home(std::uint64_t key) const
    {
        std::uint64_t x = key * 0x9E3779B97F4A7C15ull; // Fibonacci hashing
        return static_cast<std::size_t>(x ^ (x >> 32)) & mask();
    }
    void grow()
    {
        std::vector<Slot> old;
        old.swap(m_slots);
        m_slots.assign(old.empty() ? 16 : old.size() * 2, Slot{});
        m_size = 0;
        for (const auto &s : old) {
            if (s.used)
                upsert(s.key, s.value);
        }
    }

    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
};

} // namespace hld
