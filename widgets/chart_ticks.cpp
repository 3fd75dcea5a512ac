#include "chart_ticks.h"

#include <algorithm>
#include <cmath>

namespace hld::ticks {

Range niceRange(double max, int maxTicks)
{
    if (!(max > 0) || !std::isfinite(max))
        max = 1;
    maxTicks = std::max(1, maxTicks);
    const double raw = max / maxTicks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        step = m * magnitude;
        if (step >= raw * (1 - 1e-9))
            break;
    }
    return {std::ceil(max / step - 1e-9) * step, step};
}

std::vector<double> values(const Range &r)
{
    std::vector<double> out;
    const int n = int(std::lround(r.top / r.step));
    for (int i = 0; i <= n; ++i)
        out.push_back(i * r.step);
    return out;
}

namespace {
int decimalsOf(double v)
{
    int decimals = 0;
    while (decimals < 6
           && std::abs(v * std::pow(10.0, decimals) - std::round(v * std::pow(10.0, decimals)))
                  > 1e-6 * std::max(1.0, std::abs(v) * std::pow(10.0, decimals)))
        ++decimals;
    return decimals;
}

// As many decimals as the value needs, and never more than a multiple of `step` can have:
// 1k, 1.5k, 2k rather than 1.0k, 1.5k, 2.0k.
QString number(double v, double step)
{
    return QString::number(v, 'f', std::min(decimalsOf(v), decimalsOf(step)));
}
} // namespace

QString label(double v, Unit unit, double step)
{
    QString text;
    const double a = std::abs(v);
    if (unit != Unit::Percent && a >= 1e6 && step >= 1e5)
        text = number(v / 1e6, step / 1e6) + QLatin1Char('M');
    else if (unit != Unit::Percent && a >= 1e3 && step >= 100)
        text = number(v / 1e3, step / 1e3) + QLatin1Char('k');
    else
        text = number(v, step);
    switch (unit) {
    case Unit::Milliseconds:
        return text + QStringLiteral(" ms");
    case Unit::Percent:
        return text + QLatin1Char('%');
    case Unit::Dollars:
        return QLatin1Char('$') + text;
    case Unit::PerSecond:
    case Unit::Plain:
        break;
    }
    return text;
}

double quantile(std::vector<double> v, double share)
{
    if (v.empty())
        return 0;
    const auto k = std::min(v.size() - 1, std::size_t(share * double(v.size())));
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
    return v[k];
}

} // namespace hld::ticks
