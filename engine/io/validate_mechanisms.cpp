#include "io/validate_mechanisms.h"

#include "io/display_text.h"
#include "model/component_kind.h"

namespace hld {

namespace {

void add(std::vector<DesignError> &out, const std::string &path, std::string msg)
{
    out.push_back({path, std::move(msg)});
}

void range(std::vector<DesignError> &out, const std::string &path, double v, double lo, double hi)
{
    if (v < lo || v > hi)
        add(out,
            path,
            "is " + shortNumber(v) + "; must be between " + shortNumber(lo) + " and "
                + shortNumber(hi));
}

void positive(std::vector<DesignError> &out, const std::string &path, double v, double hi)
{
    if (!(v > 0) || v > hi)
        add(out, path, "is " + shortNumber(v) + "; must be above 0 and at most " + shortNumber(hi));
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

} // namespace

void validateMechanisms(const Component &c, const std::string &path, std::vector<DesignError> &out)
{
    const bool caching = c.kind == ComponentKind::Cache || c.kind == ComponentKind::Cdn;
    const bool queue = c.kind == ComponentKind::Queue;
    const bool client = c.kind == ComponentKind::Client;

    if (c.traffic && c.traffic->keys) {
        const KeySpec &k = *c.traffic->keys;
        const std::string kp = path + "/traffic/keys";
        range(out, kp + "/count", double(k.count), 1, 1e12);
        range(out, kp + "/skew", k.skew, 0, 5);
        range(out, kp + "/missing_ratio", k.missingRatio, 0, 1);
    }

    // Key-level caches.
    const char *cacheKinds = "a cache or a cdn";
    only(out, path + "/capacity_keys", c.capacityKeys.has_value(), caching, cacheKinds);
    if (c.capacityKeys)
        range(out, path + "/capacity_keys", double(*c.capacityKeys), 1, double(kMaxCacheKeys));
    for (auto [present, field] : {std::pair{c.eviction.has_value(), "eviction"},
                                  {c.ttlS.has_value(), "ttl_s"},
                                  {c.strategy.has_value(), "strategy"},
                                  {c.flushIntervalS.has_value(), "flush_interval_s"},
                                  {c.negativeTtlS.has_value(), "negative_ttl_s"},
                                  {c.bloomFilter.has_value(), "bloom_filter"},
                                  {c.coalesce.has_value(), "coalesce"}}) {
        only(out, path + "/" + field, present, caching, cacheKinds);
        if (present && caching && !c.capacityKeys)
            add(out,
                path + "/" + field,
                "needs capacity_keys: it belongs to a key-level cache (without capacity_keys "
                "the cache serves a fixed hit_ratio)");
    }
    if (c.capacityKeys && c.hitRatio)
        add(out,
            path + "/hit_ratio",
            "cannot go with capacity_keys: a key-level cache's hit ratio comes from its "
            "contents");
    if (c.ttlS)
        positive(out, path + "/ttl_s", *c.ttlS, 1e7);
    if (c.negativeTtlS)
        positive(out, path + "/negative_ttl_s", *c.negativeTtlS, 1e7);
    if (c.flushIntervalS) {
        range(
            out, path + "/flush_interval_s", *c.flushIntervalS, 0.001, 1e6); // a flush is an event
        if (c.strategy != CacheStrategy::WriteBehind)
            add(out, path + "/flush_interval_s", "applies only to strategy write_behind");
    }

    // Sharding.
    if (c.shards) {
        const std::string sp = path + "/shards";
        only(out,
             sp,
             true,
             c.kind == ComponentKind::Database || c.kind == ComponentKind::Cache,
             "a database or a cache");
        range(out, sp + "/count", double(c.shards->count), 1, 1024);
        range(out, sp + "/virtual_nodes", double(c.shards->virtualNodes), 1, 1000);
        if (c.autoscale)
            add(out,
                path + "/autoscale",
                "cannot go with shards: a sharded store grows by shards (set_shards)");
    }

    // Replication additions.
    if (c.replication) {
        const Replication &r = *c.replication;
        const std::string rp = path + "/replication";
        if (r.failoverS)
            range(out, rp + "/failover_s", *r.failoverS, 0, 1e6);
        if (r.quorum) {
            const std::int64_t n = c.replicas.value_or(1);
            range(out, rp + "/quorum/r", double(r.quorum->r), 1, double(n));
            range(out, rp + "/quorum/w", double(r.quorum->w), 1, double(n));
        }
    }

    // Queues and their consumers.
    for (auto [present, field] : {std::pair{c.delivery.has_value(), "delivery"},
                                  {c.ackTimeoutS.has_value(), "ack_timeout_s"},
                                  {c.model.has_value(), "model"},
                                  {c.partitions.has_value(), "partitions"}})
        only(out, path + "/" + field, present, queue, "a queue");
    if (c.ackTimeoutS) {
        range(out, path + "/ack_timeout_s", *c.ackTimeoutS, 0.001, 1e6);
        if (c.delivery == Delivery::AtMostOnce)
            add(out, path + "/ack_timeout_s", "applies only to delivery at_least_once");
    }
    if (c.partitions) {
        range(out, path + "/partitions", double(*c.partitions), 1, 10000);
        if (c.model != QueueModel::Log)
            add(out, path + "/partitions", "applies only to model log");
    }
    only(out,
         path + "/idempotent",
         c.idempotent.has_value(),
         !client && !queue,
         "a component that consumes messages");
}

} // namespace hld
