#pragma once

#include "model/interview.h"

#include <string>
#include <vector>

namespace hld {

// The back-of-the-envelope arithmetic of the guide's interview framework (contract 6,
// `hldsim estimate`): from daily active users and requests per user to request rates,
// storage, bandwidth, cache memory and servers, each with the steps that produce it.
struct EstimateValue
{
    std::string name; // the JSON field, e.g. "peak_rps"
    double value = 0;
    std::string unit; // "/s", "bytes", "bytes/s", "servers"
    std::vector<std::string> steps;
};

struct Estimate
{
    std::vector<EstimateValue> values; // in the order of the arithmetic
    const EstimateValue *find(const std::string &name) const;
};

// Empty when the input is out of range (then `error` says which field and why).
Estimate estimate(const EstimateInput &in, std::string *error = nullptr);
std::string estimateToText(const Estimate &e);
std::string estimateToJsonText(const Estimate &e, const EstimateInput &in);

} // namespace hld
