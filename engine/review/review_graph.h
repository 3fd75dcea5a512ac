#pragma once

#include "analysis/flow.h"
#include "model/design.h"

#include <string>
#include <vector>

namespace hld {

// The design as the review rules see it: components by index, links by source and target,
// and which components a client's requests reach.
struct ReviewGraph
{
    explicit ReviewGraph(const Design &design);

    const Design &d;
    std::vector<std::vector<std::size_t>> out; // link indices by source component
    std::vector<std::vector<std::size_t>> in;  // link indices by target component
    std::vector<int> from, to;                 // per link: component indices (-1 if dangling)
    std::vector<char> onRequestPath;           // reached from a client over sync links

    const Component &comp(std::size_t i) const { return d.components[i]; }
    ComponentKind kind(std::size_t i) const { return d.components[i].kind; }
    bool sync(std::size_t link) const;
    bool carriesReads(std::size_t link) const;
    // Components whose id or label names money, bookings or stock (the guide's "stale =
    // wrong" data).
    bool critical(std::size_t i) const;
    std::string name(std::size_t i) const; // "'id'"

    // Components reachable from `sources` over links that `follow` accepts, not expanding
    // beyond components that `stop` accepts (they are reached but not passed through).
    template<typename Follow, typename Stop>
    std::vector<int> reach(const std::vector<std::size_t> &sources, Follow follow, Stop stop) const
    {
        std::vector<int> origin(d.components.size(), -1);
        std::vector<std::size_t> stack;
        for (auto s : sources) {
            if (origin[s] < 0) {
                origin[s] = static_cast<int>(s);
                stack.push_back(s);
            }
        }
        while (!stack.empty()) {
            const auto n = stack.back();
            stack.pop_back();
            if (stop(n) && origin[n] != static_cast<int>(n))
                continue;
            for (auto li : out[n]) {
                if (to[li] < 0 || !follow(li) || origin[to[li]] >= 0)
                    continue;
                origin[to[li]] = origin[n];
                stack.push_back(static_cast<std::size_t>(to[li]));
            }
        }
        return origin; // the source each component was first reached from; -1 unreached
    }
};

// Rule families (each appends its findings).
void checkTopologyRules(const ReviewGraph &g, std::vector<Finding> &out);
void checkResilienceRules(const ReviewGraph &g, std::vector<Finding> &out);
void checkDataRules(const ReviewGraph &g, std::vector<Finding> &out);

} // namespace hld
