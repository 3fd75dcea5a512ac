// libFuzzer entry: `scripts/fuzz` builds it with clang, ASan and UBSan and runs it over the
// shipped designs as the seed corpus.
#include "design_check.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string problem = hld::fuzz::checkDesignText(data, size);
    if (!problem.empty()) {
        std::fprintf(stderr, "design check failed: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
