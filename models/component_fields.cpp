#include "component_fields.h"

#include "mechanism_fields.h"
#include "policy_fields.h"

#include "model/component_kind.h"
#include "model/instance_catalog.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace hld {

namespace {

using Type = ComponentField::Type;
using K = ComponentKind;

QString q(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

bool any(K)
{
    return true;
}
bool notClient(K k)
{
    return k != K::Client;
}
bool client(K k)
{
    return k == K::Client;
}
bool balancer(K k)
{
    return k == K::LoadBalancer;
}
bool caching(K k)
{
    return k == K::Cache || k == K::Cdn;
}
bool queue(K k)
{
    return k == K::Queue;
}

std::optional<QString> parseDouble(const QString &s, double &out)
{
    bool ok = false;
    const double v = s.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return QObject::tr("'%1' is not a number").arg(s);
    out = v;
    return std::nullopt;
}

std::optional<QString> parseInt(const QString &s, std::int64_t &out)
{
    bool ok = false;
    const qlonglong v = s.trimmed().toLongLong(&ok);
    if (!ok)
        return QObject::tr("'%1' is not a whole number").arg(s);
    out = v;
    return std::nullopt;
}

template<typename T>
std::optional<QString> setOptionalInt(std::optional<T> &field, const QString &s)
{
    if (s.trimmed().isEmpty()) {
        field.reset();
        return std::nullopt;
    }
    std::int64_t v = 0;
    if (auto e = parseInt(s, v))
        return e;
    field = v;
    return std::nullopt;
}

std::optional<QString> setOptionalDouble(std::optional<double> &field, const QString &s)
{
    if (s.trimmed().isEmpty()) {
        field.reset();
        return std::nullopt;
    }
    double v = 0;
    if (auto e = parseDouble(s, v))
        return e;
    field = v;
    return std::nullopt;
}

std::optional<QString> setOptionalText(std::optional<std::string> &field, const QString &s)
{
    if (s.isEmpty())
        field.reset();
    else
        field = s.toStdString();
    return std::nullopt;
}

ServiceTime &serviceTime(Component &c)
{
    if (!c.serviceTime)
        c.serviceTime = effectiveServiceTime(c);
    return *c.serviceTime;
}

Traffic &traffic(Component &c)
{
    if (!c.traffic)
        c.traffic = Traffic{};
    return *c.traffic;
}

QStringList instanceChoices()
{
    QStringList out;
    for (const auto &t : instanceCatalog())
        out << q(t.name);
    return out;
}
QStringList distChoices()
{
    return {"exponential", "constant", "lognormal"};
}
QStringList arrivalChoices()
{
    return {"poisson", "constant"};
}
QStringList boolChoices()
{
    return {"false", "true"};
}
QStringList algorithmChoices()
{
    return {"round_robin",
            "least_connections",
            "random",
            "ip_hash",
            "weighted_round_robin",
            "power_of_two"};
}
QStringList noChoices()
{
    return {};
}
QStringList shapeChoices()
{
    return {"constant", "ramp", "spike", "diurnal"};
}
QStringList consistencyChoices()
{
    return {"off", "AP", "CP"};
}
QStringList readFromChoices()
{
    return {"leader", "followers", "any"};
}
QStringList replicationModeChoices()
{
    return {"async", "sync"};
}
bool replicable(K k)
{
    return k == K::Database || k == K::Cache;
}

Autoscale &autoscale(Component &c)
{
    if (!c.autoscale) {
        c.autoscale = Autoscale{};
        c.autoscale->min = effectiveReplicas(c);
        c.autoscale->max = std::max<std::int64_t>(c.autoscale->min, 10);
    }
    return *c.autoscale;
}

Replication &replication(Component &c)
{
    if (!c.replication)
        c.replication = Replication{};
    return *c.replication;
}

TrafficProfile &profile(Component &c)
{
    if (!traffic(c).profile)
        traffic(c).profile = TrafficProfile{};
    return *traffic(c).profile;
}

const ComponentField kFields[] = {
    {"id",
     QT_TRANSLATE_NOOP("Inspector", "Id"),
     Type::Text,
     any,
     [](const Component &c) -> QVariant { return q(c.id); },
     [](const Component &) { return true; },
     [](Component &c, const QString &s) -> std::optional<QString> {
         c.id = s.trimmed().toStdString();
         return std::nullopt;
     },
     noChoices},
    {"label",
     QT_TRANSLATE_NOOP("Inspector", "Label"),
     Type::Text,
     any,
     [](const Component &c) -> QVariant { return q(c.label.value_or("")); },
     [](const Component &c) { return c.label.has_value(); },
     [](Component &c, const QString &s) { return setOptionalText(c.label, s); },
     noChoices},
    {"region",
     QT_TRANSLATE_NOOP("Inspector", "Region"),
     Type::Text,
     any,
     [](const Component &c) -> QVariant { return q(c.region.value_or("")); },
     [](const Component &c) { return c.region.has_value(); },
     [](Component &c, const QString &s) { return setOptionalText(c.region, s); },
     noChoices},
    {"traffic.rps",
     QT_TRANSLATE_NOOP("Inspector", "Requests per second"),
     Type::Number,
     client,
     [](const Component &c) -> QVariant { return c.traffic ? c.traffic->rps : 0.0; },
     [](const Component &c) { return c.traffic.has_value(); },
     [](Component &c, const QString &s) { return parseDouble(s, traffic(c).rps); },
     noChoices},
    {"traffic.arrival",
     QT_TRANSLATE_NOOP("Inspector", "Arrivals"),
     Type::Choice,
     client,
     [](const Component &c) -> QVariant {
         return q(toString(c.traffic ? c.traffic->arrival : ArrivalProcess::Poisson));
     },
     [](const Component &c) { return c.traffic.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         auto a = arrivalFromName(s.toStdString());
         if (!a)
             return QObject::tr("unknown arrival process '%1'").arg(s);
         traffic(c).arrival = *a;
         return std::nullopt;
     },
     arrivalChoices},
    {"traffic.read_ratio",
     QT_TRANSLATE_NOOP("Inspector", "Read ratio"),
     Type::Number,
     client,
     [](const Component &c) -> QVariant { return effectiveReadRatio(c); },
     [](const Component &c) { return c.traffic && c.traffic->readRatio.has_value(); },
     [](Component &c, const QString &s) { return setOptionalDouble(traffic(c).readRatio, s); },
     noChoices},
    {"traffic.timeout_ms",
     QT_TRANSLATE_NOOP("Inspector", "Timeout (ms)"),
     Type::Number,
     client,
     [](const Component &c) -> QVariant {
         return c.traffic && c.traffic->timeoutMs ? QVariant(*c.traffic->timeoutMs) : QVariant();
     },
     [](const Component &c) { return c.traffic && c.traffic->timeoutMs.has_value(); },
     [](Component &c, const QString &s) { return setOptionalDouble(traffic(c).timeoutMs, s); },
     noChoices},
    {"traffic.users",
     QT_TRANSLATE_NOOP("Inspector", "Distinct users"),
     Type::Integer,
     client,
     [](const Component &c) -> QVariant {
         return qlonglong(c.traffic && c.traffic->users ? *c.traffic->users : 10000);
     },
     [](const Component &c) { return c.traffic && c.traffic->users.has_value(); },
     [](Component &c, const QString &s) { return setOptionalInt(traffic(c).users, s); },
     noChoices},
    {"replicas",
     QT_TRANSLATE_NOOP("Inspector", "Replicas"),
     Type::Integer,
     notClient,
     [](const Component &c) -> QVariant { return effectiveReplicas(c); },
     [](const Component &c) { return c.replicas.has_value(); },
     [](Component &c, const QString &s) { return setOptionalInt(c.replicas, s); },
     noChoices},
    {"instance",
     QT_TRANSLATE_NOOP("Inspector", "Instance size"),
     Type::Choice,
     notClient,
     [](const Component &c) -> QVariant {
         return q(c.instance.value_or(std::string(traits(c.kind).defaultInstance)));
     },
     [](const Component &c) { return c.instance.has_value(); },
     [](Component &c, const QString &s) { return setOptionalText(c.instance, s); },
     instanceChoices},
    {"workers",
     QT_TRANSLATE_NOOP("Inspector", "Workers per replica"),
     Type::Integer,
     notClient,
     [](const Component &c) -> QVariant { return effectiveWorkers(c); },
     [](const Component &c) { return c.workers.has_value(); },
     [](Component &c, const QString &s) { return setOptionalInt(c.workers, s); },
     noChoices},
    {"service_time.dist",
     QT_TRANSLATE_NOOP("Inspector", "Service time"),
     Type::Choice,
     notClient,
     [](const Component &c) -> QVariant { return q(toString(effectiveServiceTime(c).dist)); },
     [](const Component &c) { return c.serviceTime.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         auto d = serviceDistFromName(s.toStdString());
         if (!d)
             return QObject::tr("unknown distribution '%1'").arg(s);
         auto &st = serviceTime(c);
         st.dist = *d;
         if (*d == ServiceDist::Lognormal && !st.cv)
             st.cv = 1.0; // a lognormal needs a cv: start from 1 rather than refuse
         if (*d != ServiceDist::Lognormal)
             st.cv.reset();
         return std::nullopt;
     },
     distChoices},
    {"service_time.mean_ms",
     QT_TRANSLATE_NOOP("Inspector", "Mean time (ms)"),
     Type::Number,
     notClient,
     [](const Component &c) -> QVariant { return effectiveServiceTime(c).meanMs; },
     [](const Component &c) { return c.serviceTime.has_value(); },
     [](Component &c, const QString &s) { return parseDouble(s, serviceTime(c).meanMs); },
     noChoices},
    {"service_time.cv",
     QT_TRANSLATE_NOOP("Inspector", "Variation (cv)"),
     Type::Number,
     notClient,
     [](const Component &c) -> QVariant {
         const auto st = effectiveServiceTime(c);
         return st.cv ? QVariant(*st.cv) : QVariant();
     },
     [](const Component &c) { return c.serviceTime && c.serviceTime->cv.has_value(); },
     [](Component &c, const QString &s) { return setOptionalDouble(serviceTime(c).cv, s); },
     noChoices},
    {"queue_capacity",
     QT_TRANSLATE_NOOP("Inspector", "Queue capacity"),
     Type::Integer,
     notClient,
     [](const Component &c) -> QVariant {
         return c.queueCapacity ? QVariant(qlonglong(*c.queueCapacity)) : QVariant();
     },
     [](const Component &c) { return c.queueCapacity.has_value(); },
     [](Component &c, const QString &s) { return setOptionalInt(c.queueCapacity, s); },
     noChoices},
    {"hold_worker",
     QT_TRANSLATE_NOOP("Inspector", "Hold worker in calls"),
     Type::Choice,
     notClient,
     [](const Component &c) -> QVariant {
         return c.holdWorker.value_or(false) ? QStringLiteral("true") : QStringLiteral("false");
     },
     [](const Component &c) { return c.holdWorker.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         if (s != QLatin1String("true") && s != QLatin1String("false"))
             return QObject::tr("must be true or false");
         c.holdWorker = s == QLatin1String("true");
         return std::nullopt;
     },
     boolChoices},
    {"algorithm",
     QT_TRANSLATE_NOOP("Inspector", "Algorithm"),
     Type::Choice,
     balancer,
     [](const Component &c) -> QVariant {
         return q(toString(c.algorithm.value_or(LbAlgorithm::RoundRobin)));
     },
     [](const Component &c) { return c.algorithm.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         auto a = lbAlgorithmFromName(s.toStdString());
         if (!a)
             return QObject::tr("unknown algorithm '%1'").arg(s);
         c.algorithm = *a;
         return std::nullopt;
     },
     algorithmChoices},
    {"hit_ratio",
     QT_TRANSLATE_NOOP("Inspector", "Hit ratio"),
     Type::Number,
     caching,
     [](const Component &c) -> QVariant { return effectiveHitRatio(c); },
     [](const Component &c) { return c.hitRatio.has_value(); },
     [](Component &c, const QString &s) { return setOptionalDouble(c.hitRatio, s); },
     noChoices},
    {"max_backlog",
     QT_TRANSLATE_NOOP("Inspector", "Max backlog"),
     Type::Integer,
     queue,
     [](const Component &c) -> QVariant {
         return c.maxBacklog ? QVariant(qlonglong(*c.maxBacklog)) : QVariant();
     },
     [](const Component &c) { return c.maxBacklog.has_value(); },
     [](Component &c, const QString &s) { return setOptionalInt(c.maxBacklog, s); },
     noChoices},
    {"traffic.profile.shape",
     QT_TRANSLATE_NOOP("Inspector", "Traffic profile"),
     Type::Choice,
     client,
     [](const Component &c) -> QVariant {
         return q(toString(c.traffic && c.traffic->profile ? c.traffic->profile->shape
                                                           : ProfileShape::Constant));
     },
     [](const Component &c) { return c.traffic && c.traffic->profile.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         auto shape = profileShapeFromName(s.toStdString());
         if (!shape)
             return QObject::tr("unknown profile '%1'").arg(s);
         if (*shape == ProfileShape::Constant)
             traffic(c).profile.reset();
         else
             profile(c).shape = *shape;
         return std::nullopt;
     },
     shapeChoices},
    {"traffic.profile.factor",
     QT_TRANSLATE_NOOP("Inspector", "Profile factor"),
     Type::Number,
     client,
     [](const Component &c) -> QVariant {
         return c.traffic && c.traffic->profile ? c.traffic->profile->factor
                                                : TrafficProfile{}.factor;
     },
     [](const Component &c) { return c.traffic && c.traffic->profile.has_value(); },
     [](Component &c, const QString &s) { return parseDouble(s, profile(c).factor); },
     noChoices},
    {"autoscale.max",
     QT_TRANSLATE_NOOP("Inspector", "Autoscale up to"),
     Type::Integer,
     notClient,
     [](const Component &c) -> QVariant {
         return c.autoscale ? QVariant(qlonglong(c.autoscale->max)) : QVariant();
     },
     [](const Component &c) { return c.autoscale.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         if (s.trimmed().isEmpty()) {
             c.autoscale.reset();
             return std::nullopt;
         }
         std::int64_t v = 0;
         if (auto e = parseInt(s, v))
             return e;
         autoscale(c).max = v;
         return std::nullopt;
     },
     noChoices},
    {"autoscale.min",
     QT_TRANSLATE_NOOP("Inspector", "Autoscale min"),
     Type::Integer,
     notClient,
     [](const Component &c) -> QVariant {
         return c.autoscale ? QVariant(qlonglong(c.autoscale->min)) : QVariant();
     },
     [](const Component &c) { return c.autoscale.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         std::int64_t v = 0;
         if (auto e = parseInt(s, v))
             return e;
         autoscale(c).min = v;
         return std::nullopt;
     },
     noChoices},
    {"autoscale.target_utilization",
     QT_TRANSLATE_NOOP("Inspector", "Autoscale target"),
     Type::Number,
     notClient,
     [](const Component &c) -> QVariant {
         return c.autoscale ? QVariant(c.autoscale->targetUtilization) : QVariant();
     },
     [](const Component &c) { return c.autoscale.has_value(); },
     [](Component &c, const QString &s) { return parseDouble(s, autoscale(c).targetUtilization); },
     noChoices},
    {"resize_downtime_s",
     QT_TRANSLATE_NOOP("Inspector", "Resize downtime (s)"),
     Type::Number,
     notClient,
     [](const Component &c) -> QVariant { return c.resizeDowntimeS.value_or(20.0); },
     [](const Component &c) { return c.resizeDowntimeS.has_value(); },
     [](Component &c, const QString &s) { return setOptionalDouble(c.resizeDowntimeS, s); },
     noChoices},
    {"replication.consistency",
     QT_TRANSLATE_NOOP("Inspector", "Replication (CAP)"),
     Type::Choice,
     replicable,
     [](const Component &c) -> QVariant {
         return c.replication ? q(toString(c.replication->consistency)) : QStringLiteral("off");
     },
     [](const Component &c) { return c.replication.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         if (s == QLatin1String("off")) {
             c.replication.reset();
             return std::nullopt;
         }
         auto v = consistencyFromName(s.toStdString());
         if (!v)
             return QObject::tr("choose off, AP or CP");
         replication(c).consistency = *v;
         return std::nullopt;
     },
     consistencyChoices},
    {"replication.mode",
     QT_TRANSLATE_NOOP("Inspector", "Replication mode"),
     Type::Choice,
     replicable,
     [](const Component &c) -> QVariant {
         return q(toString(c.replication ? c.replication->mode : ReplicationMode::Async));
     },
     [](const Component &c) { return c.replication.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         auto v = replicationModeFromName(s.toStdString());
         if (!v)
             return QObject::tr("choose async or sync");
         replication(c).mode = *v;
         return std::nullopt;
     },
     replicationModeChoices},
    {"replication.read_from",
     QT_TRANSLATE_NOOP("Inspector", "Reads from"),
     Type::Choice,
     replicable,
     [](const Component &c) -> QVariant {
         return q(toString(c.replication ? c.replication->readFrom : ReadFrom::Followers));
     },
     [](const Component &c) { return c.replication.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         auto v = readFromFromName(s.toStdString());
         if (!v)
             return QObject::tr("choose leader, followers or any");
         replication(c).readFrom = *v;
         return std::nullopt;
     },
     readFromChoices},
    {"replication.lag_ms",
     QT_TRANSLATE_NOOP("Inspector", "Replication lag (ms)"),
     Type::Number,
     replicable,
     [](const Component &c) -> QVariant {
         return c.replication ? c.replication->lagMs : Replication{}.lagMs;
     },
     [](const Component &c) { return c.replication.has_value(); },
     [](Component &c, const QString &s) { return parseDouble(s, replication(c).lagMs); },
     noChoices},
    {"justification",
     QT_TRANSLATE_NOOP("Inspector", "Justification"),
     Type::LongText,
     any,
     [](const Component &c) -> QVariant { return q(c.justification.value_or("")); },
     [](const Component &c) { return c.justification.has_value(); },
     [](Component &c, const QString &s) { return setOptionalText(c.justification, s); },
     noChoices},
};

} // namespace

std::span<const ComponentField> componentFields()
{
    static const std::vector<ComponentField> all = [] {
        std::vector<ComponentField> v(std::begin(kFields), std::end(kFields));
        const auto more = mechanismFields();
        v.insert(v.end(), more.begin(), more.end());
        const auto policies = policyFields();
        v.insert(v.end(), policies.begin(), policies.end());
        return v;
    }();
    return all;
}

} // namespace hld
