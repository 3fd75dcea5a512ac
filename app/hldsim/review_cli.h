#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace hld::cli {

// `hldsim review DESIGN [--format text|json]` and `hldsim rules [--format text|json]`
// (contract 6).
int runReview(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);
int runRules(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

} // namespace hld::cli
