#include "io/validate_policies.h"

#include "io/display_text.h"
#include "model/component_kind.h"

#include <set>

namespace hld {

namespace {

void add(std::vector<DesignError> &out, const std::string &path, std::string msg)
{
    out.push_back({path, std::move(msg)});
}

void range(std::vector<DesignError> &out, const std::string &path, double v, double lo, double hi)
{
    if (!(v >= lo && v <= hi))
        add(out,
            path,
            "is " + shortNumber(v) + "; must be between " + shortNumber(lo) + " and "
                + shortNumber(hi));
}

void only(std::vector<DesignError> &out,
          const std::string &path,
          bool present,
          bool allowed,
          const char *who)
{
    if (present && !allowed)
        add(out, path, std::string("applies only to ") + who);
}

bool validPath(const std::string &p)
{
    if (p.empty() || p.size() > 200 || p[0] != '/')
        return false;
    for (unsigned char ch : p) {
        if (ch < 0x21 || ch == 0x7f)
            return false;
    }
    return true;
}

void validateRateLimit(const RateLimit &r, const std::string &rp, std::vector<DesignError> &out)
{
    range(out, rp + "/limit", r.limit, 1e-6, 1e9);
    range(out, rp + "/window_s", r.windowS, 0.001, 1e6);
    if (r.burst) {
        range(out, rp + "/burst", double(*r.burst), 1, 1e6);
        only(out,
             rp + "/burst",
             true,
             r.algorithm == RateAlgorithm::TokenBucket || r.algorithm == RateAlgorithm::LeakyBucket,
             "token_bucket (its size) and leaky_bucket (its queue)");
    }
    if (r.algorithm == RateAlgorithm::LeakyBucket && r.per == RateScope::User)
        add(out,
            rp + "/per",
            "a leaky bucket shapes one queue for all traffic; per \"user\" works with the other "
            "four algorithms");
    if (r.algorithm == RateAlgorithm::SlidingWindowLog)
        range(out, rp + "/limit", r.limit, 1, 1e6); // the log keeps one entry per request
}

} // namespace

void validateComponentPolicies(const Component &c,
                               const std::string &path,
                               std::vector<DesignError> &out)
{
    const bool client = c.kind == ComponentKind::Client;
    const bool lb = c.kind == ComponentKind::LoadBalancer;
    const bool db = c.kind == ComponentKind::Database;
    if (c.errorRate) {
        only(out, path + "/error_rate", true, !client, "a component that serves requests");
        range(out, path + "/error_rate", *c.errorRate, 0, 1);
    }
    if (c.healthCheck) {
        const std::string hp = path + "/health_check";
        only(out, hp, true, !client, "a component that serves requests");
        range(out, hp + "/interval_s", c.healthCheck->intervalS, 0.01, 1e6);
        range(out, hp + "/unhealthy_after", double(c.healthCheck->unhealthyAfter), 1, 1000);
    }
    if (c.rateLimit) {
        only(out,
             path + "/rate_limit",
             true,
             lb || c.kind == ComponentKind::ApiGateway || c.kind == ComponentKind::Service,
             "a load_balancer, an api_gateway or a service");
        validateRateLimit(*c.rateLimit, path + "/rate_limit", out);
    }
    only(out, path + "/layer", c.layer.has_value(), lb, "a load_balancer");
    if (c.layer && *c.layer != 4 && *c.layer != 7)
        add(out, path + "/layer", "is " + std::to_string(*c.layer) + "; must be 4 or 7");
    only(out, path + "/sticky", c.sticky.has_value(), lb, "a load_balancer");
    only(out,
         path + "/sessions",
         c.sessions.has_value(),
         c.kind == ComponentKind::Service,
         "a service");
    only(out,
         path + "/saga",
         c.saga.has_value(),
         c.kind == ComponentKind::Service || c.kind == ComponentKind::ApiGateway,
         "a service or an api_gateway");
    only(out, path + "/table_rows", c.tableRows.has_value(), db, "a database");
    only(out, path + "/indexes", c.indexes.has_value(), db, "a database");
    if (c.tableRows)
        range(out, path + "/table_rows", double(*c.tableRows), 0, 1e12);
    if (c.indexes)
        range(out, path + "/indexes", double(*c.indexes), 0, 64);

    if (c.traffic && c.traffic->paths) {
        const std::string pp = path + "/traffic/paths";
        const PathShares &paths = *c.traffic->paths;
        if (paths.empty())
            add(out, pp, "names no path; give at least one, e.g. {\"/api\": 1}");
        std::set<std::string> seen;
        for (const auto &[p, share] : paths) {
            if (!validPath(p))
                add(out,
                    pp,
                    "the path " + quote(p)
                        + " must start with / and have 1 to 200 characters, no spaces");
            else if (!seen.insert(p).second)
                add(out, pp, "the path " + quote(p) + " is given twice");
            if (!(share > 0 && share <= 1e6))
                add(out,
                    pp,
                    "the share of " + quote(p) + " is " + shortNumber(share)
                        + "; must be above 0 and at most 1000000");
        }
    }
    if (c.autoscale) {
        const Autoscale &a = *c.autoscale;
        const std::string ap = path + "/autoscale";
        if (a.metric == AutoscaleMetric::Queue && !a.targetQueue)
            add(out, ap + "/target_queue", "is needed with metric \"queue\"");
        if (a.metric == AutoscaleMetric::P99 && !a.targetP99Ms)
            add(out, ap + "/target_p99_ms", "is needed with metric \"p99_ms\"");
        only(out,
             ap + "/target_queue",
             a.targetQueue.has_value(),
             a.metric == AutoscaleMetric::Queue,
             "metric \"queue\"");
        only(out,
             ap + "/target_p99_ms",
             a.targetP99Ms.has_value(),
             a.metric == AutoscaleMetric::P99,
             "metric \"p99_ms\"");
        if (a.targetQueue)
            range(out, ap + "/target_queue", *a.targetQueue, 0.01, 1e6);
        if (a.targetP99Ms)
            range(out, ap + "/target_p99_ms", *a.targetP99Ms, 0.001, 1e7);
    }
}

void validateLinkPolicies(const Link &l,
                          const Component *from,
                          const std::string &path,
                          std::vector<DesignError> &out)
{
    const bool policies = l.timeoutMs || l.retry || l.circuitBreaker || l.maxConcurrent;
    if (policies && l.mode == LinkMode::Async)
        add(out,
            path,
            "timeout_ms, retry, circuit_breaker and max_concurrent apply to sync calls; an async "
            "link does not wait for an answer");
    if (policies && from && from->kind == ComponentKind::Queue)
        add(out,
            path,
            "timeout_ms, retry, circuit_breaker and max_concurrent apply to calls; a queue "
            "delivers to its consumers instead (see delivery and ack_timeout_s)");
    if (l.timeoutMs)
        range(out, path + "/timeout_ms", *l.timeoutMs, 0.001, 1e7);
    if (l.retry) {
        const RetryPolicy &r = *l.retry;
        const std::string rp = path + "/retry";
        range(out, rp + "/max", double(r.max), 0, 100);
        range(out, rp + "/backoff_ms", r.backoffMs, 0, 1e7);
        range(out, rp + "/multiplier", r.multiplier, 1, 100);
        range(out, rp + "/max_backoff_ms", r.maxBackoffMs, 0, 1e7);
    }
    if (l.circuitBreaker) {
        const CircuitBreakerPolicy &b = *l.circuitBreaker;
        const std::string bp = path + "/circuit_breaker";
        range(out, bp + "/failure_rate", b.failureRate, 0.001, 1);
        range(out, bp + "/min_calls", double(b.minCalls), 1, 1e6);
        range(out, bp + "/window_s", b.windowS, 0.01, 1e6);
        range(out, bp + "/open_s", b.openS, 0.01, 1e6);
        range(out, bp + "/half_open_calls", double(b.halfOpenCalls), 1, 1e6);
    }
    if (l.maxConcurrent)
        range(out, path + "/max_concurrent", double(*l.maxConcurrent), 1, 1e7);
    if (l.path && !validPath(*l.path))
        add(out,
            path + "/path",
            "is " + quote(*l.path)
                + "; a path prefix starts with / and has 1 to 200 characters, "
                  "no spaces");
}

void validateDesignPolicies(const Design &d, std::vector<DesignError> &out)
{
    std::set<std::string> paths;
    std::int64_t users = 0; // the most users any client has
    for (const Component &c : d.components) {
        if (c.kind != ComponentKind::Client || !c.traffic)
            continue;
        users = std::max<std::int64_t>(users, c.traffic->users.value_or(10000));
        if (c.traffic->paths) {
            for (const auto &p : *c.traffic->paths)
                paths.insert(p.first);
        }
    }
    if (paths.size() > kMaxPaths)
        add(out,
            "/components",
            "the clients name " + std::to_string(paths.size()) + " distinct paths; at most "
                + std::to_string(kMaxPaths) + " are allowed");
    for (std::size_t i = 0; i < d.components.size(); ++i) {
        const Component &c = d.components[i];
        const std::string p = "/components/" + std::to_string(i);
        const bool perUser = (c.rateLimit && c.rateLimit->per == RateScope::User)
                             || c.sessions.value_or(Sessions::None) != Sessions::None
                             || c.sticky.value_or(false);
        if (perUser && users > kMaxPerUserUsers)
            add(out,
                p,
                quote(c.id)
                    + " keeps state per user (a per-user rate limit, local sessions or "
                      "sticky balancing), and a client has "
                    + std::to_string(users) + " users; at most " + std::to_string(kMaxPerUserUsers)
                    + " are allowed");
        if (c.rateLimit && c.rateLimit->per == RateScope::User
            && c.rateLimit->algorithm == RateAlgorithm::SlidingWindowLog
            && double(users) * c.rateLimit->limit > double(kMaxPerUserLogEntries))
            add(out,
                p + "/rate_limit/limit",
                "a per-user sliding window log keeps up to limit x users entries ("
                    + shortNumber(double(users) * c.rateLimit->limit) + "); at most "
                    + std::to_string(kMaxPerUserLogEntries) + " are allowed");
        if (c.saga) {
            bool step = false;
            for (const Link &l : d.links)
                step
                    = step || (l.from == c.id && l.mode.value_or(LinkMode::Sync) == LinkMode::Sync);
            if (!step)
                add(out,
                    p + "/saga",
                    "a saga's steps are the sync links out of " + quote(c.id)
                        + ", and it has none; draw a link to each step's service");
        }
    }
}

} // namespace hld
