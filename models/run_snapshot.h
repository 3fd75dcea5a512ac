#pragma once

#include "live_snapshot.h"
#include "model/design.h"

#include <functional>
#include <optional>

namespace hld {

// The state of a run at simulated second `atS`, as the canvas shows it live: each
// component's utilisation, throughput and errors over the last simulated second, its queue
// and replicas at that moment, and each link's requests per second over that second. The
// run starts at 0 with `seed` and plays the design's scenario. Nothing if `cancelled` says
// so while it runs. The design must be valid.
std::optional<LiveSnapshot> simulateSnapshot(const Design &d,
                                             double atS,
                                             std::uint64_t seed = 1,
                                             const std::function<bool()> &cancelled = {});

} // namespace hld
