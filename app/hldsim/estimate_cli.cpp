#include "estimate_cli.h"

#include "analysis/estimator.h"
#include "cli_main.h"
#include "io/display_text.h"

#include <cmath>
#include <cstdlib>
#include <map>
#include <ostream>

namespace hld::cli {

int runEstimate(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    EstimateInput in;
    const std::map<std::string, double *> numbers{{"--dau", &in.dau},
                                                  {"--requests-per-user", &in.requestsPerUser},
                                                  {"--read-ratio", &in.readRatio},
                                                  {"--peak-factor", &in.peakFactor},
                                                  {"--payload-bytes", &in.payloadBytes},
                                                  {"--retention-days", &in.retentionDays},
                                                  {"--cache-share", &in.cacheShare},
                                                  {"--server-rps", &in.serverRps}};
    bool json = false, dau = false, perUser = false;
    auto usageError = [&](const std::string &why) {
        err << "hldsim estimate: " << why << "\n"
            << "usage: hldsim estimate --dau N --requests-per-user R [--read-ratio x] "
               "[--peak-factor p] [--payload-bytes b] [--retention-days d] [--cache-share s] "
               "[--server-rps r] [--format text|json]\n";
        return kExitUsage;
    };
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (i + 1 >= args.size())
            return usageError(printable(a, 80) + " needs a value");
        const std::string &v = args[++i];
        if (a == "--format") {
            if (v != "text" && v != "json")
                return usageError("--format is " + printable(v, 80) + "; use text or json");
            json = v == "json";
            continue;
        }
        const auto it = numbers.find(a);
        if (it == numbers.end())
            return usageError("unknown option " + printable(a, 80));
        char *end = nullptr;
        const double x = std::strtod(v.c_str(), &end);
        if (v.empty() || *end != '\0' || !std::isfinite(x))
            return usageError(a + " needs a number, not " + printable(v, 80));
        *it->second = x;
        dau = dau || a == "--dau";
        perUser = perUser || a == "--requests-per-user";
    }
    if (!dau || !perUser)
        return usageError("--dau and --requests-per-user are required");
    std::string why;
    const Estimate e = estimate(in, &why);
    if (e.values.empty())
        return usageError(why);
    out << (json ? estimateToJsonText(e, in) : estimateToText(e));
    return kExitOk;
}

} // namespace hld::cli
