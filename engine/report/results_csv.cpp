#include "report/results_format.h"

#include <cstdio>

namespace hld {

namespace {

std::string row(const char *fmt, auto... args)
{
    char buf[512];
    std::snprintf(buf, sizeof buf, fmt, args...);
    return buf;
}

std::string latencyRow(const char *scope, const LatencySummary &s)
{
    // Empty cells, not zeros, where nothing was measured.
    auto cell = [](bool known, double v) { return known ? row("%.9g", v) : std::string(); };
    const bool any = s.count > 0, ok = s.ok > 0;
    return row("%s,,,%llu,%llu,%llu,",
               scope,
               static_cast<unsigned long long>(s.count),
               static_cast<unsigned long long>(s.ok),
               static_cast<unsigned long long>(s.failed))
           + cell(any, s.errorRate) + "," + cell(any, s.throughputRps) + "," + cell(ok, s.meanMs)
           + "," + cell(ok, s.p50Ms) + "," + cell(ok, s.p90Ms) + "," + cell(ok, s.p95Ms) + ","
           + cell(ok, s.p99Ms) + "," + cell(ok, s.p999Ms) + "," + cell(ok, s.maxMs) + ",,,,,,\n";
}

std::string quote(const std::string &s)
{
    std::string q = "\"";
    for (char c : s) {
        if (c == '"')
            q += '"';
        q += c;
    }
    return q + "\"";
}

} // namespace

std::string resultsToCsv(const Results &r)
{
    std::string out = "scope,kind,replicas,count,ok,failed,error_rate,throughput_rps,mean_ms,"
                      "p50_ms,p90_ms,p95_ms,p99_ms,p999_ms,max_ms,utilization,mean_in_system,"
                      "mean_wait_ms,mean_sojourn_ms,rejected,blocking_probability\n";
    out += latencyRow("end_to_end", r.endToEnd);
    out += latencyRow("reads", r.reads);
    out += latencyRow("writes", r.writes);
    for (const auto &n : r.nodes) {
        out += quote(n.id)
               + row(",%s,%d,%llu,%llu,,,%.9g,%.9g,%.9g,,,%.9g,,,%.9g,%.9g,%.9g,%.9g,%llu,%.9g\n",
                     n.kind.c_str(),
                     n.replicas,
                     static_cast<unsigned long long>(n.arrivals),
                     static_cast<unsigned long long>(n.completed),
                     n.throughputRps,
                     n.meanSojournMs,
                     n.p50Ms,
                     n.p99Ms,
                     n.utilization,
                     n.meanInSystem,
                     n.meanWaitMs,
                     n.meanSojournMs,
                     static_cast<unsigned long long>(n.rejected),
                     n.blockingProbability);
    }
    return out;
}

} // namespace hld
