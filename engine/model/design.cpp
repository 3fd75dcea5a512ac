#include "model/design.h"

namespace hld {

const Component *Design::find(const std::string &id) const
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &components[static_cast<std::size_t>(i)];
}

int Design::indexOf(const std::string &id) const
{
    for (std::size_t i = 0; i < components.size(); ++i) {
        if (components[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

} // namespace hld
