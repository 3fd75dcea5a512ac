#pragma once

#include "model/design.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace hld {

// Writes an optional field only when it is set (files keep only what the user gave).
template<typename T>
void putOptional(nlohmann::ordered_json &j, const char *key, const std::optional<T> &v)
{
    if (v)
        j[key] = *v;
}

// The fields of contract sections 5.6-5.9 written into a link's, a component's, a
// traffic's and an autoscaler's JSON object (only those that are set).
void writeLinkPolicies(nlohmann::ordered_json &j, const Link &l);
void writeComponentPolicies(nlohmann::ordered_json &j, const Component &c);
void writeTrafficPaths(nlohmann::ordered_json &j, const Traffic &t);
void writeAutoscaleMetric(nlohmann::ordered_json &j, const Autoscale &a);

} // namespace hld
