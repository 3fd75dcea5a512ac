#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace hld {

// Turns `rows` into `next` by removing the rows that went and inserting the ones that came
// (both lists keep one order), so rows that stay keep their index and an open editor
// survives. `removing(i, apply)` and `inserting(j, apply)` wrap each change in the model's
// begin/end signals; `apply()` makes it.
template<typename Row, typename Removing, typename Inserting>
void morphRows(std::vector<Row> &rows,
               const std::vector<Row> &next,
               Removing removing,
               Inserting inserting)
{
    for (int i = int(rows.size()) - 1; i >= 0; --i) {
        if (std::find(next.begin(), next.end(), rows[std::size_t(i)]) == next.end())
            removing(i, [&] { rows.erase(rows.begin() + i); });
    }
    for (std::size_t j = 0; j < next.size(); ++j) {
        if (j >= rows.size() || !(rows[j] == next[j]))
            inserting(int(j), [&] { rows.insert(rows.begin() + std::ptrdiff_t(j), next[j]); });
    }
}

} // namespace hld
