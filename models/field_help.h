#pragma once

#include "model/design.h"

#include <QString>

#include <span>
#include <string_view>

namespace hld {

// How the inspector presents the component fields: in groups (who it is, how big, how fast,
// what it does, how it fails and limits traffic, then one per data mechanism: keys, key-level
// cache, sharding, replication, delivery), the important ones first, each with a tooltip that says
// what it is and when you would change it. Fields of a feature that is off (the autoscaler's bounds
// without an autoscaler) stay out of the way until it is on.
enum class FieldGroup {
    Identity,
    Scale,
    Timing,
    Behaviour,
    Failures,
    RateLimit,
    Routing,
    Saga,
    Table,
    Keys,
    KeyCache,
    Sharding,
    Replication,
    Delivery,
};

struct FieldLayout
{
    const char *key; // the file's name, as in ComponentField
    FieldGroup group;
    const char *help;
};

// Every field, group by group, in the order the inspector shows them.
std::span<const FieldLayout> fieldLayout();
const FieldLayout *fieldLayout(std::string_view key);
// The groups in the order the inspector shows them.
std::span<const FieldGroup> fieldGroups();
QString fieldGroupTitle(FieldGroup group);
QString fieldHelp(std::string_view key);
// False while the feature the field belongs to is off for `c`.
bool fieldRelevant(std::string_view key, const Component &c);

} // namespace hld
