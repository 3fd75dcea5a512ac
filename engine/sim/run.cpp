#include "sim/run.h"

#include "analysis/queueing.h"
#include "model/component_kind.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <system_error>
#include <thread>

namespace hld {

namespace {

LatencySummary summariseClass(const ClassRaw &c, double measuredS)
{
    LatencySummary s;
    s.count = c.count;
    s.ok = c.ok;
    s.failed = c.failed;
    s.timedOut = c.timedOut;
    s.unfinished = c.unfinished;
    s.failedMeanMs = c.failed ? 1000.0 * c.failedTimeSumS / double(c.failed) : 0.0;
    s.errorRate = c.count ? double(c.failed) / double(c.count) : 0.0;
    s.throughputRps = measuredS > 0 ? double(c.ok) / measuredS : 0.0;
    const auto &h = c.latencyMs;
    s.meanMs = h.mean();
    s.p50Ms = h.quantile(0.50);
    s.p90Ms = h.quantile(0.90);
    s.p95Ms = h.quantile(0.95);
    s.p99Ms = h.quantile(0.99);
    s.p999Ms = h.quantile(0.999);
    s.maxMs = h.max();
    return s;
}

ClassRaw bothClasses(const RawMetrics &m)
{
    ClassRaw all = m.classes[0];
    all.merge(m.classes[1]);
    return all;
}

double halfWidth(const std::vector<double> &xs)
{
    const auto n = static_cast<double>(xs.size());
    double mean = 0;
    for (double x : xs)
        mean += x;
    mean /= n;
    double ss = 0;
    for (double x : xs)
        ss += (x - mean) * (x - mean);
    return queueing::studentT975(static_cast<int>(xs.size()) - 1) * std::sqrt(ss / (n - 1) / n);
}

} // namespace

std::uint64_t replicationSeed(std::uint64_t seed, int r)
{
    return r == 0 ? seed
                  : splitmix64(seed ^ (0xD1B54A32D192ED03ull * static_cast<std::uint64_t>(r)));
}

Results summarise(const Network &net, const RunOptions &opt, const std::vector<RawMetrics> &runs)
{
    RawMetrics pooled;
    for (const auto &r : runs)
        pooled.merge(r);
    Results res;
    res.seed = opt.seed;
    res.replications = static_cast<int>(runs.size());
    res.simTimeS = runs.empty() ? 0 : pooled.simTimeS / double(runs.size());
    res.warmupS = opt.sim.warmupS;
    const double measured = pooled.measuredTimeS;
    res.endToEnd = summariseClass(bothClasses(pooled), measured);
    res.reads = summariseClass(pooled.classes[0], measured);
    res.writes = summariseClass(pooled.classes[1], measured);
    res.events = pooled.events;
    res.series = pooled.series;
    res.created = pooled.created;
    res.costPerHour = measured > 0 ? pooled.costArea / measured : net.costPerHour;

    if (runs.size() > 1) {
        std::vector<double> means, p99s, tputs;
        for (const auto &r : runs) {
            const ClassRaw all = bothClasses(r);
            means.push_back(all.latencyMs.mean());
            p99s.push_back(all.latencyMs.quantile(0.99));
            tputs.push_back(r.measuredTimeS > 0 ? double(all.ok) / r.measuredTimeS : 0.0);
        }
        res.ciMeanMs = halfWidth(means);
        res.ciP99Ms = halfWidth(p99s);
        res.ciThroughputRps = halfWidth(tputs);
    }

    const auto flows = analyseFlows(net);
    res.findings = reviewNetwork(net, flows);
    for (std::size_t i = 0; i < net.nodes.size(); ++i) {
        const NodeSpec &spec = net.nodes[i];
        const NodeRaw &raw = pooled.nodes[i];
        NodeResult n;
        n.id = spec.id;
        n.kind = std::string(traits(spec.kind).name);
        n.replicas = static_cast<int>(spec.replicas);
        n.workers = spec.passThrough ? 0 : static_cast<int>(spec.workers);
        n.arrivals = raw.arrivals;
        n.rejected = raw.rejected;
        n.completed = raw.completed;
        n.blockingProbability = raw.arrivals ? double(raw.rejected) / double(raw.arrivals) : 0.0;
        // Busy worker-seconds over worker-seconds in rotation: right when replicas or
        // workers change during the run (autoscaling, resizes, failures).
        n.utilization = raw.workerArea > 0 ? raw.busyArea / raw.workerArea : 0.0;
        n.meanInSystem = measured > 0 ? raw.presentArea / measured : 0.0;
        const double served = double(raw.completed);
        n.meanWaitMs = served > 0 ? 1000.0 * raw.waitSumS / served : 0.0;
        n.meanSojournMs = served > 0 ? 1000.0 * raw.sojournSumS / served : 0.0;
        n.p50Ms = raw.sojournMs.quantile(0.50);
        n.p99Ms = raw.sojournMs.quantile(0.99);
        n.throughputRps = measured > 0 ? served / measured : 0.0;
        n.offeredRps = flows[i].rps();
        n.analyticRho = flows[i].rho;
        if ((spec.kind == ComponentKind::Cache || spec.kind == ComponentKind::Cdn) && raw.reads)
            n.hitRatio = double(raw.hits) / double(raw.reads);
        if (spec.kind == ComponentKind::Queue) {
            n.backlogMean = measured > 0 ? raw.backlogArea / measured : 0.0;
            n.backlogMax = raw.backlogMax;
            n.messageAgeMeanMs = raw.messageAgeMs.mean();
            n.messageAgeP99Ms = raw.messageAgeMs.quantile(0.99);
        }
        n.enqueued = raw.enqueued;
        n.enqueueRejected = raw.enqueueRejected;
        n.messagesDone = raw.messagesDone;
        n.messagesFailed = raw.messagesFailed;
        n.messagesUnfinished = raw.messagesUnfinished;
        n.delivered = raw.delivered;
        n.redelivered = raw.redelivered;
        n.lost = raw.lost;
        n.duplicatesApplied = raw.duplicatesApplied;
        n.duplicatesIgnored = raw.duplicatesIgnored;
        n.queue = spec.kind == ComponentKind::Queue;
        n.costPerHour = spec.costPerHour;
        n.replicaArrivals = raw.replicaArrivals;
        n.replicated = spec.replication.has_value();
        n.consistencyReads = raw.consistencyReads;
        n.staleReads = raw.staleReads;
        n.consistencyFailed = raw.consistencyFailed;
        n.rywViolations = raw.rywViolations;
        n.failovers = raw.failovers;
        n.conflicts = raw.conflicts;
        n.writeUnavailableS = raw.writeUnavailableS / std::max(1, res.replications);
        if (spec.keyCache) {
            n.keyCache = true;
            n.hits = raw.hits;
            n.misses = raw.misses;
            n.evictions = raw.evictions;
            n.expirations = raw.expirations;
            n.coalesced = raw.coalesced;
            n.lostWrites = raw.lostWrites;
            n.bloomRejected = raw.bloomRejected;
            n.negativeHits = raw.negativeHits;
        }
        for (std::size_t e = 0; e < spec.edgeRegions.size() && e < raw.edgeReads.size(); ++e) {
            const std::string &region = net.regions[spec.edgeRegions[e]];
            if (raw.edgeReads[e])
                n.edgeHitRatio.emplace_back(region.empty() ? "(no region)" : region,
                                            double(raw.edgeHits[e]) / double(raw.edgeReads[e]));
        }
        if (spec.shards) {
            NodeResult::Shards sh;
            sh.count = static_cast<int>(raw.shardArrivals.size());
            sh.arrivals = raw.shardArrivals;
            for (std::size_t k = 0; k < raw.shardBusyArea.size(); ++k) {
                const double cap
                    = k < raw.shardCapacityArea.size() ? raw.shardCapacityArea[k] : 0.0;
                sh.utilization.push_back(cap > 0 ? raw.shardBusyArea[k] / cap : 0.0);
            }
            sh.lastReshardMoved = raw.lastReshardMoved;
            n.shards = std::move(sh);
        }
        n.scaleEvents = raw.scaleEvents;
        n.rateLimit = spec.rateLimit.has_value();
        n.sessions = spec.sessions != Sessions::None;
        n.balancer = spec.kind == ComponentKind::LoadBalancer;
        n.saga = spec.saga.has_value();
        n.healthCheck = spec.healthCheck.has_value();
        n.rateLimited = raw.rateLimited;
        n.sessionLost = raw.sessionLost;
        n.sessionRequests = raw.sessionRequests;
        n.misrouted = raw.misrouted;
        n.unhealthyHits = raw.unhealthyHits;
        n.sagas = raw.sagas;
        n.sagasCompleted = raw.sagasCompleted;
        n.sagasCompensated = raw.sagasCompensated;
        n.sagasInconsistent = raw.sagasInconsistent;
        n.sagasAborted = raw.sagasAborted;
        n.compensations = raw.compensations;
        res.nodes.push_back(std::move(n));
    }
    res.links.resize(net.links.size());
    for (std::size_t l = 0; l < net.links.size(); ++l) {
        const OutLink &o = net.links[l];
        const LinkRaw raw = l < pooled.links.size() ? pooled.links[l] : LinkRaw{};
        LinkResult &lr = res.links[std::min<std::size_t>(o.fileIndex, net.links.size() - 1)];
        lr.from = net.nodes[o.source].id;
        lr.to = net.nodes[o.target].id;
        lr.guarded = o.policy != kNone;
        lr.calls = raw.calls;
        lr.attempts = raw.attempts;
        lr.retries = raw.retries;
        lr.failed = raw.failed;
        lr.timedOut = raw.timedOut;
        lr.shortCircuited = raw.shortCircuited;
        lr.bulkheadRejected = raw.bulkheadRejected;
        lr.wasted = raw.wasted;
        lr.breakerOpened = raw.breakerOpened;
    }

    bool unstable = false;
    for (const auto &f : res.findings)
        unstable = unstable || f.code == "unstable";
    if (pooled.overloaded) {
        unstable = true;
        // Name the component where the work piled up, with its observed load.
        std::size_t worst = 0;
        for (std::size_t i = 1; i < pooled.nodes.size(); ++i) {
            if (pooled.nodes[i].peakQueued > pooled.nodes[worst].peakQueued)
                worst = i;
        }
        const NodeSpec &spec = net.nodes[worst];
        const double seen
            = pooled.simTimeS > 0 ? double(pooled.nodes[worst].arrivalsAll) / pooled.simTimeS : 0;
        const double cap
            = spec.passThrough ? 0 : spec.replicas * spec.workers / spec.sampler.mean();
        char ratio[32];
        std::snprintf(ratio, sizeof ratio, "%.2f", cap > 0 ? seen / cap : 0.0);
        res.findings.push_back({Severity::Error,
                                spec.id,
                                "in_flight_cap",
                                "unstable: arrivals exceed capacity at '" + spec.id
                                    + "' (observed load " + ratio + " of capacity); "
                                    + std::to_string(pooled.inFlightCap)
                                    + " requests were in flight at t = "
                                    + std::to_string(static_cast<long long>(pooled.overloadedAtS))
                                    + " s, so new arrivals were stopped and the run drained"});
    }
    if (pooled.keyStateFull) {
        const std::string &id = net.nodes[pooled.keyStateNode].id;
        res.findings.push_back(
            {Severity::Error,
             id,
             "key_state_cap",
             "limited: the replicated stores' per-key state reached "
                 + std::to_string(opt.sim.keyStateBytes >> 20) + " MiB at '" + id
                 + "' at t = " + std::to_string(static_cast<long long>(pooled.keyStateFullAtS))
                 + " s (a store keeps the newest version of every key written), so new "
                   "arrivals were stopped and the run drained; the results cover the run until "
                   "then. Fewer distinct keys (traffic.keys.count, replication.keys) or a "
                   "shorter run stay within it"});
    }
    if (pooled.cutRuns) {
        res.drainCut = Results::DrainCut{pooled.cutAtS,
                                         int(pooled.cutRuns),
                                         pooled.cutUnanswered,
                                         pooled.cutAbandoned,
                                         pooled.cutMessages};
        auto count = [](std::uint64_t n, const char *one, const char *many) {
            return std::to_string(n) + " " + (n == 1 ? one : many);
        };
        std::vector<std::string> parts;
        if (pooled.cutUnanswered)
            parts.push_back(count(pooled.cutUnanswered, "request", "requests")
                            + " without an answer (counted failed)");
        if (pooled.cutAbandoned)
            parts.push_back(count(pooled.cutAbandoned, "request", "requests")
                            + " whose client had timed out, still at work");
        if (pooled.cutMessages)
            parts.push_back(count(pooled.cutMessages, "message delivery", "message deliveries"));
        std::string what;
        for (std::size_t i = 0; i < parts.size(); ++i)
            what += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
        char at[32], least[32];
        std::snprintf(at, sizeof at, "%.0f", pooled.cutAtS);
        std::snprintf(least, sizeof least, "%g", opt.sim.drainS);
        res.findings.push_back(
            {Severity::Warning,
             "",
             "drain_cut",
             (res.replications == 1 ? std::string("the run was")
                                    : std::to_string(pooled.cutRuns) + " of "
                                          + std::to_string(res.replications) + " replications were")
                 + " cut at t = " + std::string(at) + " s with work still in flight (" + what
                 + (res.replications == 1 ? "" : " in all")
                 + "): once arrivals stop, the run drains for as long as they"
                   " lasted (at least "
                 + least
                 + " s), and a backlog, backoffs or redeliveries kept work "
                   "going past that"});
    }
    if (res.endToEnd.count == 0) {
        // Zeros would read as results: say plainly that there are none.
        res.findings.push_back({Severity::Warning,
                                "",
                                "nothing_measured",
                                "nothing was measured: no request was created after the warm-up ("
                                    + std::to_string(static_cast<long long>(opt.sim.warmupS))
                                    + " s); the clients " + "created " + std::to_string(res.created)
                                    + " request" + (res.created == 1 ? "" : "s") + " in all"});
    }
    res.status = unstable                  ? "unstable"
                 : pooled.keyStateFull     ? "limited"
                 : res.endToEnd.count == 0 ? "empty"
                                           : "ok";
    return res;
}

void scheduleScenario(Simulator &sim, const Network &net, const Design &d)
{
    if (!d.scenario)
        return;
    for (const auto &e : d.scenario->events) {
        if (auto c = controlFromEvent(net, e))
            sim.schedule(e.atS, *c);
    }
}

Results runDesign(const Design &d, const RunOptions &opt, SimObserver *observer)
{
    const Network net = compileNetwork(d);
    const int reps = std::max(1, opt.replications);
    std::vector<RawMetrics> runs(static_cast<std::size_t>(reps));
    std::atomic<int> next{0};
    auto worker = [&] {
        for (int r = next++; r < reps; r = next++) {
            Simulator sim(net, opt.sim, replicationSeed(opt.seed, r), observer, r);
            scheduleScenario(sim, net, d);
            sim.run();
            runs[static_cast<std::size_t>(r)] = sim.finish();
        }
    };
    // More threads than cores (or than replications) only cost memory. If the system
    // refuses a thread, the threads already started, and this one, do all the work.
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const int threads = std::clamp(opt.threads, 1, std::min(reps, cores));
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) {
        try {
            pool.emplace_back(worker);
        } catch (const std::system_error &) {
            break;
        }
    }
    worker();
    for (auto &t : pool)
        t.join();
    return summarise(net, opt, runs);
}

} // namespace hld
