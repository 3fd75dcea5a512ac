#include "interchange/imported_graph.h"

#include "io/design_validate.h"
#include "model/component_kind.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>
#include <unordered_map>

namespace hld::interchange {

namespace {

bool alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool idChar(char c)
{
    return alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

// A valid component id from any text: invalid runs become '-', a letter comes first.
std::string sanitiseId(const std::string &text)
{
    std::string out;
    for (char c : text) {
        if (idChar(c))
            out.push_back(c);
        else if (!out.empty() && out.back() != '-')
            out.push_back('-');
    }
    while (!out.empty() && (out.back() == '-' || out.back() == '.'))
        out.pop_back();
    if (out.empty() || !alpha(out.front()))
        out = "n" + out;
    if (out.size() > 48)
        out.resize(48);
    return out;
}

std::string uniqueName(const std::string &base, std::set<std::string> &taken)
{
    std::string name = base;
    for (int n = 2; taken.count(name); ++n)
        name = base + std::string("-") + std::to_string(n);
    taken.insert(name);
    return name;
}

// "5 ms", "latency 0.5ms" -> 5, 0.5
std::optional<double> latencyFromLabel(const std::string &label)
{
    const auto at = label.find("ms");
    if (at == std::string::npos)
        return std::nullopt;
    std::size_t end = at;
    while (end > 0 && label[end - 1] == ' ')
        --end;
    std::size_t begin = end;
    while (
        begin > 0
        && (std::isdigit(static_cast<unsigned char>(label[begin - 1])) || label[begin - 1] == '.'))
        --begin;
    if (begin == end)
        return std::nullopt;
    const double v = std::strtod(label.substr(begin, end - begin).c_str(), nullptr);
    if (!(v >= 0 && v <= 1e6))
        return std::nullopt;
    return v;
}

std::string lower(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

} // namespace

std::string clampLabel(std::string s)
{
    if (s.size() <= kMaxLabelBytes)
        return s;
    std::size_t n = kMaxLabelBytes - 3;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n; // do not cut a UTF-8 sequence
    s.resize(n);
    return s + "...";
}

std::string stripHtml(const std::string &s)
{
    static const std::pair<const char *, const char *> kEntities[]
        = {{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '<') {
            const auto close = s.find('>', i);
            if (close == std::string::npos)
                break;          // a torn tag: drop the rest
            out.push_back(' '); // <br>, <div>: a word boundary
            i = close;
        } else if (c == '&') {
            const auto semi = s.find(';', i);
            if (semi == std::string::npos || semi - i > 10) {
                out.push_back(c);
                continue;
            }
            const std::string name = s.substr(i + 1, semi - i - 1);
            bool known = false;
            for (const auto &[n, v] : kEntities) {
                if (name == n) {
                    out += v;
                    known = true;
                }
            }
            if (!known && name.size() > 1 && name[0] == '#') {
                const long code = name[1] == 'x' || name[1] == 'X'
                                      ? std::strtol(name.c_str() + 2, nullptr, 16)
                                      : std::strtol(name.c_str() + 1, nullptr, 10);
                if (code >= 32 && code < 127)
                    out.push_back(static_cast<char>(code));
                else if (code >= 127)
                    out.push_back(' '); // beyond ASCII: a space is safer than a guess
                known = true;
            }
            if (!known)
                out.push_back(c);
            else
                i = semi;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out.push_back(' '); // control characters never reach a label
        } else {
            out.push_back(c);
        }
    }
    // Collapse runs of spaces, trim.
    std::string tidy;
    for (char c : out) {
        if (c == ' ' && (tidy.empty() || tidy.back() == ' '))
            continue;
        tidy.push_back(c);
    }
    while (!tidy.empty() && tidy.back() == ' ')
        tidy.pop_back();
    return tidy;
}

std::string kindColour(ComponentKind kind)
{
    switch (kind) {
    case ComponentKind::Client:
        return "#3a5a8c";
    case ComponentKind::Cdn:
        return "#2e8b57";
    case ComponentKind::LoadBalancer:
        return "#7b4fb8";
    case ComponentKind::ApiGateway:
        return "#c0621a";
    case ComponentKind::Service:
        return "#2f6db5";
    case ComponentKind::Cache:
        return "#c62828";
    case ComponentKind::Database:
        return "#1f7a8c";
    case ComponentKind::Queue:
        return "#b08a00";
    case ComponentKind::ObjectStorage:
        return "#8b5e34";
    }
    return "#808080";
}

std::string xmlEscape(const std::string &s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        case '\n':
            out += "&#10;";
            break;
        default:
            if (static_cast<unsigned char>(c) >= 0x20 || c == '\t')
                out.push_back(c);
        }
    }
    return out;
}

ImportResult toDesign(const ImportedGraph &g, const std::map<std::string, ComponentKind> &overrides)
{
    ImportResult r;
    r.notes = g.notes;
    Design &d = r.design;
    d.name = clampLabel(g.name);

    // Regions from groups that hold at least one node.
    std::set<std::string> usedGroups;
    for (const auto &n : g.nodes)
        usedGroups.insert(n.group);
    std::set<std::string> regionNames;
    std::unordered_map<std::string, std::string> regionOf; // group key -> region name
    for (const auto &grp : g.groups) {
        if (!usedGroups.count(grp.key) || regionOf.count(grp.key))
            continue;
        std::string name = grp.title.empty() ? grp.key : grp.title;
        if (name.size() > 60)
            name.resize(60);
        if (name.empty())
            name = "region";
        Region reg;
        reg.name = uniqueName(name, regionNames);
        if (grp.frame && grp.frame->width > 0 && grp.frame->height > 0) {
            reg.x = grp.frame->x;
            reg.y = grp.frame->y;
            reg.width = grp.frame->width;
            reg.height = grp.frame->height;
        }
        regionOf[grp.key] = reg.name;
        d.regions.push_back(reg);
    }

    // Components: ids from labels where they make valid ids, else from the source keys.
    std::set<std::string> ids;
    std::unordered_map<std::string, std::size_t> byKey;
    const bool allPlaced = std::all_of(
        g.nodes.begin(), g.nodes.end(), [](const auto &n) { return n.centre.has_value(); });
    for (const auto &n : g.nodes) {
        if (byKey.count(n.key))
            continue;
        Component c;
        const std::string label = clampLabel(n.label);
        std::string base;
        if (isValidId(n.idHint))
            base = n.idHint;
        else if (g.keysAreNames)
            base = isValidId(n.key) ? n.key : isValidId(label) ? label : sanitiseId(n.key);
        else if (!label.empty())
            base = isValidId(label) ? label : sanitiseId(label);
        KindGuess guess = guessKind(n.label.empty() ? n.key : n.label, n.shape, n.styleHint);
        if (auto o = overrides.find(n.key); o != overrides.end())
            guess = {o->second, true, "chosen by the user"};
        if (base.empty()) // an unlabelled icon: named after what it is
            base = std::string(traits(guess.kind).name);
        c.id = uniqueName(base, ids);
        if (!label.empty() && label != c.id)
            c.label = label;
        c.kind = guess.kind;
        if (c.kind == ComponentKind::Client) {
            c.traffic = Traffic{};
            c.traffic->rps = 100;
            c.traffic->readRatio = 0.9; // the guide's read-heavy default
        }
        if (auto reg = regionOf.find(n.group); reg != regionOf.end())
            c.region = reg->second;
        if (allPlaced && n.centre)
            c.position
                = Point{std::clamp(n.centre->x, -1e7, 1e7), std::clamp(n.centre->y, -1e7, 1e7)};
        byKey[n.key] = d.components.size();
        r.components.push_back({n.key, c.id, guess});
        d.components.push_back(std::move(c));
    }

    // Links, in file order, keeping only what the design rules allow.
    std::set<std::pair<std::size_t, std::size_t>> seen;
    int intoClient = 0, selfLoops = 0, duplicates = 0, dangling = 0;
    for (const auto &e : g.edges) {
        const auto a = byKey.find(e.from), b = byKey.find(e.to);
        if (a == byKey.end() || b == byKey.end()) {
            ++dangling;
            continue;
        }
        if (a->second == b->second) {
            ++selfLoops;
            continue;
        }
        if (d.components[b->second].kind == ComponentKind::Client) {
            ++intoClient;
            continue;
        }
        if (!seen.insert({a->second, b->second}).second) {
            ++duplicates;
            continue;
        }
        Link l;
        l.from = d.components[a->second].id;
        l.to = d.components[b->second].id;
        if (e.dotted)
            l.mode = LinkMode::Async;
        l.latencyMs = latencyFromLabel(e.label);
        const std::string lab = lower(e.label);
        const bool reads = lab.find("read") != std::string::npos;
        const bool writes = lab.find("write") != std::string::npos;
        if (reads != writes)
            l.requests = reads ? RequestFilter::Reads : RequestFilter::Writes;
        d.links.push_back(std::move(l));
    }
    auto note = [&](int n, const std::string &what) {
        if (n > 0)
            r.notes.push_back(std::to_string(n) + " " + what);
    };
    note(intoClient, "link(s) into a client left out: a client only sends requests");
    note(selfLoops, "link(s) from a component to itself left out");
    note(duplicates, "duplicate link(s) left out");
    note(dangling, "link(s) with a missing end left out");

    // A loop of links (sync or async) would carry a request round for ever, and the design
    // rules refuse it: the link that closes each loop is left out. One depth-first search,
    // iterative so that a long chain cannot overflow the stack.
    std::vector<std::vector<std::size_t>> out(d.components.size());
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < d.components.size(); ++i)
        index[d.components[i].id] = i;
    for (std::size_t i = 0; i < d.links.size(); ++i)
        out[index[d.links[i].from]].push_back(i);
    std::vector<int> state(d.components.size(), 0); // 0 new, 1 on the path, 2 done
    std::vector<bool> closesLoop(d.links.size(), false);
    int loops = 0;
    for (std::size_t root = 0; root < d.components.size(); ++root) {
        if (state[root])
            continue;
        std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};
        state[root] = 1;
        while (!stack.empty()) {
            auto &[v, next] = stack.back();
            if (next == out[v].size()) {
                state[v] = 2;
                stack.pop_back();
                continue;
            }
            const std::size_t li = out[v][next++];
            const std::size_t w = index[d.links[li].to];
            if (state[w] == 1) {
                closesLoop[li] = true;
                ++loops;
            } else if (state[w] == 0) {
                state[w] = 1;
                stack.push_back({w, 0});
            }
        }
    }
    std::size_t k = 0;
    std::erase_if(d.links, [&](const Link &) { return closesLoop[k++]; });
    note(loops, "link(s) left out: each closed a loop, which would carry requests round for ever");

    if (std::none_of(d.components.begin(), d.components.end(), [](const Component &c) {
            return c.kind == ComponentKind::Client;
        }))
        r.notes.push_back("no client: add one (or mark one) to send traffic through the design");
    return r;
}

} // namespace hld::interchange
