#pragma once

#include "sim/run.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace hld::test {

Design designFromJson(const std::string &json); // fails the test on an invalid design

// R independent replications of one design, each summarised alone, plus the pooled summary.
struct Replicated
{
    std::vector<Results> runs;
    Results pooled;
};
Replicated replicate(const Design &d, RunOptions opt);

// A statistic over replications: its mean and 95% confidence half-width (Student t).
struct Estimate
{
    double mean = 0;
    double halfWidth = 0;
};
Estimate estimate(const Replicated &r, const std::function<double(const Results &)> &metric);

// Agreement with an exact value. The tolerance is derived from the run: twice the 95%
// half-width (about 4.5 standard errors with 10 replications, so a false alarm is rarer
// than 1 in 10,000), plus `relSlack` for known deterministic error such as the histogram's
// 0.39% bucket width. The check also fails when the run is too short to have teeth: a
// half-width wider than `maxRelHalfWidth` of the exact value.
::testing::AssertionResult
agrees(const Estimate &e, double exact, double relSlack = 0.0, double maxRelHalfWidth = 0.03);

const NodeResult &node(const Results &r, const std::string &id);

// A design of these components and links with a scenario of `events` lasting `duration` s.
std::string withScenario(const std::string &components,
                         const std::string &links,
                         const std::string &events,
                         double duration);
// Runs it for the scenario's duration, recording the per-second series.
Results runScenario(const std::string &json, std::uint64_t seed = 1);
// Mean of a series over windows ending in (from, to].
double meanOver(const TimeSeries &ts, const std::vector<double> &v, double from, double to);
const NodeSeries &seriesOf(const Results &r, const std::string &id);

} // namespace hld::test
