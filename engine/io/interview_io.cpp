#include "io/interview_io.h"

#include "analysis/estimator.h"
#include "io/display_text.h"
#include "io/json_fields.h"
#include "io/write_policies.h"

#include <cmath>

namespace hld {

namespace {

struct NoteField
{
    const char *key;
    std::string Interview::*member;
};
constexpr NoteField kNotes[] = {
    {"requirements", &Interview::requirements},
    {"estimates", &Interview::estimates},
    {"deep_dive", &Interview::deepDive},
    {"failures", &Interview::failures},
    {"trade_offs", &Interview::tradeOffs},
};

EstimateInput
readEstimate(const nlohmann::json &j, const std::string &path, std::vector<DesignError> &errs)
{
    ObjectFields f(j, path, errs);
    EstimateInput in;
    in.dau = f.number("dau", true).value_or(0);
    in.requestsPerUser = f.number("requests_per_user", true).value_or(0);
    in.readRatio = f.number("read_ratio").value_or(in.readRatio);
    in.peakFactor = f.number("peak_factor").value_or(in.peakFactor);
    in.payloadBytes = f.number("payload_bytes").value_or(in.payloadBytes);
    in.retentionDays = f.number("retention_days").value_or(in.retentionDays);
    in.cacheShare = f.number("cache_share").value_or(in.cacheShare);
    in.serverRps = f.number("server_rps").value_or(in.serverRps);
    f.rejectUnknown();
    return in;
}

} // namespace

const char *phaseKey(InterviewPhase p)
{
    static constexpr const char *keys[kInterviewPhases]
        = {"requirements", "estimation", "api", "high_level", "deep_dive", "scale_and_failures"};
    return keys[static_cast<int>(p)];
}

const char *phaseTitle(InterviewPhase p)
{
    static constexpr const char *titles[kInterviewPhases] = {"Requirements",
                                                             "Estimation",
                                                             "API",
                                                             "High-level design",
                                                             "Deep dive",
                                                             "Scale and failures"};
    return titles[static_cast<int>(p)];
}

Interview
readInterview(const nlohmann::json &j, const std::string &path, std::vector<DesignError> &errs)
{
    ObjectFields f(j, path, errs);
    Interview iv;
    iv.prompt = f.string("prompt").value_or("");
    if (const auto *pm = f.object("phase_minutes")) {
        ObjectFields pf(*pm, f.pathOf("phase_minutes"), errs);
        for (int i = 0; i < kInterviewPhases; ++i)
            iv.phaseMinutes[i]
                = pf.number(phaseKey(static_cast<InterviewPhase>(i))).value_or(iv.phaseMinutes[i]);
        pf.rejectUnknown();
    }
    iv.elapsedS = f.number("elapsed_s").value_or(0);
    iv.finished = f.boolean("finished").value_or(false);
    if (const auto *notes = f.object("notes")) {
        ObjectFields nf(*notes, f.pathOf("notes"), errs);
        for (const auto &n : kNotes)
            iv.*n.member = nf.string(n.key).value_or("");
        nf.rejectUnknown();
    }
    if (const auto *api = f.array("api")) {
        if (api->size() > kMaxApiEndpoints) {
            f.error("api",
                    "has " + std::to_string(api->size()) + " endpoints; at most "
                        + std::to_string(kMaxApiEndpoints) + " are allowed");
        } else {
            for (std::size_t i = 0; i < api->size(); ++i) {
                const std::string p = f.pathOf("api") + "/" + std::to_string(i);
                if (!(*api)[i].is_object()) {
                    errs.push_back(
                        {p, "an endpoint must be an object, not " + jsonTypeName((*api)[i])});
                    continue;
                }
                ObjectFields ef((*api)[i], p, errs);
                ApiEndpoint e;
                e.method = ef.string("method").value_or("");
                e.path = ef.string("path").value_or("");
                e.description = ef.string("description").value_or("");
                ef.rejectUnknown();
                iv.api.push_back(std::move(e));
            }
        }
    }
    if (const auto *e = f.object("estimate"))
        iv.estimate = readEstimate(*e, f.pathOf("estimate"), errs);
    f.rejectUnknown();
    return iv;
}

nlohmann::ordered_json interviewToJson(const Interview &iv)
{
    nlohmann::ordered_json j{{"prompt", iv.prompt}};
    nlohmann::ordered_json pm = nlohmann::ordered_json::object();
    for (int i = 0; i < kInterviewPhases; ++i)
        pm[phaseKey(static_cast<InterviewPhase>(i))] = iv.phaseMinutes[i];
    j["phase_minutes"] = std::move(pm);
    j["elapsed_s"] = iv.elapsedS;
    j["finished"] = iv.finished;
    nlohmann::ordered_json notes = nlohmann::ordered_json::object();
    for (const auto &n : kNotes)
        if (!(iv.*n.member).empty())
            notes[n.key] = iv.*n.member;
    j["notes"] = std::move(notes);
    nlohmann::ordered_json api = nlohmann::ordered_json::array();
    for (const auto &e : iv.api)
        api.push_back({{"method", e.method}, {"path", e.path}, {"description", e.description}});
    j["api"] = std::move(api);
    if (iv.estimate) {
        const auto &in = *iv.estimate;
        j["estimate"] = {{"dau", in.dau},
                         {"requests_per_user", in.requestsPerUser},
                         {"read_ratio", in.readRatio},
                         {"peak_factor", in.peakFactor},
                         {"payload_bytes", in.payloadBytes},
                         {"retention_days", in.retentionDays},
                         {"cache_share", in.cacheShare},
                         {"server_rps", in.serverRps}};
    }
    return j;
}

void validateInterview(const Interview &iv, std::vector<DesignError> &out)
{
    for (int i = 0; i < kInterviewPhases; ++i) {
        const double m = iv.phaseMinutes[i];
        if (!(m >= 0.5 && m <= 120))
            out.push_back({std::string("/interview/phase_minutes/")
                               + phaseKey(static_cast<InterviewPhase>(i)),
                           "is " + shortNumber(m) + "; a phase lasts 0.5 to 120 minutes"});
    }
    if (!(iv.elapsedS >= 0 && iv.elapsedS <= 86400))
        out.push_back({"/interview/elapsed_s", "must be between 0 and 86400 seconds"});
    for (const auto &n : kNotes)
        if ((iv.*n.member).size() > kMaxNoteBytes)
            out.push_back({std::string("/interview/notes/") + n.key,
                           "is " + std::to_string((iv.*n.member).size()) + " bytes long; at most "
                               + std::to_string(kMaxNoteBytes) + " are allowed"});
    for (std::size_t i = 0; i < iv.api.size(); ++i)
        if (iv.api[i].method.size() + iv.api[i].path.size() + iv.api[i].description.size() > 4000)
            out.push_back(
                {"/interview/api/" + std::to_string(i), "is longer than 4,000 characters"});
    if (iv.estimate) {
        std::string why;
        if (estimate(*iv.estimate, &why).values.empty())
            out.push_back({"/interview/estimate", why});
    }
}

} // namespace hld
