#pragma once

#include "sim/run.h"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hld::cli {

// `hldsim export | import | report`, SIMULATION.md section 7, with their extra options.
struct InterchangeOptions
{
    enum class Command { Export, Import, Report } command = Command::Export;
    std::string input; // design (export, report) or diagram file (import)
    std::string out;
    std::string format; // export: png svg pdf mermaid dot drawio; report: html md pdf
    // export
    double scale = 1.0;
    bool transparent = false;
    std::string page = "fit"; // fit a4 letter
    bool landscape = false;
    std::vector<std::string> only;
    std::optional<double> simulateS; // draw the run at this simulated second
    // report (and export --simulate)
    RunOptions run;
    bool requestsGiven = false;
    bool durationGiven = false;
};

bool isInterchangeCommand(const std::string &cmd);
std::variant<InterchangeOptions, std::string>
parseInterchange(const std::vector<std::string> &args);
std::string interchangeUsage();
// Formats the Qt side draws (everything but the text exports, Mermaid and DOT).
bool needsQt(const InterchangeOptions &o);

inline constexpr int kReportDefaultReplications = 3;

} // namespace hld::cli
