#pragma once

#include "field_help.h"

namespace hld {

// The layout and help of the failure-handling and traffic-control fields (policy_fields.h):
// failures, rate limit, routing and sessions, saga, table, and the autoscaler's signal.
// field_help.h serves them with the rest; nothing else needs this header.
std::span<const FieldLayout> policyFieldLayout();
// False while the feature the field belongs to is off for `c` (the limit of a component
// without a rate limit, the queue target of an autoscaler on utilisation).
bool policyFieldRelevant(std::string_view key, const Component &c);

} // namespace hld
