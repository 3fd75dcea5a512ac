#pragma once

#include "sim/network.h"

#include <string>
#include <utility>
#include <vector>

namespace hld {

// Steady-state traffic through a design, from the routing rules alone (visit ratios):
// what each component is offered, what it can serve, and whether it can keep up.
struct NodeFlow
{
    double readRps = 0;
    double writeRps = 0;
    double capacityRps = 0; // replicas x workers / mean service time; 0 for pass-through
    double rho = 0;         // offered / capacity

    double rps() const { return readRps + writeRps; }
};

std::vector<NodeFlow> analyseFlows(const Network &net);

enum class Severity { Info, Warning, Error };

struct Finding
{
    Finding() = default;
    Finding(
        Severity s, std::string id, std::string rule, std::string text, std::string howToFix = {})
        : severity(s)
        , component(std::move(id))
        , code(std::move(rule))
        , message(std::move(text))
        , fix(std::move(howToFix))
    {
        if (!component.empty())
            components.push_back(component);
    }

    Severity severity = Severity::Warning;
    std::string component; // the first of `components`, or empty for the whole design
    std::string code;      // the rule's stable id, e.g. "unstable" (engine/review/rule_catalog)
    std::string message;
    std::string fix;                     // how to fix it, when the rule knows
    std::vector<std::string> components; // every component involved
};

// Structural review plus stability: unstable nodes, nodes without a balancer in front of
// their replicas, clients with nowhere to send, balancers and queues with no downstream.
std::vector<Finding> reviewNetwork(const Network &net, const std::vector<NodeFlow> &flows);

} // namespace hld
