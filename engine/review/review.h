#pragma once

#include "analysis/flow.h"
#include "model/design.h"

#include <string>
#include <vector>

namespace hld {

struct ReviewOptions
{
    // Utilisation of each component (by index) measured in a run; when given, the "hot"
    // rule uses it instead of the analytic estimate.
    std::vector<double> measuredUtilisation;
};

// The design review (`hldsim review`, the Findings dock): the flow analysis's capacity
// checks and every rule of the catalogue, errors first. The design must be valid.
std::vector<Finding> reviewDesignRules(const Design &design, const ReviewOptions &options = {});

std::string reviewToText(const std::vector<Finding> &findings);
std::string reviewToJsonText(const std::vector<Finding> &findings);
std::string rulesToText();
std::string rulesToJsonText();

} // namespace hld
