#include "link_policy_fields.h"

#include "field_parse.h"

#include "model/mechanism_names.h"

namespace hld {

namespace {

using Type = LinkField::Type;
using G = LinkFieldGroup;
using namespace field_parse;

QStringList noChoices()
{
    return {};
}
// The policies a field edits, switched on with their defaults by the edit.
RetryPolicy &retry(Link &l)
{
    return made(l.retry);
}
CircuitBreakerPolicy &breaker(Link &l)
{
    return made(l.circuitBreaker);
}
QStringList offOn()
{
    return {"off", "on"};
}

// A policy's rows show on a call link, and on any link that has the policy already (an
// async link with a retry the loader refuses), so it can be switched off.
bool timeoutShown(const Design &d, const Link &l)
{
    return takesCallPolicies(d, l) || l.timeoutMs;
}
bool retryShown(const Design &d, const Link &l)
{
    return takesCallPolicies(d, l) || l.retry;
}
bool retryOn(const Design &, const Link &l)
{
    return l.retry.has_value();
}
bool breakerShown(const Design &d, const Link &l)
{
    return takesCallPolicies(d, l) || l.circuitBreaker;
}
bool breakerOn(const Design &, const Link &l)
{
    return l.circuitBreaker.has_value();
}
bool bulkheadShown(const Design &d, const Link &l)
{
    return takesCallPolicies(d, l) || l.maxConcurrent;
}

bool retrySet(const Link &l)
{
    return l.retry.has_value();
}
bool breakerSet(const Link &l)
{
    return l.circuitBreaker.has_value();
}

template<typename Policy>
std::optional<QString> toggle(std::optional<Policy> &field, const QString &s)
{
    if (s == QLatin1String("off"))
        field.reset();
    else if (s != QLatin1String("on"))
        return QObject::tr("choose off or on");
    else if (!field)
        field = Policy{};
    return std::nullopt;
}

// A field of a policy object: empty puts back its default (the object is always complete).
template<typename Policy, typename T, Policy &(*object)(Link &)>
std::optional<QString> member(Link &l, T Policy::*m, const QString &s)
{
    Policy &p = object(l);
    if (blank(s)) {
        p.*m = Policy{}.*m;
        return std::nullopt;
    }
    if constexpr (std::is_same_v<T, double>)
        return number(s, p.*m);
    else
        return whole(s, p.*m);
}

template<auto m>
QVariant retryValue(const Design &, const Link &l)
{
    const RetryPolicy p = l.retry.value_or(RetryPolicy{});
    if constexpr (std::is_integral_v<std::remove_reference_t<decltype(p.*m)>>)
        return qlonglong(p.*m);
    else
        return p.*m;
}
template<auto m>
std::optional<QString> setRetry(Link &l, const QString &s)
{
    return member<RetryPolicy, std::remove_reference_t<decltype(RetryPolicy{}.*m)>, retry>(l, m, s);
}
template<auto m>
QVariant breakerValue(const Design &, const Link &l)
{
    const CircuitBreakerPolicy p = l.circuitBreaker.value_or(CircuitBreakerPolicy{});
    if constexpr (std::is_integral_v<std::remove_reference_t<decltype(p.*m)>>)
        return qlonglong(p.*m);
    else
        return p.*m;
}
template<auto m>
std::optional<QString> setBreaker(Link &l, const QString &s)
{
    return member<CircuitBreakerPolicy,
                  std::remove_reference_t<decltype(CircuitBreakerPolicy{}.*m)>,
                  breaker>(l, m, s);
}

const LinkField kFields[] = {
    // Timeout and retries
    {"timeout_ms",
     QT_TRANSLATE_NOOP("Inspector", "Timeout (ms)"),
     Type::Number,
     G::Retry,
     [](const Design &, const Link &l) -> QVariant {
         return l.timeoutMs ? QVariant(*l.timeoutMs) : QVariant();
     },
     [](const Link &l) { return l.timeoutMs.has_value(); },
     [](Link &l, const QString &s) { return optional(l.timeoutMs, s); },
     noChoices,
     timeoutShown,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The caller stops waiting after this long and the call fails as timed "
                       "out; the work downstream carries on, wasted (empty: waits for ever). "
                       "Set it a little above the callee's P99.")},
    {"retry",
     QT_TRANSLATE_NOOP("Inspector", "Retry"),
     Type::Choice,
     G::Retry,
     [](const Design &, const Link &l) -> QVariant {
         return l.retry ? QStringLiteral("on") : QStringLiteral("off");
     },
     retrySet,
     [](Link &l, const QString &s) { return toggle(l.retry, s); },
     offOn,
     retryShown,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Try a failed or timed-out call again. Retries hide brief faults, but "
                       "every retry is more load on a callee that may be failing because it "
                       "is overloaded: back off, add jitter, and cap the attempts.")},
    {"retry.max",
     QT_TRANSLATE_NOOP("Inspector", "Max retries"),
     Type::Integer,
     G::Retry,
     retryValue<&RetryPolicy::max>,
     retrySet,
     setRetry<&RetryPolicy::max>,
     noChoices,
     retryOn,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "How many times a call is tried again after its first attempt (0 to "
                       "100). 3 retries turn a 10% failure rate into 0.01%, and up to 4 times "
                       "the load on the callee.")},
    {"retry.backoff_ms",
     QT_TRANSLATE_NOOP("Inspector", "Backoff (ms)"),
     Type::Number,
     G::Retry,
     retryValue<&RetryPolicy::backoffMs>,
     retrySet,
     setRetry<&RetryPolicy::backoffMs>,
     noChoices,
     retryOn,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The wait before the first retry. Each later retry waits this times the "
                       "multiplier once more (exponential backoff).")},
    {"retry.multiplier",
     QT_TRANSLATE_NOOP("Inspector", "Backoff multiplier"),
     Type::Number,
     G::Retry,
     retryValue<&RetryPolicy::multiplier>,
     retrySet,
     setRetry<&RetryPolicy::multiplier>,
     noChoices,
     retryOn,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "How much longer each retry waits than the one before (1 to 100): 2 "
                       "doubles the wait, 1 keeps it constant.")},
    {"retry.max_backoff_ms",
     QT_TRANSLATE_NOOP("Inspector", "Longest backoff (ms)"),
     Type::Number,
     G::Retry,
     retryValue<&RetryPolicy::maxBackoffMs>,
     retrySet,
     setRetry<&RetryPolicy::maxBackoffMs>,
     noChoices,
     retryOn,
     QT_TRANSLATE_NOOP("FieldHelp", "The cap on the wait before a retry, before jitter.")},
    {"retry.jitter",
     QT_TRANSLATE_NOOP("Inspector", "Jitter"),
     Type::Choice,
     G::Retry,
     [](const Design &, const Link &l) -> QVariant {
         return text(kJitters.name(l.retry ? l.retry->jitter : Jitter::None));
     },
     retrySet,
     [](Link &l, const QString &s) -> std::optional<QString> {
         const auto j = jitterFromName(s.trimmed().toStdString());
         if (!j)
             return QObject::tr("choose one of %1").arg(text(kJitters.list()));
         made(l.retry).jitter = *j;
         return std::nullopt;
     },
     [] { return namesOf(kJitters); },
     retryOn,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Randomises the waits so that callers that failed together do not retry "
                       "together (a thundering herd). none: the exact backoff. full: anywhere "
                       "from 0 to it. equal: half of it plus up to another half.")},
    // Circuit breaker
    {"circuit_breaker",
     QT_TRANSLATE_NOOP("Inspector", "Circuit breaker"),
     Type::Choice,
     G::Breaker,
     [](const Design &, const Link &l) -> QVariant {
         return l.circuitBreaker ? QStringLiteral("on") : QStringLiteral("off");
     },
     breakerSet,
     [](Link &l, const QString &s) { return toggle(l.circuitBreaker, s); },
     offOn,
     breakerShown,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Stops calling a callee that keeps failing: when too many recent calls "
                       "failed it opens, and calls fail at once without being sent "
                       "(short-circuited), which gives the callee room to recover. After a "
                       "while it lets a few trial calls through (half-open).")},
    {"circuit_breaker.failure_rate",
     QT_TRANSLATE_NOOP("Inspector", "Failure rate"),
     Type::Number,
     G::Breaker,
     breakerValue<&CircuitBreakerPolicy::failureRate>,
     breakerSet,
     setBreaker<&CircuitBreakerPolicy::failureRate>,
     noChoices,
     breakerOn,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The share of failed calls (0.001 to 1) over the window at which it "
                       "opens.")},
    {"circuit_breaker.min_calls",
     QT_TRANSLATE_NOOP("Inspector", "Minimum calls"),
     Type::Integer,
     G::Breaker,
     breakerValue<&CircuitBreakerPolicy::minCalls>,
     breakerSet,
     setBreaker<&CircuitBreakerPolicy::minCalls>,
     noChoices,
     breakerOn,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "It judges only once at least this many calls ended in the window, so "
                       "two failures out of three do not open it.")},
    {"circuit_breaker.window_s",
     QT_TRANSLATE_NOOP("Inspector", "Window (s)"),
     Type::Number,
     G::Breaker,
     breakerValue<&CircuitBreakerPolicy::windowS>,
     breakerSet,
     setBreaker<&CircuitBreakerPolicy::windowS>,
     noChoices,
     breakerOn,
     QT_TRANSLATE_NOOP("FieldHelp", "The recent past it counts calls over, in seconds.")},
    {"circuit_breaker.open_s",
     QT_TRANSLATE_NOOP("Inspector", "Open for (s)"),
     Type::Number,
     G::Breaker,
     breakerValue<&CircuitBreakerPolicy::openS>,
     breakerSet,
     setBreaker<&CircuitBreakerPolicy::openS>,
     noChoices,
     breakerOn,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "How long it stays open, failing calls at once, before it goes "
                       "half-open to try again.")},
    {"circuit_breaker.half_open_calls",
     QT_TRANSLATE_NOOP("Inspector", "Half-open trial calls"),
     Type::Integer,
     G::Breaker,
     breakerValue<&CircuitBreakerPolicy::halfOpenCalls>,
     breakerSet,
     setBreaker<&CircuitBreakerPolicy::halfOpenCalls>,
     noChoices,
     breakerOn,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Half-open, it lets this many trial calls through: if all succeed it "
                       "closes, if any fails it opens again.")},
    // Bulkhead
    {"max_concurrent",
     QT_TRANSLATE_NOOP("Inspector", "Max concurrent calls"),
     Type::Integer,
     G::Bulkhead,
     [](const Design &, const Link &l) -> QVariant {
         return l.maxConcurrent ? QVariant(qlonglong(*l.maxConcurrent)) : QVariant();
     },
     [](const Link &l) { return l.maxConcurrent.has_value(); },
     [](Link &l, const QString &s) { return optional(l.maxConcurrent, s); },
     noChoices,
     bulkheadShown,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "A bulkhead: at most this many calls over this link at once; one more "
                       "fails at once (rejected). A slow callee then ties up only this share "
                       "of the caller's workers instead of all of them (empty: no limit).")},
};

} // namespace

std::span<const LinkField> linkPolicyFields()
{
    return kFields;
}

} // namespace hld
