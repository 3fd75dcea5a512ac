#pragma once

#include "io/design_error.h"

#include <cstddef>
#include <optional>
#include <string_view>

namespace hld {

// Limits on the shape of a design's JSON, checked in one streaming pass before any
// document tree is built, so that refusing a hostile file costs about its own size.
struct JsonLimits
{
    int maxDepth = 32;
    std::size_t maxValues = 2'000'000; // every number, string, array and object counts
};

// The first problem with `text` as JSON: malformed (with line, column and the JSON path
// reached), nested too deeply, too many values, a key repeated within one object, or a NUL
// byte. Nothing if the text is well-formed JSON within the limits.
std::optional<DesignError> scanJson(std::string_view text, const JsonLimits &limits = {});

} // namespace hld
