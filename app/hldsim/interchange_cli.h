#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace hld::cli {

// `hldsim export | import | report`. The text exports (Mermaid, DOT) run here; everything
// that draws or reads XML (PNG, SVG, PDF, draw.io, import, report) runs in `hldsim-qt`,
// installed beside hldsim, so that hldsim itself never loads Qt and `hldsim run` starts as
// fast as ever.
int runInterchange(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

} // namespace hld::cli
