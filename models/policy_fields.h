#pragma once

#include "component_fields.h"

namespace hld {

// The inspector's fields of failure handling and traffic control (contract 5.6-5.9): error
// rate, health checks, rate limits, L4/L7 balancing, sticky sessions, sessions, sagas,
// tables, the client's request paths and the autoscaler's signal. componentFields() lists
// them after the data mechanisms.
std::span<const ComponentField> policyFields();

// A client's request paths as the inspector writes them: "/api: 0.7, /static: 0.3".
QString pathSharesText(const PathShares &paths);
// Reads that text back (", " or ";" between entries, ":" or "=" before a share); says what is
// wrong with it otherwise. The loader's rules (paths start with "/", shares above 0) come later.
std::optional<QString> parsePathShares(const QString &text, PathShares &out);

} // namespace hld
