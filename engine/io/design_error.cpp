#include "io/design_error.h"

namespace hld {

std::string LoadResult::describe(const std::string &file) const
{
    std::string out;
    for (const auto &e : errors) {
        out += file;
        out += ": ";
        if (!e.path.empty()) {
            out += e.path;
            out += ": ";
        }
        out += e.message;
        out += '\n';
    }
    return out;
}

} // namespace hld
