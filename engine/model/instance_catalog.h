#pragma once

#include <span>
#include <string_view>

namespace hld {

// Vertical scale: one instance size. vCPUs set the default worker count of a replica.
struct InstanceType
{
    std::string_view name;
    int vcpus;
    int memoryGiB;
    double costPerHour; // USD, on-demand list price order of magnitude
};

std::span<const InstanceType> instanceCatalog();
const InstanceType *findInstance(std::string_view name);

} // namespace hld
