#include "interview/prompt.h"

#include "io/design_error.h"
#include "io/display_text.h"
#include "io/json_fields.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <sstream>

namespace hld {

namespace {

constexpr std::array<std::string_view, 9> kDrillNames{"target_load",
                                                      "load_10x",
                                                      "kill_database_leader",
                                                      "lose_region",
                                                      "hot_key",
                                                      "kill_cache",
                                                      "slow_dependency",
                                                      "traffic_spike",
                                                      "kill_service_replica"};

std::vector<std::string>
stringList(ObjectFields &f, const char *key, std::vector<DesignError> &errs, bool required)
{
    std::vector<std::string> out;
    const auto *a = f.array(key, required);
    if (!a)
        return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
        if ((*a)[i].is_string())
            out.push_back((*a)[i].get<std::string>());
        else
            errs.push_back({f.pathOf(key) + "/" + std::to_string(i), "must be a string"});
    }
    return out;
}

void inRange(std::vector<DesignError> &errs, const char *path, double v, double lo, double hi)
{
    if (!(v >= lo && v <= hi))
        errs.push_back({path,
                        "is " + shortNumber(v) + "; must be between " + shortNumber(lo) + " and "
                            + shortNumber(hi)});
}

} // namespace

std::string_view drillName(DrillKind k)
{
    return kDrillNames[static_cast<std::size_t>(k)];
}

std::optional<DrillKind> drillFromName(std::string_view name)
{
    for (std::size_t i = 0; i < kDrillNames.size(); ++i)
        if (kDrillNames[i] == name)
            return static_cast<DrillKind>(i);
    return std::nullopt;
}

std::string drillNames()
{
    std::string s;
    for (std::size_t i = 1; i < kDrillNames.size(); ++i)
        s += (i > 1 ? ", " : "") + std::string(kDrillNames[i]);
    return s;
}

EstimateInput Prompt::estimateInput() const
{
    EstimateInput in;
    in.dau = scale.dau;
    in.requestsPerUser = scale.requestsPerUser;
    in.readRatio = scale.readRatio;
    in.peakFactor = scale.peakFactor;
    in.payloadBytes = scale.payloadBytes;
    in.retentionDays = scale.retentionDays;
    return in;
}

double Prompt::averageRps() const
{
    return scale.dau * scale.requestsPerUser / 86400.0;
}

double Prompt::targetRps() const
{
    return averageRps() * scale.peakFactor;
}

