// Replaces the global operator new and delete of engine_tests with malloc and free plus a
// counter. The library's other forms (array, sized, nothrow) forward to these two, so every
// allocation through new is counted. Cheap enough to leave on for the whole program.
#include "alloc_counter.h"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<std::uint64_t> g_allocations{0};
} // namespace

std::uint64_t hld::test::allocationCount()
{
    return g_allocations.load(std::memory_order_relaxed);
}

void *operator new(std::size_t size)
{
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    for (;;) {
        if (void *p = std::malloc(size == 0 ? 1 : size))
            return p;
        std::new_handler handler = std::get_new_handler();
        if (!handler)
            throw std::bad_alloc();
        handler();
    }
}

void operator delete(void *p) noexcept
{
    std::free(p);
}

void operator delete(void *p, std::size_t) noexcept
{
    std::free(p);
}
