#include "analysis/estimator.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace hld {

namespace {

// 1234567.8 -> "1,234,568"; small numbers keep one decimal.
std::string grouped(double v)
{
    char buf[64];
    if (std::fabs(v) < 100 && v != std::floor(v)) {
        std::snprintf(buf, sizeof buf, "%.3g", v);
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%.0f", v);
    std::string s = buf, out;
    const std::size_t start = s[0] == '-' ? 1 : 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i > start && (s.size() - i) % 3 == 0)
            out += ',';
        out += s[i];
    }
    return out;
}

// 6e9 -> "6.0 GB" (decimal units, as the guide counts).
std::string bytes(double v)
{
    const char *units[] = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
    int u = 0;
    while (v >= 1000 && u < 6) {
        v /= 1000;
        ++u;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, u ? "%.1f %s" : "%.0f %s", v, units[u]);
    return buf;
}

bool check(double v, double lo, double hi, const char *name, std::string *error)
{
    if (v >= lo && v <= hi)
        return true;
    if (error)
        *error = std::string(name) + " is " + grouped(v) + "; it must be between " + grouped(lo)
                 + " and " + grouped(hi);
    return false;
}

} // namespace

const EstimateValue *Estimate::find(const std::string &name) const
{
    for (const auto &v : values) {
        if (v.name == name)
            return &v;
    }
    return nullptr;
}

Estimate estimate(const EstimateInput &in, std::string *error)
{
    if (!check(in.dau, 1, 1e11, "--dau", error)
        || !check(in.requestsPerUser, 1e-6, 1e6, "--requests-per-user", error)
        || !check(in.readRatio, 0, 1, "--read-ratio", error)
        || !check(in.peakFactor, 1, 1000, "--peak-factor", error)
        || !check(in.payloadBytes, 0, 1e12, "--payload-bytes", error)
        || !check(in.retentionDays, 0, 36500, "--retention-days", error)
        || !check(in.cacheShare, 0, 1, "--cache-share", error)
        || !check(in.serverRps, 1, 1e9, "--server-rps", error))
        return {};
    Estimate e;
    const double perDay = in.dau * in.requestsPerUser;
    const double avg = perDay / 86400.0;
    const double peak = avg * in.peakFactor;
    const double reads = avg * in.readRatio, writes = avg - reads;
    const double writesPerDay = perDay * (1 - in.readRatio);
    const double storageDay = std::round(writesPerDay * in.payloadBytes);
    const double storageTotal = std::round(storageDay * in.retentionDays);
    const double bandwidth = avg * in.payloadBytes;
    const double cache = std::round(perDay * in.readRatio * in.cacheShare * in.payloadBytes);
    const double servers = std::ceil(peak / in.serverRps);
    const std::string day = grouped(perDay) + " requests a day";
    e.values = {
        {"avg_rps",
         avg,
         "/s",
         {grouped(in.dau) + " daily users x " + grouped(in.requestsPerUser) + " requests = " + day,
          day + " / 86,400 s = " + grouped(avg) + " requests a second"}},
        {"peak_rps",
         peak,
         "/s",
         {grouped(avg) + "/s x peak factor " + grouped(in.peakFactor) + " = " + grouped(peak)
          + "/s"}},
        {"reads_rps",
         reads,
         "/s",
         {grouped(avg) + "/s x read ratio " + grouped(in.readRatio) + " = " + grouped(reads) + "/s"
          + " (at peak " + grouped(reads * in.peakFactor) + "/s)"}},
        {"writes_rps",
         writes,
         "/s",
         {grouped(avg) + "/s - " + grouped(reads) + " reads/s = " + grouped(writes) + "/s"
          + " (at peak " + grouped(writes * in.peakFactor) + "/s)"}},
        {"storage_per_day_bytes",
         storageDay,
         "bytes",
         {grouped(writesPerDay) + " writes a day x " + grouped(in.payloadBytes)
          + " bytes = " + bytes(storageDay) + " a day"}},
        {"storage_total_bytes",
         storageTotal,
         "bytes",
         {bytes(storageDay) + " a day x " + grouped(in.retentionDays)
          + " days = " + bytes(storageTotal)}},
        {"bandwidth_bytes_per_s",
         bandwidth,
         "bytes/s",
         {grouped(avg) + " requests/s x " + grouped(in.payloadBytes) + " bytes = "
          + bytes(bandwidth) + "/s (at peak " + bytes(bandwidth * in.peakFactor) + "/s)"}},
        {"cache_bytes",
         cache,
         "bytes",
         {grouped(perDay * in.readRatio) + " reads a day x hot share " + grouped(in.cacheShare)
          + " x " + grouped(in.payloadBytes) + " bytes = " + bytes(cache) + " (the 80/20 rule)"}},
        {"servers",
         servers,
         "servers",
         {grouped(peak) + " peak requests/s / " + grouped(in.serverRps)
          + " per server = " + grouped(servers) + " (round up; add one or two for failures)"}},
    };
    return e;
}

std::string estimateToText(const Estimate &e)
{
    std::string out;
    for (const auto &v : e.values) {
        out += v.name + ": "
               + (v.unit == "bytes" || v.unit == "bytes/s"
                      ? bytes(v.value) + (v.unit == "bytes/s" ? "/s" : "")
                      : grouped(v.value) + (v.unit == "/s" ? "/s" : ""))
               + "\n";
        for (const auto &s : v.steps)
            out += "  " + s + "\n";
    }
    return out;
}

std::string estimateToJsonText(const Estimate &e, const EstimateInput &in)
{
    nlohmann::ordered_json j{{"format", "hld-estimate"},
                             {"version", 1},
                             {"input",
                              {{"dau", in.dau},
                               {"requests_per_user", in.requestsPerUser},
                               {"read_ratio", in.readRatio},
                               {"peak_factor", in.peakFactor},
                               {"payload_bytes", in.payloadBytes},
                               {"retention_days", in.retentionDays},
                               {"cache_share", in.cacheShare},
                               {"server_rps", in.serverRps}}}};
    nlohmann::ordered_json steps = nlohmann::ordered_json::object();
    for (const auto &v : e.values) {
        j[v.name] = v.value;
        steps[v.name] = v.steps;
    }
    j["steps"] = std::move(steps);
    return j.dump(2) + "\n";
}

} // namespace hld
