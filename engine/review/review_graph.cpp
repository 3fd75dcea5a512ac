#include "review/review_graph.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <unordered_map>

namespace hld {

ReviewGraph::ReviewGraph(const Design &design)
    : d(design)
    , out(design.components.size())
    , in(design.components.size())
    , onRequestPath(design.components.size(), 0)
{
    // Links name components by id: one lookup table, not a search per link (designs may
    // have 100,000 links over 10,000 components, reviewed after every edit).
    std::unordered_map<std::string_view, int> index;
    index.reserve(d.components.size());
    for (std::size_t i = 0; i < d.components.size(); ++i)
        index.emplace(d.components[i].id, static_cast<int>(i));
    auto at = [&index](const std::string &id) {
        const auto it = index.find(id);
        return it == index.end() ? -1 : it->second;
    };
    for (std::size_t i = 0; i < d.links.size(); ++i) {
        const int a = at(d.links[i].from);
        const int b = at(d.links[i].to);
        from.push_back(a);
        to.push_back(b);
        if (a >= 0 && b >= 0) {
            out[a].push_back(i);
            in[b].push_back(i);
        }
    }
    std::vector<std::size_t> clients;
    for (std::size_t i = 0; i < d.components.size(); ++i)
        if (kind(i) == ComponentKind::Client)
            clients.push_back(i);
    const auto reached = reach(
        clients, [&](std::size_t l) { return sync(l); }, [](std::size_t) { return false; });
    for (std::size_t i = 0; i < reached.size(); ++i)
        onRequestPath[i] = reached[i] >= 0 && kind(i) != ComponentKind::Client;
}

bool ReviewGraph::sync(std::size_t link) const
{
    return d.links[link].mode.value_or(LinkMode::Sync) == LinkMode::Sync;
}

bool ReviewGraph::carriesReads(std::size_t link) const
{
    return d.links[link].requests.value_or(RequestFilter::All) != RequestFilter::Writes;
}

bool ReviewGraph::critical(std::size_t i) const
{
    static constexpr std::array<std::string_view, 12> words{"payment",
                                                            "ledger",
                                                            "wallet",
                                                            "billing",
                                                            "balance",
                                                            "transaction",
                                                            "money",
                                                            "booking",
                                                            "reservation",
                                                            "inventory",
                                                            "checkout",
                                                            "order"};
    std::string text = comp(i).id + " " + comp(i).label.value_or("");
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    // "order" must be a word of its own ("orders", "order-db"), not part of "ordering" or
    // "border".
    for (const auto w : words) {
        for (auto at = text.find(w); at != std::string::npos; at = text.find(w, at + 1)) {
            if (w != "order")
                return true;
            const bool startOk = at == 0 || !std::isalpha(static_cast<unsigned char>(text[at - 1]));
            const auto end = at + w.size();
            const bool endOk
                = end == text.size() || !std::isalpha(static_cast<unsigned char>(text[end]))
                  || (text[end] == 's'
                      && (end + 1 == text.size()
                          || !std::isalpha(static_cast<unsigned char>(text[end + 1]))));
            if (startOk && endOk)
                return true;
        }
    }
    return false;
}

std::string ReviewGraph::name(std::size_t i) const
{
    return "'" + comp(i).id + "'";
}

} // namespace hld
