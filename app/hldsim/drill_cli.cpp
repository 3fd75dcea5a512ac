#include "drill_cli.h"

#include "cli_main.h"
#include "interview/drills.h"
#include "interview/score.h"
#include "io/design_reader.h"
#include "io/display_text.h"

#include <cmath>
#include <cstdlib>
#include <ostream>

namespace hld::cli {

namespace {

// The prompt's questions are quoted in the text: each line is made printable on its own.
void printLines(std::ostream &out, const std::string &text)
{
    std::size_t at = 0;
    while (at < text.size()) {
        const auto nl = text.find('\n', at);
        const auto end = nl == std::string::npos ? text.size() : nl;
        out << printable(std::string_view(text).substr(at, end - at), 4000) << "\n";
        at = end + 1;
    }
}

} // namespace

int runDrill(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    auto usageError = [&](const std::string &why) {
        err << "hldsim drill: " << why << "\n"
            << "usage: hldsim drill DESIGN --prompt PROMPT.prompt.json [--duration-s S] "
               "[--seed N] [--format text|json]\n";
        return kExitUsage;
    };
    std::string design, prompt;
    bool json = false;
    DrillOptions opt;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a.size() > 1 && a[0] == '-') {
            if (i + 1 >= args.size())
                return usageError(printable(a, 80) + " needs a value");
            const std::string &v = args[++i];
            char *end = nullptr;
            const double x = std::strtod(v.c_str(), &end);
            const bool number = !v.empty() && *end == '\0' && std::isfinite(x);
            if (a == "--prompt") {
                prompt = v;
            } else if (a == "--format") {
                if (v != "text" && v != "json")
                    return usageError("--format is " + printable(v, 80) + "; use text or json");
                json = v == "json";
            } else if (a == "--duration-s") {
                if (!number || x < 10 || x > 3600)
                    return usageError("--duration-s must be a number from 10 to 3600");
                opt.durationS = x;
                opt.warmupS = std::min(5.0, x / 4);
                opt.faultAtS = x * 0.375;
            } else if (a == "--seed") {
                if (!number || x < 0 || x != std::floor(x))
                    return usageError("--seed must be a whole number");
                opt.seed = static_cast<std::uint64_t>(x);
            } else {
                return usageError("unknown option " + printable(a, 80));
            }
        } else if (design.empty()) {
            design = a;
        } else {
            return usageError("give one design file");
        }
    }
    if (design.empty() || prompt.empty())
        return usageError("a design and --prompt are required");
    const auto p = loadPromptFile(prompt);
    if (!p.prompt) {
        err << "hldsim drill: " << printable(p.error, 2000) << "\n";
        return kExitInvalidDesign;
    }
    const LoadResult loaded = loadDesignFile(design);
    if (!loaded.ok()) {
        err << loaded.describe(design);
        return kExitInvalidDesign;
    }
    const SessionResult session = drillAndScore(*loaded.design, *p.prompt, opt);
    if (json)
        out << drillsAndScoreToJsonText(session.drills, session.score, p.prompt->id);
    else
        printLines(out, drillsToText(session.drills) + "\n" + scoreToText(session.score));
    return kExitOk;
}

} // namespace hld::cli
