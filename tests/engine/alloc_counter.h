#pragma once

#include <cstdint>

namespace hld::test {

// Every call of the global operator new in this test program so far (alloc_counter.cpp
// replaces it). Tests of "no allocation per operation" take the difference around a loop.
std::uint64_t allocationCount();

} // namespace hld::test
