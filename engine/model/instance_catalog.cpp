#include "model/instance_catalog.h"

#include <array>

namespace hld {

namespace {
// Prices follow the general-purpose families of the large clouds (2026 list prices, rounded).
constexpr std::array<InstanceType, 7> kCatalog{{
    {"xs", 1, 2, 0.021},
    {"s", 2, 4, 0.042},
    {"m", 4, 16, 0.192},
    {"l", 8, 32, 0.384},
    {"xl", 16, 64, 0.768},
    {"2xl", 32, 128, 1.536},
    {"4xl", 64, 256, 3.072},
}};
} // namespace

std::span<const InstanceType> instanceCatalog()
{
    return kCatalog;
}

const InstanceType *findInstance(std::string_view name)
{
    for (const auto &t : kCatalog) {
        if (t.name == name)
            return &t;
    }
    return nullptr;
}

} // namespace hld
