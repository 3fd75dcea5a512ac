#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace hld::cli {

// `hldsim estimate --dau N --requests-per-user R [--read-ratio x] [--peak-factor p]
// [--payload-bytes b] [--retention-days d] [--cache-share s] [--server-rps r]
// [--format text|json]` (contract 6).
int runEstimate(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

} // namespace hld::cli
