#include "mechanism_field_help.h"

#include <QCoreApplication>

namespace hld {

namespace {

using G = FieldGroup;

const FieldLayout kLayout[] = {
    // Keys (client, contract 5.1)
    {"traffic.keys.count",
     G::Keys,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Gives every request a key out of this many data items (empty: no keys). "
                       "Key-level caches, shards and replicas then act on real keys.")},
    {"traffic.keys.skew",
     G::Keys,
     QT_TRANSLATE_NOOP(
         "FieldHelp",
         "How popular the top keys are (Zipf s, 0 to 5): 0 spreads requests evenly, "
         "about 1 is typical of the web (a few hot keys), above 1.5 is one celebrity.")},
    {"traffic.keys.missing_ratio",
     G::Keys,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The share of reads (0 to 1) asking for keys that do not exist, a new one "
                       "each time: cache penetration, by accident or by an attacker.")},
    {"traffic.keys.write_pattern",
     G::Keys,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "zipf: writes update popular existing keys. sequential: writes create new, "
                       "ever-increasing keys (ids, timestamps), which piles them onto the last "
                       "range shard.")},
    // Key-level cache (cache, cdn, contract 5.2)
    {"capacity_keys",
     G::KeyCache,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Switches the cache to real contents (empty: a fixed hit ratio). It starts "
                       "empty, holds at most this many keys, and its hit ratio comes from the "
                       "traffic's skew, the eviction and the TTL.")},
    {"eviction",
     G::KeyCache,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Which key leaves a full cache: lru (least recently used, the usual "
                       "choice), lfu (least often used), fifo (oldest stored) or random.")},
    {"ttl_s",
     G::KeyCache,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "An entry expires this long after it was stored, hit or not (empty: "
                       "never). Shorter is fresher data and more misses.")},
    {"strategy",
     G::KeyCache,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "How writes meet the cache. cache_aside: write downstream, drop the key. "
                       "read_through: the cache loads misses itself. write_through: write both "
                       "before the ack. write_behind: ack once cached, flush later (fast, may "
                       "lose writes).")},
    {"flush_interval_s",
     G::KeyCache,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "write_behind: how often cached writes go to the database. Writes not yet "
                       "flushed are lost if the cache dies.")},
    {"negative_ttl_s",
     G::KeyCache,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Remember \"not found\" for this long (empty: never), so repeated reads of "
                       "a missing key stop reaching the database.")},
    {"bloom_filter",
     G::KeyCache,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "A compact set of every existing key: reads of keys that do not exist are "
                       "answered at once, without going downstream (cache penetration).")},
    {"coalesce",
     G::KeyCache,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Concurrent misses of one key send a single request downstream; the others "
                       "wait for it. Stops a stampede when a hot key expires.")},
    // Sharding (database, cache, contract 5.3)
    {"shards.count",
     G::Sharding,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Splits the data by key over this many shards (empty: not sharded), each "
                       "with its own replicas. Writes scale with the shards; a hot key still lands "
                       "on one.")},
    {"shards.strategy",
     G::Sharding,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "hash: key modulo shards (even, but re-sharding moves most keys). range: "
                       "contiguous key ranges (range scans; sequential keys pile onto the last). "
                       "consistent_hash: a ring, re-sharding moves about 1/(S+1) of the keys.")},
    {"shards.virtual_nodes",
     G::Sharding,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "consistent_hash: points per shard on the ring (1 to 1000). More points "
                       "spread keys more evenly; 100 is a common choice.")},
    // Replication (database, cache, contract 5.4)
    {"replication.consistency",
     G::Replication,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Replicate the data with a leader and followers. Under a partition CP "
                       "refuses requests on the side without a majority (errors, never stale), "
                       "AP keeps answering (no errors, stale reads). Payments: CP; feeds and "
                       "profiles: AP.")},
    {"replication.mode",
     G::Replication,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Async: the leader acknowledges at once and followers catch up (fast, may "
                       "be stale). Sync: the write waits for the followers (slower, fresh).")},
    {"replication.read_from",
     G::Replication,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Where reads go: the leader (always fresh, all load on one replica), the "
                       "followers (spreads reads, may be stale) or any replica.")},
    {"replication.lag_ms",
     G::Replication,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "How far asynchronous followers trail the leader. Reads from a follower "
                       "within the lag of a write see the old value (a stale read).")},
    {"replication.failover_s",
     G::Replication,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "When the leader dies or is cut off in a minority, a follower is elected "
                       "after this long (empty: never). Writes fail until then.")},
    {"replication.quorum.r",
     G::Replication,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Leaderless (Dynamo style) when set: a read asks every replica and answers "
                       "with the newest of the first R replies. With R + W > N no read is stale.")},
    {"replication.quorum.w",
     G::Replication,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "A write goes to every replica and is acknowledged after W of them. Lower "
                       "W: faster writes, staler reads unless R makes up for it.")},
    {"replication.read_your_writes",
     G::Replication,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "A user's reads always see that user's own earlier writes, even from a "
                       "lagging follower (the profile you just edited shows the edit).")},
    // Delivery (queue and consumers, contract 5.5)
    {"delivery",
     G::Delivery,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "at_least_once: a message is deleted when its consumer finishes, so a "
                       "crash means it is delivered again (maybe twice). at_most_once: deleted on "
                       "delivery, so a crash loses it.")},
    {"ack_timeout_s",
     G::Delivery,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "at_least_once: a message not acknowledged within this long is delivered "
                       "again. Too short and slow work is done twice.")},
    {"model",
     G::Delivery,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "queue: competing consumers take any message. log: Kafka-like partitions, "
                       "each read in order by one consumer replica.")},
    {"partitions",
     G::Delivery,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "log: how many partitions. Order holds within one; consumer replicas "
                       "beyond this count sit idle.")},
    {"max_backlog",
     G::Delivery,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Messages that may wait for a consumer. A full queue refuses the "
                       "producer, which then sees an error: back-pressure instead of an ever "
                       "growing backlog.")},
    {"idempotent",
     G::Delivery,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "This consumer recognises a message it has already applied and ignores "
                       "the duplicate: at-least-once delivery with exactly-once effects.")},
};

} // namespace

std::span<const FieldLayout> mechanismFieldLayout()
{
    return kLayout;
}

bool mechanismFieldRelevant(std::string_view key, const Component &c)
{
    const bool keys = c.traffic && c.traffic->keys;
    if (key.starts_with("traffic.keys.") && key != "traffic.keys.count")
        return keys;
    if (key == "hit_ratio")
        return !c.capacityKeys;
    if (key == "flush_interval_s")
        return c.capacityKeys && c.strategy == CacheStrategy::WriteBehind;
    if (key == "eviction" || key == "ttl_s" || key == "strategy" || key == "negative_ttl_s"
        || key == "bloom_filter" || key == "coalesce")
        return c.capacityKeys.has_value();
    if (key == "shards.strategy")
        return c.shards.has_value();
    if (key == "shards.virtual_nodes")
        return c.shards && c.shards->strategy == ShardStrategy::ConsistentHash;
    if (key == "replication.quorum.w")
        return c.replication && c.replication->quorum;
    if (key.starts_with("replication.") && key != "replication.consistency")
        return c.replication.has_value();
    if (key == "ack_timeout_s")
        return c.delivery.value_or(Delivery::AtLeastOnce) == Delivery::AtLeastOnce;
    if (key == "partitions")
        return c.model == QueueModel::Log;
    return true;
}

} // namespace hld
