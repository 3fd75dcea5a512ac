#pragma once

#include "field_help.h"

namespace hld {

// The layout and help of the mechanisms' fields (mechanism_fields.h), in their own groups:
// keys, key-level cache, sharding, replication, delivery. field_help.h serves them with the
// rest; nothing else needs this header.
std::span<const FieldLayout> mechanismFieldLayout();
// False while the mechanism the field belongs to is off for `c` (the TTL of a cache without
// capacity_keys, the virtual nodes of a modulo-hashed store).
bool mechanismFieldRelevant(std::string_view key, const Component &c);

} // namespace hld
