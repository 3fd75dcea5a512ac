#include "interview/drills.h"

#include "analysis/flow.h"
#include "io/design_validate.h"
#include "io/display_text.h"
#include "model/component_kind.h"
#include "sim/network.h"
#include "sim/run.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

namespace hld {

namespace {

using K = ComponentKind;

double clientRps(const Design &d)
{
    double rps = 0;
    for (const auto &c : d.components)
        if (c.kind == K::Client && c.traffic)
            rps += c.traffic->rps;
    return rps;
}

// The component of `kind` that the flow analysis gives the most traffic (-1 if none);
// `want` filters further.
template<typename Want>
int busiestOf(const Design &d, const std::vector<NodeFlow> &flows, K kind, Want want)
{
    int best = -1;
    for (std::size_t i = 0; i < d.components.size(); ++i) {
        if (d.components[i].kind != kind || !want(d.components[i]))
            continue;
        if (best < 0 || flows[i].rps() > flows[static_cast<std::size_t>(best)].rps())
            best = static_cast<int>(i);
    }
    return best;
}

std::string lowered(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// The component a follow-up asks about: one that `want` accepts and whose id, else label,
// else kind contains one of the words (in any case; ids first: "origin" is the origin, not
// the "Origin balancer"); -1 if none does.
template<typename Want>
int namedIn(const Design &d, const std::vector<std::string> &words, Want want)
{
    const std::function<std::string(const Component &)> fields[] = {
        [](const Component &c) { return c.id; },
        [](const Component &c) { return c.label.value_or(""); },
        [](const Component &c) { return std::string(traits(c.kind).name); },
    };
    for (const auto &field : fields) {
        for (const auto &word : words) {
            const std::string w = lowered(word);
            for (std::size_t i = 0; i < d.components.size(); ++i) {
                const Component &c = d.components[i];
                if (c.kind != K::Client && want(c)
                    && lowered(field(c)).find(w) != std::string::npos)
                    return static_cast<int>(i);
            }
        }
    }
    return -1;
}

ScenarioEvent event(double at, const char *action, const std::string &target)
{
    ScenarioEvent e;
    e.atS = at;
    e.action = action;
    e.target = target;
    return e;
}

} // namespace

std::string drillTitle(DrillKind kind)
{
    switch (kind) {
    case DrillKind::TargetLoad:
        return "Target load";
    case DrillKind::Load10x:
        return "10x the target load";
    case DrillKind::KillDatabaseLeader:
        return "The database leader dies";
    case DrillKind::LoseRegion:
        return "A region is lost";
    case DrillKind::HotKey:
        return "A hot key";
    case DrillKind::KillCache:
        return "The cache restarts cold";
    case DrillKind::SlowDependency:
        return "A dependency slows down";
    case DrillKind::TrafficSpike:
        return "A traffic spike (3x for 10 s)";
    case DrillKind::KillServiceReplica:
        return "A service replica dies";
    }
    return "Drill";
}

std::string DrillResult::faultAndEffect() const
{
    std::string out = fault;
    char s[32];
    if (writeUnavailableS >= 0.05) {
        std::snprintf(s, sizeof s, "%.1f", writeUnavailableS);
        out += "; '" + unwritable + "' had no leader for " + s + " s, until a follower was elected";
    }
    if (rateLimitedShare >= 0.001) {
        std::snprintf(s, sizeof s, "%.1f%%", rateLimitedShare * 100);
        out += "; '" + limiter + "' refused " + s + " of requests (429)";
    }
    return out;
}

std::vector<DrillSpec> drillPlan(const Prompt &prompt)
{
    std::vector<DrillSpec> plan{{DrillKind::TargetLoad, {}}, {DrillKind::Load10x, {}}};
    std::set<DrillKind> seen{DrillKind::TargetLoad};
    for (const auto &q : prompt.followUps) {
        if (!q.drill)
            continue;
        if (*q.drill == DrillKind::Load10x) {
            plan[1].question = q.question;
            continue;
        }
        if (seen.insert(*q.drill).second)
            plan.push_back({*q.drill, q.question, q.target});
    }
    return plan;
}

bool prepareDrill(const Design &design,
                  const Prompt &prompt,
                  const DrillSpec &spec,
                  const DrillOptions &opt,
                  Design &out,
                  DrillResult &r)
{
    out = design;
    out.interview.reset();
    out.scenario = Scenario{};
    out.scenario->durationS = opt.durationS;
    auto &events = out.scenario->events;
    r = DrillResult{}; // describes this drill only
    r.spec = spec;
    r.title = drillTitle(spec.kind);
    auto nothing = [&r](const char *why) {
        r.applicable = false;
        r.fault = why;
        return false;
    };

    const double current = clientRps(design);
    const double target = prompt.targetRps() * (spec.kind == DrillKind::Load10x ? 10.0 : 1.0);
    r.offeredRps = target;
    if (current <= 0)
        return nothing("the design has no client sending traffic");
    for (auto &c : out.components) {
        if (c.kind != K::Client || !c.traffic)
            continue;
        c.traffic->rps *= target / current;
        c.traffic->profile.reset(); // the drill sets the load
    }
    if (spec.kind == DrillKind::TargetLoad || spec.kind == DrillKind::Load10x) {
        r.title += " (" + groupedNumber(target) + " requests/s)";
        r.fault = "clients send " + groupedNumber(target) + " requests/s in all";
        return true;
    }

    const Network net = compileNetwork(out);
    const auto flows = analyseFlows(net);
    const double at = opt.faultAtS;
    const auto any = [](const Component &) { return true; };
    auto faultOn
        = [&](int i) { r.faulted.push_back(out.components[static_cast<std::size_t>(i)].id); };
    // The component the question names, else the drill's own pick; `unnamed` notes when
    // the question named something the design does not have.
    std::string unnamed;
    auto pick = [&](auto want, auto fallback) {
        if (spec.target.empty())
            return fallback();
        if (const int i = namedIn(out, spec.target, want); i >= 0)
            return i;
        unnamed = " (the question is about '" + spec.target.front()
                  + "', which this design does not name: the drill took the busiest instead)";
        return fallback();
    };
    switch (spec.kind) {
    case DrillKind::KillDatabaseLeader: {
        const auto replicated
            = [](const Component &c) { return c.kind == K::Database && c.replication.has_value(); };
        int db = pick(replicated, [&] { return busiestOf(out, flows, K::Database, replicated); });
        if (db >= 0) {
            auto e = event(at, "kill_replica", out.components[db].id);
            e.replica = 0;
            events.push_back(e);
            r.fault = "the leader of '" + out.components[db].id + "' dies at " + groupedNumber(at)
                      + " s";
        } else if ((db = busiestOf(out, flows, K::Database, any)) >= 0) {
            events.push_back(event(at, "kill", out.components[db].id));
            r.fault = "'" + out.components[db].id + "' (no followers) dies at " + groupedNumber(at)
                      + " s";
        } else {
            return nothing("the design has no database");
        }
        r.fault += unnamed;
        faultOn(db);
        return true;
    }
    case DrillKind::LoseRegion: {
        std::map<std::string, double> load; // region -> traffic of its components
        for (std::size_t i = 0; i < out.components.size(); ++i)
            if (out.components[i].region && out.components[i].kind != K::Client)
                load[*out.components[i].region] += flows[i].rps() + 1e-9;
        std::string region;
        if (load.size() >= 2)
            region = std::max_element(load.begin(), load.end(), [](auto &a, auto &b) {
                         return a.second < b.second;
                     })->first;
        for (std::size_t i = 0; i < out.components.size(); ++i) {
            const auto &c = out.components[i];
            if (c.kind == K::Client)
                continue;
            // A replicated store may keep replicas in other regions (replica_regions, alike
            // in every shard): only those in the lost region go, the others take over.
            static const std::vector<std::string> unplaced;
            const auto &placed = c.replication ? c.replication->replicaRegions : unplaced;
            const auto perShard = static_cast<std::size_t>(effectiveReplicas(c));
            std::vector<std::size_t> lost;
            for (std::size_t k = 0; k < perShard; ++k) {
                const auto home = k < placed.size() ? std::optional(placed[k]) : c.region;
                if (region.empty() || home == region)
                    lost.push_back(k);
            }
            if (lost.empty())
                continue;
            faultOn(static_cast<int>(i));
            if (lost.size() == perShard) {
                events.push_back(event(at, "kill", c.id));
                continue;
            }
            const std::size_t shards = c.shards ? std::size_t(c.shards->count) : 1;
            for (std::size_t g = 0; g < shards; ++g) {
                for (std::size_t k : lost) {
                    auto e = event(at, "kill_replica", c.id);
                    e.replica = std::int64_t(g * perShard + k);
                    events.push_back(e);
                }
            }
        }
        r.fault = region.empty() ? "the design runs in one region, and it is lost at "
                                       + groupedNumber(at) + " s"
                                 : "region " + region + " is lost at " + groupedNumber(at) + " s";
        return true;
    }
    case DrillKind::HotKey:
        for (auto &c : out.components) {
            if (c.kind != K::Client || !c.traffic)
                continue;
            KeySpec k = c.traffic->keys.value_or(KeySpec{});
            k.count = std::max<std::int64_t>(k.count, 100000);
            k.skew = std::max(k.skew, 1.4);
            c.traffic->keys = k;
            r.faulted.push_back(c.id);
        }
        r.fault = "the clients' keys skew to Zipf 1.4: the top key takes about a third of "
                  "requests";
        return true;
    case DrillKind::KillCache: {
        const auto isCache = [](const Component &c) { return c.kind == K::Cache; };
        const int cache = pick(isCache, [&] { return busiestOf(out, flows, K::Cache, any); });
        if (cache < 0)
            return nothing("the design has no cache");
        events.push_back(event(at, "flush_cache", out.components[cache].id));
        faultOn(cache);
        r.fault = "'" + out.components[cache].id + "' restarts empty at " + groupedNumber(at) + " s"
                  + unnamed;
        return true;
    }
    case DrillKind::SlowDependency: {
        const int dep = pick(any, [&] {
            const int db = busiestOf(out, flows, K::Database, any);
            return db >= 0 ? db : busiestOf(out, flows, K::Service, any);
        });
        if (dep < 0)
            return nothing("the design has no database or service");
        auto e = event(at, "add_latency", out.components[dep].id);
        e.value = 200;
        events.push_back(e);
        faultOn(dep);
        r.fault = "'" + out.components[dep].id + "' answers 200 ms slower from " + groupedNumber(at)
                  + " s" + unnamed;
        return true;
    }
    case DrillKind::TrafficSpike:
        for (const auto &c : out.components) {
            if (c.kind != K::Client || !c.traffic)
                continue;
            auto up = event(at, "set_rps", c.id);
            up.value = c.traffic->rps * 3;
            auto down = event(at + 10, "set_rps", c.id);
            down.value = c.traffic->rps;
            events.push_back(up);
            events.push_back(down);
        }
        r.fault = "traffic triples from " + groupedNumber(at) + " s to " + groupedNumber(at + 10)
                  + " s";
        return true;
    case DrillKind::KillServiceReplica: {
        // A named gateway or balancer counts: "one limiter replica dies".
        const auto replicaKind = [](const Component &c) {
            return c.kind == K::Service || c.kind == K::ApiGateway || c.kind == K::LoadBalancer;
        };
        const int svc = pick(replicaKind, [&] { return busiestOf(out, flows, K::Service, any); });
        if (svc < 0)
            return nothing("the design has no service");
        auto e = event(at, "kill_replica", out.components[svc].id);
        e.replica = 0;
        events.push_back(e);
        faultOn(svc);
        r.fault = "a replica of '" + out.components[svc].id + "' dies at " + groupedNumber(at)
                  + " s" + unnamed;
        return true;
    }
    case DrillKind::TargetLoad:
    case DrillKind::Load10x:
        break;
    }
    return true;
}

DrillResult
runDrill(const Design &design, const Prompt &prompt, const DrillSpec &spec, const DrillOptions &opt)
{
    DrillResult r;
    Design drilled;
    if (!prepareDrill(design, prompt, spec, opt, drilled, r))
        return r;
    if (const auto errors = validateDesign(drilled); !errors.empty()) {
        r.applicable = false;
        r.fault += "; the drilled design is not valid: " + errors.front().path + " "
                   + errors.front().message;
        return r;
    }
    RunOptions run;
    run.seed = opt.seed;
    run.sim.durationS = opt.durationS;
    run.sim.warmupS = opt.warmupS;
    // A 10x overload must end: bound what is in flight well below the default.
    run.sim.maxInFlight = 1u << 18;
    const Results res = runDesign(drilled, run);
    r.requests = res.endToEnd.count;
    r.p50Ms = res.endToEnd.p50Ms;
    r.p99Ms = res.endToEnd.p99Ms;
    r.availability
        = res.endToEnd.count ? double(res.endToEnd.ok) / double(res.endToEnd.count) : 0.0;
    r.unstable = res.status != "ok";
    std::uint64_t limited = 0, mostLimited = 0;
    for (const auto &n : res.nodes) {
        limited += n.rateLimited;
        if (n.rateLimited > mostLimited) {
            mostLimited = n.rateLimited;
            r.limiter = n.id;
        }
        if (n.replicated && n.writeUnavailableS > r.writeUnavailableS
            && std::find(r.faulted.begin(), r.faulted.end(), n.id) != r.faulted.end()) {
            r.writeUnavailableS = n.writeUnavailableS;
            r.unwritable = n.id;
        }
        if (n.kind == "client")
            continue;
        if (r.busiest.empty() || n.utilization > r.busiestUtilisation) {
            r.busiest = n.id;
            r.busiestKind = n.kind;
            r.busiestUtilisation = n.utilization;
        }
    }
    // A 429 ends its request (an internal call's may be retried: never more than failed).
    if (r.requests)
        r.rateLimitedShare
            = double(std::min(limited, res.endToEnd.count - res.endToEnd.ok)) / double(r.requests);
    const auto &s = prompt.scale;
    switch (spec.kind) {
    case DrillKind::TargetLoad:
        r.passed = !r.unstable && r.p99Ms <= s.p99Ms && r.availability >= s.availability;
        break;
    case DrillKind::Load10x:
        // Degrading gracefully at 10x: most requests still served, the run stays bounded.
        r.passed = !r.unstable && r.availability >= 0.9;
        break;
    default:
        // Surviving a fault: a short blip is fine; an outage for the rest of the run is not.
        r.passed = !r.unstable && r.availability >= std::min(s.availability, 0.98);
        break;
    }
    return r;
}

std::vector<DrillResult> runDrills(const Design &design,
                                   const Prompt &prompt,
                                   const DrillOptions &options,
                                   const std::atomic<bool> *cancel,
                                   std::atomic<int> *done)
{
    std::vector<DrillResult> out;
    for (const auto &spec : drillPlan(prompt)) {
        if (cancel && cancel->load())
            break;
        out.push_back(runDrill(design, prompt, spec, options));
        if (done)
            ++*done;
    }
    return out;
}

} // namespace hld
