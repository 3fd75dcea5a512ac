#pragma once

#include "io/design_error.h"
#include "model/design.h"

#include <string>
#include <vector>

namespace hld {

// Ranges and kinds of the mechanism fields (contract sections 5.1-5.5) of one component.
void validateMechanisms(const Component &c, const std::string &path, std::vector<DesignError> &out);

} // namespace hld
