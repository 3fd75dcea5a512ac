#pragma once

#include "sim/run.h"

#include <optional>
#include <string>
#include <vector>

namespace hld::cli {

enum class Command { Run, Validate, Help, Version };
enum class Format { Text, Json, Csv };

struct Options
{
    Command command = Command::Help;
    std::string design;
    RunOptions run;
    bool requestsGiven = false;
    bool durationGiven = false;
    bool durationFromScenario = false;
    Format format = Format::Text;
    std::optional<std::string> out;
};

struct ParseResult
{
    std::optional<Options> options;
    std::string error; // set when options is empty
};

ParseResult parseArguments(const std::vector<std::string> &args);
std::string usage();

inline constexpr double kDefaultDurationS = 60.0;

} // namespace hld::cli