PromptLoad parsePrompt(std::string_view text)
{
    PromptLoad r;
    nlohmann::json root;
    try {
        root = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error &e) {
        r.error = std::string("not JSON: ") + e.what();
        return r;
    }
    if (!root.is_object()) {
        r.error = "a prompt must be a JSON object";
        return r;
    }
    std::vector<DesignError> errs;
    ObjectFields f(root, "", errs);
    if (auto fmt = f.string("format", true); fmt && *fmt != "hld-prompt")
        f.error("format", "is \"" + *fmt + "\"; a prompt has \"hld-prompt\"");
    Prompt p;
    p.id = f.string("id", true).value_or("");
    p.title = f.string("title", true).value_or("");
    p.statement = f.string("statement", true).value_or("");
    p.functional = stringList(f, "functional", errs, true);
    p.nonFunctional = stringList(f, "non_functional", errs, false);
    p.strongAnswer = stringList(f, "strong_answer", errs, true);
    p.reference = f.string("reference", true).value_or("");
    if (const auto *s = f.object("scale", true)) {
        ObjectFields sf(*s, "/scale", errs);
        p.scale.dau = sf.number("dau", true).value_or(0);
        p.scale.requestsPerUser = sf.number("requests_per_user", true).value_or(0);
        p.scale.readRatio = sf.number("read_ratio", true).value_or(0.9);
        p.scale.payloadBytes = sf.number("payload_bytes", true).value_or(1000);
        p.scale.retentionDays = sf.number("retention_days", true).value_or(365);
        p.scale.peakFactor = sf.number("peak_factor", true).value_or(3);
        p.scale.p99Ms = sf.number("p99_ms", true).value_or(200);
        p.scale.availability = sf.number("availability", true).value_or(0.999);
        sf.rejectUnknown();
        inRange(errs, "/scale/dau", p.scale.dau, 1, 1e11);
        inRange(errs, "/scale/requests_per_user", p.scale.requestsPerUser, 1e-6, 1e6);
        inRange(errs, "/scale/read_ratio", p.scale.readRatio, 0, 1);
        inRange(errs, "/scale/peak_factor", p.scale.peakFactor, 1, 1000);
        inRange(errs, "/scale/p99_ms", p.scale.p99Ms, 0.001, 1e6);
        inRange(errs, "/scale/availability", p.scale.availability, 0, 1);
    }
    if (const auto *fu = f.array("follow_ups", true)) {
        for (std::size_t i = 0; i < fu->size(); ++i) {
            const std::string path = "/follow_ups/" + std::to_string(i);
            if (!(*fu)[i].is_object()) {
                errs.push_back({path, "a follow-up must be an object"});
                continue;
            }
            ObjectFields qf((*fu)[i], path, errs);
            FollowUp q;
            q.question = qf.string("question", true).value_or("");
            if (auto d = qf.string("drill")) {
                q.drill = drillFromName(*d);
                if (!q.drill || *q.drill == DrillKind::TargetLoad)
                    qf.error("drill",
                             "unknown drill \"" + *d + "\"; expected one of " + drillNames());
            }
            q.target = stringList(qf, "target", errs, false);
            constexpr DrillKind kTargeted[] = {DrillKind::KillDatabaseLeader,
                                               DrillKind::KillCache,
                                               DrillKind::SlowDependency,
                                               DrillKind::KillServiceReplica};
            if (!q.target.empty()
                && (!q.drill
                    || std::find(std::begin(kTargeted), std::end(kTargeted), *q.drill)
                           == std::end(kTargeted)))
                qf.error("target",
                         "names what a drill acts on: only with kill_database_leader, "
                         "kill_cache, slow_dependency or kill_service_replica");
            qf.rejectUnknown();
            p.followUps.push_back(std::move(q));
        }
    }
    f.rejectUnknown();
    if (!errs.empty()) {
        r.error = errs.front().path.empty() ? errs.front().message
                                            : errs.front().path + ": " + errs.front().message;
        return r;
    }
    r.prompt = std::move(p);
    return r;
}

PromptLoad loadPromptFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        PromptLoad r;
        r.error = "cannot open " + path;
        return r;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (ss.str().size() > (1u << 20)) {
        PromptLoad r;
        r.error = path + " is larger than 1 MiB; a prompt is a short text";
        return r;
    }
    auto r = parsePrompt(ss.str());
    if (!r.error.empty())
        r.error = path + ": " + r.error;
    return r;
}

std::string promptToMarkdown(const Prompt &p, bool withAnswer)
{
    std::ostringstream o;
    o << "# " << p.title << "\n\n" << p.statement << "\n\n## Functional requirements\n\n";
    for (const auto &s : p.functional)
        o << "- " << s << "\n";
    if (!p.nonFunctional.empty()) {
        o << "\n## Non-functional requirements\n\n";
        for (const auto &s : p.nonFunctional)
            o << "- " << s << "\n";
    }
    char buf[200];
    std::snprintf(buf,
                  sizeof buf,
                  "- %.0f%% reads, %.0f bytes per request, kept %.0f days\n"
                  "- peak %.1f x average; P99 under %.0f ms; %.2f%% available\n",
                  p.scale.readRatio * 100,
                  p.scale.payloadBytes,
                  p.scale.retentionDays,
                  p.scale.peakFactor,
                  p.scale.p99Ms,
                  p.scale.availability * 100);
    o << "\n## Scale\n\n- " << groupedNumber(p.scale.dau) << " daily active users, "
      << groupedNumber(p.scale.requestsPerUser) << " requests each a day\n";
    o << buf << "\n## Follow-up questions\n\n";
    for (const auto &q : p.followUps)
        o << "- " << q.question << "\n";
    if (withAnswer) {
        o << "\n## What a strong answer contains\n\n";
        for (const auto &s : p.strongAnswer)
            o << "- " << s << "\n";
    }
    return o.str();
}

} // namespace hld
