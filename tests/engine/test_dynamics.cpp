// A running simulation changes: live edits, scenario events, faults, partitions, the
// autoscaler. Each test reads the per-second series and checks the change lands at the
// right simulated time and has the effect the guide describes.
#include "io/design_reader.h"
#include "report/results_format.h"
#include "sim_stats.h"

#include <algorithm>
#include <numeric>

using namespace hld;
using namespace hld::test;

namespace {

const std::string kPair = R"([{"id": "users", "kind": "client", "traffic": {"rps": 200}},
    {"id": "api", "kind": "service", "replicas": 2, "workers": 4,
     "service_time": {"dist": "exponential", "mean_ms": 10}}])";
const std::string kPairLinks = R"([{"from": "users", "to": "api", "latency_ms": 0}])";

} // namespace

TEST(Dynamics, ChangesTakeEffectAtTheirSimulatedTime)
{
    const auto r = runScenario(withScenario(kPair,
                                            kPairLinks,
                                            R"([
        {"at_s": 30, "action": "set_rps", "target": "users", "value": 600},
        {"at_s": 60, "action": "set_error_rate", "target": "api", "value": 1.0},
        {"at_s": 70, "action": "set_error_rate", "target": "api", "value": 0.0}])",
                                            100));
    const auto &ts = r.series;
    ASSERT_GE(ts.size(), 99u);
    // Throughput follows the rate from second 30 (Poisson noise: ~sqrt(200)/200 per window).
    EXPECT_NEAR(meanOver(ts, ts.throughputRps, 0, 30), 200, 12);
    EXPECT_NEAR(meanOver(ts, ts.throughputRps, 31, 60), 600, 20);
    // Every request served in [60, 70) fails; none before or after.
    EXPECT_EQ(meanOver(ts, ts.errorRate, 2, 60), 0.0);
    EXPECT_GT(meanOver(ts, ts.errorRate, 61, 70), 0.99);
    EXPECT_EQ(meanOver(ts, ts.errorRate, 71, 100), 0.0);
    // Utilisation triples with the rate: 200 x 10 ms / 8 workers, then 600.
    EXPECT_NEAR(meanOver(ts, seriesOf(r, "api").utilization, 0, 30), 0.25, 0.03);
    EXPECT_NEAR(meanOver(ts, seriesOf(r, "api").utilization, 31, 60), 0.75, 0.04);
}

TEST(Dynamics, LiveEditsThroughTheApiMatchScenarioEvents)
{
    // The designer applies controls between runUntil() slices; the result must equal the
    // same change stored as a scenario event.
    const Design d = designFromJson(withScenario(kPair, kPairLinks, "[]", 60));
    const Network net = compileNetwork(d);
    SimConfig cfg;
    cfg.durationS = 60;
    cfg.recordSeries = true;
    Simulator live(net, cfg, 9);
    live.runUntil(25);
    Control c;
    c.op = ControlOp::SetReplicas;
    c.node = net.nodeIndex("api");
    c.value = 5;
    live.apply(c);
    live.run();
    Simulator scripted(net, cfg, 9);
    scripted.schedule(25, c);
    scripted.run();
    const RawMetrics a = live.finish(), b = scripted.finish();
    EXPECT_EQ(a.classes[0].count, b.classes[0].count);
    EXPECT_DOUBLE_EQ(a.classes[0].latencyMs.mean(), b.classes[0].latencyMs.mean());
    EXPECT_EQ(a.series.nodes[1].replicas.back(), 5.0);
    EXPECT_EQ(a.series.nodes[1].replicas[10], 2.0);
}

