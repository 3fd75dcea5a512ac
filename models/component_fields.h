#pragma once

#include "model/design.h"

#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>
#include <span>

namespace hld {

// One editable field of a component, as the inspector shows it. `get` gives the value in
// force (defaults applied); `set` parses user input into the component and says why it
// cannot. Empty input clears an optional field back to its default.
struct ComponentField
{
    enum class Type { Text, Integer, Number, Choice, LongText, PairList };

    const char *key;   // the file's name, e.g. "service_time.mean_ms"
    const char *label; // what the inspector shows
    Type type;
    bool (*applies)(ComponentKind);
    QVariant (*get)(const Component &);
    bool (*isSet)(const Component &); // false: the kind's default is in force
    std::optional<QString> (*set)(Component &, const QString &);
    QStringList (*choices)();
};

std::span<const ComponentField> componentFields();

} // namespace hld
