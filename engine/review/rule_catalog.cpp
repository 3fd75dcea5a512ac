#include "review/rule_catalog.h"

namespace hld {

const std::vector<RuleInfo> &ruleCatalog()
{
    using enum Severity;
    static const std::vector<RuleInfo> rules{
        // Capacity (the flow analysis)
        {"unstable",
         Error,
         "Arrivals exceed capacity",
         "A component offered more work than it can serve builds a queue that grows without "
         "limit: latency climbs until clients time out.",
         "Add replicas, a bigger instance or a cache in front, or bound its queue."},
        {"overloaded",
         Warning,
         "Arrivals exceed capacity, with a bounded queue",
         "A full bounded queue refuses the excess, so a share of requests fails at the target "
         "load.",
         "Add replicas or a bigger instance until utilisation is below 0.8."},
        {"hot",
         Warning,
         "Utilisation above 80%",
         "Queueing delay grows as 1/(1 - utilisation): above 0.8 a small surge doubles the "
         "wait, and one lost replica overloads the rest.",
         "Keep headroom: scale out until utilisation is below 0.8 at peak."},
        {"client_unconnected",
         Warning,
         "Client with nowhere to send",
         "A client with no outgoing link sends nothing; the design is not exercised.",
         "Link the client to its entry point."},
        {"no_target",
         Error,
         "Load balancer with no downstream",
         "Every request a balancer receives fails when it has no targets.",
         "Link the balancer to the replicated service behind it."},
        {"no_consumer",
         Warning,
         "Queue with no consumer",
         "Messages are acknowledged and dropped: the work never happens.",
         "Link the queue to the worker that consumes it."},
        // Topology
        {"no_balancer",
         Warning,
         "Replicas with no load balancer in front",
         "Replicas without a balancer are not spread evenly, and a dead one keeps receiving "
         "traffic (guide: load balancer).",
         "Put a load balancer (or an API gateway) in front of the replicas."},
        {"single_balancer",
         Warning,
         "Single load balancer",
         "One balancer instance is a single point of failure in front of every replica.",
         "Run two balancers (active-passive or active-active): set replicas to 2."},
        {"single_database",
         Warning,
         "Single database",
         "One database instance is a single point of failure: when it dies, writes stop and "
         "unreplicated data can be lost.",
         "Add replication (a leader and followers, with failover) or shards with replicas."},
        {"replicas_without_replication",
         Warning,
         "Database replicas without replication",
         "Copies that do not replicate are separate databases: each write lands in one and "
         "reads from the others miss it.",
         "Turn on replication (leader and followers) or shard the data."},
        {"read_heavy_no_cache",
         Warning,
         "Read-heavy path with no cache",
         "When the same data is read many times, every read paying a database query wastes "
         "capacity and latency (guide: caching).",
         "Put a cache (cache-aside) between the service and the database, or a CDN for "
         "static content."},
        {"no_cdn_multi_region",
         Info,
         "Users in several regions and no CDN",
         "Users far from the origin pay a cross-region round trip (50-150 ms) for every "
         "static asset (guide: CDN).",
         "Serve static content from a CDN with an edge near each region's users."},
        {"sync_cross_region",
         Warning,
         "Synchronous cross-region call on the request path",
         "Each cross-region hop adds 50-150 ms to every request and fails when the regions "
         "partition.",
         "Keep the request path inside a region: replicate the data locally, or make the "
         "cross-region work asynchronous."},
        {"no_rate_limit",
         Warning,
         "Public entry point with no rate limit",
         "Without a limit one abusive client or a retry storm can take the whole service "
         "down (guide: API gateway, rate limiting).",
         "Add a rate limit (token bucket, per user) at the balancer or API gateway."},
        {"too_many_services",
         Warning,
         "More services than the scale justifies",
         "Each service adds a network hop, a deployment and a failure mode; at low scale a "
         "modular monolith does the job (guide: microservices vs monolith).",
         "Start with a modular monolith and extract services when scale or teams demand it."},
        {"no_justification",
         Info,
         "Component with no justification",
         "Interviewers evaluate \"I chose X because Y\": a component without a reason is a "
         "buzzword.",
         "Write why the component is there, and its trade-off, in its justification."},
        // Failure handling
        {"deep_sync_chain",
         Warning,
         "Deep synchronous chain without timeouts",
         "In a chain of more than 3 synchronous calls, one slow dependency holds every "
         "caller's threads and the failure cascades (guide: circuit breaker).",
         "Set timeout_ms (and a circuit breaker) on the calls in the chain, or make part of it "
         "asynchronous."},
        {"retry_without_backoff",
         Warning,
         "Retries with no backoff or no jitter",
         "Immediate retries multiply the load on a struggling dependency; retries without "
         "jitter arrive in synchronised waves (a retry storm).",
         "Use exponential backoff with full jitter."},
        {"retry_without_timeout",
         Warning,
         "Retries with no timeout",
         "Without a timeout a hung call is never retried: the caller waits as long as the "
         "dependency does.",
         "Set timeout_ms on the link that retries."},
        {"at_least_once_not_idempotent",
         Warning,
         "At-least-once delivery into a non-idempotent consumer",
         "At-least-once delivery redelivers messages whose acknowledgement was late; a "
         "consumer that is not idempotent applies them twice (double charges, duplicate "
         "emails).",
         "Make the consumer idempotent (a deduplication key), or accept at-most-once loss."},
        {"local_sessions_round_robin",
         Warning,
         "Server-local sessions behind round robin",
         "With sessions held in one replica's memory, a balancer that spreads a user's "
         "requests loses the session on every other request.",
         "Move sessions to a shared store (stateless services), or make the balancer sticky."},
        {"no_failover",
         Warning,
         "Replicated database with no failover",
         "When the leader dies nobody is promoted: writes fail until someone intervenes.",
         "Set failover_s so a follower is elected when the leader is lost."},
        // Data
        {"range_shard_growing_key",
         Warning,
         "Range sharding on a growing key",
         "With keys that only grow (timestamps, sequence numbers), every new write lands in "
         "the last range: one shard takes all writes (a hot shard).",
         "Shard by hash or consistent hash, or prefix the key with a hash."},
        {"write_behind_critical",
         Warning,
         "Write-behind for data that must not be lost",
         "Write-behind acknowledges a write before it reaches the database; a cache crash "
         "loses every write not yet flushed.",
         "Use write-through (or write to the database first) for data that must survive."},
        {"ap_for_money",
         Warning,
         "AP consistency for payments or bookings",
         "Money, inventory and bookings cannot be stale: an AP store accepts conflicting "
         "writes during a partition (double spending, overselling).",
         "Use CP replication (a majority must acknowledge) for the critical data."},
        {"cache_over_strong_data",
         Warning,
         "Strongly consistent data served from a cache",
         "A cache returns what it holds until it expires: a read can be stale even though "
         "the database behind it is CP (guide: don't cache financial transactions).",
         "Read critical data from the database leader, or invalidate on write "
         "(write-through) and accept the window."},
        {"quorum_no_overlap",
         Info,
         "Read and write quorums that do not overlap",
         "With R + W <= N a read can miss the latest acknowledged write.",
         "Choose R + W > N (for example W = R = majority) where reads must see writes."},
        {"cache_without_ttl",
         Info,
         "Cache-aside with no TTL",
         "Without expiry, an entry changed elsewhere stays stale in the cache forever.",
         "Set ttl_s, or invalidate the entry on every write (write-through)."},
        {"sync_replication_cross_region",
         Info,
         "Synchronous replication across regions",
         "Every write waits for a cross-region acknowledgement (50-150 ms) and stalls when "
         "the regions partition.",
         "Replicate asynchronously across regions, or keep the synchronous quorum in one "
         "region."},
    };
    return rules;
}

const RuleInfo *findRule(std::string_view id)
{
    for (const auto &r : ruleCatalog())
        if (r.id == id)
            return &r;
    return nullptr;
}

std::string_view severityName(Severity s)
{
    return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "info";
}

} // namespace hld
