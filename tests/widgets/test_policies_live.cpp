// Failure handling and traffic control on the canvas and in the trace while simulating
// (contract 5.6-5.7): a link's breaker glyph in its state, what its retries and breaker are
// doing, a dead replica its health checks have not noticed drawn apart from one taken out of
// rotation, a rate limiter's 429s; the trace waterfall's attempts, backoffs and marks.
#include "component_item.h"
#include "design_document.h"
#include "design_editor.h"
#include "diagram_scene.h"
#include "file_controller.h"
#include "io/design_reader.h"
#include "link_item.h"
#include "main_window.h"
#include "mechanism_strip.h"
#include "simulation_controller.h"
#include "simulation_worker.h"
#include "trace_view.h"
#include "traffic_overlay.h"
#include "waterfall_painter.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace hld;

namespace {

// Every call to db fails. api retries each call twice; its breaker opens and stays open.
const char *kFailing = R"({"format": "hld-design", "version": 1, "name": "failing",
  "components": [
    {"id": "users", "kind": "client", "traffic": {"rps": 200}, "position": {"x": 0, "y": 0}},
    {"id": "api", "kind": "service", "workers": 64, "position": {"x": 300, "y": 0},
     "service_time": {"dist": "constant", "mean_ms": 1}},
    {"id": "db", "kind": "database", "workers": 64, "error_rate": 1,
     "position": {"x": 600, "y": 0}, "service_time": {"dist": "constant", "mean_ms": 1}}],
  "links": [{"from": "users", "to": "api"},
            {"from": "api", "to": "db", "retry": {"max": 2, "backoff_ms": 5},
             "circuit_breaker": {"failure_rate": 0.5, "min_calls": 10, "window_s": 2,
                                 "open_s": 1000, "half_open_calls": 1}}]})";

// Replica 0 of svc dies at 1 s; its balancer's checks notice 4 to 6 s later. The balancer
// also rate-limits: 300 requests a second in, 150 let through.
const char *kOutage = R"({"format": "hld-design", "version": 1, "name": "outage",
  "components": [
    {"id": "users", "kind": "client", "traffic": {"rps": 300, "arrival": "constant"},
     "position": {"x": 0, "y": 0}},
    {"id": "lb", "kind": "load_balancer", "position": {"x": 300, "y": 0},
     "rate_limit": {"algorithm": "fixed_window", "limit": 150, "window_s": 1}},
    {"id": "svc", "kind": "service", "replicas": 3, "position": {"x": 600, "y": 0},
     "health_check": {"interval_s": 2, "unhealthy_after": 3}}],
  "links": [{"from": "users", "to": "lb"}, {"from": "lb", "to": "svc"}],
  "scenario": {"events": [{"at_s": 1, "action": "kill_replica", "target": "svc",
                           "replica": 0}]}})";

Design load(const char *text)
{
    auto loaded = parseDesign(text);
    if (!loaded.ok())
        qFatal("test design does not load");
    return *loaded.design;
}

// Pixels of `colour` (within a small tolerance) in the scene's `rect`, drawn at 2x.
int pixelsOf(QGraphicsScene &scene, const QRectF &rect, const QColor &colour)
{
    QImage img((rect.size() * 2).toSize(), QImage::Format_ARGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    scene.render(&p, QRectF(QPointF(), img.size()), rect);
    p.end();
    int n = 0;
    for (int y = 0; y < img.height(); ++y) {
        for (int x = 0; x < img.width(); ++x) {
            const QColor c = img.pixelColor(x, y);
            n += std::abs(c.red() - colour.red()) < 12 && std::abs(c.green() - colour.green()) < 12
                 && std::abs(c.blue() - colour.blue()) < 12;
        }
    }
    return n;
}

const QColor kOpen(0xd6, 0x2c, 0x2c);
const QColor kUndetected(0xb3, 0x5c, 0x00);

} // namespace

