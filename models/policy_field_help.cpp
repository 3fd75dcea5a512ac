#include "policy_field_help.h"

#include <QCoreApplication>

namespace hld {

namespace {

using G = FieldGroup;

const FieldLayout kLayout[] = {
    // The autoscaler's targets for the other signals (contract 5.9; the signal itself is laid
    // out in field_help.cpp, with the autoscaler's other fields)
    {"autoscale.target_queue",
     G::Scale,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The requests waiting per replica the autoscaler aims at: more than this "
                       "and it adds replicas.")},
    {"autoscale.target_p99_ms",
     G::Scale,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The P99 latency at this component the autoscaler aims at, in ms: slower "
                       "than this and it adds replicas.")},
    // Failures and health checks (contract 5.6)
    {"error_rate",
     G::Failures,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The share of requests (0 to 1) that fail here after their service: a "
                       "buggy release, a flaky dependency. 1 fails everything; use it to watch "
                       "retries and circuit breakers at work.")},
    {"health_check",
     G::Failures,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Its balancers probe each replica. Off: a dead replica leaves rotation at "
                       "once. On: it stays in rotation, failing the requests sent to it, until "
                       "enough checks in a row have failed.")},
    {"health_check.interval_s",
     G::Failures,
     QT_TRANSLATE_NOOP("FieldHelp", "How often a balancer probes each replica, in seconds.")},
    {"health_check.unhealthy_after",
     G::Failures,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Failed checks in a row before a replica leaves rotation. Detection "
                       "takes up to interval x this many seconds; fewer reacts faster and "
                       "flaps more.")},
    // Rate limit (contract 5.7)
    {"rate_limit.algorithm",
     G::RateLimit,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Refuses requests above a rate with HTTP 429. fixed_window: a count per "
                       "window (bursts at the edges). sliding_window_log: exact, one entry per "
                       "request. sliding_window_counter: close to exact, cheap. token_bucket: "
                       "allows bursts up to the bucket. leaky_bucket: queues and lets requests "
                       "out at a steady rate.")},
    {"rate_limit.limit",
     G::RateLimit,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Requests allowed per window (a token bucket refills this many per "
                       "window).")},
    {"rate_limit.window_s",
     G::RateLimit,
     QT_TRANSLATE_NOOP("FieldHelp", "The window the limit counts over, in seconds.")},
    {"rate_limit.burst",
     G::RateLimit,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "token_bucket: the bucket's size, the burst it lets through at once. "
                       "leaky_bucket: the requests it queues. Empty: the limit.")},
    {"rate_limit.per",
     G::RateLimit,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "all: one limit for all traffic (protects this component). user: a limit "
                       "for each user (fairness: one heavy user cannot starve the others).")},
    // Routing and sessions (contract 5.8)
    {"traffic.paths",
     G::Routing,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The paths this client's requests ask for, with their relative shares, "
                       "like \"/api: 0.7, /static: 0.3\". Links with a path prefix route them "
                       "(L7). Empty: requests have no path.")},
    {"layer",
     G::Routing,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "7: the balancer reads each request's path and follows the path prefixes "
                       "of its links (L7). 4: it forwards connections without reading them "
                       "(L4): cheaper, and blind to paths.")},
    {"sticky",
     G::Routing,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Keeps each user on the replica that served it first, so local sessions "
                       "survive; the load then follows the users and may be uneven.")},
    {"sessions",
     G::Routing,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "none: stateless. local: a user's session lives on one replica, and a "
                       "request landing elsewhere fails (session lost) unless the balancer is "
                       "sticky or ip_hash. shared: sessions in a shared store, nothing lost.")},
    // Saga
    {"saga.mode",
     G::Saga,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "A transaction across services: its steps are this component's sync "
                       "links, in order. orchestration: this component drives the steps. "
                       "choreography: each step triggers the next.")},
    {"saga.compensations",
     G::Saga,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "When a step fails, undo the steps before it, newest first, with a "
                       "compensating write over the same link.")},
    // Table
    {"table_rows",
     G::Table,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Rows a query may have to scan. Without an index a read scans them all, "
                       "so its service time grows with the table.")},
    {"indexes",
     G::Table,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Secondary indexes (0 to 64). A read uses one and no longer scans; each "
                       "index makes every write a little slower.")},
};

} // namespace

std::span<const FieldLayout> policyFieldLayout()
{
    return kLayout;
}

bool policyFieldRelevant(std::string_view key, const Component &c)
{
    if (key == "autoscale.metric")
        return c.autoscale.has_value();
    if (key == "autoscale.target_queue")
        return c.autoscale && c.autoscale->metric == AutoscaleMetric::Queue;
    if (key == "autoscale.target_p99_ms")
        return c.autoscale && c.autoscale->metric == AutoscaleMetric::P99;
    if (key.starts_with("health_check."))
        return c.healthCheck.has_value();
    if (key == "rate_limit.burst")
        return c.rateLimit
               && (c.rateLimit->algorithm == RateAlgorithm::TokenBucket
                   || c.rateLimit->algorithm == RateAlgorithm::LeakyBucket);
    if (key == "rate_limit.per")
        return c.rateLimit && c.rateLimit->algorithm != RateAlgorithm::LeakyBucket;
    if (key.starts_with("rate_limit.") && key != "rate_limit.algorithm")
        return c.rateLimit.has_value();
    if (key == "saga.compensations")
        return c.saga.has_value();
    return true;
}

} // namespace hld
