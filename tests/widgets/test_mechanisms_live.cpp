// The data mechanisms on the canvas and in the CAP view while simulating: a queue's backlog,
// shard load with the hot shard, the leader or an election, a key-level cache's fill; the
// failover, write-unavailability and conflict series.
#include "component_item.h"
#include "design_document.h"
#include "diagram_scene.h"
#include "file_controller.h"
#include "io/design_reader.h"
#include "live_charts.h"
#include "main_window.h"
#include "mechanism_strip.h"
#include "simulation_controller.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace hld;

namespace {

// 100 msg/s into a queue whose consumer dies at 5 s: the backlog grows by about 100 a second.
const char *kOutage = R"({"format": "hld-design", "version": 1, "name": "outage",
  "components": [
    {"id": "users", "kind": "client", "traffic": {"rps": 100}, "position": {"x": 0, "y": 0}},
    {"id": "jobs", "kind": "queue", "service_time": {"dist": "constant", "mean_ms": 0},
     "position": {"x": 200, "y": 0}},
    {"id": "worker", "kind": "service", "workers": 4, "position": {"x": 400, "y": 0},
     "service_time": {"dist": "exponential", "mean_ms": 10}}],
  "links": [{"from": "users", "to": "jobs"}, {"from": "jobs", "to": "worker"}],
  "scenario": {"duration_s": 60, "events": [{"at_s": 5, "action": "kill", "target": "worker"}]}})";

Component component(ComponentKind kind)
{
    Component c;
    c.id = "x";
    c.kind = kind;
    return c;
}

bool paintsSomething(const MechanismStrip &strip)
{
    QImage img(160, 60, QImage::Format_ARGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    strip.paint(&p, QPointF(2, 2), 150, QGuiApplication::palette());
    p.end();
    int dark = 0;
    for (int y = 0; y < img.height(); ++y) {
        for (int x = 0; x < img.width(); ++x)
            dark += qGray(img.pixel(x, y)) < 160;
    }
    return dark > 20;
}

} // namespace

