#pragma once

#include <cstdint>
#include <vector>

namespace hld {

// Actions due at the current instant (a zero-latency hop), handled FIFO before the next timed
// event. Keeps zero-delay hops out of the heap and off the call stack. Grows by doubling,
// so it stops allocating once it has seen the largest burst.
class ImmediateRing
{
public:
    struct Item
    {
        std::uint32_t kind;
        std::uint32_t handle;
    };

    ImmediateRing()
        : m_items(64)
    {}

    bool empty() const { return m_head == m_tail; }
    void push(std::uint32_t kind, std::uint32_t handle)
    {
        if (m_tail - m_head == m_items.size())
            grow();
        m_items[m_tail++ & (m_items.size() - 1)] = {kind, handle};
    }
    Item pop() { return m_items[m_head++ & (m_items.size() - 1)]; }

private:
    void grow()
    {
        std::vector<Item> bigger(m_items.size() * 2);
        for (std::size_t i = 0; m_head + i != m_tail; ++i)
            bigger[i] = m_items[(m_head + i) & (m_items.size() - 1)];
        m_tail -= m_head;
        m_head = 0;
        m_items = std::move(bigger);
    }
    std::vector<Item> m_items;
    std::size_t m_head = 0;
    std::size_t m_tail = 0;
};

} // namespace hld
