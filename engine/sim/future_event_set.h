#pragma once

#include "sim/event_queue.h"
#include "sim/immediate_ring.h"

#include <cstdint>

namespace hld {

// How an event bears on the end of a run. Work moves requests; housekeeping (windows,
// autoscaler ticks) and deferred events (scenario controls, replicas becoming ready,
// replication, timeouts) keep a run going only while there is work ahead.
enum class EventClass : std::uint8_t { Work, Housekeeping, Deferred };

// The future-event set behind one interface: a 4-ary heap on (time, sequence) for timed
// events, a FIFO ring for actions due now (zero-latency hops), and a count of the pending
// timed events of each class. The class travels in the top bits of the kind.
class FutureEventSet
{
public:
    struct Next
    {
        double time;
        std::uint32_t kind;
        std::uint32_t handle;
        EventClass cls;
    };

    void at(double time, std::uint32_t kind, std::uint32_t handle, EventClass cls)
    {
        ++m_count[static_cast<int>(cls)];
        m_heap.push(time, kind | (static_cast<std::uint32_t>(cls) << kClassShift), handle);
    }
    void now(std::uint32_t kind, std::uint32_t handle) { m_ring.push(kind, handle); }

    bool hasImmediate() const { return !m_ring.empty(); }
    ImmediateRing::Item popImmediate() { return m_ring.pop(); }

    bool hasTimed() const { return !m_heap.empty(); }
    double nextTime() const { return m_heap.top().time; }
    Next popTimed()
    {
        const Event e = m_heap.pop();
        const auto cls = static_cast<EventClass>(e.kind >> kClassShift);
        --m_count[static_cast<int>(cls)];
        return {e.time, e.kind & kKindMask, e.handle, cls};
    }

    std::uint64_t pending(EventClass cls) const { return m_count[static_cast<int>(cls)]; }
    std::size_t timedSize() const { return m_heap.size(); }

    // Rewrites kinds and handles in place (a topology change renumbers components). The
    // order is untouched; a rewritten event keeps its class.
    template<typename F>
    void forEachTimed(F &&f)
    {
        m_heap.forEachEvent([&](Event &e) {
            const std::uint32_t cls = e.kind & ~kKindMask;
            std::uint32_t kind = e.kind & kKindMask;
            f(kind, e.handle);
            e.kind = kind | cls;
        });
    }

private:
    static constexpr int kClassShift = 28;
    static constexpr std::uint32_t kKindMask = (1u << kClassShift) - 1;
    EventQueue m_heap;
    ImmediateRing m_ring;
    std::uint64_t m_count[3] = {0, 0, 0};
};

} // namespace hld
