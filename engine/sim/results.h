#pragma once

#include "analysis/flow.h"
#include "sim/time_series.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hld {

struct LatencySummary
{
    std::uint64_t count = 0;
    std::uint64_t ok = 0;
    std::uint64_t failed = 0;
    std::uint64_t timedOut = 0;
    std::uint64_t unfinished = 0; // part of failed: in flight when the drain limit cut the run
    double failedMeanMs = 0;      // mean time from a failed request's creation to its failure
    double errorRate = 0;
    double throughputRps = 0;
    double meanMs = 0, p50Ms = 0, p90Ms = 0, p95Ms = 0, p99Ms = 0, p999Ms = 0, maxMs = 0;
};

struct NodeResult
{
    std::string id;
    std::string kind;
    int replicas = 1;
    int workers = 1;
    std::uint64_t arrivals = 0, rejected = 0, completed = 0;
    double blockingProbability = 0;
    double utilization = 0;
    double meanInSystem = 0;
    double meanWaitMs = 0;
    double meanSojournMs = 0;
    double p50Ms = 0, p99Ms = 0;
    double throughputRps = 0;
    double offeredRps = 0; // from the flow analysis
    double analyticRho = 0;
    std::optional<double> hitRatio; // observed, cache and cdn
    // queue
    std::optional<double> backlogMean;
    std::uint32_t backlogMax = 0;
    std::uint64_t enqueued = 0, enqueueRejected = 0, messagesDone = 0, messagesFailed = 0;
    std::uint64_t messagesUnfinished = 0; // in flight when the drain limit cut the run
    std::uint64_t delivered = 0, redelivered = 0, lost = 0;
    std::uint64_t duplicatesApplied = 0, duplicatesIgnored = 0;
    bool queue = false;
    double messageAgeMeanMs = 0, messageAgeP99Ms = 0;
    double costPerHour = 0;
    std::vector<std::uint64_t> replicaArrivals;
    // key-level cache (contract 5.2)
    bool keyCache = false;
    std::uint64_t hits = 0, misses = 0, evictions = 0, expirations = 0, coalesced = 0;
    std::uint64_t lostWrites = 0, bloomRejected = 0, negativeHits = 0;
    std::vector<std::pair<std::string, double>> edgeHitRatio; // cdn: per region, read hits
    // sharded store (contract 5.3)
    struct Shards
    {
        int count = 0;
        std::vector<std::uint64_t> arrivals;
        std::vector<double> utilization;
        double lastReshardMoved = 0;
    };
    std::optional<Shards> shards;
    // replicated stores
    bool replicated = false;
    std::uint64_t consistencyReads = 0, staleReads = 0, consistencyFailed = 0;
    std::uint64_t rywViolations = 0, failovers = 0, conflicts = 0; // contract 5.4
    double writeUnavailableS = 0;
    std::uint64_t scaleEvents = 0;
    // traffic control (contract 5.6-5.8)
    bool rateLimit = false, sessions = false, saga = false, healthCheck = false, balancer = false;
    std::uint64_t rateLimited = 0, sessionLost = 0, sessionRequests = 0, misrouted = 0;
    std::uint64_t unhealthyHits = 0;
    std::uint64_t sagas = 0, sagasCompleted = 0, sagasCompensated = 0, sagasInconsistent = 0;
    std::uint64_t sagasAborted = 0, compensations = 0;
};

// Calls over one link (contract 5.6), in the design's link order.
struct LinkResult
{
    std::string from, to;
    bool guarded = false; // it has a timeout, retry, circuit breaker or bulkhead
    std::uint64_t calls = 0, attempts = 0, retries = 0, failed = 0;
    std::uint64_t timedOut = 0, shortCircuited = 0, bulkheadRejected = 0;
    std::uint64_t wasted = 0, breakerOpened = 0;
};

struct Results
{
    std::uint64_t seed = 1;
    int replications = 1;
    double simTimeS = 0; // mean per replication
    double warmupS = 0;
    LatencySummary endToEnd;
    LatencySummary reads, writes;
    // 95% confidence half-widths over replications (absent with one replication).
    std::optional<double> ciMeanMs, ciP99Ms, ciThroughputRps;
    std::vector<NodeResult> nodes;
    std::vector<LinkResult> links;
    double costPerHour = 0;
    std::string status = "ok"; // "ok" or "unstable"
    std::vector<Finding> findings;
    std::uint64_t events = 0;
    std::uint64_t created = 0;
    // The drain limit (SimConfig::drainS) ended the run with work in flight.
    struct DrainCut
    {
        double atS = 0; // replication 0's, or the first cut replication's
        int runs = 0;   // replications cut
        std::uint64_t unanswered = 0, abandoned = 0, messages = 0;
    };
    std::optional<DrainCut> drainCut;
    TimeSeries series; // replication 0's, with --timeseries
};

} // namespace hld
