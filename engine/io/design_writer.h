#pragma once

#include "model/design.h"

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace hld {

nlohmann::ordered_json designToJson(const Design &d);
std::string designToText(const Design &d); // pretty, 2-space indent, trailing newline
// Writes to a temporary file beside `path`, then renames it over: never a torn file.
bool saveDesignFile(const Design &d, const std::string &path, std::string *error);

} // namespace hld
