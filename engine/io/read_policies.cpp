#include "io/read_policies.h"

#include "model/mechanism_names.h"

namespace hld {

void readLinkPolicies(ObjectFields &f, Link &l, std::vector<DesignError> &errs)
{
    l.timeoutMs = f.number("timeout_ms");
    if (const auto *r = f.object("retry")) {
        ObjectFields rf(*r, f.pathOf("retry"), errs);
        RetryPolicy p;
        p.max = rf.integer("max").value_or(p.max);
        p.backoffMs = rf.number("backoff_ms").value_or(p.backoffMs);
        p.multiplier = rf.number("multiplier").value_or(p.multiplier);
        p.maxBackoffMs = rf.number("max_backoff_ms").value_or(p.maxBackoffMs);
        if (auto j = rf.enumeration<Jitter>("jitter", jitterFromName, kJitters.list()))
            p.jitter = *j;
        rf.rejectUnknown();
        l.retry = p;
    }
    if (const auto *b = f.object("circuit_breaker")) {
        ObjectFields bf(*b, f.pathOf("circuit_breaker"), errs);
        CircuitBreakerPolicy p;
        p.failureRate = bf.number("failure_rate").value_or(p.failureRate);
        p.minCalls = bf.integer("min_calls").value_or(p.minCalls);
        p.windowS = bf.number("window_s").value_or(p.windowS);
        p.openS = bf.number("open_s").value_or(p.openS);
        p.halfOpenCalls = bf.integer("half_open_calls").value_or(p.halfOpenCalls);
        bf.rejectUnknown();
        l.circuitBreaker = p;
    }
    l.maxConcurrent = f.integer("max_concurrent");
    l.path = f.string("path");
}

void readComponentPolicies(ObjectFields &f, Component &c, std::vector<DesignError> &errs)
{
    c.errorRate = f.number("error_rate");
    if (const auto *h = f.object("health_check")) {
        ObjectFields hf(*h, f.pathOf("health_check"), errs);
        HealthCheck p;
        p.intervalS = hf.number("interval_s").value_or(p.intervalS);
        p.unhealthyAfter = hf.integer("unhealthy_after").value_or(p.unhealthyAfter);
        hf.rejectUnknown();
        c.healthCheck = p;
    }
    if (const auto *r = f.object("rate_limit")) {
        ObjectFields rf(*r, f.pathOf("rate_limit"), errs);
        RateLimit p;
        if (auto a = rf.enumeration<RateAlgorithm>(
                "algorithm", rateAlgorithmFromName, kRateAlgorithms.list(), true))
            p.algorithm = *a;
        p.limit = rf.number("limit", true).value_or(p.limit);
        p.windowS = rf.number("window_s").value_or(p.windowS);
        p.burst = rf.integer("burst");
        if (auto s = rf.enumeration<RateScope>("per", rateScopeFromName, kRateScopes.list()))
            p.per = *s;
        rf.rejectUnknown();
        c.rateLimit = p;
    }
    c.layer = f.integer("layer");
    c.sticky = f.boolean("sticky");
    c.sessions = f.enumeration<Sessions>("sessions", sessionsFromName, kSessions.list());
    if (const auto *s = f.object("saga")) {
        ObjectFields sf(*s, f.pathOf("saga"), errs);
        Saga p;
        if (auto m = sf.enumeration<SagaMode>("mode", sagaModeFromName, kSagaModes.list()))
            p.mode = *m;
        p.compensations = sf.boolean("compensations").value_or(p.compensations);
        sf.rejectUnknown();
        c.saga = p;
    }
    c.tableRows = f.integer("table_rows");
    c.indexes = f.integer("indexes");
}

void readTrafficPaths(ObjectFields &f, Traffic &t)
{
    const auto *p = f.object("paths");
    if (!p)
        return;
    PathShares shares;
    for (auto it = p->begin(); it != p->end(); ++it) {
        if (!it.value().is_number()) {
            f.error("paths",
                    "the share of " + quote(it.key()) + " must be a number, not "
                        + jsonTypeName(it.value()));
            continue;
        }
        shares.emplace_back(it.key(), it.value().get<double>());
    }
    t.paths = std::move(shares);
}

void readAutoscaleMetric(ObjectFields &f, Autoscale &a)
{
    if (auto m = f.enumeration<AutoscaleMetric>(
            "metric", autoscaleMetricFromName, kAutoscaleMetrics.list()))
        a.metric = *m;
    a.targetQueue = f.number("target_queue");
    a.targetP99Ms = f.number("target_p99_ms");
}

} // namespace hld
