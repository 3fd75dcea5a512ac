#include "mechanism_fields.h"

#include "model/mechanism_names.h"

#include <QObject>

#include <cmath>

namespace hld {

namespace {

using Type = ComponentField::Type;
using K = ComponentKind;

QString q(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

bool client(K k)
{
    return k == K::Client;
}
bool caching(K k)
{
    return k == K::Cache || k == K::Cdn;
}
bool store(K k)
{
    return k == K::Database || k == K::Cache;
}
bool queue(K k)
{
    return k == K::Queue;
}
// The kinds that usually take messages off a queue; the file allows any non-client.
bool consumer(K k)
{
    return k == K::Service || k == K::Database || k == K::ObjectStorage;
}

QStringList noChoices()
{
    return {};
}
QStringList boolChoices()
{
    return {"false", "true"};
}
template<typename Table>
QStringList namesOf(const Table &t)
{
    QStringList out;
    for (const auto &row : t.rows)
        out << q(row.second);
    return out;
}

bool blank(const QString &s)
{
    return s.trimmed().isEmpty();
}

std::optional<QString> number(const QString &s, double &out)
{
    bool ok = false;
    const double v = s.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return QObject::tr("'%1' is not a number").arg(s);
    out = v;
    return std::nullopt;
}

std::optional<QString> whole(const QString &s, std::int64_t &out)
{
    bool ok = false;
    const qlonglong v = s.trimmed().toLongLong(&ok);
    if (!ok)
        return QObject::tr("'%1' is not a whole number").arg(s);
    out = v;
    return std::nullopt;
}

template<typename T>
std::optional<QString> optionalNumber(std::optional<T> &field, const QString &s)
{
    if (blank(s)) {
        field.reset();
        return std::nullopt;
    }
    T v{};
    if constexpr (std::is_same_v<T, double>) {
        if (auto e = number(s, v))
            return e;
    } else {
        if (auto e = whole(s, v))
            return e;
    }
    field = v;
    return std::nullopt;
}

std::optional<QString> flag(std::optional<bool> &field, const QString &s)
{
    if (s != QLatin1String("true") && s != QLatin1String("false"))
        return QObject::tr("must be true or false");
    field = s == QLatin1String("true");
    return std::nullopt;
}

QVariant flagText(const std::optional<bool> &b)
{
    return b.value_or(false) ? QStringLiteral("true") : QStringLiteral("false");
}

template<typename T>
QVariant orEmpty(const std::optional<T> &v)
{
    if (!v)
        return {};
    if constexpr (std::is_integral_v<T>)
        return qlonglong(*v);
    else
        return *v;
}

template<typename Table, typename E>
std::optional<QString> choose(const Table &t, std::optional<E> &field, const QString &s)
{
    auto v = t.value(s.toStdString());
    if (!v)
        return QObject::tr("choose one of %1").arg(q(t.list()));
    field = *v;
    return std::nullopt;
}

const KeySpec *keys(const Component &c)
{
    return c.traffic && c.traffic->keys ? &*c.traffic->keys : nullptr;
}
KeySpec &keysOrNew(Component &c)
{
    if (!c.traffic)
        c.traffic = Traffic{};
    if (!c.traffic->keys)
        c.traffic->keys = KeySpec{};
    return *c.traffic->keys;
}
Shards &shards(Component &c)
{
    if (!c.shards)
        c.shards = Shards{};
    return *c.shards;
}
Replication &replication(Component &c)
{
    if (!c.replication)
        c.replication = Replication{};
    return *c.replication;
}
Quorum &quorum(Component &c)
{
    auto &r = replication(c);
    if (!r.quorum) {
        // Start from a majority on both sides: R + W > N, the safe choice.
        const std::int64_t n = c.replicas.value_or(1);
        r.quorum = Quorum{n / 2 + 1, n / 2 + 1};
    }
    return *r.quorum;
}

// The key-level fields belong to capacity_keys: clearing it clears them, so one edit turns
// the key-level cache back into a fixed hit ratio rather than leaving orphans to refuse.
void clearKeyLevel(Component &c)
{
    c.eviction.reset();
    c.ttlS.reset();
    c.strategy.reset();
    c.flushIntervalS.reset();
    c.negativeTtlS.reset();
    c.bloomFilter.reset();
    c.coalesce.reset();
}

// R and W edit alike: clearing either makes the store leader-based again.
template<std::int64_t Quorum::*side>
ComponentField quorumField(const char *key, const char *label)
{
    return {key,
            label,
            Type::Integer,
            store,
            [](const Component &c) -> QVariant {
                return c.replication && c.replication->quorum
                           ? QVariant(qlonglong((*c.replication->quorum).*side))
                           : QVariant();
            },
            [](const Component &c) { return c.replication && c.replication->quorum.has_value(); },
            [](Component &c, const QString &s) -> std::optional<QString> {
                if (blank(s)) {
                    if (c.replication)
                        c.replication->quorum.reset();
                    return std::nullopt;
                }
                return whole(s, quorum(c).*side);
            },
            noChoices};
}

const ComponentField kFields[] = {
    // Keys (client)
    {"traffic.keys.count",
     QT_TRANSLATE_NOOP("Inspector", "Distinct keys"),
     Type::Integer,
     client,
     [](const Component &c) -> QVariant {
         return keys(c) ? QVariant(qlonglong(keys(c)->count)) : QVariant();
     },
     [](const Component &c) { return keys(c) != nullptr; },
     [](Component &c, const QString &s) -> std::optional<QString> {
         if (blank(s)) {
             if (c.traffic)
                 c.traffic->keys.reset();
             return std::nullopt;
         }
         return whole(s, keysOrNew(c).count);
     },
     noChoices},
    {"traffic.keys.skew",
     QT_TRANSLATE_NOOP("Inspector", "Key skew (Zipf s)"),
     Type::Number,
     client,
     [](const Component &c) -> QVariant { return keys(c) ? keys(c)->skew : KeySpec{}.skew; },
     [](const Component &c) { return keys(c) != nullptr; },
     [](Component &c, const QString &s) -> std::optional<QString> {
         if (blank(s)) {
             keysOrNew(c).skew = KeySpec{}.skew;
             return std::nullopt;
         }
         return number(s, keysOrNew(c).skew);
     },
     noChoices},
    {"traffic.keys.missing_ratio",
     QT_TRANSLATE_NOOP("Inspector", "Missing-key reads"),
     Type::Number,
     client,
     [](const Component &c) -> QVariant { return keys(c) ? keys(c)->missingRatio : 0.0; },
     [](const Component &c) { return keys(c) != nullptr; },
     [](Component &c, const QString &s) -> std::optional<QString> {
         if (blank(s)) {
             keysOrNew(c).missingRatio = 0;
             return std::nullopt;
         }
         return number(s, keysOrNew(c).missingRatio);
     },
     noChoices},
    {"traffic.keys.write_pattern",
     QT_TRANSLATE_NOOP("Inspector", "Write pattern"),
     Type::Choice,
     client,
     [](const Component &c) -> QVariant {
         return q(kWritePatterns.name(keys(c) ? keys(c)->writePattern : WritePattern::Zipf));
     },
     [](const Component &c) { return keys(c) != nullptr; },
     [](Component &c, const QString &s) -> std::optional<QString> {
         std::optional<WritePattern> v;
         if (auto e = choose(kWritePatterns, v, s))
             return e;
         keysOrNew(c).writePattern = *v;
         return std::nullopt;
     },
     [] { return namesOf(kWritePatterns); }},
    // Key-level cache (cache, cdn)
    {"capacity_keys",
     QT_TRANSLATE_NOOP("Inspector", "Capacity (keys)"),
     Type::Integer,
     caching,
     [](const Component &c) { return orEmpty(c.capacityKeys); },
     [](const Component &c) { return c.capacityKeys.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         if (blank(s)) {
             c.capacityKeys.reset();
             clearKeyLevel(c);
             return std::nullopt;
         }
         std::int64_t v = 0;
         if (auto e = whole(s, v))
             return e;
         c.capacityKeys = v;
         c.hitRatio.reset(); // the hit ratio now comes from the contents
         return std::nullopt;
     },
     noChoices},
    {"eviction",
     QT_TRANSLATE_NOOP("Inspector", "Eviction"),
     Type::Choice,
     caching,
     [](const Component &c) -> QVariant {
         return q(kEvictions.name(c.eviction.value_or(Eviction::Lru)));
     },
     [](const Component &c) { return c.eviction.has_value(); },
     [](Component &c, const QString &s) { return choose(kEvictions, c.eviction, s); },
     [] { return namesOf(kEvictions); }},
    {"ttl_s",
     QT_TRANSLATE_NOOP("Inspector", "Time to live (s)"),
     Type::Number,
     caching,
     [](const Component &c) { return orEmpty(c.ttlS); },
     [](const Component &c) { return c.ttlS.has_value(); },
     [](Component &c, const QString &s) { return optionalNumber(c.ttlS, s); },
     noChoices},
    {"strategy",
     QT_TRANSLATE_NOOP("Inspector", "Write strategy"),
     Type::Choice,
     caching,
     [](const Component &c) -> QVariant {
         return q(kCacheStrategies.name(c.strategy.value_or(CacheStrategy::CacheAside)));
     },
     [](const Component &c) { return c.strategy.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         if (auto e = choose(kCacheStrategies, c.strategy, s))
             return e;
         if (c.strategy != CacheStrategy::WriteBehind)
             c.flushIntervalS.reset(); // belongs to write_behind only
         return std::nullopt;
     },
     [] { return namesOf(kCacheStrategies); }},
    {"flush_interval_s",
     QT_TRANSLATE_NOOP("Inspector", "Flush every (s)"),
     Type::Number,
     caching,
     [](const Component &c) -> QVariant { return c.flushIntervalS.value_or(1.0); },
     [](const Component &c) { return c.flushIntervalS.has_value(); },
     [](Component &c, const QString &s) { return optionalNumber(c.flushIntervalS, s); },
     noChoices},
    {"negative_ttl_s",
     QT_TRANSLATE_NOOP("Inspector", "Negative cache (s)"),
     Type::Number,
     caching,
     [](const Component &c) { return orEmpty(c.negativeTtlS); },
     [](const Component &c) { return c.negativeTtlS.has_value(); },
     [](Component &c, const QString &s) { return optionalNumber(c.negativeTtlS, s); },
     noChoices},
    {"bloom_filter",
     QT_TRANSLATE_NOOP("Inspector", "Bloom filter"),
     Type::Choice,
     caching,
     [](const Component &c) { return flagText(c.bloomFilter); },
     [](const Component &c) { return c.bloomFilter.has_value(); },
     [](Component &c, const QString &s) { return flag(c.bloomFilter, s); },
     boolChoices},
    {"coalesce",
     QT_TRANSLATE_NOOP("Inspector", "Coalesce misses"),
     Type::Choice,
     caching,
     [](const Component &c) { return flagText(c.coalesce); },
     [](const Component &c) { return c.coalesce.has_value(); },
     [](Component &c, const QString &s) { return flag(c.coalesce, s); },
     boolChoices},
    // Sharding (database, cache)
    {"shards.count",
     QT_TRANSLATE_NOOP("Inspector", "Shards"),
     Type::Integer,
     store,
     [](const Component &c) -> QVariant {
         return c.shards ? QVariant(qlonglong(c.shards->count)) : QVariant();
     },
     [](const Component &c) { return c.shards.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         if (blank(s)) {
             c.shards.reset();
             return std::nullopt;
         }
         return whole(s, shards(c).count);
     },
     noChoices},
    {"shards.strategy",
     QT_TRANSLATE_NOOP("Inspector", "Shard by"),
     Type::Choice,
     store,
     [](const Component &c) -> QVariant {
         return q(kShardStrategies.name(c.shards ? c.shards->strategy : ShardStrategy::Hash));
     },
     [](const Component &c) { return c.shards.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         std::optional<ShardStrategy> v;
         if (auto e = choose(kShardStrategies, v, s))
             return e;
         shards(c).strategy = *v;
         return std::nullopt;
     },
     [] { return namesOf(kShardStrategies); }},
    {"shards.virtual_nodes",
     QT_TRANSLATE_NOOP("Inspector", "Virtual nodes"),
     Type::Integer,
     store,
     [](const Component &c) -> QVariant {
         return qlonglong(c.shards ? c.shards->virtualNodes : Shards{}.virtualNodes);
     },
     [](const Component &c) { return c.shards.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         if (blank(s)) {
             shards(c).virtualNodes = Shards{}.virtualNodes;
             return std::nullopt;
         }
         return whole(s, shards(c).virtualNodes);
     },
     noChoices},
    // Replication additions (database, cache)
    {"replication.failover_s",
     QT_TRANSLATE_NOOP("Inspector", "Failover (s)"),
     Type::Number,
     store,
     [](const Component &c) {
         return c.replication ? orEmpty(c.replication->failoverS) : QVariant();
     },
     [](const Component &c) { return c.replication && c.replication->failoverS.has_value(); },
     [](Component &c, const QString &s) { return optionalNumber(replication(c).failoverS, s); },
     noChoices},
    quorumField<&Quorum::r>("replication.quorum.r",
                            QT_TRANSLATE_NOOP("Inspector", "Read quorum (R)")),
    quorumField<&Quorum::w>("replication.quorum.w",
                            QT_TRANSLATE_NOOP("Inspector", "Write quorum (W)")),
    {"replication.read_your_writes",
     QT_TRANSLATE_NOOP("Inspector", "Read your writes"),
     Type::Choice,
     store,
     [](const Component &c) {
         return flagText(c.replication ? c.replication->readYourWrites : std::nullopt);
     },
     [](const Component &c) { return c.replication && c.replication->readYourWrites.has_value(); },
     [](Component &c, const QString &s) { return flag(replication(c).readYourWrites, s); },
     boolChoices},
    // Delivery (queue, and its consumers)
    {"delivery",
     QT_TRANSLATE_NOOP("Inspector", "Delivery"),
     Type::Choice,
     queue,
     [](const Component &c) -> QVariant {
         return q(kDeliveries.name(c.delivery.value_or(Delivery::AtLeastOnce)));
     },
     [](const Component &c) { return c.delivery.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         if (auto e = choose(kDeliveries, c.delivery, s))
             return e;
         if (c.delivery == Delivery::AtMostOnce)
             c.ackTimeoutS.reset(); // nothing is acknowledged: no deadline to keep
         return std::nullopt;
     },
     [] { return namesOf(kDeliveries); }},
    {"ack_timeout_s",
     QT_TRANSLATE_NOOP("Inspector", "Ack timeout (s)"),
     Type::Number,
     queue,
     [](const Component &c) -> QVariant { return c.ackTimeoutS.value_or(30.0); },
     [](const Component &c) { return c.ackTimeoutS.has_value(); },
     [](Component &c, const QString &s) { return optionalNumber(c.ackTimeoutS, s); },
     noChoices},
    {"model",
     QT_TRANSLATE_NOOP("Inspector", "Queue model"),
     Type::Choice,
     queue,
     [](const Component &c) -> QVariant {
         return q(kQueueModels.name(c.model.value_or(QueueModel::Queue)));
     },
     [](const Component &c) { return c.model.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         if (auto e = choose(kQueueModels, c.model, s))
             return e;
         if (c.model != QueueModel::Log)
             c.partitions.reset(); // a plain queue has no partitions
         return std::nullopt;
     },
     [] { return namesOf(kQueueModels); }},
    {"partitions",
     QT_TRANSLATE_NOOP("Inspector", "Partitions"),
     Type::Integer,
     queue,
     [](const Component &c) -> QVariant { return qlonglong(c.partitions.value_or(1)); },
     [](const Component &c) { return c.partitions.has_value(); },
     [](Component &c, const QString &s) { return optionalNumber(c.partitions, s); },
     noChoices},
    {"idempotent",
     QT_TRANSLATE_NOOP("Inspector", "Idempotent consumer"),
     Type::Choice,
     consumer,
     [](const Component &c) { return flagText(c.idempotent); },
     [](const Component &c) { return c.idempotent.has_value(); },
     [](Component &c, const QString &s) { return flag(c.idempotent, s); },
     boolChoices},
};

} // namespace

std::span<const ComponentField> mechanismFields()
{
    return kFields;
}

} // namespace hld
