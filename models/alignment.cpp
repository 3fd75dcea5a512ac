#include "alignment.h"

#include <algorithm>
#include <vector>

namespace hld {

QMap<QString, Point> align(const QMap<QString, Point> &centres, Alignment how)
{
    QMap<QString, Point> out = centres;
    if (centres.size() < 2)
        return out;
    double minX = 1e300, maxX = -1e300, minY = 1e300, maxY = -1e300, sumX = 0, sumY = 0;
    for (const auto &p : centres) {
        minX = std::min(minX, p.x);
        maxX = std::max(maxX, p.x);
        minY = std::min(minY, p.y);
        maxY = std::max(maxY, p.y);
        sumX += p.x;
        sumY += p.y;
    }
    const double n = centres.size();
    auto distribute = [&](bool horizontal) {
        std::vector<std::pair<double, QString>> order;
        for (auto it = centres.cbegin(); it != centres.cend(); ++it)
            order.emplace_back(horizontal ? it->x : it->y, it.key());
        std::sort(order.begin(), order.end());
        const double lo = order.front().first, hi = order.back().first;
        const double step = (hi - lo) / (order.size() - 1);
        for (std::size_t i = 0; i < order.size(); ++i)
            (horizontal ? out[order[i].second].x : out[order[i].second].y) = lo + step * i;
    };
    for (auto &p : out) {
        switch (how) {
        case Alignment::Left:
            p.x = minX;
            break;
        case Alignment::Right:
            p.x = maxX;
            break;
        case Alignment::Top:
            p.y = minY;
            break;
        case Alignment::Bottom:
            p.y = maxY;
            break;
        case Alignment::CenterHorizontally:
            p.x = sumX / n;
            break;
        case Alignment::CenterVertically:
            p.y = sumY / n;
            break;
        default:
            break;
        }
    }
    if (how == Alignment::DistributeHorizontally)
        distribute(true);
    if (how == Alignment::DistributeVertically)
        distribute(false);
    return out;
}

} // namespace hld
