#pragma once

#include "model/design.h"

#include <optional>
#include <string>
#include <vector>

namespace hld {

// One problem with a design: where (a JSON Pointer into the file) and what.
struct DesignError
{
    std::string path; // e.g. "/components/2/replicas"; "" for the whole document
    std::string message;
};

struct LoadResult
{
    std::optional<Design> design; // set only when errors is empty: never half-loaded
    std::vector<DesignError> errors;

    bool ok() const { return design.has_value(); }
    // "FILE: /components/2/replicas: must be at least 1", one line per error.
    std::string describe(const std::string &file) const;
};

} // namespace hld
