#pragma once

#include "live_snapshot.h"

#include <deque>
#include <vector>

namespace hld {

// What a snapshot shows of the failure handling and traffic control (contract 5.6-5.7),
// read from the engine once per snapshot: each link's breaker state and what its policies
// did, each component's replicas that are dead but not yet detected, and its 429s. The
// engine counts since the run started; rates here are over about the last simulated second,
// from the counts at earlier snapshots, so a label holds still between 30 Hz snapshots.
class LivePolicies
{
public:
    static constexpr double kRateWindowS = 1.0;

    // A new engine, or a network whose indices changed: the rates start afresh.
    void restart(const Simulator &sim, std::size_t nodes, std::size_t links);
    // Sets s.linkStates, and the policy fields of s.nodes (already filled by index).
    void fill(const Simulator &sim, LiveSnapshot &s);

private:
    struct Sample
    {
        double t;
        std::vector<std::uint64_t>
            counts; // per link: retries, timeouts, short, rejected; per node: 429s
    };
    std::vector<std::uint64_t> countsNow(const Simulator &sim) const;

    std::size_t m_nodes = 0;
    std::size_t m_links = 0;
    std::deque<Sample> m_samples; // oldest first
};

} // namespace hld
