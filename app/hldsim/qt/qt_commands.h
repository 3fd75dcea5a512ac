#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace hld::cli {

// The commands of `hldsim-qt`, which `hldsim` starts for everything that draws or reads XML:
// export png|svg|pdf|drawio, import, report. Needs a QApplication (offscreen is fine).
int runQtCommand(const std::vector<std::string> &args,
                 std::ostream &out,
                 std::ostream &err,
                 bool progressToTerminal);

} // namespace hld::cli
