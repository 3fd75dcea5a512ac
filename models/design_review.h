#pragma once

#include "analysis/flow.h"

#include <vector>

namespace hld {

struct Design;

// The design review the Findings dock shows: the engine's flow analysis of the design as it
// stands (offered load against capacity, and the rules of the review).
std::vector<Finding> reviewDesign(const Design &design);

} // namespace hld
