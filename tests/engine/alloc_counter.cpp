// Replaces the global operator new and delete of engine_tests with malloc and free plus a
// counter. Every form (array, sized, nothrow) is replaced, so each allocation through new
// is counted and each release matches its allocation (AddressSanitizer checks that).
#include "alloc_counter.h"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {

std::atomic<std::uint64_t> g_allocations{0};

void *allocate(std::size_t size, bool nothrow)
{
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    for (;;) {
        if (void *p = std::malloc(size == 0 ? 1 : size))
            return p;
        std::new_handler handler = std::get_new_handler();
        if (!handler) {
            if (nothrow)
                return nullptr;
            throw std::bad_alloc();
        }
        handler();
    }
}

} // namespace

std::uint64_t hld::test::allocationCount()
{
    return g_allocations.load(std::memory_order_relaxed);
}

void *operator new(std::size_t size)
{
    return allocate(size, false);
}
void *operator new[](std::size_t size)
{
    return allocate(size, false);
}
void *operator new(std::size_t size, const std::nothrow_t &) noexcept
{
    return allocate(size, true);
}
void *operator new[](std::size_t size, const std::nothrow_t &) noexcept
{
    return allocate(size, true);
}
void operator delete(void *p) noexcept
{
    std::free(p);
}
void operator delete[](void *p) noexcept
{
    std::free(p);
}
void operator delete(void *p, std::size_t) noexcept
{
    std::free(p);
}
void operator delete[](void *p, std::size_t) noexcept
{
    std::free(p);
}
void operator delete(void *p, const std::nothrow_t &) noexcept
{
    std::free(p);
}
void operator delete[](void *p, const std::nothrow_t &) noexcept
{
    std::free(p);
}
