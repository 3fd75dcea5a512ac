#pragma once

#include "analysis/flow.h"

#include <string_view>
#include <vector>

namespace hld {

// One rule of the design review (`hldsim rules`): what it looks for, drawn from the guide.
struct RuleInfo
{
    std::string_view id; // stable: the `rule` of a finding
    Severity severity;
    std::string_view title;
    std::string_view why; // why it matters
    std::string_view fix; // how to fix it
};

const std::vector<RuleInfo> &ruleCatalog();
const RuleInfo *findRule(std::string_view id);
std::string_view severityName(Severity s); // "error", "warning", "info"

} // namespace hld
