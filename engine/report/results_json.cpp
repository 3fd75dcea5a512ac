#include "report/results_format.h"

#include <nlohmann/json.hpp>

namespace hld {

using json = nlohmann::ordered_json;

namespace {

json latencyJson(const LatencySummary &s)
{
    // With nothing measured (or nothing that succeeded) there is no latency: null, not 0.
    auto latency = [&](double v) { return s.ok ? json(v) : json(nullptr); };
    auto rate = [&](double v) { return s.count ? json(v) : json(nullptr); };
    json j{{"count", s.count},
           {"ok", s.ok},
           {"failed", s.failed},
           {"error_rate", rate(s.errorRate)},
           {"throughput_rps", rate(s.throughputRps)},
           {"mean_ms", latency(s.meanMs)},
           {"p50_ms", latency(s.p50Ms)},
           {"p90_ms", latency(s.p90Ms)},
           {"p95_ms", latency(s.p95Ms)},
           {"p99_ms", latency(s.p99Ms)},
           {"p999_ms", latency(s.p999Ms)},
           {"max_ms", latency(s.maxMs)},
           {"timed_out", s.timedOut},
           {"failed_mean_ms", s.failed ? json(s.failedMeanMs) : json(nullptr)}};
    if (s.unfinished)
        j["unfinished"] = s.unfinished; // only when the drain limit cut the run
    return j;
}

json optional(const std::optional<double> &v)
{
    return v ? json(*v) : json(nullptr);
}

std::string severityName(Severity s)
{
    switch (s) {
    case Severity::Info:
        return "info";
    case Severity::Warning:
        return "warning";
    case Severity::Error:
        return "error";
    }
    return "info";
}

} // namespace

json resultsToJson(const Results &r)
{
    json j{{"format", "hld-results"},
           {"version", 1},
           {"seed", r.seed},
           {"replications", r.replications},
           {"sim_time_s", r.simTimeS},
           {"warmup_s", r.warmupS},
           {"status", r.status},
           {"end_to_end", latencyJson(r.endToEnd)},
           {"ci95",
            {{"mean_ms", optional(r.ciMeanMs)},
             {"p99_ms", optional(r.ciP99Ms)},
             {"throughput_rps", optional(r.ciThroughputRps)}}},
           {"classes", {{"read", latencyJson(r.reads)}, {"write", latencyJson(r.writes)}}},
           {"cost_per_hour", r.costPerHour}};
    json nodes = json::object();
    for (const auto &n : r.nodes) {
        // Times at a component that served nothing do not exist: null, not 0.
        auto served = [&](double v) { return n.completed ? json(v) : json(nullptr); };
        json nj{{"kind", n.kind},
                {"replicas", n.replicas},
                {"workers", n.workers},
                {"arrivals", n.arrivals},
                {"rejected", n.rejected},
                {"completed", n.completed},
                {"blocking_probability", n.blockingProbability},
                {"utilization", n.utilization},
                {"mean_in_system", n.meanInSystem},
                {"mean_wait_ms", served(n.meanWaitMs)},
                {"mean_sojourn_ms", served(n.meanSojournMs)},
                {"p50_ms", served(n.p50Ms)},
                {"p99_ms", served(n.p99Ms)},
                {"throughput_rps", n.throughputRps},
                {"offered_rps", n.offeredRps},
                {"analytic_utilization", n.analyticRho},
                {"cost_per_hour", n.costPerHour}};
        if (n.replicas > 1 && !n.replicaArrivals.empty())
            nj["replica_arrivals"] = n.replicaArrivals;
        if (n.hitRatio)
            nj["hit_ratio"] = *n.hitRatio;
        if (n.queue) {
            // Contract 5.5's names for a queue's deliveries.
            nj["enqueued"] = n.enqueued;
            nj["delivered"] = n.delivered;
            nj["redelivered"] = n.redelivered;
            nj["lost"] = n.lost;
            nj["duplicates_applied"] = n.duplicatesApplied;
            nj["duplicates_ignored"] = n.duplicatesIgnored;
        }
        if (n.backlogMean) {
            nj["backlog_mean"] = *n.backlogMean;
            nj["backlog_max"] = n.backlogMax;
            nj["message_age_mean_ms"] = n.messageAgeMeanMs;
            nj["message_age_p99_ms"] = n.messageAgeP99Ms;
        }
        if (n.keyCache) {
            nj["hits"] = n.hits;
            nj["misses"] = n.misses;
            nj["evictions"] = n.evictions;
            nj["expirations"] = n.expirations;
            nj["coalesced"] = n.coalesced;
            nj["lost_writes"] = n.lostWrites;
            nj["bloom_rejected"] = n.bloomRejected;
            nj["negative_hits"] = n.negativeHits;
        }
        if (!n.edgeHitRatio.empty()) {
            json edges = json::object();
            for (const auto &[region, ratio] : n.edgeHitRatio)
                edges[region] = ratio;
            nj["edge_hit_ratio"] = std::move(edges);
        }
        if (n.shards) {
            nj["shards"] = {{"count", n.shards->count},
                            {"arrivals", n.shards->arrivals},
                            {"utilization", n.shards->utilization},
                            {"last_reshard_moved", n.shards->lastReshardMoved}};
        }
        if (n.scaleEvents)
            nj["scale_events"] = n.scaleEvents;
        // Traffic control (contract 5.6-5.8).
        if (n.rateLimit || n.balancer || n.kind == "api_gateway")
            nj["rate_limited"] = n.rateLimited; // where limits live: always, 0 without one
        if (n.sessions) {
            nj["session_requests"] = n.sessionRequests;
            nj["session_lost"] = n.sessionLost;
        }
        if (n.misrouted || n.balancer)
            nj["misrouted"] = n.misrouted;
        if (n.healthCheck)
            nj["unhealthy_hits"] = n.unhealthyHits;
        if (n.saga)
            nj["saga"] = {{"started", n.sagas},
                          {"completed", n.sagasCompleted},
                          {"compensated", n.sagasCompensated},
                          {"inconsistent", n.sagasInconsistent},
                          {"aborted", n.sagasAborted},
                          {"compensations", n.compensations}};
        if (n.enqueued || n.enqueueRejected) {
            nj["messages_enqueued"] = n.enqueued;
            nj["messages_rejected"] = n.enqueueRejected;
            nj["messages_done"] = n.messagesDone;
            nj["messages_failed"] = n.messagesFailed;
        }
        if (n.messagesUnfinished)
            nj["messages_unfinished"] = n.messagesUnfinished;
        nodes[n.id] = std::move(nj);
    }
    j["nodes"] = std::move(nodes);
    json links = json::array();
    for (const auto &l : r.links) {
        links.push_back({{"from", l.from},
                         {"to", l.to},
                         {"calls", l.calls},
                         {"attempts", l.attempts},
                         {"retries", l.retries},
                         {"failed", l.failed},
                         {"timed_out", l.timedOut},
                         {"short_circuited", l.shortCircuited},
                         {"bulkhead_rejected", l.bulkheadRejected},
                         {"wasted", l.wasted},
                         {"breaker_opened", l.breakerOpened}});
    }
    j["links"] = std::move(links);
    json consistency = json::object();
    for (const auto &n : r.nodes) {
        if (n.replicated)
            consistency[n.id] = {{"reads", n.consistencyReads},
                                 {"stale_reads", n.staleReads},
                                 {"failed", n.consistencyFailed},
                                 {"ryw_violations", n.rywViolations},
                                 {"failovers", n.failovers},
                                 {"write_unavailable_s", n.writeUnavailableS},
                                 {"conflicts", n.conflicts}};
    }
    j["consistency"] = std::move(consistency);
    if (!r.series.tS.empty()) {
        const TimeSeries &s = r.series;
        json ts{{"window_s", s.windowS},
                {"widened", s.widened},
                {"t_s", s.tS},
                {"p50_ms", s.p50Ms},
                {"p95_ms", s.p95Ms},
                {"p99_ms", s.p99Ms},
                {"throughput_rps", s.throughputRps},
                {"error_rate", s.errorRate},
                {"cost_per_hour", s.costPerHour}};
        json tn = json::object();
        for (std::size_t i = 0; i < r.nodes.size() && i < s.nodes.size(); ++i) {
            const NodeSeries &ns = s.nodes[i];
            json nj{{"replicas", ns.replicas},
                    {"utilization", ns.utilization},
                    {"queue", ns.queue},
                    {"throughput_rps", ns.throughput},
                    {"error_rate", ns.errorRate}};
            if (!ns.reads.empty()) {
                nj["reads"] = ns.reads;
                nj["stale_reads"] = ns.staleReads;
                nj["failed"] = ns.failed;
                nj["failovers"] = ns.failovers;
                nj["write_unavailable_s"] = ns.writeUnavailable;
                nj["conflicts"] = ns.conflicts;
            }
            tn[r.nodes[i].id] = std::move(nj);
        }
        ts["nodes"] = std::move(tn);
        j["timeseries"] = std::move(ts);
    }
    json findings = json::array();
    for (const auto &f : r.findings) {
        findings.push_back({{"severity", severityName(f.severity)},
                            {"component", f.component},
                            {"code", f.code},
                            {"message", f.message}});
    }
    j["findings"] = std::move(findings);
    j["events"] = r.events;
    if (r.drainCut)
        j["drain_cut"] = {{"at_s", r.drainCut->atS},
                          {"replications", r.drainCut->runs},
                          {"unanswered", r.drainCut->unanswered},
                          {"abandoned", r.drainCut->abandoned},
                          {"messages", r.drainCut->messages}};
    return j;
}

std::string resultsToJsonText(const Results &r)
{
    return resultsToJson(r).dump(2) + "\n";
}

} // namespace hld