TEST(Dynamics, AutoscalerAddsReplicasForASpikeWithinItsBoundsAndP99Recovers)
{
    const auto r = runScenario(withScenario(R"([
        {"id": "users", "kind": "client",
         "traffic": {"rps": 300, "profile": {"shape": "spike", "start_s": 100, "duration_s": 300, "factor": 4}}},
        {"id": "lb", "kind": "load_balancer", "algorithm": "least_connections",
         "service_time": {"dist": "constant", "mean_ms": 0}},
        {"id": "api", "kind": "service", "replicas": 2, "workers": 4,
         "service_time": {"dist": "exponential", "mean_ms": 10},
         "autoscale": {"min": 2, "max": 8, "target_utilization": 0.6, "cooldown_s": 20,
                       "warmup_s": 10, "interval_s": 5}}])",
                                            R"([{"from": "users", "to": "lb", "latency_ms": 0},
                                                {"from": "lb", "to": "api", "latency_ms": 0}])",
                                            "[]",
                                            500));
    const auto &ts = r.series;
    const auto &replicas = seriesOf(r, "api").replicas;
    EXPECT_EQ(meanOver(ts, replicas, 0, 100), 2.0);
    const double peak = *std::max_element(replicas.begin(), replicas.end());
    EXPECT_GE(peak, 5.0); // 1,200 rps x 10 ms / 4 workers / 0.6 = 5 replicas
    EXPECT_LE(peak, 8.0); // never above max
    // During the first seconds of the spike the 2 replicas are overloaded; once scaled, P99
    // comes back down near its level before the spike.
    const double before = meanOver(ts, ts.p99Ms, 20, 100);
    const double early = meanOver(ts, ts.p99Ms, 105, 125);
    const double late = meanOver(ts, ts.p99Ms, 300, 400);
    EXPECT_GT(early, 3 * before);
    EXPECT_LT(late, 2 * before);
    // After the spike it scales back in, not below min.
    EXPECT_LT(replicas.back(), peak);
    EXPECT_GE(*std::min_element(replicas.begin(), replicas.end()), 2.0);
    EXPECT_GT(node(r, "api").scaleEvents, 1u);
}

TEST(Dynamics, ResizeTakesItsDowntimeOneReplicaAtATime)
{
    auto design = [](int replicas) {
        return withScenario(
            R"([{"id": "users", "kind": "client", "traffic": {"rps": 100}},
            {"id": "lb", "kind": "load_balancer", "service_time": {"dist": "constant", "mean_ms": 0}},
            {"id": "db", "kind": "database", "replicas": )"
                + std::to_string(replicas) + R"(,
             "instance": "s", "resize_downtime_s": 10,
             "service_time": {"dist": "exponential", "mean_ms": 5}}])",
            R"([{"from": "users", "to": "lb", "latency_ms": 0},
                                {"from": "lb", "to": "db", "latency_ms": 0}])",
            R"([{"at_s": 50, "action": "set_instance", "target": "db", "text": "xl"}])",
            100);
    };
    // One replica: down for ten seconds, every request in between fails.
    const auto single = runScenario(design(1));
    EXPECT_GT(meanOver(single.series, single.series.errorRate, 51, 60), 0.99);
    EXPECT_EQ(meanOver(single.series, single.series.errorRate, 61, 100), 0.0);
    EXPECT_EQ(meanOver(single.series, single.series.errorRate, 0, 50), 0.0);
    // Three replicas behind a balancer: a rolling restart, capacity dips, nothing fails
    // except requests caught in service at the moment a replica stops.
    const auto rolling = runScenario(design(3));
    EXPECT_LT(rolling.endToEnd.errorRate, 0.002);
    EXPECT_EQ(meanOver(rolling.series, seriesOf(rolling, "db").replicas, 51, 79), 2.0);
    EXPECT_EQ(rolling.series.nodes[2].replicas.back(), 3.0);
    // The bigger instance costs more from then on.
    EXPECT_GT(rolling.series.costPerHour.back(), rolling.series.costPerHour.front());
}

