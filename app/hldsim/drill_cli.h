#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace hld::cli {

// `hldsim drill DESIGN --prompt PROMPT.prompt.json [--duration-s S] [--seed N]
// [--format text|json]`: the interview drills (target load, 10x, the follow-ups' faults) and
// the session's score.
int runDrill(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

} // namespace hld::cli
