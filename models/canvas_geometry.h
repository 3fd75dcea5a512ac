#pragma once

#include "model/design.h"

namespace hld::geometry {

// Every component is drawn as a box of this size centred on its `position`.
inline constexpr double kComponentWidth = 136;
inline constexpr double kComponentHeight = 80;
inline constexpr double kGrid = 20;

inline bool regionContains(const Region &r, Point p)
{
    return p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;
}

inline double snap(double v)
{
    return kGrid * static_cast<long long>(v / kGrid + (v >= 0 ? 0.5 : -0.5));
}

} // namespace hld::geometry
