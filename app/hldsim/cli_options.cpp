#include "cli_options.h"

#include "io/display_text.h"

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

} // namespace

std::string usage()
{
    return R"(hldsim: run an HLD Studio design through the discrete-event simulator

usage:
  hldsim run DESIGN.hld.json [--requests N | --duration-s S] [--warmup-s S] [--seed N]
                             [--replications R] [--threads T] [--format text|json|csv]
                             [--out FILE] [--max-in-flight N] [--timeseries]
  hldsim validate DESIGN.hld.json
  hldsim export DESIGN.hld.json --format png|svg|pdf|mermaid|dot|drawio --out FILE [--scale S]
  hldsim import FILE.drawio|FILE.mmd --out DESIGN.hld.json
  hldsim report DESIGN.hld.json [--requests N | --duration-s S] [--seed N] --out FILE.html|.md|.pdf
  hldsim estimate --dau N --requests-per-user R [--read-ratio x] [--peak-factor p]
                  [--payload-bytes b] [--retention-days d] [--cache-share s] [--server-rps r]
                  [--format text|json]   back-of-the-envelope arithmetic, each step shown
  hldsim review DESIGN.hld.json [--format text|json]   the design review (exit 1 on errors)
  hldsim rules [--format text|json]                    every rule of the review
  hldsim drill DESIGN.hld.json --prompt P.prompt.json [--duration-s S] [--seed N]
               [--format text|json]   interview drills (target load, 10x, faults) and score
  hldsim --help | --version  (hldsim export --help: the export, import and report options)

run options:
  --requests N        clients create N requests in total, then the run drains
  --duration-s S      clients create requests until simulated second S, then the run drains
                      (default: the scenario's duration_s, else 60 s)
  --warmup-s S        leave requests created before second S out of every statistic
  --seed N            run seed (default 1); same design + options + seed = same numbers
  --replications R    R independent runs, pooled, with 95% confidence half-widths
  --threads T         run replications in parallel (results never depend on T;
                      0 = one per core; more than the cores is clamped to the cores)
  --format F          text (default), json (the hld-results document), or csv
  --out FILE          write the results to FILE instead of standard output (atomically:
                      a temporary file, then a rename; never the design file itself)
  --timeseries        add per-second series (latency percentiles, throughput, errors,
                      cost, and per component replicas, utilisation, queue) to the JSON
  --max-in-flight N   requests alive at once before an overloaded run stops its
                      arrivals and reports "unstable" (default 1048576)

exit status: 0 success, 1 review found errors, 2 bad usage (including an --out FILE that cannot be written,
             found before the run), 3 invalid design, 4 the results could not be written
             after the run (disk full); FILE is then left as it was

examples:
  hldsim validate examples/url-shortener.hld.json
  hldsim run examples/url-shortener.hld.json --duration-s 300 --warmup-s 30
  hldsim run mm1.hld.json --requests 1000000 --replications 10 --threads 2 --format json
  hldsim run shop.hld.json --format csv --out shop.csv
)";
}

ParseResult parseArguments(const std::vector<std::string> &args)
{
    ParseResult pr;
    Options o;
    auto fail = [&](std::string msg) {
        pr.error = std::move(msg);
        return pr;
    };
    if (args.empty())
        return fail("missing command (run or validate)");
    std::size_t i = 0;
    const std::string &cmd = args[i++];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        o.command = Command::Help;
        pr.options = o;
        return pr;
    }
    if (cmd == "--version") {
        o.command = Command::Version;
        pr.options = o;
        return pr;
    }
    if (cmd == "run")
        o.command = Command::Run;
    else if (cmd == "validate")
        o.command = Command::Validate;
    else
        return fail("unknown command '" + printable(cmd, 80) + "' (expected run or validate)");

    for (; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a == "--help" || a == "-h") {
            o.command = Command::Help;
            pr.options = o;
            return pr;
        }
        if (a.rfind("--", 0) != 0) {
            if (!o.design.empty())
                return fail("unexpected argument '" + printable(a, 80)
                            + "' (one design file per run)");
            o.design = a;
            continue;
        }
        if (o.command == Command::Validate)
            return fail("'validate' takes no option '" + printable(a, 80) + "'");
        if (i + 1 >= args.size() && a != "--timeseries")
            return fail("option " + printable(a, 80) + " needs a value");
        const std::string &v = a == "--timeseries" ? a : args[++i];
        auto bad = [&](const std::string &what) {
            return fail(a + " " + printable(v, 80) + ": " + what);
        };
        if (a != "--timeseries" && v.rfind("--", 0) == 0)
            return fail("option " + a + " needs a value, but the next argument is the option "
                        + printable(v, 80));
        if (a == "--requests") {
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
        } else if (a == "--seed") {
            std::uint64_t s = 0;
            if (!parseNumber(v, s))
                return bad("must be a whole number from 0 to 18446744073709551615");
            o.run.seed = s;
        } else if (a == "--replications") {
            int r = 0;
            if (!parseNumber(v, r) || r < 1 || r > 10000)
                return bad("must be a whole number from 1 to 10000");
            o.run.replications = r;
        } else if (a == "--threads") {
            int t = 0;
            if (!parseNumber(v, t) || t < 0 || t > 1024)
                return bad("must be a whole number from 0 to 1024");
            // More threads than cores only costs memory (runDesign clamps too).
            const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
            o.run.threads = t == 0 ? cores : std::min(t, cores);
        } else if (a == "--format") {
            if (v == "text")
                o.format = Format::Text;
            else if (v == "json")
                o.format = Format::Json;
            else if (v == "csv")
                o.format = Format::Csv;
            else
                return bad("must be text, json or csv");
        } else if (a == "--out") {
            o.out = v;
        } else if (a == "--timeseries") {
            o.run.sim.recordSeries = true; // a flag: it takes no value
        } else if (a == "--max-in-flight") {
            std::uint32_t n = 0;
            if (!parseNumber(v, n) || n < 16)
                return bad("must be a whole number of at least 16");
            o.run.sim.maxInFlight = n;
        } else {
            return fail("unknown option '" + printable(a, 80) + "' (see hldsim --help)");
        }
    }
    if (o.design.empty())
        return fail("missing design file");
    if (o.requestsGiven && o.durationGiven)
        return fail("give --requests or --duration-s, not both");
    o.durationFromScenario = o.command == Command::Run && !o.requestsGiven && !o.durationGiven;
    if (o.durationFromScenario)
        o.run.sim.durationS = kDefaultDurationS; // unless the design's scenario sets one
    pr.options = o;
    return pr;
}

} // namespace hld::cli
