#include "analysis/estimator.h"

#include "io/display_text.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace hld {

namespace {

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
        *error = std::string(name) + " is " + groupedNumber(v) + "; it must be between "
                 + groupedNumber(lo) + " and " + groupedNumber(hi);
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
    const std::string day = groupedNumber(perDay) + " requests a day";
    e.values = {
        {"avg_rps",
         avg,
         "/s",
         {groupedNumber(in.dau) + " daily users x " + groupedNumber(in.requestsPerUser)
              + " requests = " + day,
          day + " / 86,400 s = " + groupedNumber(avg) + " requests a second"}},
        {"peak_rps",
         peak,
         "/s",
         {groupedNumber(avg) + "/s x peak factor " + groupedNumber(in.peakFactor) + " = "
          + groupedNumber(peak) + "/s"}},
        {"reads_rps",
         reads,
         "/s",
         {groupedNumber(avg) + "/s x read ratio " + groupedNumber(in.readRatio) + " = "
          + groupedNumber(reads) + "/s" + " (at peak " + groupedNumber(reads * in.peakFactor)
          + "/s)"}},
        {"writes_rps",
         writes,
         "/s",
         {groupedNumber(avg) + "/s - " + groupedNumber(reads)
          + " reads/s = " + groupedNumber(writes) + "/s" + " (at peak "
          + groupedNumber(writes * in.peakFactor) + "/s)"}},
        {"storage_per_day_bytes",
         storageDay,
         "bytes",
         {groupedNumber(writesPerDay) + " writes a day x " + groupedNumber(in.payloadBytes)
          + " bytes = " + bytes(storageDay) + " a day"}},
        {"storage_total_bytes",
         storageTotal,
         "bytes",
         {bytes(storageDay) + " a day x " + groupedNumber(in.retentionDays)
          + " days = " + bytes(storageTotal)}},
        {"bandwidth_bytes_per_s",
         bandwidth,
         "bytes/s",
         {groupedNumber(avg) + " requests/s x " + groupedNumber(in.payloadBytes) + " bytes = "
          + bytes(bandwidth) + "/s (at peak " + bytes(bandwidth * in.peakFactor) + "/s)"}},
        {"cache_bytes",
         cache,
         "bytes",
         {groupedNumber(perDay * in.readRatio) + " reads a day x hot share "
          + groupedNumber(in.cacheShare) + " x " + groupedNumber(in.payloadBytes)
          + " bytes = " + bytes(cache) + " (the 80/20 rule)"}},
        {"servers",
         servers,
         "servers",
         {groupedNumber(peak) + " peak requests/s / " + groupedNumber(in.serverRps)
          + " per server = " + groupedNumber(servers)
          + " (round up; add one or two for failures)"}},
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
                      : groupedNumber(v.value) + (v.unit == "/s" ? "/s" : ""))
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
