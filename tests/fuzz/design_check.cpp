#include "design_check.h"

#include "io/design_reader.h"
#include "io/design_writer.h"
#include "report/results_format.h"
#include "sim/run.h"

#include <string_view>

namespace hld::fuzz {

namespace {

bool hasRawControl(const std::string &s)
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c < 0x20 && c != '\n') || c == 0x7f)
            return true;
        if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80
            && static_cast<unsigned char>(s[i + 1]) < 0xa0)
            return true;
    }
    return false;
}

} // namespace

std::string checkDesignText(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const LoadResult loaded = parseDesign(text);
    if (loaded.ok() == !loaded.errors.empty())
        return "a design and errors together, or neither";
    if (!loaded.ok()) {
        const std::string msg = loaded.describe("f.hld.json");
        if (hasRawControl(msg))
            return "a raw control character in: " + msg.substr(0, 200);
        if (msg.size() > 4000 * loaded.errors.size())
            return "an error message of " + std::to_string(msg.size()) + " bytes";
        return {};
    }
    const Design &d = *loaded.design;

    // Saved and loaded back, the design is the same design.
    const LoadResult again = parseDesign(designToText(d));
    if (!again.ok())
        return "a saved design does not load: " + again.describe("saved").substr(0, 300);
    if (!(*again.design == d))
        return "a saved design loads back different";

    // A short run ends: a few hundred requests, a few simulated seconds, a small in-flight
    // budget, series on (with a small point budget), two replications on one thread.
    // One thread, because the fuzzer's coverage must be deterministic: two threads race
    // on its (non-atomic) hit counters, and loading the same 600 inputs three times gave
    // 30,498, 30,577 and 30,504 features, so it never stopped finding "new" ones. On one
    // thread the three loads give the same count, and it runs four times faster. Threads
    // are checked by TSan (scripts/tsan) and by the tests of --threads.
    RunOptions o;
    o.seed = 1;
    o.replications = 2;
    o.threads = 1;
    o.sim.requestLimit = 300;
    o.sim.durationS = 20;
    o.sim.maxInFlight = 4096;
    o.sim.requestMemoryBytes = 16u << 20;
    o.sim.recordSeries = true;
    o.sim.maxSeriesPoints = 64;
    const Results r = runDesign(d, o);
    if (r.endToEnd.count > 300u * 2)
        return "more requests than the limit: " + std::to_string(r.endToEnd.count);
    if (r.endToEnd.ok + r.endToEnd.failed != r.endToEnd.count)
        return "ok + failed != count";
    if (r.series.size() > 64)
        return "a series beyond its point budget";
    for (const std::string &out :
         {resultsToText(r, d.name), resultsToJsonText(r), resultsToCsv(r)}) {
        if (out.empty())
            return "an empty report";
    }
    return {};
}

} // namespace hld::fuzz
