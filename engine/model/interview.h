#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace hld {

// The inputs of the guide's back-of-the-envelope arithmetic (`hldsim estimate`, and the
// estimates an interview keeps in its design file).
struct EstimateInput
{
    double dau = 0;
    double requestsPerUser = 0;
    double readRatio = 0.9;
    double peakFactor = 3;      // the guide's rule of thumb: peak = 3 x average
    double payloadBytes = 1000; // per request, and per stored write
    double retentionDays = 365; // how long writes are kept
    double cacheShare = 0.2;    // the hot set: 20% of a day's reads (80/20)
    double serverRps = 10000;   // one server's capacity (the guide: 10,000 - 50,000)
    bool operator==(const EstimateInput &) const = default;
};

// The phases of the guide's 45-minute interview (Part 3), in order.
enum class InterviewPhase : int {
    Requirements,
    Estimation,
    Api,
    HighLevel,
    DeepDive,
    ScaleAndFailures,
};
inline constexpr int kInterviewPhases = 6;
inline constexpr std::array<double, kInterviewPhases> kDefaultPhaseMinutes{5, 5, 5, 15, 12, 3};

struct ApiEndpoint
{
    std::string method; // GET, POST, ...
    std::string path;
    std::string description;
    bool operator==(const ApiEndpoint &) const = default;
};

// A mock interview kept inside the design file: which prompt, how far the clock has run,
// and what the candidate wrote in each phase.
struct Interview
{
    std::string prompt; // the prompt's id (resources/prompts/<id>.prompt.json)
    std::array<double, kInterviewPhases> phaseMinutes = kDefaultPhaseMinutes;
    double elapsedS = 0; // time on the clock when saved (the clock is paused in a file)
    bool finished = false;
    std::string requirements; // requirements, and the questions asked
    std::string estimates;    // free text beside the estimator's inputs
    std::vector<ApiEndpoint> api;
    std::string deepDive;
    std::string failures;  // failure modes
    std::string tradeOffs; // trade-offs stated
    std::optional<EstimateInput> estimate;
    bool operator==(const Interview &) const = default;
};

inline constexpr std::size_t kMaxApiEndpoints = 200;
inline constexpr std::size_t kMaxNoteBytes = 100000;

} // namespace hld
