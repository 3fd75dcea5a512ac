#pragma once

#include "model/design.h"
#include "sim/results.h"
#include "sim/simulator.h"

namespace hld {

struct RunOptions
{
    SimConfig sim;
    std::uint64_t seed = 1;
    int replications = 1;
    int threads = 1;
};

// Seed of replication r: a fixed function of the run seed, whatever the thread count.
std::uint64_t replicationSeed(std::uint64_t seed, int r);

// Runs the replications (in parallel when threads > 1), pools their samples and summarises.
// Results never depend on `threads`. The design must be valid.
Results runDesign(const Design &d, const RunOptions &opt, SimObserver *observer = nullptr);

// Building blocks, for hosts that drive a Simulator themselves.
void scheduleScenario(Simulator &sim, const Network &net, const Design &d);
Results summarise(const Network &net, const RunOptions &opt, const std::vector<RawMetrics> &runs);

} // namespace hld
