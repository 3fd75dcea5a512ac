#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace hld::fuzz {

// What must hold for any input, valid or not (the fuzz target and the corpus replay share
// it): the loader answers with a design or with errors, never both, never a crash; the
// messages hold no raw control characters; an accepted design saves and loads back equal;
// and a short run of it ends, within its budget of requests, memory and time. Returns an
// empty string, or what went wrong (the fuzz target aborts on it).
std::string checkDesignText(const std::uint8_t *data, std::size_t size);

} // namespace hld::fuzz
