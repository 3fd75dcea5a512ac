#include "link_fields.h"

#include "field_parse.h"
#include "link_policy_fields.h"

#include "model/component_kind.h"

#include <QCoreApplication>

#include <vector>

namespace hld {

namespace {

using Type = LinkField::Type;
using G = LinkFieldGroup;
using namespace field_parse;

QStringList noChoices()
{
    return {};
}
bool always(const Design &, const Link &)
{
    return true;
}
bool set(const Link &)
{
    return true;
}

const LinkField kFields[] = {
    {"from",
     QT_TRANSLATE_NOOP("Inspector", "From"),
     Type::ReadOnly,
     G::Link,
     [](const Design &, const Link &l) -> QVariant { return QString::fromStdString(l.from); },
     set,
     nullptr,
     noChoices,
     always,
     QT_TRANSLATE_NOOP("FieldHelp", "The caller: the component that sends requests over it.")},
    {"to",
     QT_TRANSLATE_NOOP("Inspector", "To"),
     Type::ReadOnly,
     G::Link,
     [](const Design &, const Link &l) -> QVariant { return QString::fromStdString(l.to); },
     set,
     nullptr,
     noChoices,
     always,
     QT_TRANSLATE_NOOP("FieldHelp", "The callee: the component that serves them.")},
    {"latency_ms",
     QT_TRANSLATE_NOOP("Inspector", "Latency (ms, one way)"),
     Type::Number,
     G::Link,
     [](const Design &d, const Link &l) -> QVariant { return effectiveLatencyMs(d, l); },
     [](const Link &l) { return l.latencyMs.has_value(); },
     [](Link &l, const QString &s) { return optional(l.latencyMs, s); },
     noChoices,
     always,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The network's one-way delay. By default 0.5 ms within a region and 75 ms "
                       "between regions.")},
    {"mode",
     QT_TRANSLATE_NOOP("Inspector", "Mode"),
     Type::Choice,
     G::Link,
     [](const Design &, const Link &l) -> QVariant {
         return text(toString(l.mode.value_or(LinkMode::Sync)));
     },
     [](const Link &l) { return l.mode.has_value(); },
     [](Link &l, const QString &s) -> std::optional<QString> {
         const auto m = linkModeFromName(s.trimmed().toStdString());
         if (!m)
             return QObject::tr("must be sync or async");
         l.mode = *m;
         return std::nullopt;
     },
     [] {
         return QStringList{"sync", "async"};
     },
     always,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "sync: the caller waits for the answer. async: fire and forget through a "
                       "queue; the caller's timeout, retry, breaker and bulkhead do not apply.")},
    {"weight",
     QT_TRANSLATE_NOOP("Inspector", "Weight"),
     Type::Number,
     G::Link,
     [](const Design &, const Link &l) -> QVariant { return l.weight.value_or(1.0); },
     [](const Link &l) { return l.weight.has_value(); },
     [](Link &l, const QString &s) { return optional(l.weight, s); },
     noChoices,
     always,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "A client's share of its requests sent this way, against its other "
                       "links (default 1 each).")},
    {"requests",
     QT_TRANSLATE_NOOP("Inspector", "Requests"),
     Type::Choice,
     G::Link,
     [](const Design &, const Link &l) -> QVariant {
         return text(toString(l.requests.value_or(RequestFilter::All)));
     },
     [](const Link &l) { return l.requests.has_value(); },
     [](Link &l, const QString &s) -> std::optional<QString> {
         const auto r = requestFilterFromName(s.trimmed().toStdString());
         if (!r)
             return QObject::tr("must be all, reads or writes");
         l.requests = *r;
         return std::nullopt;
     },
     [] {
         return QStringList{"all", "reads", "writes"};
     },
     always,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Which requests take this link: all, only reads (to a read replica, "
                       "say) or only writes.")},
    {"path",
     QT_TRANSLATE_NOOP("Inspector", "Path prefix"),
     Type::Text,
     G::Link,
     [](const Design &, const Link &l) -> QVariant {
         return QString::fromStdString(l.path.value_or(""));
     },
     [](const Link &l) { return l.path.has_value(); },
     [](Link &l, const QString &s) -> std::optional<QString> {
         if (blank(s))
             l.path.reset();
         else
             l.path = s.trimmed().toStdString();
         return std::nullopt;
     },
     noChoices,
     always,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "L7 routing: only requests whose path starts with this prefix (\"/api\") "
                       "take this link; empty takes every path. The client's request paths say "
                       "which paths there are.")},
};

} // namespace

std::span<const LinkField> linkFields()
{
    static const std::vector<LinkField> all = [] {
        std::vector<LinkField> v(std::begin(kFields), std::end(kFields));
        const auto more = linkPolicyFields();
        v.insert(v.end(), more.begin(), more.end());
        return v;
    }();
    return all;
}

const LinkField *linkField(std::string_view key)
{
    for (const auto &f : linkFields()) {
        if (key == f.key)
            return &f;
    }
    return nullptr;
}

QString linkFieldGroupTitle(LinkFieldGroup group)
{
    switch (group) {
    case G::Link:
        return QCoreApplication::translate("FieldHelp", "Link");
    case G::Retry:
        return QCoreApplication::translate("FieldHelp", "Timeout and retries");
    case G::Breaker:
        return QCoreApplication::translate("FieldHelp", "Circuit breaker");
    case G::Bulkhead:
        return QCoreApplication::translate("FieldHelp", "Bulkhead");
    }
    return {};
}

QString linkFieldLabel(const LinkField &f)
{
    return QCoreApplication::translate("Inspector", f.label);
}

QString linkFieldHelp(const LinkField &f)
{
    return QCoreApplication::translate("FieldHelp", f.help);
}

bool takesCallPolicies(const Design &d, const Link &l)
{
    if (l.mode.value_or(LinkMode::Sync) == LinkMode::Async)
        return false;
    const Component *from = d.find(l.from);
    return !from || from->kind != ComponentKind::Queue;
}

} // namespace hld
