#include "interchange_options.h"

#include <algorithm>
#include <charconv>
#include <thread>

namespace hld::cli {

namespace {

template<typename T>
bool parseNumber(const std::string &s, T &out)
{
    const char *end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, out);
    return ec == std::errc() && ptr == end;
}

std::string extension(const std::string &path)
{
    const auto slash = path.find_last_of('/');
    const auto dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
        return {};
    std::string e = path.substr(dot + 1);
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
    return e;
}

bool oneOf(const std::string &v, std::initializer_list<const char *> set)
{
    return std::any_of(set.begin(), set.end(), [&](const char *s) { return v == s; });
}

} // namespace

bool isInterchangeCommand(const std::string &cmd)
{
    return cmd == "export" || cmd == "import" || cmd == "report";
}

std::string interchangeUsage()
{
    return R"(usage:
  hldsim export DESIGN.hld.json --format png|svg|pdf|mermaid|dot|drawio --out FILE
                [--scale S] [--transparent] [--page fit|a4|letter] [--landscape]
                [--only ID,ID] [--simulate S] [--seed N]
  hldsim import FILE.drawio|FILE.xml|FILE.mmd --out DESIGN.hld.json
  hldsim report DESIGN.hld.json [--requests N | --duration-s S] [--warmup-s S] [--seed N]
                [--replications R] [--threads T] --out FILE.html|.md|.pdf

export options:
  --format F        png, svg, pdf, mermaid, dot or drawio (default: from --out's extension)
  --scale S         PNG pixels per canvas unit: 1, 2, 4 (0.1 to 8)
  --transparent     PNG and SVG without a background
  --page P          PDF page: fit (the design's size, default), a4 or letter
  --landscape       PDF on A4 or Letter in landscape
  --only ID,ID      draw these components only, with the links among them
  --simulate S      draw the run at simulated second S: utilisation fills, link throughput
report options:
  a report runs the design (default 60 simulated seconds, or the scenario's duration,
  and 3 replications for confidence intervals) and writes HTML (self-contained), Markdown
  (images in FILE_files/ beside it) or PDF

exit status: 0 success, 2 bad usage, 3 invalid, malformed or hostile input, 4 cannot write
)";
}

std::variant<InterchangeOptions, std::string> parseInterchange(const std::vector<std::string> &args)
{
    InterchangeOptions o;
    const std::string &cmd = args.at(0);
    o.command = cmd == "export"   ? InterchangeOptions::Command::Export
                : cmd == "import" ? InterchangeOptions::Command::Import
                                  : InterchangeOptions::Command::Report;
    using C = InterchangeOptions::Command;
    if (o.command == C::Report)
        o.run.replications = kReportDefaultReplications;
    bool threadsGiven = false;
    auto known = [&](const std::string &opt) {
        static const std::vector<std::string> exportOpts{"--format",
                                                         "--out",
                                                         "--scale",
                                                         "--transparent",
                                                         "--page",
                                                         "--landscape",
                                                         "--only",
                                                         "--simulate",
                                                         "--seed"};
        static const std::vector<std::string> reportOpts{"--out",
                                                         "--format",
                                                         "--requests",
                                                         "--duration-s",
                                                         "--warmup-s",
                                                         "--seed",
                                                         "--replications",
                                                         "--threads"};
        const auto &list = o.command == C::Export   ? exportOpts
                           : o.command == C::Report ? reportOpts
                                                    : std::vector<std::string>{"--out", "--format"};
        return std::find(list.begin(), list.end(), opt) != list.end();
    };
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a.rfind("--", 0) != 0) {
            if (!o.input.empty())
                return "unexpected argument '" + a + "' (one input file)";
            o.input = a;
            continue;
        }
        if (!known(a))
            return "'" + cmd + "' takes no option '" + a + "' (see hldsim --help)";
        if (a == "--transparent") {
            o.transparent = true;
            continue;
        }
        if (a == "--landscape") {
            o.landscape = true;
            continue;
        }
        if (i + 1 >= args.size())
            return "option " + a + " needs a value";
        const std::string &v = args[++i];
        auto bad = [&](const std::string &what) { return a + " " + v + ": " + what; };
        if (a == "--out") {
            o.out = v;
        } else if (a == "--format") {
            o.format = v;
        } else if (a == "--scale") {
            if (!parseNumber(v, o.scale) || !(o.scale >= 0.1 && o.scale <= 8))
                return bad("must be a number from 0.1 to 8 (1, 2 or 4 are usual)");
        } else if (a == "--page") {
            if (!oneOf(v, {"fit", "a4", "letter"}))
                return bad("must be fit, a4 or letter");
            o.page = v;
        } else if (a == "--only") {
            std::size_t p = 0;
            while (p <= v.size()) {
                const auto c = std::min(v.find(',', p), v.size());
                if (c > p)
                    o.only.push_back(v.substr(p, c - p));
                p = c + 1;
            }
        } else if (a == "--simulate") {
            double s = 0;
            if (!parseNumber(v, s) || !(s > 0 && s <= 1e6))
                return bad("must be a simulated second above 0");
            o.simulateS = s;
        } else if (a == "--seed") {
            if (!parseNumber(v, o.run.seed))
                return bad("must be a whole number from 0 to 18446744073709551615");
        } else if (a == "--requests") {
            std::int64_t n = 0;
            if (!parseNumber(v, n) || n < 1)
                return bad("must be a whole number of at least 1");
            o.run.sim.requestLimit = n;
            o.requestsGiven = true;
        } else if (a == "--duration-s") {
            double s = 0;
            if (!parseNumber(v, s) || !(s > 0) || s > 1e9)
                return bad("must be a number of seconds above 0");
            o.run.sim.durationS = s;
            o.durationGiven = true;
        } else if (a == "--warmup-s") {
            double s = 0;
            if (!parseNumber(v, s) || !(s >= 0) || s > 1e9)
                return bad("must be a number of seconds, 0 or more");
            o.run.sim.warmupS = s;
        } else if (a == "--replications") {
            if (!parseNumber(v, o.run.replications) || o.run.replications < 1
                || o.run.replications > 1000)
                return bad("must be a whole number from 1 to 1000");
        } else if (a == "--threads") {
            threadsGiven = true;
            if (!parseNumber(v, o.run.threads) || o.run.threads < 1 || o.run.threads > 64)
                return bad("must be a whole number from 1 to 64");
        }
    }
    if (o.input.empty())
        return cmd == "import" ? "missing the file to import" : "missing design file";
    if (o.out.empty())
        return "missing --out FILE";
    if (o.requestsGiven && o.durationGiven)
        return "give --requests or --duration-s, not both";
    if (o.command == C::Report && !threadsGiven) // results never depend on the thread count
        o.run.threads = std::clamp(int(std::thread::hardware_concurrency()), 1, o.run.replications);
    const std::string ext = extension(o.out);
    if (o.command == C::Export) {
        if (o.format.empty()) {
            o.format = ext == "mmd" || ext == "mermaid" ? "mermaid"
                       : ext == "gv"                    ? "dot"
                       : ext == "xml"                   ? "drawio"
                                                        : ext;
        }
        if (!oneOf(o.format, {"png", "svg", "pdf", "mermaid", "dot", "drawio"}))
            return "--format " + o.format + ": must be png, svg, pdf, mermaid, dot or drawio";
    } else if (o.command == C::Report) {
        if (o.format.empty())
            o.format = ext == "markdown" ? "md" : ext == "htm" ? "html" : ext;
        if (!oneOf(o.format, {"html", "md", "pdf"}))
            return "--out " + o.out + ": a report is .html, .md or .pdf";
    } else if (!o.format.empty() && !oneOf(o.format, {"drawio", "mermaid"})) {
        return "--format " + o.format + ": must be drawio or mermaid";
    }
    return o;
}

bool needsQt(const InterchangeOptions &o)
{
    return !(o.command == InterchangeOptions::Command::Export
             && (o.format == "mermaid" || o.format == "dot"));
}

} // namespace hld::cli
