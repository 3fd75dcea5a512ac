#pragma once

#include "component_fields.h"

namespace hld {

// The inspector's fields of the data mechanisms (contract 5.1-5.5): client keys, key-level
// caches, sharding, the replication additions, queue delivery and idempotent consumers.
// componentFields() lists them after the general fields.
std::span<const ComponentField> mechanismFields();

} // namespace hld
