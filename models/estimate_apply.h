#pragma once

#include "model/design.h"

#include <QString>

#include <utility>
#include <vector>

namespace hld {

// The estimator's "Apply to design": every client sent at its share of the estimate's peak
// rate (shares in proportion to the clients' current rates; equal shares when they have
// none) with the estimate's read ratio. Returns the edited clients, for one undo step.
std::vector<std::pair<QString, Component>>
clientsAtEstimate(const Design &design, double peakRps, double readRatio);

// A fresh design for a mock interview: one client, "users", sending nothing yet.
Design interviewStartDesign(const Interview &interview);

} // namespace hld
