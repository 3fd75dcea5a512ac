#include "review/review.h"

#include "review/review_graph.h"
#include "review/rule_catalog.h"
#include "sim/network.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace hld {

namespace {

void measuredHot(const Design &d, const std::vector<double> &util, std::vector<Finding> &out)
{
    std::erase_if(out, [](const Finding &f) { return f.code == "hot"; });
    for (std::size_t i = 0; i < util.size() && i < d.components.size(); ++i) {
        if (util[i] <= 0.8 || d.components[i].kind == ComponentKind::Client)
            continue;
        const bool already = std::any_of(out.begin(), out.end(), [&](const Finding &f) {
            return f.component == d.components[i].id
                   && (f.code == "unstable" || f.code == "overloaded");
        });
        if (already)
            continue;
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.0f%%", util[i] * 100);
        out.emplace_back(Severity::Warning,
                         d.components[i].id,
                         "hot",
                         "'" + d.components[i].id + "' ran at " + buf
                             + " utilisation in the last run; queueing delay grows steeply "
                               "above 80%");
    }
}

} // namespace

std::vector<Finding> reviewDesignRules(const Design &design, const ReviewOptions &options)
{
    const Network net = compileNetwork(design);
    std::vector<Finding> out = reviewNetwork(net, analyseFlows(net));
    if (!options.measuredUtilisation.empty())
        measuredHot(design, options.measuredUtilisation, out);
    const ReviewGraph g(design);
    checkTopologyRules(g, out);
    checkResilienceRules(g, out);
    checkDataRules(g, out);
    for (auto &f : out)
        if (f.fix.empty())
            if (const auto *r = findRule(f.code))
                f.fix = std::string(r->fix);
    std::stable_sort(out.begin(), out.end(), [](const Finding &a, const Finding &b) {
        return static_cast<int>(a.severity) > static_cast<int>(b.severity);
    });
    return out;
}

std::string reviewToText(const std::vector<Finding> &findings)
{
    std::string s;
    int counts[3] = {0, 0, 0};
    for (const auto &f : findings) {
        ++counts[static_cast<int>(f.severity)];
        s += std::string(severityName(f.severity)) + " [" + f.code + "] " + f.message + "\n";
        if (!f.fix.empty())
            s += "    fix: " + f.fix + "\n";
    }
    s += std::to_string(counts[2]) + " errors, " + std::to_string(counts[1]) + " warnings, "
         + std::to_string(counts[0]) + " notes\n";
    return s;
}

std::string reviewToJsonText(const std::vector<Finding> &findings)
{
    nlohmann::ordered_json j{{"format", "hld-review"}};
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto &f : findings)
        list.push_back({{"rule", f.code},
                        {"severity", severityName(f.severity)},
                        {"components", f.components},
                        {"message", f.message},
                        {"fix", f.fix}});
    j["findings"] = std::move(list);
    return j.dump(2) + "\n";
}

std::string rulesToText()
{
    std::string s;
    for (const auto &r : ruleCatalog())
        s += std::string(r.id) + " (" + std::string(severityName(r.severity))
             + "): " + std::string(r.title) + "\n    why: " + std::string(r.why)
             + "\n    fix: " + std::string(r.fix) + "\n";
    return s;
}

std::string rulesToJsonText()
{
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto &r : ruleCatalog())
        list.push_back({{"id", r.id},
                        {"severity", severityName(r.severity)},
                        {"title", r.title},
                        {"why", r.why},
                        {"fix", r.fix}});
    nlohmann::ordered_json j{{"format", "hld-rules"}, {"rules", std::move(list)}};
    return j.dump(2) + "\n";
}

} // namespace hld
