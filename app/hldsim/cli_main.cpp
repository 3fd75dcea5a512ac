#include "cli_main.h"

#include "drill_cli.h"
#include "estimate_cli.h"
#include "review_cli.h"

#include "analysis/flow.h"
#include "cli_options.h"
#include "interchange_cli.h"
#include "interchange_options.h"
#include "io/design_reader.h"
#include "io/display_text.h"
#include "output_file.h"
#include "report/results_format.h"
#include "sim/observer.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>

namespace hld::cli {

namespace {

// A one-line progress report on a terminal, at most five times a second.
class ProgressLine : public SimObserver
{
public:
    ProgressLine(const RunOptions &opt, std::ostream &err)
        : m_err(err)
        , m_limit(opt.sim.requestLimit)
        , m_duration(opt.sim.durationS)
        , m_replications(opt.replications)
        , m_start(std::chrono::steady_clock::now())
    {}

    void onProgress(int replication, double simTimeS, std::uint64_t created) override
    {
        const auto now = std::chrono::steady_clock::now();
        const auto ms
            = std::chrono::duration_cast<std::chrono::milliseconds>(now - m_start).count();
        long long last = m_lastMs.load();
        if (ms - last < 200 || !m_lastMs.compare_exchange_strong(last, ms))
            return;
        double fraction = m_limit > 0 ? double(created) / double(m_limit)
                                      : (m_duration > 0 ? simTimeS / m_duration : 0.0);
        char buf[160];
        std::snprintf(buf,
                      sizeof buf,
                      "\rreplication %d/%d: %5.1f%%  t = %.1f s  %.1f s elapsed ",
                      replication + 1,
                      m_replications,
                      100.0 * std::min(1.0, fraction),
                      simTimeS,
                      ms / 1000.0);
        std::lock_guard lock(m_mutex);
        m_err << buf << std::flush;
        m_printed = true;
    }

    void clear()
    {
        if (m_printed)
            m_err << "\r" << std::string(72, ' ') << "\r" << std::flush;
    }

private:
    std::ostream &m_err;
    std::int64_t m_limit;
    double m_duration;
    int m_replications;
    std::chrono::steady_clock::time_point m_start;
    std::atomic<long long> m_lastMs{-1000};
    std::mutex m_mutex;
    bool m_printed = false;
};

std::string baseName(const std::string &path)
{
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

} // namespace

int runCli(const std::vector<std::string> &args,
           std::ostream &out,
           std::ostream &err,
           bool progressToTerminal)
{
    if (!args.empty() && isInterchangeCommand(args[0])) // export, import, report
        return runInterchange(args, out, err);
    if (!args.empty() && args[0] == "estimate")
        return runEstimate(args, out, err);
    if (!args.empty() && args[0] == "review")
        return runReview(args, out, err);
    if (!args.empty() && args[0] == "rules")
        return runRules(args, out, err);
    if (!args.empty() && args[0] == "drill")
        return runDrill(args, out, err);
    const ParseResult pr = parseArguments(args);
    if (!pr.options) {
        err << "hldsim: " << pr.error << "\n"
            << "try 'hldsim --help'\n";
        return kExitUsage;
    }
    const Options &o = *pr.options;
    if (o.command == Command::Help) {
        out << usage();
        return kExitOk;
    }
    if (o.command == Command::Version) {
        out << "hldsim 0.1.0 (design format 1)\n";
        return kExitOk;
    }

    const LoadResult loaded = loadDesignFile(o.design);
    if (!loaded.ok()) {
        err << loaded.describe(o.design);
        return kExitInvalidDesign;
    }
    const Design &design = *loaded.design;
    if (o.command == Command::Validate) {
        out << printable(o.design, 300) << ": valid (" << design.components.size()
            << " components, " << design.links.size() << " links)\n";
        // A valid design can still be a poor one: say what the review sees.
        const Network net = compileNetwork(design);
        for (const auto &f : reviewNetwork(net, analyseFlows(net)))
            out << (f.severity == Severity::Error     ? "error: "
                    : f.severity == Severity::Warning ? "warning: "
                                                      : "note: ")
                << printable(f.message, 2000) << "\n";
        return kExitOk;
    }

    RunOptions run = o.run;
    if (o.durationFromScenario && design.scenario && design.scenario->durationS)
        run.sim.durationS = *design.scenario->durationS;
    if (run.sim.durationS > 0 && run.sim.warmupS >= run.sim.durationS) {
        err << "hldsim: --warmup-s " << shortNumber(run.sim.warmupS)
            << " is not shorter than the run (" << shortNumber(run.sim.durationS)
            << " s): no request would be measured\n";
        return kExitUsage;
    }
    std::optional<OutputFile> output;
    if (o.out) {
        std::string why;
        output = OutputFile::prepare(*o.out, o.design, why);
        if (!output) {
            err << "hldsim: " << why << "\n";
            return kExitUsage;
        }
    }
    ProgressLine progress(run, err);
    const Results results = runDesign(design, run, progressToTerminal ? &progress : nullptr);
    progress.clear();

    std::string text;
    switch (o.format) {
    case Format::Text:
        text = resultsToText(
            results, printable(design.name.empty() ? baseName(o.design) : design.name, 100));
        break;
    case Format::Json:
        text = resultsToJsonText(results);
        break;
    case Format::Csv:
        text = resultsToCsv(results);
        break;
    }
    if (output) {
        std::string why;
        if (!output->write(text, why)) {
            err << "hldsim: " << why << "\n";
            return kExitIo;
        }
    } else {
        out << text;
    }
    return kExitOk;
}

} // namespace hld::cli
