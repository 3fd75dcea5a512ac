#pragma once

#include "live_snapshot.h"
#include "model/design.h"
#include "sim/network.h"

#include <functional>
#include <optional>

namespace hld {

// A partition or a heal between two regions at a moment (absolute simulated time).
struct CutChange
{
    double atS;
    bool cut; // partition; false: heal
    std::string a, b;
};
// The scenario's partitions and heals.
std::vector<CutChange> scenarioCuts(const Design &d);
// The partitions in force at `t`: the changes up to then, replayed in time order.
std::vector<RegionCut> cutsInForce(const std::vector<CutChange> &changes, double t);

// The engine's links by their ends, in its order (what LiveSnapshot::links holds).
std::shared_ptr<const std::vector<LinkRef>> linkRefsOf(const Network &net);

// The state of a run at simulated second `atS`, as the canvas shows it live: each
// component's utilisation, throughput and errors over the last simulated second, its queue,
// replicas and mechanisms at that moment, each link's requests per second, breaker and
// policy counts over that second, each component's 429s, and the partitions in force. The
// run starts at 0 with `seed` and plays the design's scenario. Nothing if `cancelled` says
// so while it runs. The design must be valid.
std::optional<LiveSnapshot> simulateSnapshot(const Design &d,
                                             double atS,
                                             std::uint64_t seed = 1,
                                             const std::function<bool()> &cancelled = {});

} // namespace hld
