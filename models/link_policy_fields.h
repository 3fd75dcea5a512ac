#pragma once

#include "link_fields.h"

namespace hld {

// The link fields of the caller's policies (contract 5.6): timeout, retry, circuit breaker
// and bulkhead. linkFields() lists them after the link's own fields; nothing else needs this.
std::span<const LinkField> linkPolicyFields();

} // namespace hld
