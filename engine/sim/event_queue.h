#pragma once

#include <cstdint>
#include <vector>

namespace hld {

struct Event
{
    double time;
    std::uint64_t seq; // insertion order: equal times always resolve the same way
    std::uint32_t handle;
    std::uint32_t kind;
};

// The future-event set: a 4-ary min-heap on (time, seq). Shallower than a binary heap and
// cache friendly; its storage is reused, so steady-state scheduling never allocates.
class EventQueue
{
public:
    void push(double time, std::uint32_t kind, std::uint32_t handle)
    {
        Event e{time, m_nextSeq++, handle, kind};
        std::size_t i = m_heap.size();
        m_heap.push_back(e);
        while (i > 0) {
            const std::size_t parent = (i - 1) / 4;
            if (!less(e, m_heap[parent]))
                break;
            m_heap[i] = m_heap[parent];
            i = parent;
        }
        m_heap[i] = e;
    }

    const Event &top() const { return m_heap.front(); }
    // Rewrites handles in place (a topology change renumbers components); order is untouched
    // because (time, seq) do not change.
    template<typename F>
    void forEachEvent(F &&f)
    {
        for (auto &e : m_heap)
            f(e);
    }
    bool empty() const { return m_heap.empty(); }
    std::size_t size() const { return m_heap.size(); }
    void clear() { m_heap.clear(); }

    Event pop()
    {
        const Event result = m_heap.front();
        const Event last = m_heap.back();
        m_heap.pop_back();
        const std::size_t n = m_heap.size();
        if (n == 0)
            return result;
        std::size_t i = 0;
        for (;;) {
            const std::size_t first = 4 * i + 1;
            if (first >= n)
                break;
            std::size_t best = first;
            const std::size_t end = first + 4 < n ? first + 4 : n;
            for (std::size_t c = first + 1; c < end; ++c) {
                if (less(m_heap[c], m_heap[best]))
                    best = c;
            }
            if (!less(m_heap[best], last))
                break;
            m_heap[i] = m_heap[best];
            i = best;
        }
        m_heap[i] = last;
        return result;
    }

private:
    static bool less(const Event &a, const Event &b)
    {
        return a.time < b.time || (a.time == b.time && a.seq < b.seq);
    }
    std::vector<Event> m_heap;
    std::uint64_t m_nextSeq = 0;
};

} // namespace hld
