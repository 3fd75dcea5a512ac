#include "review_cli.h"

#include "cli_main.h"
#include "io/design_reader.h"
#include "io/display_text.h"
#include "review/review.h"

#include <algorithm>
#include <ostream>

namespace hld::cli {

namespace {

// Reads `--format text|json`; everything else that is not an option is a positional.
bool parseFormat(const std::vector<std::string> &args,
                 bool &json,
                 std::vector<std::string> &positional,
                 std::string &why)
{
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--format") {
            if (i + 1 >= args.size()) {
                why = "--format needs a value (text or json)";
                return false;
            }
            const std::string &v = args[++i];
            if (v != "text" && v != "json") {
                why = "--format is " + printable(v, 80) + "; use text or json";
                return false;
            }
            json = v == "json";
        } else if (args[i].size() > 1 && args[i][0] == '-') {
            why = "unknown option " + printable(args[i], 80);
            return false;
        } else {
            positional.push_back(args[i]);
        }
    }
    return true;
}

} // namespace

int runReview(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    bool json = false;
    std::vector<std::string> pos;
    std::string why;
    if (!parseFormat(args, json, pos, why) || pos.size() != 1) {
        err << "hldsim review: " << (why.empty() ? "give one design file" : why) << "\n"
            << "usage: hldsim review DESIGN [--format text|json]\n";
        return kExitUsage;
    }
    const LoadResult loaded = loadDesignFile(pos[0]);
    if (!loaded.ok()) {
        err << loaded.describe(pos[0]);
        return kExitInvalidDesign;
    }
    const auto findings = reviewDesignRules(*loaded.design);
    if (json) {
        out << reviewToJsonText(findings);
    } else {
        // Messages quote ids (checked to be printable) and labels: keep them printable.
        auto printed = findings;
        for (auto &f : printed)
            f.message = printable(f.message, 2000);
        out << reviewToText(printed);
    }
    const bool errors = std::any_of(findings.begin(), findings.end(), [](const Finding &f) {
        return f.severity == Severity::Error;
    });
    return errors ? kExitFailed : kExitOk;
}

int runRules(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    bool json = false;
    std::vector<std::string> pos;
    std::string why;
    if (!parseFormat(args, json, pos, why) || !pos.empty()) {
        err << "hldsim rules: " << (why.empty() ? "takes no design" : why) << "\n"
            << "usage: hldsim rules [--format text|json]\n";
        return kExitUsage;
    }
    out << (json ? rulesToJsonText() : rulesToText());
    return kExitOk;
}

} // namespace hld::cli
