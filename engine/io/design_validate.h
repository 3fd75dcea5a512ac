#pragma once

#include "io/design_error.h"

#include <vector>

namespace hld {

// The rules every design obeys, whatever its source (file loader, GUI inspector, paste).
// Paths are JSON Pointers into the file layout: /components/<i>/<field>, /links/<i>/<field>.
std::vector<DesignError> validateDesign(const Design &d);

// The same rules for one component or link alone (ranges, kind-specific fields).
void validateComponent(const Component &c, const std::string &path, std::vector<DesignError> &out);
void validateLink(const Link &l, const std::string &path, std::vector<DesignError> &out);

bool isValidId(const std::string &id);

} // namespace hld