class TestPoliciesLive : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("hld-test"));
        QApplication::setApplicationName(QStringLiteral("policies-live"));
    }

    // The whole path: the window runs the design, the engine's breaker opens, the link on the
    // canvas turns its glyph red and says what the policies are doing.
    void aRunningDesignShowsItsBreakerOpen()
    {
        MainWindow w;
        w.files()->newDocument(load(kFailing));
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        LinkItem *link = w.scene()->linkItem(QStringLiteral("api"), QStringLiteral("db"));
        QVERIFY(link);
        // Before the run: the policies in words, the breaker glyph in grey.
        QCOMPARE(link->policyMarks().summary(), QStringLiteral("retry ×2 · breaker"));
        QVERIFY(link->policyMarks().hasBreaker());
        const QRectF glyph(link->breakerCentre() - QPointF(9, 9), QSizeF(18, 18));
        QCOMPARE(pixelsOf(*w.scene(), link->mapRectToScene(glyph), kOpen), 0);

        w.simulation()->setSpeed(SimulationController::kAsFastAsPossible);
        w.simulation()->run();
        QTRY_VERIFY_WITH_TIMEOUT(link->live() && link->live()->breaker == LiveLink::Open, 30000);
        w.simulation()->pause();
        const LinkPolicyMarks marks = link->policyMarks();
        QCOMPARE(marks.breakerText(), QStringLiteral("breaker open"));
        QVERIFY(marks.activity().contains(QStringLiteral("short-circuited")));
        QVERIFY(link->toolTip().contains(QStringLiteral("Circuit breaker OPEN")));
        QVERIFY2(pixelsOf(*w.scene(), link->mapRectToScene(glyph), kOpen) > 40,
                 "the open breaker is drawn red");
        // The plain link from the client has no policy and draws no glyph.
        LinkItem *plain = w.scene()->linkItem(QStringLiteral("users"), QStringLiteral("api"));
        QVERIFY(plain->live() && !plain->live()->guarded);
        QVERIFY(!plain->policyMarks().hasBreaker());
        QVERIFY(plain->policyMarks().activity().isEmpty());

        // Reset: the live state goes, the design's policies come back.
        w.simulation()->reset();
        QTRY_VERIFY_WITH_TIMEOUT(!link->live(), 10000);
        QCOMPARE(link->policyMarks().summary(), QStringLiteral("retry ×2 · breaker"));
        w.document()->undoStack()->setClean();
    }

    // A dead replica still in rotation is drawn apart from one taken out of it: its own
    // badge and its own dot, then the red "down" once the checks notice. And the 429s.
    void undetectedReplicasAndRateLimitsFromSnapshots()
    {
        DesignDocument doc;
        DesignEditor editor(&doc);
        doc.resetDesign(load(kOutage));
        DiagramScene scene(&editor);
        SimulationWorker worker;
        worker.restart(doc.design(), 1);
        worker.step(1.5);
        scene.applySnapshot(*worker.snapshot(true, 1));

        ComponentItem *svc = scene.componentItem(QStringLiteral("svc"));
        QCOMPARE(svc->live().undetected, 1u);
        QStringList lines = MechanismStrip(*svc->component(), svc->live()).texts();
        QVERIFY2(lines.contains(QStringLiteral("1 dead, undetected")), qPrintable(lines.join('|')));
        const QRectF box = svc->sceneBoundingRect();
        QVERIFY2(pixelsOf(scene, box, kUndetected) > 30, "the undetected replica is drawn apart");
        QCOMPARE(pixelsOf(scene, box, kOpen), 0); // nothing says "down" yet

        ComponentItem *lb = scene.componentItem(QStringLiteral("lb"));
        QVERIFY(lb->live().rateLimited > 100);
        QVERIFY(lb->live().rateLimitedPerS > 50);
        lines = MechanismStrip(*lb->component(), lb->live()).texts();
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.front().startsWith(QStringLiteral("429s: ")), qPrintable(lines.front()));
        QVERIFY(lines.front().contains(QStringLiteral("/s")));

        worker.step(10.0);
        scene.applySnapshot(*worker.snapshot(true, 1));
        QCOMPARE(svc->live().undetected, 0u);
        QCOMPARE(svc->live().down, 1u);
        lines = MechanismStrip(*svc->component(), svc->live()).texts();
        QVERIFY2(lines.contains(QStringLiteral("1 dead, out of rotation")),
                 qPrintable(lines.join('|')));
        QCOMPARE(pixelsOf(scene, box, kUndetected), 0);
        QVERIFY2(pixelsOf(scene, box, kOpen) > 30, "the detected one is down, in red");
    }

    // The waterfall receives a guarded call's attempts, its backoffs and the three marks, and
    // draws each its own way, with a legend and a tooltip that says what it was.
    void waterfallDrawsAttemptsBackoffsAndMarks()
    {
        TraceView trace;
        trace.resize(700, 300);
        LiveSnapshot s;
        s.links = std::make_shared<std::vector<LinkRef>>(
            std::vector<LinkRef>{{"users", "api"}, {"api", "db"}});
        // (span 1: users -> api; span 2: api's first attempt at db)
        auto hop = [](std::uint32_t link,
                      double d,
                      double a,
                      bool back,
                      int outcome,
                      std::uint32_t span,
                      int attempt) {
            const std::uint32_t parent = link == 0 ? 0 : 1;
            return TraceHop{
                7, link, d, a, back, std::uint8_t(outcome), std::uint8_t(attempt), span, parent};
        };
        s.hops = {hop(0, 0.000, 0.001, false, 0, 1, 1),
                  hop(1, 0.001, 0.002, false, 0, 2, 1),
                  hop(1, 0.032, 0.032, false, 4, 2, 1), // timed out after 30 ms
                  hop(1, 0.032, 0.052, false, 6, 0, 2), // wait 20 ms
                  hop(1, 0.052, 0.052, false, 7, 0, 2), // the bulkhead is full
                  hop(1, 0.052, 0.092, false, 6, 0, 3), // wait 40 ms
                  hop(1, 0.092, 0.092, false, 5, 0, 3), // the breaker opened meanwhile
                  hop(0, 0.093, 0.094, true, 2, 1, 0)};
        s.simTimeS = 1.0;
        trace.addHops(s);
        QCOMPARE(trace.shownRequest(), std::optional<std::uint32_t>(7));
        QCOMPARE(int(trace.shownOutcome()), 2);
        const auto &spans = trace.spans();
        using K = WaterfallSpan::Kind;
        QCOMPARE(int(spans.size()), 6);
        QVERIFY(spans[1].kind == K::Call && spans[1].timedOut);
        QCOMPARE(spans[2].kind, K::Backoff);
        QCOMPARE(spans[3].kind, K::Rejected);
        QCOMPARE(spans[3].attempt, 2);
        QCOMPARE(spans[4].kind, K::Backoff);
        QCOMPARE(spans[5].kind, K::ShortCircuited);
        QCOMPARE(spans[5].attempt, 3);

        const WaterfallPainter painter(spans, trace.shownTotalMs(), QRect(0, 0, 700, 260));
        QCOMPARE(trace.legend(), painter.legendItems());
        QCOMPARE(painter.legendItems(),
                 (QStringList{"call",
                              "failed", // api's answer to the client
                              "retry wait",
                              "timed out",
                              "short-circuited",
                              "bulkhead rejected"}));
        QVERIFY(WaterfallPainter::describe(spans[5]).contains(QStringLiteral("breaker is open")));
        QVERIFY(WaterfallPainter::describe(spans[3]).contains(QStringLiteral("bulkhead")));
        QVERIFY(WaterfallPainter::describe(spans[2]).contains(QStringLiteral("retry backoff")));
        // The caller gave up 31 ms after sending (the hop took 1 ms: 30 ms at db).
        QVERIFY2(WaterfallPainter::describe(spans[1]).contains(
                     QStringLiteral("31.00 ms after sending it, timed out")),
                 qPrintable(WaterfallPainter::describe(spans[1])));
        QCOMPARE(WaterfallPainter::label(spans[2]), QStringLiteral("wait, then try 2"));

        // Drawn: hatching in the wait's row, red where the breaker refused, orange where the
        // bulkhead did.
        QImage img(700, 260, QImage::Format_ARGB32);
        img.fill(Qt::white);
        QPainter p(&img);
        painter.paint(p, trace.palette(), QStringLiteral("title"), QString());
        p.end();
        auto count = [&](const QRectF &r, const QColor &colour) {
            int n = 0;
            for (int y = int(r.top()); y < int(r.bottom()); ++y) {
                for (int x = std::max(0, int(r.left()) - 8); x < int(r.right()) + 8 && x < 700;
                     ++x) {
                    const QColor c = img.pixelColor(x, y);
                    n += std::abs(c.red() - colour.red()) < 16
                         && std::abs(c.green() - colour.green()) < 16
                         && std::abs(c.blue() - colour.blue()) < 16;
                }
            }
            return n;
        };
        const QRectF waitBar = painter.barRect(spans[2], painter.rowRect(2));
        QVERIFY(count(waitBar, QColor(0x75, 0x75, 0x75)) > 10);
        QVERIFY(count(painter.barRect(spans[5], painter.rowRect(5)), kOpen) > 10);
        QVERIFY(count(painter.barRect(spans[3], painter.rowRect(3)), QColor(0xef, 0x6c, 0x00))
                > 10);
    }

    // The trace's words belong to the run: a reset (or another design) clears them.
    void aResetClearsTheLastFailuresHeader()
    {
        TraceView trace;
        LiveSnapshot s;
        s.links = std::make_shared<std::vector<LinkRef>>(std::vector<LinkRef>{{"users", "api"}});
        s.hops = {TraceHop{3, 0, 0.0, 0.001, false, 0, 1, 1, 0},
                  TraceHop{3, 0, 0.002, 0.003, true, 2, 0, 1, 0}};
        s.simTimeS = 1.0;
        trace.showLastFailure();
        trace.addHops(s);
        QVERIFY2(trace.status().startsWith(QStringLiteral("Last failed request")),
                 qPrintable(trace.status()));
        trace.clear();
        QVERIFY2(trace.status().contains(QStringLiteral("waiting for the first one")),
                 qPrintable(trace.status()));
        QVERIFY(!trace.shownRequest());
    }

    // Marks are not requests: nothing moves along a link for a timeout, a backoff or a
    // short circuit.
    void marksDoNotAnimateAsDots()
    {
        DesignDocument doc;
        DesignEditor editor(&doc);
        doc.resetDesign(load(kFailing));
        DiagramScene scene(&editor);
        LiveSnapshot s;
        s.links = std::make_shared<std::vector<LinkRef>>(std::vector<LinkRef>{{"api", "db"}});
        s.hops = {TraceHop{1, 0, 0.1, 0.1, false, 4, 1, 1, 0},
                  TraceHop{1, 0, 0.1, 0.2, false, 6, 2, 0, 0},
                  TraceHop{1, 0, 0.2, 0.2, false, 5, 2, 0, 0},
                  TraceHop{1, 0, 0.2, 0.2, false, 7, 2, 0, 0}};
        s.simTimeS = 0.3;
        scene.applySnapshot(s);
        QCOMPARE(scene.traffic()->activeDots(), 0);
        s.hops.push_back(TraceHop{1, 0, 0.2, 0.21, false, 0, 2, 2, 0});
        scene.applySnapshot(s);
        QCOMPARE(scene.traffic()->activeDots(), 1);
    }

    // In a real run, the last failure's trace shows all three attempts and the two waits.
    void aRealFailureShowsItsRetriesInTheTrace()
    {
        MainWindow w;
        Design d = load(kFailing);
        d.links[1].circuitBreaker.reset(); // every call tries three times
        w.files()->newDocument(d);
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.trace()->showLastFailure();
        w.simulation()->setSpeed(SimulationController::kAsFastAsPossible);
        w.simulation()->run();
        QTRY_VERIFY_WITH_TIMEOUT(w.trace()->shownRequest().has_value(), 30000);
        w.simulation()->pause();
        int attempts = 0, waits = 0;
        for (const auto &span : w.trace()->spans()) {
            attempts += span.kind == WaterfallSpan::Kind::Call && span.component == "db";
            waits += span.kind == WaterfallSpan::Kind::Backoff;
        }
        QCOMPARE(attempts, 3);
        QCOMPARE(waits, 2);
        QCOMPARE(int(w.trace()->shownOutcome()), 2);
        w.document()->undoStack()->setClean();
    }
};

QTEST_MAIN(TestPoliciesLive)
#include "test_policies_live.moc"
