#pragma once

#include "sim/network.h"

#include <string>
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
    Severity severity = Severity::Warning;
    std::string component; // id, or empty for the whole design
    std::string code;      // stable machine name, e.g. "unstable"
    std::string message;
};

// Structural review plus stability: unstable nodes, nodes without a balancer in front of
// their replicas, clients with nowhere to send, balancers and queues with no downstream.
std::vector<Finding> reviewNetwork(const Network &net, const std::vector<NodeFlow> &flows);

} // namespace hld
