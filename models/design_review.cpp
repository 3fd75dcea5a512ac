#include "design_review.h"

#include "review/review.h"
#include "review/rule_catalog.h"

namespace hld {

std::vector<Finding> reviewDesign(const Design &design,
                                  const std::vector<double> &measuredUtilisation)
{
    return reviewDesignRules(design, ReviewOptions{measuredUtilisation});
}

int reviewRuleCount()
{
    return int(ruleCatalog().size());
}

} // namespace hld
