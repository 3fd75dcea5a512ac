#pragma once

#include <cstdint>

namespace hld {

// How the kernel talks to its host (CLI progress line, GUI snapshots). The simulator holds a
// pointer and calls it every kProgressEvents events; a null observer costs one branch.
class SimObserver
{
public:
    virtual ~SimObserver() = default;
    virtual void onProgress(int replication, double simTimeS, std::uint64_t created) = 0;
};

inline constexpr std::uint64_t kProgressEvents = 1u << 18;

} // namespace hld
