#pragma once

#include "sim/histogram.h"
#include "sim/time_series.h"

#include <cstdint>
#include <vector>

namespace hld {

// What one run accumulates; replications merge these before anything is summarised, so
// pooled percentiles come from all samples, not an average of percentiles.
struct ClassRaw
{
    std::uint64_t count = 0; // created after warm-up
    std::uint64_t ok = 0;
    std::uint64_t failed = 0;
    std::uint64_t timedOut = 0;   // part of failed
    std::uint64_t unfinished = 0; // part of failed: still in flight when the drain was cut
    double failedTimeSumS = 0;    // creation to failure answer, summed over failed requests
    LogHistogram latencyMs;       // ok requests only

    void merge(const ClassRaw &o);
};

struct NodeRaw
{
    // Counters cover requests created after warm-up.
    std::uint64_t arrivals = 0;
    std::uint64_t rejected = 0;
    std::uint64_t completed = 0;
    std::uint64_t hits = 0;  // cache/cdn reads served without going downstream
    std::uint64_t reads = 0; // reads that finished service here (hit-ratio denominator)
    double waitSumS = 0;
    double sojournSumS = 0;
    LogHistogram sojournMs;
    // Time integrals from the end of warm-up to the end of the run, summed over replicas.
    double busyArea = 0;    // busy workers x seconds
    double presentArea = 0; // requests present x seconds
    double backlogArea = 0; // queue: messages waiting for a consumer x seconds
    std::uint32_t backlogMax = 0;
    std::uint32_t peakQueued = 0; // largest number waiting at any one time, all replicas
    // Queue (and any sender of async messages).
    std::uint64_t enqueued = 0;
    std::uint64_t enqueueRejected = 0;
    std::uint64_t messagesDone = 0;
    std::uint64_t messagesFailed = 0;
    std::uint64_t messagesUnfinished = 0; // deliveries still in flight when the drain was cut
    // A queue's deliveries (contract 5.5).
    std::uint64_t delivered = 0, redelivered = 0, lost = 0;
    std::uint64_t duplicatesApplied = 0, duplicatesIgnored = 0;
    LogHistogram messageAgeMs;                  // enqueue -> a consumer starts it
    std::vector<std::uint64_t> replicaArrivals; // measured arrivals per replica
    // Replicated stores: reads served, of them stale, requests refused (CP) or unreachable.
    std::uint64_t consistencyReads = 0;
    std::uint64_t staleReads = 0;
    std::uint64_t consistencyFailed = 0;
    std::uint64_t rywViolations = 0, failovers = 0, conflicts = 0; // contract 5.4
    double writeUnavailableS = 0; // measured seconds without a writable leader
    // Key-level cache (contract 5.2); `hits` above counts its hits too.
    std::uint64_t misses = 0, evictions = 0, expirations = 0, coalesced = 0, lostWrites = 0;
    std::uint64_t bloomRejected = 0, negativeHits = 0;
    std::vector<std::uint64_t> edgeReads, edgeHits; // cdn: per edge (region)
    // Sharded store (contract 5.3): measured arrivals per shard, and the last re-shard.
    std::vector<std::uint64_t> shardArrivals;
    std::vector<double> shardBusyArea, shardCapacityArea;
    double lastReshardMoved = 0;
    std::uint64_t scaleEvents = 0;
    std::uint64_t failedHere = 0; // requests this component refused or failed (all, live view)
    // traffic control (contract 5.7, 5.8)
    std::uint64_t rateLimited = 0, sessionLost = 0, sessionRequests = 0, misrouted = 0;
    std::uint64_t unhealthyHits = 0; // sent to a dead replica its balancer had not yet noticed
    // sagas: started, completed, compensated, left inconsistent, failed before any step held
    std::uint64_t sagas = 0, sagasCompleted = 0, sagasCompensated = 0, sagasInconsistent = 0;
    std::uint64_t sagasAborted = 0, compensations = 0;
    double workerArea = 0; // workers in rotation x seconds (utilisation's denominator)
    // Every arrival, warm-up included: the overload diagnosis uses it.
    std::uint64_t arrivalsAll = 0;

    void merge(const NodeRaw &o);
};

// Calls over one link (contract 5.6). A link without policies counts its calls (= attempts)
// and failed calls; a guarded link counts every outcome.
struct LinkRaw
{
    std::uint64_t calls = 0, attempts = 0, retries = 0, failed = 0;
    std::uint64_t timedOut = 0, shortCircuited = 0, bulkheadRejected = 0;
    std::uint64_t wasted = 0;        // attempts abandoned at their deadline that finished later
    std::uint64_t breakerOpened = 0; // times its circuit breaker opened

    void merge(const LinkRaw &o);
};

struct RawMetrics
{
    double simTimeS = 0;      // end of the run
    double measuredTimeS = 0; // end of warm-up to end of the run
    ClassRaw classes[2];      // [0] reads, [1] writes
    std::vector<NodeRaw> nodes;
    std::vector<LinkRaw> links; // by network link
    std::uint64_t events = 0;
    std::uint64_t created = 0;
    bool overloaded = false;       // the in-flight cap was reached; arrivals were stopped
    std::uint32_t inFlightCap = 0; // the cap in force (after the memory bound)
    double overloadedAtS = 0;
    // The replicated stores' per-key state reached SimConfig::keyStateBytes; arrivals were
    // stopped: when, and the store whose write crossed it.
    bool keyStateFull = false;
    double keyStateFullAtS = 0;
    std::uint32_t keyStateNode = 0;
    // The drain limit (SimConfig::drainS) ended the run with work in flight: when, and how
    // much was left (all of it, warm-up included): requests without an answer (counted
    // failed), requests whose client had timed out but whose work went on, and deliveries.
    std::uint32_t cutRuns = 0;
    double cutAtS = 0;
    std::uint64_t cutUnanswered = 0, cutAbandoned = 0, cutMessages = 0;
    double costArea = 0; // $ per hour x measured seconds (changes with scaling)
    TimeSeries series;   // replication 0's, when recorded

    void merge(const RawMetrics &o);
};

} // namespace hld
