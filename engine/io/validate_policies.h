#pragma once

#include "io/design_error.h"
#include "model/design.h"

#include <string>
#include <vector>

namespace hld {

// Ranges and kinds of the fields of contract sections 5.6-5.9.
void validateComponentPolicies(const Component &c,
                               const std::string &path,
                               std::vector<DesignError> &out);
// `from` is the calling component (nullptr when it does not exist).
void validateLinkPolicies(const Link &l,
                          const Component *from,
                          const std::string &path,
                          std::vector<DesignError> &out);
// What needs the whole design: paths in all, users behind per-user state, saga steps.
void validateDesignPolicies(const Design &d, std::vector<DesignError> &out);

} // namespace hld
