// The designer running a simulation offscreen: charts and overlays receive data, live edits
// and faults show up, charts save.
#include "chart_panel.h"
#include "component_item.h"
#include "design_document.h"
#include "design_editor.h"
#include "diagram_scene.h"
#include "diagram_view.h"
#include "file_controller.h"
#include "link_item.h"
#include "live_charts.h"
#include "main_window.h"
#include "model/component_kind.h"
#include "right_click.h"
#include "run_toolbar.h"
#include "simulation_controller.h"
#include "trace_view.h"
#include "traffic_overlay.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <set>

using namespace hld;

class TestLive : public QObject
{
    Q_OBJECT

    MainWindow *w = nullptr;

    bool runUntil(double simS, int timeoutMs = 30000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            QApplication::processEvents(QEventLoop::AllEvents, 20);
            const auto s = w->simulation()->latest();
            if (s && s->simTimeS >= simS)
                return true;
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("hld-test"));
        QApplication::setApplicationName(QStringLiteral("live"));
    }

    void init()
    {
        w = new MainWindow;
        w->files()->newDocument(
            *FileController::loadTemplate(QStringLiteral(":/templates/url-shortener.hld.json")));
        w->resize(1280, 800);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
    }

    void cleanup()
    {
        w->simulation()->pause();
        w->document()->undoStack()->setClean();
        delete w;
    }

    void runningFeedsChartsAndOverlays()
    {
        w->runToolbar()->speedBox()->setCurrentIndex(w->runToolbar()->speedBox()->count()
                                                     - 1); // max
        w->runToolbar()->runAction()->trigger();
        QVERIFY(w->simulation()->isRunning());
        QVERIFY(runUntil(30));
        // The window gets each snapshot through its event queue: wait for it to catch up.
        QTRY_VERIFY_WITH_TIMEOUT(w->charts()->pointCount() >= 20, 10000);
        auto *api = w->scene()->componentItem(QStringLiteral("api"));
        QTRY_VERIFY_WITH_TIMEOUT(api->hasLive(), 10000);
        QCOMPARE(api->live().replicas, 3u);
        QTRY_VERIFY_WITH_TIMEOUT(api->live().utilization > 0.5 && api->live().utilization < 1.0,
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(w->scene()->traffic()->dotsShown() > 0, 10000);
        // Pausing stops the clock (a slice already under way may still finish).
        w->runToolbar()->runAction()->trigger();
        QVERIFY(!w->simulation()->isRunning());
        bool stopped = false;
        for (int i = 0; i < 10 && !stopped; ++i) {
            const double t = w->simulation()->latest()->simTimeS;
            QTest::qWait(300);
            stopped = w->simulation()->latest()->simTimeS == t;
        }
        QVERIFY(stopped);
    }

    // The scenario's partition and heal are marked on every chart when they happen, and a
    // change by hand where it reached the run; Reset takes the marks away with the points.
    void chartsMarkTheScenarioAndChangesByHand()
    {
        w->files()->newDocument(*FileController::loadTemplate(
            QStringLiteral(":/templates/global-profile-store.hld.json")));
        w->simulation()->setSpeed(SimulationController::kAsFastAsPossible);
        w->simulation()->run();
        QVERIFY(runUntil(130));
        w->simulation()->pause();
        ChartPanel *latency = w->charts()->panel(LiveCharts::Latency);
        QTRY_COMPARE_WITH_TIMEOUT(latency->markerLabels(),
                                  QStringList{QStringLiteral("partition us-east|eu-west")},
                                  10000);
        QCOMPARE(w->charts()->panel(LiveCharts::Throughput)->markerLabels(),
                 latency->markerLabels());
        w->simulation()->sendControl(
            LiveControl::onComponent(ControlOp::Kill, QStringLiteral("profiles")));
        w->simulation()->step(1.0);
        QTRY_COMPARE_WITH_TIMEOUT(latency->markerLabels().size(), 2, 10000);
        QCOMPARE(latency->markerLabels().back(), QStringLiteral("kill profiles"));
        w->runToolbar()->resetAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(latency->markerLabels().isEmpty(), 10000);
    }

    void scalingInTheInspectorReachesTheRun()
    {
        w->simulation()->setSpeed(SimulationController::kAsFastAsPossible);
        w->simulation()->run();
        QVERIFY(runUntil(10));
        Component api = *w->document()->component(QStringLiteral("api"));
        api.replicas = 5;
        QVERIFY(
            !w->editor()->editComponents({{QStringLiteral("api"), api}}, QStringLiteral("scale")));
        QVERIFY(runUntil(w->simulation()->latest()->simTimeS + 15));
        QTRY_COMPARE_WITH_TIMEOUT(
            w->scene()->componentItem(QStringLiteral("api"))->live().replicas, 5u, 10000);
    }

    void killFromTheMenuShowsDown()
    {
        w->simulation()->setSpeed(SimulationController::kAsFastAsPossible);
        w->simulation()->run();
        QVERIFY(runUntil(5));
        w->scene()->selectComponents({QStringLiteral("db")});
        w->action(QStringLiteral("killComponent"))->trigger();
        QVERIFY(runUntil(w->simulation()->latest()->simTimeS + 5));
        auto *db = w->scene()->componentItem(QStringLiteral("db"));
        QTRY_COMPARE_WITH_TIMEOUT(db->live().down, 1u, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(db->live().errorRate > 0.9, 10000); // it flashes
    }

    void traceShowsOneRequestHopByHop()
    {
        auto *trace = w->findChild<TraceView *>();
        QVERIFY(trace);
        w->findChild<QDockWidget *>(QStringLiteral("traceDock"))->raise();
        w->simulation()->setSpeed(SimulationController::kAsFastAsPossible);
        w->simulation()->run();
        QElapsedTimer t;
        t.start();
        while (trace->spans().empty() && t.elapsed() < 20000)
            QApplication::processEvents(QEventLoop::AllEvents, 20);
        const auto spans = trace->spans();
        QVERIFY(spans.size() >= 3);
        QCOMPARE(spans[0].component, QStringLiteral("lb"));
        QCOMPARE(spans[1].component, QStringLiteral("api"));
        QCOMPARE(spans[2].component, QStringLiteral("cache"));
        // Calls nest: each callee's bar lies inside its caller's.
        for (std::size_t i = 1; i < spans.size(); ++i) {
            QVERIFY(spans[i].startMs >= spans[i - 1].startMs);
            QVERIFY(spans[i].endMs <= spans[i - 1].endMs + 1e-9);
            QCOMPARE(spans[i].depth, spans[i - 1].depth + 1);
        }
    }

    // Issue 8, 1.3: right-click a component (with something else selected, while dots move
    // over it) and choose Kill: the component under the mouse goes down.
    void rightClickKillsTheComponentUnderTheMouse()
    {
        w->simulation()->setSpeed(SimulationController::kAsFastAsPossible);
        w->simulation()->run();
        QVERIFY(runUntil(5));
        QTRY_VERIFY_WITH_TIMEOUT(w->scene()->traffic()->activeDots() > 0, 10000);
        w->scene()->selectComponents({QStringLiteral("api")});
        QWidget *vp = w->view()->viewport();
        auto *dbItem = w->scene()->componentItem(QStringLiteral("db"));
        const QPoint at = w->view()->mapFromScene(dbItem->pos() + QPointF(-30, 10));
        // A real right click, on the database, not on the selected API.
        const auto [offered, clicked] = test::rightClickAndPick(
            vp, at, [&](const QAction *a) { return a->text() == tr("Kill Component"); });
        QVERIFY2(clicked, qPrintable(offered.join(QStringLiteral(", "))));
        // The database, not the selected API, goes down; a database has no cache to flush.
        QVERIFY(!offered.contains(tr("Flush Cache")));
        QVERIFY(!offered.contains(tr("Restore Component")));
        QTRY_COMPARE_WITH_TIMEOUT(dbItem->live().down, 1u, 20000);
        QCOMPARE(w->scene()->componentItem(QStringLiteral("api"))->live().down, 0u);
    }

    // Issue 8, 1.4: File → New from Template resets the charts: no series of the previous
    // design, and the Selected chart follows the new design's components.
    void templateSwitchResetsTheCharts()
    {
        auto newFromTemplate = [&](const QString &title) {
            QMenu *menu = nullptr;
            for (QAction *a : w->menuBar()->actions()) {
                if (a->menu() && a->text() == tr("&File")) {
                    for (QAction *sub : a->menu()->actions()) {
                        if (sub->menu() && sub->text() == tr("New from &Template"))
                            menu = sub->menu();
                    }
                }
            }
            QVERIFY(menu);
            for (QAction *a : menu->actions()) {
                if (a->text() == title) {
                    a->trigger();
                    return;
                }
            }
            QFAIL(qPrintable(title));
        };
        auto runFor = [&](double simS) {
            const double from = w->simulation()->latest() ? w->simulation()->latest()->simTimeS : 0;
            w->simulation()->setSpeed(SimulationController::kAsFastAsPossible);
            w->simulation()->run();
            QVERIFY(runUntil(from + simS));
            w->simulation()->pause();
        };
        const int capChart = 3, selectedChart = 2;
        newFromTemplate(QStringLiteral("Global profile store (CAP under partition)"));
        w->scene()->selectComponents({QStringLiteral("profiles")});
        runFor(30);
        QTRY_VERIFY_WITH_TIMEOUT(w->charts()->seriesNames(capChart).join(' ').contains("profiles"),
                                 10000);
        newFromTemplate(QStringLiteral("Chat (WhatsApp-style)"));
        QTRY_COMPARE_WITH_TIMEOUT(w->charts()->pointCount(), 0, 10000);
        QCOMPARE(w->charts()->seriesNames(capChart), QStringList());
        for (const QString &name : w->charts()->seriesNames(selectedChart))
            QVERIFY2(!name.contains(QLatin1String("profiles")), qPrintable(name));

        // Two designs with the same number of components: the Selected chart still follows
        // the ids of the new one.
        newFromTemplate(QStringLiteral("News feed with fan-out"));
        const QString id = QString::fromStdString(w->document()->design().components[3].id);
        w->scene()->selectComponents({id});
        runFor(20);
        QTRY_VERIFY_WITH_TIMEOUT(
            w->charts()->seriesPointCount(selectedChart, id + QStringLiteral(" util %")) > 5,
            10000);
    }

    // Templates > Apply to This Design: the template's components are laid out (they all
    // landed on one spot), and the design keeps its name and interview notes; one undo.
    void applyingATemplateLaysItOutAndKeepsTheSession()
    {
        Design mine;
        mine.name = "Mine";
        Interview iv;
        iv.prompt = "url-shortener";
        iv.requirements = "20M DAU";
        mine.interview = iv;
        mine.components.push_back(Component{});
        mine.components.back().id = "only";
        mine.components.back().kind = ComponentKind::Service;
        mine.components.back().position = Point{0, 0};
        w->files()->newDocument(mine);
        QAction *apply = nullptr;
        for (QAction *a : w->menuBar()->actions()) {
            if (!a->menu())
                continue;
            for (QAction *sub : a->menu()->actions()) {
                if (!sub->menu())
                    continue;
                for (QAction *t : sub->menu()->actions())
                    if (sub->text().contains(QLatin1String("Apply"))
                        && t->text() == QLatin1String("Global profile store (CAP under partition)"))
                        apply = t;
            }
        }
        QVERIFY(apply);
        apply->trigger();
        const Design &d = w->document()->design();
        QCOMPARE(int(d.components.size()), 7);
        std::set<std::pair<double, double>> places;
        for (const auto &c : d.components) {
            QVERIFY2(c.position.has_value(), c.id.c_str());
            places.insert({c.position->x, c.position->y});
        }
        QCOMPARE(int(places.size()), 7);
        QCOMPARE(QString::fromStdString(d.name), QStringLiteral("Mine"));
        QVERIFY(d.interview.has_value());
        QCOMPARE(QString::fromStdString(d.interview->requirements), QStringLiteral("20M DAU"));
        QVERIFY(w->document()->undoStack()->undoText().startsWith(QLatin1String("Apply template")));
        w->document()->undoStack()->undo();
        QCOMPARE(int(w->document()->design().components.size()), 1);
    }

    // Simulate > Partition Two Regions: one dialog with both sides, distinct by default,
    // and the partition reaches the running simulation.
    void partitionAsksForBothRegionsInOneDialog()
    {
        QString error;
        const auto d = FileController::loadTemplate(
            QStringLiteral(":/templates/global-profile-store.hld.json"), &error);
        QVERIFY2(d, qPrintable(error));
        w->files()->newDocument(*d);
        w->simulation()->step(1);
        QVERIFY(runUntil(1));
        QStringList seen;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            auto *a = dialog->findChild<QComboBox *>(QStringLiteral("partitionA"));
            auto *b = dialog->findChild<QComboBox *>(QStringLiteral("partitionB"));
            if (a && b)
                seen << a->currentText() << b->currentText();
            dialog->accept();
        });
        w->action(QStringLiteral("partition"))->trigger();
        QCOMPARE(seen.size(), 2);
        QVERIFY(seen[0] != seen[1]);
        QVERIFY2(w->statusBar()->currentMessage().startsWith(QStringLiteral("Partitioned ")),
                 qPrintable(w->statusBar()->currentMessage()));
    }

    void chartsSaveAsPngAndSvg()
    {
        w->simulation()->step(5);
        QVERIFY(runUntil(5));
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("latency.png"));
        const QString svg = dir.filePath(QStringLiteral("latency.svg"));
        QVERIFY(w->charts()->saveChart(0, png));
        QVERIFY(w->charts()->saveChart(1, svg));
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("<svg"));
        QVERIFY(QImage(png).width() > 100);
    }
};

QTEST_MAIN(TestLive)
#include "test_live.moc"
