#pragma once

#include <QString>

#include <vector>

namespace hld {

// Round numbers for chart axes: ticks at 1, 2 or 5 times a power of ten, labelled the way a
// person writes them ("1k", "2.5k", "10 ms", "5%").
namespace ticks {

enum class Unit { Plain, Milliseconds, PerSecond, Percent, Dollars };

struct Range
{
    double top;  // a multiple of step, >= the maximum asked for
    double step; // 1, 2 or 5 x 10^k
};

// A range from 0 that holds `max` with at most `maxTicks` intervals.
Range niceRange(double max, int maxTicks = 5);
// The tick values 0, step, 2 step, ... top.
std::vector<double> values(const Range &r);
QString label(double value, Unit unit, double step);

// The value below which `share` of `v` lies (v is copied and partly sorted).
double quantile(std::vector<double> v, double share);

} // namespace ticks
} // namespace hld
