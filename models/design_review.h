#pragma once

#include "analysis/flow.h"

#include <vector>

namespace hld {

struct Design;

// The design review the Findings dock shows: the engine's rules on the design as it stands.
// `measuredUtilisation` (by component index, from a run) replaces the analytic estimate in
// the rule for components above 80% utilisation; empty before any run.
std::vector<Finding> reviewDesign(const Design &design,
                                  const std::vector<double> &measuredUtilisation = {});

// How many rules the review runs, for the message when none of them fires.
int reviewRuleCount();

} // namespace hld