TEST(Dynamics, KilledReplicaIsRoutedAroundAndAKilledComponentFailsEverything)
{
    const auto r = runScenario(
        withScenario(R"([{"id": "users", "kind": "client", "traffic": {"rps": 200}},
            {"id": "lb", "kind": "load_balancer", "service_time": {"dist": "constant", "mean_ms": 0}},
            {"id": "api", "kind": "service", "replicas": 3, "workers": 4,
             "service_time": {"dist": "exponential", "mean_ms": 10}}])",
                     R"([{"from": "users", "to": "lb", "latency_ms": 0},
                                                {"from": "lb", "to": "api", "latency_ms": 0}])",
                     R"([{"at_s": 20, "action": "kill_replica", "target": "api", "replica": 1},
                                                {"at_s": 40, "action": "restore_replica", "target": "api", "replica": 1},
                                                {"at_s": 60, "action": "kill", "target": "api"},
                                                {"at_s": 70, "action": "restore", "target": "api"}])",
                     90));
    const auto &ts = r.series;
    EXPECT_EQ(meanOver(ts, seriesOf(r, "api").replicas, 21, 39), 2.0);
    EXPECT_LT(meanOver(ts, ts.errorRate, 21, 40), 0.01); // only the in-flight ones
    EXPECT_GT(meanOver(ts, ts.errorRate, 61, 70), 0.99);
    EXPECT_EQ(meanOver(ts, ts.errorRate, 72, 90), 0.0);
    // With every api replica down the balancer has nothing healthy behind it and answers
    // with errors itself (a 503); the api shows no replica in rotation.
    EXPECT_EQ(meanOver(ts, seriesOf(r, "api").replicas, 61, 69), 0.0);
    EXPECT_GT(meanOver(ts, seriesOf(r, "lb").errorRate, 61, 70), 0.99);
    EXPECT_EQ(meanOver(ts, seriesOf(r, "lb").errorRate, 0, 60), 0.0);
    EXPECT_EQ(seriesOf(r, "api").replicas.back(), 3.0);
}

namespace {
std::string capDesign(const std::string &consistency, const std::string &readFrom = "any")
{
    return withScenario(
        R"([
        {"id": "us-users", "kind": "client", "region": "us", "traffic": {"rps": 200, "read_ratio": 0.8}},
        {"id": "eu-users", "kind": "client", "region": "eu", "traffic": {"rps": 200, "read_ratio": 0.8}},
        {"id": "us-api", "kind": "service", "region": "us", "replicas": 2},
        {"id": "eu-api", "kind": "service", "region": "eu", "replicas": 2},
        {"id": "db", "kind": "database", "replicas": 3, "workers": 16, "region": "us",
         "replication": {"mode": "async", "lag_ms": 20, "failover_s": 1, "read_from": ")"
            + readFrom + R"(", "consistency": ")" + consistency
            + R"(", "replica_regions": ["us", "eu", "eu"], "keys": 1000}}])",
        R"([{"from": "us-users", "to": "us-api"}, {"from": "eu-users", "to": "eu-api"},
                            {"from": "us-api", "to": "db"}, {"from": "eu-api", "to": "db"}])",
        R"([{"at_s": 40, "action": "partition", "target": "us", "other": "eu"},
                            {"at_s": 80, "action": "heal", "target": "us", "other": "eu"}])",
        120);
}

double sumOver(const TimeSeries &ts, const std::vector<double> &v, double from, double to)
{
    double sum = 0;
    for (std::size_t i = 0; i < ts.size() && i < v.size(); ++i) {
        if (ts.tS[i] > from && ts.tS[i] <= to)
            sum += v[i];
    }
    return sum;
}
} // namespace

TEST(Dynamics, PartitionUnderCpRefusesAndNeverServesStale)
{
    // Reads from the leader: a CP store never serves them stale. (Reads from followers may
    // be: a majority acknowledged each write, not every follower.)
    const auto r = runScenario(capDesign("CP", "leader"));
    const auto &db = seriesOf(r, "db");
    EXPECT_GT(sumOver(r.series, db.failed, 41, 80), 1000.0);
    EXPECT_EQ(node(r, "db").staleReads, 0u);
    EXPECT_EQ(sumOver(r.series, db.failed, 0, 40), 0.0);
    EXPECT_EQ(sumOver(r.series, db.failed, 82, 120), 0.0);
    // The US side (one replica of three: the minority) loses availability once the EU
    // majority has elected its leader (1 s): about half of all requests fail.
    EXPECT_NEAR(meanOver(r.series, r.series.errorRate, 41, 80), 0.5, 0.05);
}

TEST(Dynamics, PartitionUnderApKeepsServingWithStaleReads)
{
    const auto r = runScenario(capDesign("AP"));
    const auto &db = seriesOf(r, "db");
    EXPECT_EQ(node(r, "db").consistencyFailed, 0u);
    EXPECT_EQ(r.endToEnd.failed, 0u);
    // Stale reads exist with async replication and jump while the sides cannot sync.
    const double before
        = sumOver(r.series, db.staleReads, 0, 40) / sumOver(r.series, db.reads, 0, 40);
    const double during
        = sumOver(r.series, db.staleReads, 41, 80) / sumOver(r.series, db.reads, 41, 80);
    EXPECT_GT(during, 2 * before);
    EXPECT_GT(node(r, "db").staleReads, 0u);
}

