#pragma once

#include "model/design.h"

#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>
#include <span>
#include <string_view>

namespace hld {

// The inspector's groups of link fields: the link itself, then the caller's policies for
// calls over it (contract 5.6).
enum class LinkFieldGroup { Link, Retry, Breaker, Bulkhead };

// One editable field of a link, as the inspector shows it. `get` gives the value in force
// (defaults applied); `set` parses user input into the link and says why it cannot (the
// loader's rules then check the result). Empty input clears an optional field; a policy's
// "off" removes its object, "on" creates it with the defaults.
struct LinkField
{
    enum class Type { ReadOnly, Text, Integer, Number, Choice };

    const char *key;   // the file's name, e.g. "retry.backoff_ms"
    const char *label; // what the inspector shows
    Type type;
    LinkFieldGroup group;
    QVariant (*get)(const Design &, const Link &);
    bool (*isSet)(const Link &); // false: the default is in force
    std::optional<QString> (*set)(Link &, const QString &);
    QStringList (*choices)();
    bool (*relevant)(const Design &, const Link &); // false: the row stays out of the way
    const char *help;
};

// Every link field, group by group, in the order the inspector shows them.
std::span<const LinkField> linkFields();
const LinkField *linkField(std::string_view key);
QString linkFieldGroupTitle(LinkFieldGroup group);
QString linkFieldLabel(const LinkField &f);
QString linkFieldHelp(const LinkField &f);

// The caller's policies (timeout, retry, breaker, bulkhead) apply to this link: a sync call,
// not a queue's delivery to its consumers.
bool takesCallPolicies(const Design &d, const Link &l);

} // namespace hld
