#pragma once

#include "interview/prompt.h"
#include "model/design.h"

#include <atomic>
#include <string>
#include <vector>

namespace hld {

struct DrillSpec
{
    DrillKind kind = DrillKind::TargetLoad;
    std::string question;                 // the follow-up it answers; empty for the load drills
    std::vector<std::string> target = {}; // the follow-up's target words (FollowUp::target)
};

struct DrillOptions
{
    double durationS = 40; // simulated seconds of each drill
    double warmupS = 5;
    double faultAtS = 15; // when the fault strikes
    std::uint64_t seed = 1;
};

struct DrillResult
{
    DrillSpec spec;
    std::string title;      // "Target load (3,472 requests/s)"
    std::string fault;      // what was done to the design, in words
    bool applicable = true; // false: the design has nothing this drill can act on
    double offeredRps = 0;
    double p50Ms = 0, p99Ms = 0;
    double availability = 0; // share of measured requests that succeeded
    std::uint64_t requests = 0;
    bool unstable = false;
    std::string busiest; // the component with the highest utilisation
    std::string busiestKind;
    double busiestUtilisation = 0;
    std::vector<std::string> faulted; // components the fault acted on
    // A faulted replicated store that was left without a writable leader (its failover):
    // the longest such time among them, and which one.
    double writeUnavailableS = 0;
    std::string unwritable;
    // Requests refused by rate limits (429s), as a share of the requests measured, and the
    // component whose limit refused the most.
    double rateLimitedShare = 0;
    std::string limiter;
    bool passed = false;

    // What was done and what it cost when a store failed over or a rate limit shed load:
    // "the leader of 'ledger' dies at 15 s; 'ledger' had no leader for 10.0 s, until a
    // follower was elected", "...; 'limiter' refused 22.9% of requests (429)".
    std::string faultAndEffect() const;
};

// The target load, 10x the target, then one drill per follow-up that names one.
std::vector<DrillSpec> drillPlan(const Prompt &prompt);

// The design as the drill runs it: clients at the drill's load, the fault as scenario
// events (the design's own scenario is replaced). `faulted` and `fault` describe it; returns
// false when the drill has nothing to act on.
bool prepareDrill(const Design &design,
                  const Prompt &prompt,
                  const DrillSpec &spec,
                  const DrillOptions &options,
                  Design &out,
                  DrillResult &describe);

DrillResult runDrill(const Design &design,
                     const Prompt &prompt,
                     const DrillSpec &spec,
                     const DrillOptions &options);

// Every drill of the plan, in order; stops early (returning what ran) when `cancel` is set.
// `done` counts the drills finished, for a progress bar on another thread.
std::vector<DrillResult> runDrills(const Design &design,
                                   const Prompt &prompt,
                                   const DrillOptions &options,
                                   const std::atomic<bool> *cancel = nullptr,
                                   std::atomic<int> *done = nullptr);

std::string drillTitle(DrillKind kind);

} // namespace hld
