#pragma once

#include "io/json_fields.h"
#include "model/design.h"

namespace hld {

// The mechanism fields of contract sections 5.1-5.5, read from a component's object (and
// its traffic and replication objects) by the design reader.
KeySpec
readKeySpec(const nlohmann::json &j, const std::string &path, std::vector<DesignError> &errs);
void readMechanismFields(ObjectFields &f, Component &c, std::vector<DesignError> &errs);
void readReplicationAdditions(ObjectFields &f, Replication &r, std::vector<DesignError> &errs);

} // namespace hld
