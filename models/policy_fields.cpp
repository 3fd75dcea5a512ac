#include "policy_fields.h"

#include "field_parse.h"

#include "model/component_kind.h"
#include "model/mechanism_names.h"

#include <QRegularExpression>

namespace hld {

namespace {

using Type = ComponentField::Type;
using K = ComponentKind;
using namespace field_parse;

bool serving(K k)
{
    return k != K::Client;
}
bool client(K k)
{
    return k == K::Client;
}
bool limited(K k)
{
    return k == K::LoadBalancer || k == K::ApiGateway || k == K::Service;
}
bool balancer(K k)
{
    return k == K::LoadBalancer;
}
bool service(K k)
{
    return k == K::Service;
}
bool sagaKind(K k)
{
    return k == K::Service || k == K::ApiGateway;
}
bool database(K k)
{
    return k == K::Database;
}

QStringList noChoices()
{
    return {};
}
QStringList offOn()
{
    return {"off", "on"};
}
QStringList boolChoices()
{
    return {"false", "true"};
}
QVariant flagText(bool b)
{
    return b ? QStringLiteral("true") : QStringLiteral("false");
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
std::optional<E> choose(const Table &t, const QString &s, std::optional<QString> &why)
{
    auto v = t.value(s.trimmed().toStdString());
    if (!v)
        why = QObject::tr("choose one of %1").arg(text(t.list()));
    return v;
}

AutoscaleMetric metric(const Component &c)
{
    return c.autoscale ? c.autoscale->metric : AutoscaleMetric::Utilization;
}
bool takesBurst(RateAlgorithm a)
{
    return a == RateAlgorithm::TokenBucket || a == RateAlgorithm::LeakyBucket;
}

// A field of an object that is always complete: empty puts back its default.
template<typename T>
std::optional<QString> member(T &field, T fallback, const QString &s)
{
    if (blank(s)) {
        field = fallback;
        return std::nullopt;
    }
    if constexpr (std::is_same_v<T, double>)
        return number(s, field);
    else
        return whole(s, field);
}

const ComponentField kFields[] = {
    // Failures
    {"error_rate",
     QT_TRANSLATE_NOOP("Inspector", "Error rate"),
     Type::Number,
     serving,
     [](const Component &c) -> QVariant { return c.errorRate.value_or(0.0); },
     [](const Component &c) { return c.errorRate.has_value(); },
     [](Component &c, const QString &s) { return optional(c.errorRate, s); },
     noChoices},
    {"health_check",
     QT_TRANSLATE_NOOP("Inspector", "Health checks"),
     Type::Choice,
     serving,
     [](const Component &c) -> QVariant {
         return c.healthCheck ? QStringLiteral("on") : QStringLiteral("off");
     },
     [](const Component &c) { return c.healthCheck.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         if (s == QLatin1String("off"))
             c.healthCheck.reset();
         else if (s == QLatin1String("on"))
             made(c.healthCheck);
         else
             return QObject::tr("choose off or on");
         return std::nullopt;
     },
     offOn},
    {"health_check.interval_s",
     QT_TRANSLATE_NOOP("Inspector", "Check every (s)"),
     Type::Number,
     serving,
     [](const Component &c) -> QVariant { return c.healthCheck.value_or(HealthCheck{}).intervalS; },
     [](const Component &c) { return c.healthCheck.has_value(); },
     [](Component &c, const QString &s) {
         return member(made(c.healthCheck).intervalS, HealthCheck{}.intervalS, s);
     },
     noChoices},
    {"health_check.unhealthy_after",
     QT_TRANSLATE_NOOP("Inspector", "Unhealthy after"),
     Type::Integer,
     serving,
     [](const Component &c) -> QVariant {
         return qlonglong(c.healthCheck.value_or(HealthCheck{}).unhealthyAfter);
     },
     [](const Component &c) { return c.healthCheck.has_value(); },
     [](Component &c, const QString &s) {
         return member(made(c.healthCheck).unhealthyAfter, HealthCheck{}.unhealthyAfter, s);
     },
     noChoices},
    // Rate limit
    {"rate_limit.algorithm",
     QT_TRANSLATE_NOOP("Inspector", "Rate limit"),
     Type::Choice,
     limited,
     [](const Component &c) -> QVariant {
         return c.rateLimit ? text(kRateAlgorithms.name(c.rateLimit->algorithm))
                            : QStringLiteral("off");
     },
     [](const Component &c) { return c.rateLimit.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         if (s == QLatin1String("off")) {
             c.rateLimit.reset();
             return std::nullopt;
         }
         std::optional<QString> why;
         const auto a = choose<decltype(kRateAlgorithms), RateAlgorithm>(kRateAlgorithms, s, why);
         if (!a)
             return QObject::tr("choose off or one of %1").arg(text(kRateAlgorithms.list()));
         RateLimit &r = made(c.rateLimit);
         r.algorithm = *a;
         // What the new algorithm cannot take goes with the switch, rather than refusing it.
         if (!takesBurst(*a))
             r.burst.reset();
         if (*a == RateAlgorithm::LeakyBucket)
             r.per = RateScope::All;
         return std::nullopt;
     },
     [] { return QStringList{"off"} + namesOf(kRateAlgorithms); }},
    {"rate_limit.limit",
     QT_TRANSLATE_NOOP("Inspector", "Limit (requests)"),
     Type::Number,
     limited,
     [](const Component &c) -> QVariant { return c.rateLimit.value_or(RateLimit{}).limit; },
     [](const Component &c) { return c.rateLimit.has_value(); },
     [](Component &c, const QString &s) {
         return member(made(c.rateLimit).limit, RateLimit{}.limit, s);
     },
     noChoices},
    {"rate_limit.window_s",
     QT_TRANSLATE_NOOP("Inspector", "Per window (s)"),
     Type::Number,
     limited,
     [](const Component &c) -> QVariant { return c.rateLimit.value_or(RateLimit{}).windowS; },
     [](const Component &c) { return c.rateLimit.has_value(); },
     [](Component &c, const QString &s) {
         return member(made(c.rateLimit).windowS, RateLimit{}.windowS, s);
     },
     noChoices},
    {"rate_limit.burst",
     QT_TRANSLATE_NOOP("Inspector", "Burst"),
     Type::Integer,
     limited,
     [](const Component &c) -> QVariant {
         if (!c.rateLimit)
             return {};
         // The bucket holds `limit` by default.
         return c.rateLimit->burst ? qlonglong(*c.rateLimit->burst)
                                   : qlonglong(std::llround(c.rateLimit->limit));
     },
     [](const Component &c) { return c.rateLimit && c.rateLimit->burst.has_value(); },
     [](Component &c, const QString &s) { return optional(made(c.rateLimit).burst, s); },
     noChoices},
    {"rate_limit.per",
     QT_TRANSLATE_NOOP("Inspector", "Limit per"),
     Type::Choice,
     limited,
     [](const Component &c) -> QVariant {
         return text(kRateScopes.name(c.rateLimit.value_or(RateLimit{}).per));
     },
     [](const Component &c) { return c.rateLimit && c.rateLimit->per != RateScope::All; },
     [](Component &c, const QString &s) -> std::optional<QString> {
         std::optional<QString> why;
         if (const auto v = choose<decltype(kRateScopes), RateScope>(kRateScopes, s, why))
             made(c.rateLimit).per = *v;
         return why;
     },
     [] { return namesOf(kRateScopes); }},
    // Routing and sessions
    {"traffic.paths",
     QT_TRANSLATE_NOOP("Inspector", "Request paths"),
     Type::PairList,
     client,
     [](const Component &c) -> QVariant {
         return c.traffic && c.traffic->paths ? pathSharesText(*c.traffic->paths) : QString();
     },
     [](const Component &c) { return c.traffic && c.traffic->paths.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         if (blank(s)) {
             if (c.traffic)
                 c.traffic->paths.reset();
             return std::nullopt;
         }
         PathShares paths;
         if (auto why = parsePathShares(s, paths))
             return why;
         made(c.traffic).paths = std::move(paths);
         return std::nullopt;
     },
     noChoices},
    {"layer",
     QT_TRANSLATE_NOOP("Inspector", "Layer"),
     Type::Choice,
     balancer,
     [](const Component &c) -> QVariant { return QString::number(c.layer.value_or(7)); },
     [](const Component &c) { return c.layer.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         const QString v = s.trimmed();
         if (v != QLatin1String("4") && v != QLatin1String("7"))
             return QObject::tr("choose 4 or 7");
         c.layer = v.toLongLong();
         return std::nullopt;
     },
     [] {
         return QStringList{"7", "4"};
     }},
    {"sticky",
     QT_TRANSLATE_NOOP("Inspector", "Sticky sessions"),
     Type::Choice,
     balancer,
     [](const Component &c) { return flagText(c.sticky.value_or(false)); },
     [](const Component &c) { return c.sticky.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         bool v = false;
         if (auto why = flag(v, s))
             return why;
         c.sticky = v;
         return std::nullopt;
     },
     boolChoices},
    {"sessions",
     QT_TRANSLATE_NOOP("Inspector", "Sessions"),
     Type::Choice,
     service,
     [](const Component &c) -> QVariant {
         return text(kSessions.name(c.sessions.value_or(Sessions::None)));
     },
     [](const Component &c) { return c.sessions.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         std::optional<QString> why;
         if (const auto v = choose<decltype(kSessions), Sessions>(kSessions, s, why))
             c.sessions = *v;
         return why;
     },
     [] { return namesOf(kSessions); }},
    // Saga
    {"saga.mode",
     QT_TRANSLATE_NOOP("Inspector", "Saga"),
     Type::Choice,
     sagaKind,
     [](const Component &c) -> QVariant {
         return c.saga ? text(kSagaModes.name(c.saga->mode)) : QStringLiteral("off");
     },
     [](const Component &c) { return c.saga.has_value(); },
     [](Component &c, const QString &s) -> std::optional<QString> {
         if (s == QLatin1String("off")) {
             c.saga.reset();
             return std::nullopt;
         }
         std::optional<QString> why;
         if (const auto v = choose<decltype(kSagaModes), SagaMode>(kSagaModes, s, why))
             made(c.saga).mode = *v;
         return why;
     },
     [] { return QStringList{"off"} + namesOf(kSagaModes); }},
    {"saga.compensations",
     QT_TRANSLATE_NOOP("Inspector", "Compensations"),
     Type::Choice,
     sagaKind,
     [](const Component &c) { return flagText(c.saga.value_or(Saga{}).compensations); },
     [](const Component &c) { return c.saga.has_value(); },
     [](Component &c, const QString &s) { return flag(made(c.saga).compensations, s); },
     boolChoices},
    // Table
    {"table_rows",
     QT_TRANSLATE_NOOP("Inspector", "Table rows"),
     Type::Integer,
     database,
     [](const Component &c) { return orEmpty(c.tableRows); },
     [](const Component &c) { return c.tableRows.has_value(); },
     [](Component &c, const QString &s) { return optional(c.tableRows, s); },
     noChoices},
    {"indexes",
     QT_TRANSLATE_NOOP("Inspector", "Indexes"),
     Type::Integer,
     database,
     [](const Component &c) -> QVariant { return qlonglong(c.indexes.value_or(0)); },
     [](const Component &c) { return c.indexes.has_value(); },
     [](Component &c, const QString &s) { return optional(c.indexes, s); },
     noChoices},
    // The autoscaler's signal (shown with the autoscaler, in Scale)
    {"autoscale.metric",
     QT_TRANSLATE_NOOP("Inspector", "Autoscale on"),
     Type::Choice,
     serving,
     [](const Component &c) -> QVariant { return text(kAutoscaleMetrics.name(metric(c))); },
     [](const Component &c) { return metric(c) != AutoscaleMetric::Utilization; },
     [](Component &c, const QString &s) -> std::optional<QString> {
         std::optional<QString> why;
         const auto m
             = choose<decltype(kAutoscaleMetrics), AutoscaleMetric>(kAutoscaleMetrics, s, why);
         if (!m)
             return why;
         Autoscale &a = made(c.autoscale);
         a.metric = *m;
         // Each signal has its own target: start the new one at a sensible value, and drop
         // the one that no longer applies (the loader refuses it).
         if (*m == AutoscaleMetric::Queue && !a.targetQueue)
             a.targetQueue = 10;
         if (*m == AutoscaleMetric::P99 && !a.targetP99Ms)
             a.targetP99Ms = 200;
         if (*m != AutoscaleMetric::Queue)
             a.targetQueue.reset();
         if (*m != AutoscaleMetric::P99)
             a.targetP99Ms.reset();
         return std::nullopt;
     },
     [] { return namesOf(kAutoscaleMetrics); }},
    {"autoscale.target_queue",
     QT_TRANSLATE_NOOP("Inspector", "Target queue per replica"),
     Type::Number,
     serving,
     [](const Component &c) {
         return c.autoscale ? orEmpty(c.autoscale->targetQueue) : QVariant();
     },
     [](const Component &c) { return c.autoscale && c.autoscale->targetQueue.has_value(); },
     [](Component &c, const QString &s) { return optional(made(c.autoscale).targetQueue, s); },
     noChoices},
    {"autoscale.target_p99_ms",
     QT_TRANSLATE_NOOP("Inspector", "Target P99 (ms)"),
     Type::Number,
     serving,
     [](const Component &c) {
         return c.autoscale ? orEmpty(c.autoscale->targetP99Ms) : QVariant();
     },
     [](const Component &c) { return c.autoscale && c.autoscale->targetP99Ms.has_value(); },
     [](Component &c, const QString &s) { return optional(made(c.autoscale).targetP99Ms, s); },
     noChoices},
};

} // namespace

std::span<const ComponentField> policyFields()
{
    return kFields;
}

QString pathSharesText(const PathShares &paths)
{
    QStringList parts;
    for (const auto &[path, share] : paths)
        parts << QStringLiteral("%1: %2").arg(QString::fromStdString(path)).arg(share, 0, 'g', 6);
    return parts.join(QStringLiteral(", "));
}

std::optional<QString> parsePathShares(const QString &text, PathShares &out)
{
    out.clear();
    static const QRegularExpression between(QStringLiteral("\\s*[,;\\n]\\s*"));
    static const QRegularExpression entry(QStringLiteral("^(\\S+?)\\s*[:=\\s]\\s*(\\S+)$"));
    for (const QString &part : text.trimmed().split(between, Qt::SkipEmptyParts)) {
        const auto m = entry.match(part.trimmed());
        if (!m.hasMatch())
            return QObject::tr("write each path with its share, like \"/api: 0.7, /static: 0.3\" "
                               "(not \"%1\")")
                .arg(part.trimmed());
        double share = 0;
        if (auto why = number(m.captured(2), share))
            return QObject::tr("the share of %1: %2").arg(m.captured(1), *why);
        out.emplace_back(m.captured(1).toStdString(), share);
    }
    if (out.empty())
        return QObject::tr("name at least one path, like \"/api: 1\"");
    return std::nullopt;
}

} // namespace hld
