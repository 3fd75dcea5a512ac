#pragma once

#include "io/design_error.h"

#include <QString>

#include <vector>

namespace hld {

// The loader's complaints about a design in the designer's words: "Hit ratio must be
// between 0 and 1 (got 1.5)" rather than "/components/3/hit_ratio: is 1.5; must be between
// 0 and 1". The command line keeps the JSON paths; the inspector names the field by its
// label, and the component or link only when the edit touched more than one.
QString describeForPeople(const std::vector<DesignError> &errors,
                          const Design &design,
                          bool nameTheComponent);

} // namespace hld
