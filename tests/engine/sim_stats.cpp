#include "sim_stats.h"

#include "analysis/queueing.h"
#include "io/design_reader.h"

#include <cmath>
#include <sstream>

namespace hld::test {

Design designFromJson(const std::string &json)
{
    LoadResult r = parseDesign(json);
    EXPECT_TRUE(r.ok()) << r.describe("inline design");
    return r.design.value_or(Design{});
}

Replicated replicate(const Design &d, RunOptions opt)
{
    const Network net = compileNetwork(d);
    std::vector<RawMetrics> raws;
    Replicated out;
    for (int r = 0; r < opt.replications; ++r) {
        Simulator sim(net, opt.sim, replicationSeed(opt.seed, r));
        sim.run();
        raws.push_back(sim.finish());
        RunOptions one = opt;
        one.replications = 1;
        out.runs.push_back(summarise(net, one, {raws.back()}));
    }
    out.pooled = summarise(net, opt, raws);
    return out;
}

Estimate estimate(const Replicated &r, const std::function<double(const Results &)> &metric)
{
    const auto n = static_cast<double>(r.runs.size());
    double sum = 0;
    std::vector<double> xs;
    for (const auto &run : r.runs) {
        xs.push_back(metric(run));
        sum += xs.back();
    }
    Estimate e;
    e.mean = sum / n;
    double ss = 0;
    for (double x : xs)
        ss += (x - e.mean) * (x - e.mean);
    if (xs.size() > 1)
        e.halfWidth
            = queueing::studentT975(static_cast<int>(xs.size()) - 1) * std::sqrt(ss / (n - 1) / n);
    return e;
}

::testing::AssertionResult
agrees(const Estimate &e, double exact, double relSlack, double maxRelHalfWidth)
{
    std::ostringstream msg;
    msg << "simulated " << e.mean << " ± " << e.halfWidth << " (95%), exact " << exact;
    if (e.halfWidth > maxRelHalfWidth * std::fabs(exact) + 1e-12)
        return ::testing::AssertionFailure()
               << msg.str() << ": the run is too short for a meaningful check";
    const double tol = 2.0 * e.halfWidth + relSlack * std::fabs(exact) + 1e-12;
    if (std::fabs(e.mean - exact) <= tol)
        return ::testing::AssertionSuccess() << msg.str();
    return ::testing::AssertionFailure() << msg.str() << ", tolerance " << tol;
}

const NodeResult &node(const Results &r, const std::string &id)
{
    for (const auto &n : r.nodes) {
        if (n.id == id)
            return n;
    }
    ADD_FAILURE() << "no node " << id;
    static NodeResult none;
    return none;
}

std::string withScenario(const std::string &components,
                         const std::string &links,
                         const std::string &events,
                         double duration)
{
    return R"({"format": "hld-design", "version": 1, "components": )" + components
           + R"(, "links": )" + links + R"(, "scenario": {"duration_s": )"
           + std::to_string(duration) + R"(, "events": )" + events + "}}";
}

Results runScenario(const std::string &json, std::uint64_t seed)
{
    const Design d = designFromJson(json);
    RunOptions o;
    o.seed = seed;
    o.sim.durationS = d.scenario->durationS.value_or(60);
    o.sim.recordSeries = true;
    return runDesign(d, o);
}

double meanOver(const TimeSeries &ts, const std::vector<double> &v, double from, double to)
{
    double sum = 0;
    int n = 0;
    for (std::size_t i = 0; i < ts.size() && i < v.size(); ++i) {
        if (ts.tS[i] > from && ts.tS[i] <= to) {
            sum += v[i];
            ++n;
        }
    }
    return n ? sum / n : 0.0;
}

const NodeSeries &seriesOf(const Results &r, const std::string &id)
{
    for (std::size_t i = 0; i < r.nodes.size(); ++i) {
        if (r.nodes[i].id == id)
            return r.series.nodes[i];
    }
    static NodeSeries none;
    ADD_FAILURE() << id;
    return none;
}

} // namespace hld::test
