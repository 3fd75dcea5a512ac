#pragma once

#include "io/design_error.h"
#include "model/interview.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace hld {

// A design file's `interview` object: the mock interview kept with the design (read,
// written and checked here so that the design reader and writer stay about the design).
Interview
readInterview(const nlohmann::json &j, const std::string &path, std::vector<DesignError> &errs);
nlohmann::ordered_json interviewToJson(const Interview &iv);
void validateInterview(const Interview &iv, std::vector<DesignError> &out);

// The JSON names of the phases, in order ("requirements", "estimation", ...), and their
// titles as the guide gives them.
const char *phaseKey(InterviewPhase p);
const char *phaseTitle(InterviewPhase p);

} // namespace hld
