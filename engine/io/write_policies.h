#pragma once

#include "model/design.h"

#include <nlohmann/json.hpp>

namespace hld {

// The fields of contract sections 5.6-5.9 written into a link's, a component's, a
// traffic's and an autoscaler's JSON object (only those that are set).
void writeLinkPolicies(nlohmann::ordered_json &j, const Link &l);
void writeComponentPolicies(nlohmann::ordered_json &j, const Component &c);
void writeTrafficPaths(nlohmann::ordered_json &j, const Traffic &t);
void writeAutoscaleMetric(nlohmann::ordered_json &j, const Autoscale &a);

} // namespace hld
