#pragma once

#include "sim/results.h"

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace hld {

// The `hld-results` document of SIMULATION.md section 3 (fixed fields plus extensions).
nlohmann::ordered_json resultsToJson(const Results &r);
std::string resultsToJsonText(const Results &r);
// A readable table: end to end, per class, per component, findings.
std::string resultsToText(const Results &r, const std::string &designName);
// One row per scope (end_to_end, reads, writes, then each component).
std::string resultsToCsv(const Results &r);

} // namespace hld
