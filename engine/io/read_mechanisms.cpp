#include "io/read_mechanisms.h"

#include "model/mechanism_names.h"

namespace hld {

KeySpec
readKeySpec(const nlohmann::json &j, const std::string &path, std::vector<DesignError> &errs)
{
    ObjectFields f(j, path, errs);
    KeySpec k;
    k.count = f.integer("count", true).value_or(k.count);
    k.skew = f.number("skew").value_or(k.skew);
    k.missingRatio = f.number("missing_ratio").value_or(k.missingRatio);
    if (auto w
        = f.enumeration<WritePattern>("write_pattern", writePatternFromName, kWritePatterns.list()))
        k.writePattern = *w;
    f.rejectUnknown();
    return k;
}

void readMechanismFields(ObjectFields &f, Component &c, std::vector<DesignError> &errs)
{
    c.capacityKeys = f.integer("capacity_keys");
    c.eviction = f.enumeration<Eviction>("eviction", evictionFromName, kEvictions.list());
    c.ttlS = f.number("ttl_s");
    c.strategy
        = f.enumeration<CacheStrategy>("strategy", cacheStrategyFromName, kCacheStrategies.list());
    c.flushIntervalS = f.number("flush_interval_s");
    c.negativeTtlS = f.number("negative_ttl_s");
    c.bloomFilter = f.boolean("bloom_filter");
    c.coalesce = f.boolean("coalesce");
    if (const auto *s = f.object("shards")) {
        ObjectFields sf(*s, f.pathOf("shards"), errs);
        Shards sh;
        sh.count = sf.integer("count", true).value_or(sh.count);
        if (auto st = sf.enumeration<ShardStrategy>(
                "strategy", shardStrategyFromName, kShardStrategies.list()))
            sh.strategy = *st;
        sh.virtualNodes = sf.integer("virtual_nodes").value_or(sh.virtualNodes);
        sf.rejectUnknown();
        c.shards = sh;
    }
    c.delivery = f.enumeration<Delivery>("delivery", deliveryFromName, kDeliveries.list());
    c.ackTimeoutS = f.number("ack_timeout_s");
    c.model = f.enumeration<QueueModel>("model", queueModelFromName, kQueueModels.list());
    c.partitions = f.integer("partitions");
    c.idempotent = f.boolean("idempotent");
}

void readReplicationAdditions(ObjectFields &f, Replication &r, std::vector<DesignError> &errs)
{
    r.failoverS = f.number("failover_s");
    r.readYourWrites = f.boolean("read_your_writes");
    if (const auto *q = f.object("quorum")) {
        ObjectFields qf(*q, f.pathOf("quorum"), errs);
        Quorum quorum;
        quorum.r = qf.integer("r", true).value_or(quorum.r);
        quorum.w = qf.integer("w", true).value_or(quorum.w);
        qf.rejectUnknown();
        r.quorum = quorum;
    }
}

} // namespace hld
