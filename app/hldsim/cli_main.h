#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace hld::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1; // review: the design has errors
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInvalidDesign = 3;
inline constexpr int kExitIo = 4;

// The whole of hldsim, with its streams passed in so tests can drive it in-process.
int runCli(const std::vector<std::string> &args,
           std::ostream &out,
           std::ostream &err,
           bool progressToTerminal);

} // namespace hld::cli
