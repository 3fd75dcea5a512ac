#include "io/write_policies.h"

#include "model/mechanism_names.h"

namespace hld {

using json = nlohmann::ordered_json;

void writeLinkPolicies(json &j, const Link &l)
{
    putOptional(j, "timeout_ms", l.timeoutMs);
    if (l.retry) {
        const RetryPolicy &r = *l.retry;
        j["retry"] = {{"max", r.max},
                      {"backoff_ms", r.backoffMs},
                      {"multiplier", r.multiplier},
                      {"max_backoff_ms", r.maxBackoffMs},
                      {"jitter", kJitters.name(r.jitter)}};
    }
    if (l.circuitBreaker) {
        const CircuitBreakerPolicy &b = *l.circuitBreaker;
        j["circuit_breaker"] = {{"failure_rate", b.failureRate},
                                {"min_calls", b.minCalls},
                                {"window_s", b.windowS},
                                {"open_s", b.openS},
                                {"half_open_calls", b.halfOpenCalls}};
    }
    putOptional(j, "max_concurrent", l.maxConcurrent);
    putOptional(j, "path", l.path);
}

void writeComponentPolicies(json &j, const Component &c)
{
    putOptional(j, "error_rate", c.errorRate);
    if (c.healthCheck)
        j["health_check"] = {{"interval_s", c.healthCheck->intervalS},
                             {"unhealthy_after", c.healthCheck->unhealthyAfter}};
    if (c.rateLimit) {
        const RateLimit &r = *c.rateLimit;
        json rj{{"algorithm", kRateAlgorithms.name(r.algorithm)},
                {"limit", r.limit},
                {"window_s", r.windowS}};
        putOptional(rj, "burst", r.burst);
        rj["per"] = kRateScopes.name(r.per);
        j["rate_limit"] = std::move(rj);
    }
    putOptional(j, "layer", c.layer);
    putOptional(j, "sticky", c.sticky);
    if (c.sessions)
        j["sessions"] = kSessions.name(*c.sessions);
    if (c.saga)
        j["saga"]
            = {{"mode", kSagaModes.name(c.saga->mode)}, {"compensations", c.saga->compensations}};
    putOptional(j, "table_rows", c.tableRows);
    putOptional(j, "indexes", c.indexes);
}

void writeTrafficPaths(json &j, const Traffic &t)
{
    if (!t.paths)
        return;
    json pj = json::object();
    for (const auto &[path, share] : *t.paths)
        pj[path] = share;
    j["paths"] = std::move(pj);
}

void writeAutoscaleMetric(json &j, const Autoscale &a)
{
    if (a.metric != AutoscaleMetric::Utilization)
        j["metric"] = kAutoscaleMetrics.name(a.metric);
    putOptional(j, "target_queue", a.targetQueue);
    putOptional(j, "target_p99_ms", a.targetP99Ms);
}

} // namespace hld