TEST(Dynamics, ScenariosAreDeterministic)
{
    const std::string json = capDesign("AP");
    const auto a = resultsToJsonText(runScenario(json, 4));
    EXPECT_EQ(a, resultsToJsonText(runScenario(json, 4)));
    EXPECT_NE(a, resultsToJsonText(runScenario(json, 5)));
    EXPECT_NE(a.find("\"timeseries\""), std::string::npos);
}

TEST(Dynamics, TrafficProfilesShapeTheRate)
{
    const auto r = runScenario(withScenario(R"([{"id": "users", "kind": "client",
        "traffic": {"rps": 100, "profile": {"shape": "ramp", "start_s": 20, "duration_s": 40, "factor": 5}}},
        {"id": "api", "kind": "service", "workers": 64}])",
                                            R"([{"from": "users", "to": "api", "latency_ms": 0}])",
                                            "[]",
                                            90));
    const auto &ts = r.series;
    EXPECT_NEAR(meanOver(ts, ts.throughputRps, 2, 20), 100, 8);
    EXPECT_NEAR(meanOver(ts, ts.throughputRps, 35, 45), 100 + 400 * (40.0 - 20) / 40, 25);
    EXPECT_NEAR(meanOver(ts, ts.throughputRps, 62, 90), 500, 20);
}

TEST(Dynamics, FlushedCacheSendsReadsToTheDatabaseUntilItWarms)
{
    const auto r = runScenario(
        withScenario(R"([{"id": "users", "kind": "client", "traffic": {"rps": 300}},
        {"id": "cache", "kind": "cache", "hit_ratio": 0.9},
        {"id": "db", "kind": "database", "workers": 64}])",
                     R"([{"from": "users", "to": "cache"}, {"from": "cache", "to": "db"}])",
                     R"([{"at_s": 30, "action": "flush_cache", "target": "cache"}])",
                     120));
    const auto &db = seriesOf(r, "db").throughput;
    EXPECT_NEAR(meanOver(r.series, db, 5, 30), 30, 6); // 10% misses
    // Cold: the fixed mode refills in reads (a 1,000-key hot set), 600 in the first 2 s.
    EXPECT_GT(meanOver(r.series, db, 30, 32), 180);
    EXPECT_NEAR(meanOver(r.series, db, 100, 120), 30, 8); // warm again
}

TEST(Dynamics, GlobalProfileTemplatePlaysItsPartitionScenario)
{
    // The shipped CAP template end to end: a two-minute partition with thousands of
    // replication messages cut off, then a heal that reconciles the followers.
    const auto loaded = loadDesignFile(std::string(HLD_SOURCE_DIR)
                                       + "/resources/templates/global-profile-store.hld.json");
    ASSERT_TRUE(loaded.ok());
    RunOptions o;
    o.sim.durationS = loaded.design->scenario->durationS.value_or(0);
    o.sim.recordSeries = true;
    const auto r = runDesign(*loaded.design, o);
    EXPECT_EQ(r.status, "ok");
    EXPECT_EQ(r.endToEnd.failed, 0u); // AP: nobody is refused
    const auto &db = seriesOf(r, "profiles");
    const double before
        = sumOver(r.series, db.staleReads, 30, 120) / sumOver(r.series, db.reads, 30, 120);
    const double during
        = sumOver(r.series, db.staleReads, 150, 240) / sumOver(r.series, db.reads, 150, 240);
    const double after
        = sumOver(r.series, db.staleReads, 270, 360) / sumOver(r.series, db.reads, 270, 360);
    EXPECT_GT(during, 1.5 * before);
    EXPECT_LT(after, 1.2 * before); // healed and reconciled
}

