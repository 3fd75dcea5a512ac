#include "report/results_format.h"

#include "io/display_text.h"

#include <cstdio>

namespace hld {

namespace {

void line(std::string &out, const char *fmt, auto... args)
{
    char buf[512];
    std::snprintf(buf, sizeof buf, fmt, args...);
    out += buf;
}

void latencyRow(std::string &out, const char *name, const LatencySummary &s)
{
    if (s.ok == 0) {
        line(out,
             "%-12s %10llu %s\n",
             name,
             static_cast<unsigned long long>(s.count),
             s.count ? "every request failed: no latency to report" : "nothing measured");
        return;
    }
    line(out,
         "%-12s %10llu %7.3f%% %10.1f %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f\n",
         name,
         static_cast<unsigned long long>(s.count),
         100.0 * s.errorRate,
         s.throughputRps,
         s.meanMs,
         s.p50Ms,
         s.p95Ms,
         s.p99Ms,
         s.p999Ms,
         s.maxMs);
}

using ull = unsigned long long;

void trafficControlLines(std::string &out, const NodeResult &n)
{
    if (!n.edgeHitRatio.empty()) {
        std::string edges;
        for (const auto &[region, ratio] : n.edgeHitRatio) {
            char buf[32];
            std::snprintf(buf, sizeof buf, " %.3f", ratio);
            edges += (edges.empty() ? "" : ",") + (" " + region) + buf;
        }
        line(out, "%-20s edge hit ratio by region:%s\n", "", printable(edges, 300).c_str());
    }
    if (n.rateLimit)
        line(out, "%-20s rate limited (429) %llu\n", "", ull(n.rateLimited));
    if (n.sessions)
        line(out,
             "%-20s sessions lost %llu of %llu returning requests\n",
             "",
             ull(n.sessionLost),
             ull(n.sessionRequests));
    if (n.misrouted)
        line(out, "%-20s misrouted (no server for the path) %llu\n", "", ull(n.misrouted));
    if (n.healthCheck)
        line(out, "%-20s sent to a dead replica before detection %llu\n", "", ull(n.unhealthyHits));
    if (n.saga)
        line(out,
             "%-20s sagas %llu: completed %llu, compensated %llu, inconsistent %llu, aborted "
             "%llu\n",
             "",
             ull(n.sagas),
             ull(n.sagasCompleted),
             ull(n.sagasCompensated),
             ull(n.sagasInconsistent),
             ull(n.sagasAborted));
}

void guardedLinks(std::string &out, const Results &r)
{
    bool any = false;
    for (const auto &l : r.links)
        any = any || l.guarded;
    if (!any)
        return;
    out += "\ncalls over links with policies:\n";
    line(out,
         "  %-30s %9s %9s %8s %8s %9s %9s %9s\n",
         "link",
         "calls",
         "attempts",
         "retries",
         "failed",
         "timed out",
         "short-cir",
         "bulkhead");
    for (const auto &l : r.links) {
        if (!l.guarded)
            continue;
        const std::string name = printable(l.from + " -> " + l.to, 60);
        line(out,
             "  %-30.30s %9llu %9llu %8llu %8llu %9llu %9llu %9llu\n",
             name.c_str(),
             ull(l.calls),
             ull(l.attempts),
             ull(l.retries),
             ull(l.failed),
             ull(l.timedOut),
             ull(l.shortCircuited),
             ull(l.bulkheadRejected));
    }
}

} // namespace

std::string resultsToText(const Results &r, const std::string &designName)
{
    std::string out;
    line(out,
         "%s: %s, seed %llu, %d replication%s, %.1f simulated s each, warm-up %.1f s\n",
         designName.empty() ? "design" : designName.c_str(),
         r.status.c_str(),
         static_cast<unsigned long long>(r.seed),
         r.replications,
         r.replications == 1 ? "" : "s",
         r.simTimeS,
         r.warmupS);
    line(out,
         "\n%-12s %10s %8s %10s %9s %9s %9s %9s %9s %9s\n",
         "requests",
         "count",
         "errors",
         "rps",
         "mean ms",
         "p50 ms",
         "p95 ms",
         "p99 ms",
         "p99.9 ms",
         "max ms");
    latencyRow(out, "end to end", r.endToEnd);
    if (r.reads.count)
        latencyRow(out, "  reads", r.reads);
    if (r.writes.count)
        latencyRow(out, "  writes", r.writes);
    if (r.ciMeanMs)
        line(out,
             "95%% confidence: mean ±%.3f ms, p99 ±%.3f ms, throughput ±%.1f rps\n",
             *r.ciMeanMs,
             *r.ciP99Ms,
             *r.ciThroughputRps);

    line(out,
         "\n%-20s %-14s %5s %8s %10s %9s %6s %8s %9s %9s %9s\n",
         "component",
         "kind",
         "repl",
         "util",
         "rps",
         "blocked",
         "in sys",
         "wait ms",
         "sojourn",
         "p50 ms",
         "p99 ms");
    for (const auto &n : r.nodes) {
        if (n.kind == "client") {
            line(out,
                 "%-20.20s %-14s %5s %8s %10.1f  (offered)\n",
                 n.id.c_str(),
                 n.kind.c_str(),
                 "-",
                 "-",
                 n.offeredRps);
            continue;
        }
        if (n.completed == 0) { // served nothing: no times to show
            line(out,
                 "%-20.20s %-14s %5d %7.1f%% %10.1f %9s %6.2f %8s %9s %9s %9s\n",
                 n.id.c_str(),
                 n.kind.c_str(),
                 n.replicas,
                 100.0 * n.utilization,
                 n.throughputRps,
                 "-",
                 n.meanInSystem,
                 "-",
                 "-",
                 "-",
                 "-");
        } else {
            line(out,
                 "%-20.20s %-14s %5d %7.1f%% %10.1f %8.3f%% %6.2f %8.3f %9.3f %9.3f %9.3f\n",
                 n.id.c_str(),
                 n.kind.c_str(),
                 n.replicas,
                 100.0 * n.utilization,
                 n.throughputRps,
                 100.0 * n.blockingProbability,
                 n.meanInSystem,
                 n.meanWaitMs,
                 n.meanSojournMs,
                 n.p50Ms,
                 n.p99Ms);
        }
        if (n.hitRatio)
            line(out, "%-20s hit ratio %.3f\n", "", *n.hitRatio);
        if (n.keyCache)
            line(out,
                 "%-20s hits %llu, misses %llu, evictions %llu, expirations %llu, coalesced %llu, "
                 "lost writes %llu, bloom rejected %llu\n",
                 "",
                 static_cast<unsigned long long>(n.hits),
                 static_cast<unsigned long long>(n.misses),
                 static_cast<unsigned long long>(n.evictions),
                 static_cast<unsigned long long>(n.expirations),
                 static_cast<unsigned long long>(n.coalesced),
                 static_cast<unsigned long long>(n.lostWrites),
                 static_cast<unsigned long long>(n.bloomRejected));
        if (n.shards) {
            std::string util;
            for (double u : n.shards->utilization)
                util += (util.empty() ? "" : " ") + std::to_string(int(100 * u + 0.5)) + "%";
            line(out,
                 "%-20s %d shards, utilisation %s; last re-shard moved %.1f%% of keys\n",
                 "",
                 n.shards->count,
                 printable(util, 300).c_str(),
                 100 * n.shards->lastReshardMoved);
        }
        if (n.backlogMean)
            line(out,
                 "%-20s backlog mean %.2f, max %u; message age mean %.3f ms, p99 %.3f ms\n",
                 "",
                 *n.backlogMean,
                 n.backlogMax,
                 n.messageAgeMeanMs,
                 n.messageAgeP99Ms);
        if (n.queue && n.enqueued > 0)
            line(out,
                 "%-20s enqueued %llu, delivered %llu, redelivered %llu, lost %llu; "
                 "duplicates applied %llu, ignored %llu\n",
                 "",
                 static_cast<unsigned long long>(n.enqueued),
                 static_cast<unsigned long long>(n.delivered),
                 static_cast<unsigned long long>(n.redelivered),
                 static_cast<unsigned long long>(n.lost),
                 static_cast<unsigned long long>(n.duplicatesApplied),
                 static_cast<unsigned long long>(n.duplicatesIgnored));
        trafficControlLines(out, n);
    }
    guardedLinks(out, r);
    line(out, "\ncost: $%.2f per hour\n", r.costPerHour);
    if (!r.findings.empty()) {
        out += "\nfindings:\n";
        for (const auto &f : r.findings)
            line(out, "  - %s\n", printable(f.message, 400).c_str());
    }
    return out;
}

} // namespace hld