class TestMechanismsLive : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("hld-test"));
        QApplication::setApplicationName(QStringLiteral("mechanisms-live"));
    }

    void queueShowsItsBacklog()
    {
        Component q = component(ComponentKind::Queue);
        LiveNode live;
        live.mechanisms.backlog = 6012;
        MechanismStrip strip(q, live);
        QCOMPARE(strip.texts(), QStringList{QStringLiteral("backlog 6,012")});
        QVERIFY(paintsSomething(strip));
        live.mechanisms.backlog = 25000;
        QCOMPARE(MechanismStrip(q, live).texts().front(), QStringLiteral("backlog 25.0k"));
    }

    void shardsShowTheirLoadAndTheHotOne()
    {
        Component db = component(ComponentKind::Database);
        db.shards = Shards{4, ShardStrategy::Range, 100};
        LiveNode live;
        QCOMPARE(MechanismStrip(db, live).texts(), QStringList{QStringLiteral("4 shards")});
        live.mechanisms.shardLoad = {0.1, 0.12, 0.1, 0.95}; // sequential inserts: the last
        MechanismStrip strip(db, live);
        QCOMPARE(strip.texts(), QStringList{QStringLiteral("hot: #3 at 95%")});
        QVERIFY(paintsSomething(strip));
        live.mechanisms.shardLoad = {0.6, 0.62, 0.58, 0.61}; // even: nothing singled out
        QCOMPARE(MechanismStrip(db, live).texts(), QStringList{QStringLiteral("4 shards")});
    }

    void replicatedStoresMarkTheLeaderOrTheElection()
    {
        Component db = component(ComponentKind::Database);
        db.replicas = 3;
        db.replication = Replication{};
        LiveNode live;
        live.replicas = 3;
        live.mechanisms.leader = 1;
        QCOMPARE(MechanismStrip(db, live).texts(), QStringList{QStringLiteral("leader r1")});
        live.mechanisms.leader = -1;
        live.mechanisms.electing = true;
        MechanismStrip electing(db, live);
        QCOMPARE(electing.texts(), QStringList{QStringLiteral("electing…")});
        QVERIFY(paintsSomething(electing));
        db.replication->quorum = Quorum{2, 2};
        QCOMPARE(MechanismStrip(db, live).texts(), QStringList{QStringLiteral("quorum R2 W2")});
    }

    void keyLevelCacheShowsItsFill()
    {
        Component cache = component(ComponentKind::Cache);
        LiveNode live;
        QCOMPARE(MechanismStrip(cache, live).lineCount(), 0); // a fixed hit ratio: nothing
        cache.capacityKeys = 10000;
        live.mechanisms.cacheFill = 0.73;
        live.mechanisms.cacheKeys = 7300;
        QCOMPARE(MechanismStrip(cache, live).texts(),
                 QStringList{QStringLiteral("7.3k keys, 73%")});
        // A sharded, replicated key-level cache shows every line, up to the limit.
        cache.shards = Shards{};
        cache.replication = Replication{};
        cache.healthCheck = HealthCheck{};
        QCOMPARE(MechanismStrip(cache, live).lineCount(), MechanismStrip::kMaxLines);
    }

    // A real run: the queue's item receives the backlog from the engine with each snapshot.
    void aRunFeedsTheBacklogToTheCanvas()
    {
        MainWindow w;
        auto loaded = parseDesign(kOutage);
        QVERIFY(loaded.ok());
        w.files()->newDocument(*loaded.design);
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.simulation()->setSpeed(SimulationController::kAsFastAsPossible);
        w.simulation()->run();
        auto *jobs = w.scene()->componentItem(QStringLiteral("jobs"));
        QTRY_VERIFY_WITH_TIMEOUT(jobs->hasLive() && jobs->live().mechanisms.backlog > 300, 30000);
        w.simulation()->pause();
        QVERIFY(MechanismStrip(*jobs->component(), jobs->live())
                    .texts()
                    .front()
                    .startsWith(QStringLiteral("backlog ")));
        w.document()->undoStack()->setClean();
    }

    // The CAP view charts failovers, write-unavailable seconds and conflicts of a store once
    // they happen, on its right axis.
    void capViewChartsFailoversUnavailabilityAndConflicts()
    {
        LiveCharts charts;
        charts.showCapChart(true);
        LiveSnapshot s;
        s.nodes.resize(1);
        s.nodes[0].id = QStringLiteral("db");
        TimeSeries &p = s.newPoints;
        for (int i = 0; i < 4; ++i) {
            p.tS.push_back(i + 1);
            for (auto *v :
                 {&p.p50Ms, &p.p95Ms, &p.p99Ms, &p.throughputRps, &p.errorRate, &p.costPerHour})
                v->push_back(0);
        }
        p.nodes.resize(1);
        NodeSeries &n = p.nodes[0];
        n.forEachColumn([](std::vector<double> &v) { v.assign(4, 0.0); });
        n.reads = {10, 10, 10, 10};
        n.requests = {20, 20, 20, 20};
        charts.addPoints(s);
        QStringList names = charts.seriesNames(LiveCharts::Cap);
        QCOMPARE(names, (QStringList{"db availability", "db consistency"})); // nothing yet
        n.failovers = {0, 1, 0, 0};
        n.writeUnavailable = {0, 0.6, 0.4, 0};
        n.conflicts = {0, 0, 0, 3};
        for (double &t : p.tS)
            t += 4;
        charts.addPoints(s);
        names = charts.seriesNames(LiveCharts::Cap);
        QVERIFY(names.contains(QStringLiteral("db failovers")));
        QVERIFY(names.contains(QStringLiteral("db write-unavailable s")));
        QVERIFY(names.contains(QStringLiteral("db conflicts")));
        // From its first non-zero window on, every window is charted.
        QCOMPARE(charts.seriesPointCount(LiveCharts::Cap, QStringLiteral("db failovers")), 3);
        QCOMPARE(charts.seriesPointCount(LiveCharts::Cap, QStringLiteral("db conflicts")), 1);
    }

    // During an outage nothing succeeds: the latency chart leaves those windows out instead
    // of drawing 0 ms (which reads as "faster"); the error chart still shows every window.
    void latencySkipsWindowsWithoutASuccess()
    {
        LiveCharts charts;
        LiveSnapshot s;
        TimeSeries &p = s.newPoints;
        for (int i = 0; i < 4; ++i) {
            p.tS.push_back(i + 1);
            p.p50Ms.push_back(i == 1 || i == 2 ? 0 : 12);
            p.p95Ms.push_back(p.p50Ms.back());
            p.p99Ms.push_back(p.p50Ms.back());
            p.throughputRps.push_back(i == 1 || i == 2 ? 0 : 100);
            p.errorRate.push_back(i == 1 || i == 2 ? 1 : 0);
            p.costPerHour.push_back(1);
        }
        charts.addPoints(s);
        QCOMPARE(charts.pointCount(), 2);
        QCOMPARE(charts.seriesPointCount(LiveCharts::Throughput, QStringLiteral("errors %")), 4);
    }
};

QTEST_MAIN(TestMechanismsLive)
#include "test_mechanisms_live.moc"
