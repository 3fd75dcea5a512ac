// The live simulation: a worker thread paced against the wall clock, snapshots to the GUI
// thread, edits reaching the engine while it runs.
// GCC 12 reports a false -Wrestrict on std::string assignment (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include "design_document.h"
#include "design_editor.h"
#include "file_controller.h"
#include "model/component_kind.h"
#include "simulation_controller.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <chrono>
#include <thread>

using namespace hld;

class TestSimulationController : public QObject
{
    Q_OBJECT

    DesignDocument *doc = nullptr;
    DesignEditor *ed = nullptr;
    SimulationController *sim = nullptr;

    // Waits (processing events) until a snapshot satisfies `done`.
    template<typename F>
    LiveSnapshotPtr waitFor(F done, int timeoutMs = 20000)
    {
        LiveSnapshotPtr last;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            last = sim->latest();
            if (last && done(*last))
                return last;
        }
        return last;
    }

    int index(const char *id) const { return doc->componentIndex(QString::fromLatin1(id)); }

private slots:
    void init()
    {
        doc = new DesignDocument;
        ed = new DesignEditor(doc);
        FileController files(doc);
        files.newDocument(
            *FileController::loadTemplate(QStringLiteral(":/templates/url-shortener.hld.json")));
        sim = new SimulationController(doc);
    }

    void cleanup()
    {
        delete sim;
        delete ed;
        delete doc;
    }

    void runsAndPublishesSnapshots()
    {
        QSignalSpy spy(sim, &SimulationController::snapshotReady);
        sim->setSpeed(SimulationController::kAsFastAsPossible);
        sim->run();
        const auto s = waitFor([](const LiveSnapshot &s) { return s.simTimeS > 30; });
        QVERIFY(s && s->simTimeS > 30);
        QVERIFY(spy.count() >= 1);
        const LiveNode &api = s->nodes[std::size_t(index("api"))];
        QCOMPARE(api.replicas, 3u);
        QCOMPARE(api.workers, 12u);
        QVERIFY2(std::abs(api.utilization - 0.8) < 0.15,
                 qPrintable(QString::number(api.utilization)));
        // 1,200 requests per second leave the client (averaged over the last snapshot).
        QVERIFY(s->linkRps[0] > 600 && s->linkRps[0] < 2400);
        QVERIFY(!s->hops.empty() || !sim->latest()->hops.empty());
        sim->pause();
    }

    // The GUI thread busy for a second (a heavy chart layout, a debug build) must not leave
    // a queued snapshot per frame behind it: they piled up faster than a slow GUI could
    // take them, and `processEvents` never returned (test_live under AddressSanitizer).
    void aBusyGuiThreadGetsNoBacklogOfSnapshots()
    {
        QSignalSpy spy(sim, &SimulationController::snapshotReady);
        sim->setSpeed(SimulationController::kAsFastAsPossible);
        sim->run();
        std::this_thread::sleep_for(std::chrono::seconds(1)); // ~30 frames
        QCoreApplication::sendPostedEvents(sim);
        QVERIFY2(spy.count() <= 2, qPrintable(QString::number(spy.count())));
        // Nothing is lost: the next snapshot carries on from the last one delivered.
        const double t = sim->latest()->simTimeS;
        const auto s = waitFor([t](const LiveSnapshot &s) { return s.simTimeS > t; });
        QVERIFY(s && s->simTimeS > t);
        sim->pause();
    }

    void pacesAtTheChosenSpeed()
    {
        QSignalSpy spy(sim, &SimulationController::snapshotReady);
        sim->setSpeed(10.0);
        sim->run();
        QTest::qWait(1500);
        const double t = sim->latest()->simTimeS;
        sim->pause();
        // Snapshots come steadily but never faster than 30 a second.
        QVERIFY2(spy.count() >= 10 && spy.count() <= 47, qPrintable(QString::number(spy.count())));
        // 1.5 wall seconds at 10x is about 15 simulated seconds.
        QVERIFY2(t > 9 && t < 18, qPrintable(QString::number(t)));
    }

    void pauseStopsTimeAndStepAdvancesIt()
    {
        sim->step(2.0);
        const auto s = waitFor([](const LiveSnapshot &s) { return s.simTimeS >= 2.0; });
        QVERIFY(s);
        QCOMPARE(s->simTimeS, 2.0);
        QTest::qWait(300);
        QCOMPARE(sim->latest()->simTimeS, 2.0);
        sim->step(1.0);
        const auto s2 = waitFor([](const LiveSnapshot &s) { return s.simTimeS >= 3.0; });
        QCOMPARE(s2->simTimeS, 3.0);
    }

    // A live run went on for ever past its scenario's duration_s, where hldsim stops. It
    // pauses there now, once: Run carries on past it, and without a duration it never stops.
    void theRunPausesWhereItsScenarioEnds()
    {
        FileController files(doc);
        Design d = doc->design();
        d.scenario = Scenario{};
        d.scenario->durationS = 12.5;
        files.newDocument(d);
        QSignalSpy ended(sim, &SimulationController::scenarioEnded);
        QSignalSpy running(sim, &SimulationController::runningChanged);
        sim->setSpeed(SimulationController::kAsFastAsPossible);
        sim->run();
        QVERIFY(ended.wait(20000));
        QCOMPARE(ended.count(), 1);
        QCOMPARE(ended.at(0).at(0).toDouble(), 12.5);
        QVERIFY(!sim->isRunning());
        QCOMPARE(running.last().at(0).toBool(), false);
        QCOMPARE(sim->latest()->simTimeS, 12.5); // exactly there, not a slice beyond
        QTest::qWait(300);
        QCOMPARE(sim->latest()->simTimeS, 12.5);

        sim->run(); // on past the end: no second stop
        const auto on = waitFor([](const LiveSnapshot &s) { return s.simTimeS > 40; });
        QVERIFY(on && on->simTimeS > 40);
        QCOMPARE(ended.count(), 1);
        QVERIFY(sim->isRunning());

        // Reset plays the scenario again, to its end.
        sim->reset();
        QVERIFY(ended.wait(20000));
        QCOMPARE(ended.count(), 2);
        QCOMPARE(sim->latest()->simTimeS, 12.5);

        // Without a duration the run goes on.
        d.scenario.reset();
        files.newDocument(d);
        sim->run();
        const auto free = waitFor([](const LiveSnapshot &s) { return s.simTimeS > 40; });
        QVERIFY(free && free->simTimeS > 40);
        QCOMPARE(ended.count(), 2);
        sim->pause();
    }

    // The charts mark what happened: the scenario's events when they fall due, and the
    // changes by hand when the engine applied them, each exactly once.
    void snapshotsCarryTheEventsThatHappened()
    {
        Design d = doc->design();
        d.scenario = Scenario{std::nullopt, {ScenarioEvent{2.5, "kill", "db", {}, {}, {}, {}}}};
        doc->resetDesign(d); // before the run: the starting state
        QSignalSpy spy(sim, &SimulationController::snapshotReady);
        std::vector<LiveEvent> seen;
        // The events of every snapshot delivered, until one at `t` or later has come.
        auto collectUntil = [&](double t) {
            QElapsedTimer timer;
            timer.start();
            for (bool reached = false; !reached && timer.elapsed() < 20000;) {
                QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
                for (const auto &args : spy) {
                    const auto snap = args.at(0).value<LiveSnapshotPtr>();
                    seen.insert(seen.end(), snap->events.begin(), snap->events.end());
                    reached = reached || snap->simTimeS >= t;
                }
                spy.clear();
            }
        };
        sim->step(2.0);
        collectUntil(2.0);
        QVERIFY(seen.empty()); // not due yet
        sim->step(1.0);
        collectUntil(3.0);
        QCOMPARE(int(seen.size()), 1);
        QCOMPARE(seen[0].atS, 2.5);
        QCOMPARE(seen[0].label, QStringLiteral("kill db"));
        sim->sendControl(
            LiveControl::onComponent(ControlOp::SetReplicas, QStringLiteral("api"), 6));
        sim->step(1.0);
        collectUntil(4.0);
        QCOMPARE(int(seen.size()), 2); // the scenario's event is not reported again
        QCOMPARE(seen[1].atS, 3.0);    // applied when it arrived, before the step
        QCOMPARE(seen[1].label, QStringLiteral("replicas 6 api"));
    }

    void liveEditsReachTheEngineWithoutARestart()
    {
        sim->setSpeed(SimulationController::kAsFastAsPossible);
        sim->run();
        QVERIFY(waitFor([](const LiveSnapshot &s) { return s.simTimeS > 20; }));
        // Scale the API out from 3 to 6 replicas through the editor, as the inspector does.
        Component api = *doc->component(QStringLiteral("api"));
        api.replicas = 6;
        QVERIFY(!ed->editComponents({{QStringLiteral("api"), api}}, QStringLiteral("scale")));
        const double editedAt = sim->latest()->simTimeS;
        const auto s = waitFor([&](const LiveSnapshot &s) {
            return s.simTimeS > editedAt + 20 && s.nodes[std::size_t(index("api"))].replicas == 6;
        });
        QVERIFY(s);
        QVERIFY(s->simTimeS > editedAt); // the clock went on: no restart
        QVERIFY2(s->nodes[std::size_t(index("api"))].utilization < 0.55,
                 qPrintable(QString::number(s->nodes[std::size_t(index("api"))].utilization)));
        // A fault by hand: kill the database; errors follow.
        sim->sendControl(LiveControl::onComponent(ControlOp::Kill, QStringLiteral("db")));
        const auto failing = waitFor([](const LiveSnapshot &s) {
            return !s.newPoints.errorRate.empty() && s.newPoints.errorRate.back() > 0.05;
        });
        QVERIFY(failing);
        QCOMPARE(failing->nodes[std::size_t(index("db"))].down, 1u);
        sim->pause();
    }

    void structuralEditsContinueTheClock()
    {
        sim->setSpeed(SimulationController::kAsFastAsPossible);
        sim->run();
        QVERIFY(waitFor([](const LiveSnapshot &s) { return s.simTimeS > 10; }));
        const QString q = ed->addComponent(ComponentKind::Queue, Point{0, 600});
        QVERIFY(!ed->connect(QStringLiteral("api"), q));
        const double at = sim->latest()->simTimeS;
        const auto s = waitFor(
            [&](const LiveSnapshot &s) { return s.nodes.size() == 6 && s.simTimeS > at + 5; });
        QVERIFY(s);
        sim->pause();
    }

    // Issue 8, 1.1: after live edits, Reset runs what the document says, not the design as
    // it was when Run was pressed.
    void resetRunsTheDocumentAfterLiveEdits()
    {
        sim->setSpeed(SimulationController::kAsFastAsPossible);
        sim->run();
        QVERIFY(waitFor([](const LiveSnapshot &s) { return s.simTimeS > 5; }));
        Component api = *doc->component(QStringLiteral("api"));
        api.replicas = 6;
        api.instance = "l"; // 8 vCPUs: 8 workers per replica
        QVERIFY(!ed->editComponents({{QStringLiteral("api"), api}}, QStringLiteral("scale")));
        const double editedAt = sim->latest()->simTimeS;
        QVERIFY(waitFor([&](const LiveSnapshot &s) { return s.simTimeS > editedAt + 5; }));
        sim->pause();
        const auto generation = sim->latest()->generation;
        sim->reset();
        QVERIFY(waitFor([&](const LiveSnapshot &s) { return s.generation > generation; }));
        sim->step(5.0);
        const auto s = waitFor(
            [&](const LiveSnapshot &s) { return s.generation > generation && s.simTimeS >= 5.0; });
        QVERIFY(s && s->simTimeS >= 5.0);
        const LiveNode &n = s->nodes[std::size_t(index("api"))];
        QCOMPARE(n.replicas, 6u);
        QCOMPARE(n.workers, 48u);
        QCOMPARE(n.down, 0u);
    }

    // Issue 8, 1.2: edits made before the first Run, or after Reset at t = 0, define the
    // starting state: no rolling restart, no replica down.
    void editsWhileStoppedDefineTheStart()
    {
        auto resizeApi = [&](const char *size) {
            Component api = *doc->component(QStringLiteral("api"));
            api.instance = size;
            QVERIFY(!ed->editComponents({{QStringLiteral("api"), api}}, QStringLiteral("size")));
        };
        auto checkNoDowntime = [&](std::uint32_t workers, std::uint64_t generation) {
            // Every snapshot of the first 20 simulated seconds: all 3 replicas up.
            double t = 0;
            while (t < 20) {
                sim->step(2.0);
                const double next = t + 2.0;
                const auto s = waitFor([&](const LiveSnapshot &s) {
                    return s.generation == generation && s.simTimeS >= next;
                });
                QVERIFY(s && s->simTimeS >= next);
                const LiveNode &n = s->nodes[std::size_t(index("api"))];
                QCOMPARE(n.down, 0u);
                QCOMPARE(n.replicas, 3u);
                QCOMPARE(n.workers, workers);
                t = s->simTimeS;
            }
        };
        // Before the first Run.
        resizeApi("l");
        QTest::qWait(100); // give a (wrong) control time to land before the step
        checkNoDowntime(24, sim->latest() ? sim->latest()->generation : 0);
        // After Reset, at t = 0.
        const auto generation = sim->latest()->generation;
        sim->reset();
        QVERIFY(waitFor([&](const LiveSnapshot &s) { return s.generation > generation; }));
        resizeApi("xl");
        QTest::qWait(100);
        checkNoDowntime(48, sim->latest()->generation);
    }

    void resetStartsOver()
    {
        sim->step(5.0);
        QVERIFY(waitFor([](const LiveSnapshot &s) { return s.simTimeS >= 5.0; }));
        const auto generation = sim->latest()->generation;
        sim->reset();
        const auto s = waitFor([&](const LiveSnapshot &s) { return s.generation > generation; });
        QVERIFY(s);
        QCOMPARE(s->simTimeS, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestSimulationController)
#include "test_simulation_controller.moc"