TEST(Dynamics, TopologyChangesKeepRequestsInFlight)
{
    // Add a queue and an async link while the demo runs: nothing in flight is lost, the
    // statistics of the existing components carry on, the new component starts working.
    const auto loaded = loadDesignFile(std::string(HLD_SOURCE_DIR)
                                       + "/resources/examples/url-shortener.hld.json");
    ASSERT_TRUE(loaded.ok());
    Design d = *loaded.design;
    const Network before = compileNetwork(d);
    SimConfig cfg;
    cfg.durationS = 60;
    cfg.recordSeries = true;
    Simulator sim(before, cfg, 3);
    sim.runUntil(30);
    const auto inFlight = sim.inFlight();
    EXPECT_GT(inFlight, 0u);

    Design grown = d;
    Component q;
    q.id = "events";
    q.kind = ComponentKind::Queue;
    grown.components.insert(grown.components.begin() + 2, q); // renumbers everything after it
    Component worker;
    worker.id = "indexer";
    worker.kind = ComponentKind::Service;
    grown.components.push_back(worker);
    grown.links.push_back(Link{});
    grown.links.back().from = "api";
    grown.links.back().to = "events";
    grown.links.back().mode = LinkMode::Async;
    grown.links.push_back(Link{});
    grown.links.back().from = "events";
    grown.links.back().to = "indexer";
    const Network after = compileNetwork(grown);
    ASSERT_TRUE(sim.adopt(after));
    EXPECT_EQ(sim.inFlight(), inFlight);
    sim.run();
    const RawMetrics m = sim.finish();
    EXPECT_EQ(m.classes[0].failed + m.classes[1].failed, 0u); // nobody was dropped
    EXPECT_EQ(m.classes[0].count + m.classes[1].count, m.created);
    const auto api = after.nodeIndex("api"), events = after.nodeIndex("events");
    EXPECT_GT(m.nodes[api].arrivals, 60000u); // 60 s of 1,200 rps, before and after
    EXPECT_NEAR(double(m.nodes[events].arrivals), 30 * 1200, 30 * 1200 * 0.05); // the last 30 s
    EXPECT_EQ(m.series.nodes[events].utilization.size(), m.series.tS.size());

    // Removing a component that requests are standing on is refused, and changes nothing.
    Simulator sim2(before, cfg, 3);
    sim2.runUntil(10);
    Design shrunk = d;
    shrunk.components.erase(shrunk.components.begin() + 3); // the cache
    shrunk.links.erase(shrunk.links.begin() + 2, shrunk.links.end());
    const Network smaller = compileNetwork(shrunk);
    EXPECT_FALSE(sim2.adopt(smaller));
    sim2.run();
    EXPECT_EQ(sim2.finish().classes[0].failed, 0u);
}

TEST(Dynamics, AdoptingFromAnEmptyDesignStartsTheNewClients)
{
    // The designer starts its engine on whatever is open, possibly nothing, then the user
    // opens a design: clients scheduled by the adoption must not be renumbered again.
    const auto loaded = loadDesignFile(std::string(HLD_SOURCE_DIR)
                                       + "/resources/examples/url-shortener.hld.json");
    ASSERT_TRUE(loaded.ok());
    const Network empty = compileNetwork(Design{});
    const Network full = compileNetwork(*loaded.design);
    SimConfig cfg;
    cfg.durationS = 20;
    cfg.recordSeries = true;
    Simulator sim(empty, cfg, 1);
    sim.runUntil(1.0);
    ASSERT_TRUE(sim.adopt(full));
    sim.run();
    const RawMetrics m = sim.finish();
    EXPECT_NEAR(double(m.created), 19 * 1200, 19 * 1200 * 0.05);
    EXPECT_EQ(m.classes[0].failed + m.classes[1].failed, 0u);
}

TEST(Dynamics, KillingAnyReplicaTakesOneStillInRotationEachTime)
{
    const Design d = designFromJson(withScenario(kPair, kPairLinks, "[]", 10));
    const Network net = compileNetwork(d);
    SimConfig cfg;
    cfg.durationS = 10;
    Simulator sim(net, cfg, 2);
    sim.runUntil(2);
    Control kill;
    kill.op = ControlOp::KillReplica;
    kill.node = net.nodeIndex("api");
    sim.apply(kill);
    EXPECT_EQ(sim.replicasInRotation(kill.node), 1u);
    EXPECT_EQ(sim.downCount(kill.node), 1u);
    sim.apply(kill);
    EXPECT_EQ(sim.replicasInRotation(kill.node), 0u);
    EXPECT_EQ(sim.downCount(kill.node), 2u);
    sim.apply(kill); // nothing left to kill: no change, no crash
    EXPECT_EQ(sim.downCount(kill.node), 2u);
}
