#pragma once

#include "io/design_error.h"

#include <string>
#include <string_view>

namespace hld {

inline constexpr std::size_t kMaxDesignBytes = 64u << 20;
inline constexpr int kMaxJsonDepth = 32;
inline constexpr std::size_t kMaxJsonValues = 2'000'000; // numbers, strings, arrays, objects

// Parses and validates a *.hld.json text. Never throws; never returns a partial design.
LoadResult parseDesign(std::string_view text);
LoadResult loadDesignFile(const std::string &path);

} // namespace hld
