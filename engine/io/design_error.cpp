#include "io/design_error.h"

#include "io/display_text.h"

namespace hld {

std::string LoadResult::describe(const std::string &file) const
{
    // Paths and messages carry text from the file: never let it reach a terminal raw.
    std::string out;
    for (const auto &e : errors) {
        out += printable(file, 300);
        out += ": ";
        if (!e.path.empty()) {
            out += printable(e.path, 200);
            out += ": ";
        }
        out += printable(e.message, 2000);
        out += '\n';
    }
    return out;
}

} // namespace hld
