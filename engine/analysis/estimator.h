#pragma once

#include <string>
#include <vector>

namespace hld {

// The back-of-the-envelope arithmetic of the guide's interview framework (contract 6,
// `hldsim estimate`): from daily active users and requests per user to request rates,
// storage, bandwidth, cache memory and servers, each with the steps that produce it.
struct EstimateInput
{
    double dau = 0;
    double requestsPerUser = 0;
    double readRatio = 0.9;
    double peakFactor = 3;      // the guide's rule of thumb: peak = 3 x average
    double payloadBytes = 1000; // per request, and per stored write
    double retentionDays = 365; // how long writes are kept
    double cacheShare = 0.2;    // the hot set: 20% of a day's reads (80/20)
    double serverRps = 10000;   // one server's capacity (the guide: 10,000 - 50,000)
};

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
