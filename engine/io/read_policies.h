#pragma once

#include "io/json_fields.h"
#include "model/design.h"

namespace hld {

// The fields of contract sections 5.6-5.9, read by the design reader: a link's policies, a
// component's rate limit, health check, sessions, saga and table, a client's paths and an
// autoscaler's metric.
void readLinkPolicies(ObjectFields &f, Link &l, std::vector<DesignError> &errs);
void readComponentPolicies(ObjectFields &f, Component &c, std::vector<DesignError> &errs);
void readTrafficPaths(ObjectFields &f, Traffic &t);
void readAutoscaleMetric(ObjectFields &f, Autoscale &a);

} // namespace hld
