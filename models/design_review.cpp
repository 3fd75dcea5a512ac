#include "design_review.h"

#include "sim/network.h"

namespace hld {

std::vector<Finding> reviewDesign(const Design &design)
{
    const Network net = compileNetwork(design);
    return reviewNetwork(net, analyseFlows(net));
}

} // namespace hld
