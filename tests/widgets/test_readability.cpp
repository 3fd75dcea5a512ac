// The live view read as a newcomer reads it (issue 8, section 2): round ticks, errors on
// their own axis, a latency axis that survives a spike, a crosshair that reads every series,
// legible exports, a request picked by clicking its dot, region frames and partition cuts,
// small windows, and motion between snapshots.
#include "chart_panel.h"
#include "chart_ticks.h"
#include "component_item.h"
#include "design_document.h"
#include "diagram_scene.h"
#include "diagram_view.h"
#include "fault_injector.h"
#include "file_controller.h"
#include "link_item.h"
#include "live_charts.h"
#include "main_window.h"
#include "palette_widget.h"
#include "partition_item.h"
#include "region_item.h"
#include "simulation_controller.h"
#include "trace_view.h"
#include "traffic_overlay.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QImage>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>
#include <algorithm>

using namespace hld;

class TestReadability : public QObject
{
    Q_OBJECT

    MainWindow *w = nullptr;

    void open(const char *templateFile)
    {
        w->files()->newDocument(*FileController::loadTemplate(
            QStringLiteral(":/templates/%1.hld.json").arg(QLatin1String(templateFile))));
    }

    bool runUntil(double simS, int timeoutMs = 60000)
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
        QApplication::setApplicationName(QStringLiteral("readability"));
    }

    void init()
    {
        w = new MainWindow;
        open("url-shortener");
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

    void ticksAreRoundNumbers()
    {
        // The issue's examples: 1.89e+03 and 8.4, 16.8, 25.2 were the ticks.
        auto r = ticks::niceRange(1890);
        QCOMPARE(r.top, 2000.0);
        QStringList labels;
        for (double v : ticks::values(r))
            labels << ticks::label(v, ticks::Unit::PerSecond, r.step);
        QCOMPARE(labels, (QStringList{"0", "500", "1k", "1.5k", "2k"}));
        r = ticks::niceRange(25.2, 4);
        labels.clear();
        for (double v : ticks::values(r))
            labels << ticks::label(v, ticks::Unit::Milliseconds, r.step);
        QCOMPARE(labels, (QStringList{"0 ms", "10 ms", "20 ms", "30 ms"}));
        QCOMPARE(ticks::label(0.5, ticks::Unit::Percent, 0.5), QStringLiteral("0.5%"));
    }

    void errorsHaveTheirOwnAxis()
    {
        ChartPanel *traffic = w->charts()->panel(LiveCharts::Throughput);
        QCOMPARE(traffic->seriesNames(), (QStringList{"requests/s", "errors %"}));
        const int rps = traffic->series(QStringLiteral("requests/s"));
        const int errors = traffic->series(QStringLiteral("errors %"));
        for (int t = 1; t <= 30; ++t) {
            traffic->append(rps, t, 1890);
            traffic->append(errors, t, 2.0);
        }
        traffic->flush(30);
        // 2% errors next to 1,890 rps: on one axis they would be a flat line at zero.
        QCOMPARE(traffic->top(ChartPanel::Side::Left), 2000.0);
        QVERIFY(traffic->top(ChartPanel::Side::Right) <= 5.0);
        QVERIFY(traffic->tickLabels(ChartPanel::Side::Left).contains(QStringLiteral("1k")));
        QVERIFY(traffic->tickLabels(ChartPanel::Side::Right).contains(QStringLiteral("2%")));
    }

    void oneSpikeDoesNotFlattenTheLatencyChart()
    {
        ChartPanel *latency = w->charts()->panel(LiveCharts::Latency);
        QCOMPARE(latency->scale(), ChartPanel::Scale::Robust);
        for (int t = 1; t <= 200; ++t) {
            latency->append(0, t, 10 + t % 3);
            latency->append(1, t, 20 + t % 5);
            latency->append(2, t, t == 100 ? 2500 : 30 + t % 7);
        }
        latency->flush(200);
        QVERIFY2(latency->top(ChartPanel::Side::Left) <= 60,
                 qPrintable(QString::number(latency->top(ChartPanel::Side::Left))));
        QCOMPARE(latency->clippedCount(), 1); // the spike shows as a mark at the top
        // Its true value is still there to read.
        QVERIFY(latency->readingAt(100).contains(QStringLiteral("P99: 2500 ms")));
        w->charts()->latencyScaleBox()->setCurrentIndex(2); // logarithmic
        QCOMPARE(latency->scale(), ChartPanel::Scale::Log);
        QVERIFY(latency->top(ChartPanel::Side::Left) >= 2500);
        QCOMPARE(latency->clippedCount(), 0);
    }

    void crosshairReadsEverySeriesAtTheCursor()
    {
        ChartPanel *latency = w->charts()->panel(LiveCharts::Latency);
        for (int t = 1; t <= 60; ++t) {
            latency->append(0, t, 10);
            latency->append(1, t, 20 + t);
            latency->append(2, t, 40 + t);
        }
        latency->flush(60);
        QCOMPARE(latency->readingAt(30.2),
                 QStringLiteral("t = 30 s\nP50: 10 ms\nP95: 50 ms\nP99: 70 ms"));
        // A real mouse move over the plot shows it.
        w->charts()->parentWidget()->show();
        auto *dock = w->findChild<QDockWidget *>(QStringLiteral("chartsDock"));
        dock->raise();
        QTRY_VERIFY(latency->isVisible());
        const QPoint middle = latency->rect().center();
        QTest::mouseMove(latency->viewport(), middle);
        QMouseEvent move(QEvent::MouseMove,
                         middle,
                         latency->viewport()->mapToGlobal(middle),
                         Qt::NoButton,
                         Qt::NoButton,
                         {});
        QApplication::sendEvent(latency->viewport(), &move);
        bool shown = false;
        for (auto *item : latency->scene()->items()) {
            auto *text = dynamic_cast<QGraphicsSimpleTextItem *>(item);
            if (text && text->isVisible() && text->text().contains(QStringLiteral("P95")))
                shown = true;
        }
        QVERIFY(shown);
    }

    // An empty chart says what would fill it, until there is something to chart.
    void emptyChartsSayWhatFillsThem()
    {
        ChartPanel *selected = w->charts()->panel(LiveCharts::Selected);
        auto hintShown = [&] {
            for (auto *item : selected->scene()->items()) {
                auto *text = dynamic_cast<QGraphicsTextItem *>(item);
                if (text && text->isVisible()
                    && text->toPlainText().startsWith("Select components on"))
                    return true;
            }
            return false;
        };
        w->scene()->selectComponents({});
        QVERIFY(hintShown());
        w->scene()->selectComponents({QStringLiteral("api")});
        QVERIFY(!hintShown());
    }

    // A hint longer than its plot is shortened with an ellipsis, never cut off by the chart's
    // edge (the CAP view's ran out of the panel), and reads whole in its tooltip.
    void emptyChartHintsFitTheirPlot()
    {
        open("ecommerce-checkout"); // has replicated stores: the CAP view shows, empty
        QApplication::processEvents();
        ChartPanel *cap = w->charts()->panel(LiveCharts::Cap);
        QVERIFY(cap->isVisible());
        const QGraphicsTextItem *hint = nullptr;
        for (auto *item : cap->scene()->items()) {
            auto *text = dynamic_cast<QGraphicsTextItem *>(item);
            if (text && text->isVisible() && text->toPlainText().startsWith("Availability"))
                hint = text;
        }
        QVERIFY(hint);
        QVERIFY2(cap->chart()->plotArea().contains(hint->sceneBoundingRect()),
                 qPrintable(hint->toPlainText()));
        QVERIFY(hint->toPlainText().endsWith(QChar(0x2026)));
        QVERIFY(hint->toolTip().endsWith(QStringLiteral("once they happen.")));
    }

    void chartsExportAtTwiceTheirSize()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("latency.png"));
        ChartPanel *latency = w->charts()->panel(LiveCharts::Latency);
        QVERIFY(w->charts()->saveChart(LiveCharts::Latency, png));
        const QImage image(png);
        QVERIFY(image.width() >= 2 * latency->width());
        QVERIFY(image.height() >= 2 * latency->height());
    }

    void chartTitlesElideInsteadOfCutting()
    {
        w->resize(1024, 700);
        QTRY_VERIFY(w->width() <= 1024);
        ChartPanel *cap = w->charts()->panel(LiveCharts::Selected);
        QTRY_VERIFY(cap->width() < 400);
        const QString shown = cap->chart()->title();
        const QFontMetrics fm(cap->chart()->titleFont());
        QVERIFY2(fm.horizontalAdvance(shown) <= cap->width(), qPrintable(shown));
        QVERIFY(shown == cap->title() || shown.endsWith(QChar(0x2026)));
    }

    void narrowWindowScrollsTheChartsInsteadOfSqueezingThem()
    {
        // At 800 pixels the latency chart was squeezed to 130: its scale box covered the
        // title ("La"), the legends lost their names, and the window would not go narrower
        // than the four charts' minimum.
        auto *scroll = w->charts()->findChild<QScrollArea *>(QStringLiteral("chartsScroll"));
        QVERIFY(scroll);
        ChartPanel *latency = w->charts()->panel(LiveCharts::Latency);
        QTRY_VERIFY(latency->width() > 0);
        QVERIFY(!scroll->horizontalScrollBar()->isVisible()); // 1280: everything fits
        QCOMPARE(latency->chart()->title(), latency->title());

        w->resize(760, 700);
        QTRY_VERIFY(w->width() <= 760);
        QTRY_VERIFY(scroll->horizontalScrollBar()->isVisible());
        QCOMPARE(latency->chart()->title(), latency->title()); // "Latency", whole
        const QRect box = w->charts()->latencyScaleBox()->geometry();
        const QFontMetrics fm(latency->chart()->titleFont());
        const int titleLeft = (latency->width() - fm.horizontalAdvance(latency->title())) / 2;
        QVERIFY2(box.left() > titleLeft + fm.horizontalAdvance(latency->title()),
                 "the scale box covers the title");
        for (int c = 0; c < LiveCharts::ChartCount; ++c) {
            ChartPanel *p = w->charts()->panel(LiveCharts::Chart(c));
            if (p->isVisible())
                QVERIFY(p->width() >= p->minimumSizeHint().width());
        }
    }

    void smallWindowKeepsThePaletteWhole()
    {
        w->resize(1024, 700);
        QTRY_COMPARE(w->size(), QSize(1024, 700));
        QApplication::processEvents();
        QTreeView *tree = w->palette()->tree();
        const QModelIndex messaging = tree->model()->index(tree->model()->rowCount() - 1, 0);
        const QModelIndex queue = tree->model()->index(0, 0, messaging);
        QVERIFY(queue.isValid());
        QVERIFY2(tree->viewport()->rect().contains(tree->visualRect(queue)),
                 "Queue is cut off at 1024x700");
    }

    void fitNeverZoomsInPastActualSizeAndFollowsResizes()
    {
        w->view()->zoomToFit();
        QVERIFY(w->view()->zoom() <= 1.0);
        const double wide = w->view()->zoom();
        w->resize(1024, 700);
        QTRY_VERIFY(w->view()->zoom() < wide); // refitted
        // Once the user zooms, resizing leaves the zoom alone.
        QWheelEvent wheel(QPointF(100, 100),
                          w->view()->viewport()->mapToGlobal(QPoint(100, 100)),
                          {},
                          QPoint(0, 120),
                          Qt::NoButton,
                          {},
                          Qt::NoScrollPhase,
                          false);
        QApplication::sendEvent(w->view()->viewport(), &wheel);
        const double zoomed = w->view()->zoom();
        w->resize(1280, 800);
        QTest::qWait(100);
        QCOMPARE(w->view()->zoom(), zoomed);
        // A tiny design is not blown up.
        w->files()->newDocument(
            *FileController::loadTemplate(QStringLiteral(":/templates/url-shortener.hld.json")));
        Design one;
        one.components.push_back(w->document()->design().components.front());
        w->files()->newDocument(one);
        w->view()->zoomToFit();
        QCOMPARE(w->view()->zoom(), 1.0);
    }

    void dotsMoveBetweenSnapshots()
    {
        w->simulation()->setSpeed(1.0);
        w->simulation()->run();
        QVERIFY(runUntil(2));
        QTRY_VERIFY_WITH_TIMEOUT(w->scene()->traffic()->activeDots() > 20, 10000);
        w->simulation()->pause();
        QTest::qWait(50); // the last snapshot is in
        const auto before = w->simulation()->latest();
        // Some dot still on its way: it keeps moving with no new snapshot.
        std::optional<std::uint32_t> request;
        std::optional<QPointF> first;
        for (std::uint32_t r = 0; r < 200000 && !first; ++r) {
            if ((first = w->scene()->traffic()->dotPosition(r)))
                request = r;
        }
        QVERIFY(first);
        QTest::qWait(40);
        const auto second = w->scene()->traffic()->dotPosition(*request);
        QVERIFY(w->simulation()->latest() == before); // no snapshot in between
        QVERIFY(!second || *second != *first);
    }

    void clickingAMovingDotFollowsThatRequest()
    {
        auto *traceDock = w->findChild<QDockWidget *>(QStringLiteral("traceDock"));
        traceDock->raise();
        w->simulation()->setSpeed(0.5);
        w->simulation()->run();
        QVERIFY(runUntil(1));
        QWidget *vp = w->view()->viewport();
        TrafficOverlay *traffic = w->scene()->traffic();
        std::optional<std::uint32_t> picked;
        QElapsedTimer t;
        t.start();
        while (!picked && t.elapsed() < 20000) {
            QApplication::processEvents(QEventLoop::AllEvents, 5);
            // A dot no other dot is near (where two overlap, the click takes the nearer),
            // and every position read at one instant: the dots move with the wall clock, and
            // reading 400,000 request ids one by one took long enough, under the whole
            // suite's load, for another dot to reach the spot.
            std::vector<std::pair<std::uint32_t, QPoint>> dots;
            for (const auto &[r, at] : traffic->dotPositions())
                dots.emplace_back(r, w->view()->mapFromScene(at));
            for (const auto &[r, pos] : dots) {
                const bool alone = std::none_of(dots.begin(), dots.end(), [&](const auto &o) {
                    return o.first != r && (o.second - pos).manhattanLength() < 24;
                });
                if (!alone)
                    continue;
                // A real click on the viewport, where the dot is now.
                QMouseEvent press(QEvent::MouseButtonPress,
                                  pos,
                                  vp->mapToGlobal(pos),
                                  Qt::LeftButton,
                                  Qt::LeftButton,
                                  {});
                QApplication::sendEvent(vp, &press);
                QMouseEvent release(QEvent::MouseButtonRelease,
                                    pos,
                                    vp->mapToGlobal(pos),
                                    Qt::LeftButton,
                                    Qt::NoButton,
                                    {});
                QApplication::sendEvent(vp, &release);
                if (w->trace()->status().contains(QStringLiteral("#")))
                    picked = r;
                break;
            }
        }
        QVERIFY(picked);
        // The dot was on a link: the click selected the link too, for the inspector.
        QCOMPARE(int(w->scene()->selectedLinks().size()), 1);
        QTRY_VERIFY_WITH_TIMEOUT(w->trace()->shownRequest().has_value(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(*w->trace()->shownRequest(), *picked, 20000);
        // It stays: no other request replaces it while it runs on.
        QVERIFY(runUntil(w->simulation()->latest()->simTimeS + 3));
        QCOMPARE(*w->trace()->shownRequest(), *picked);
    }

    void slowestAndLastFailure()
    {
        w->simulation()->setSpeed(SimulationController::kAsFastAsPossible);
        w->simulation()->run();
        QVERIFY(runUntil(10));
        w->simulation()->pause();
        QTest::qWait(100);
        w->trace()->showSlowest();
        QVERIFY(w->trace()->shownRequest());
        const double slowest = w->trace()->shownTotalMs();
        w->trace()->followAutomatically();
        QVERIFY(w->trace()->shownTotalMs() <= slowest);
        // No failure yet; kill the database and the next failure shows.
        w->trace()->showLastFailure();
        w->scene()->selectComponents({QStringLiteral("db")});
        w->faults()->inject(FaultInjector::Fault::Kill, {QStringLiteral("db")});
        w->simulation()->run();
        QTRY_COMPARE_WITH_TIMEOUT(int(w->trace()->shownOutcome()), 2, 20000);
    }

    void everyRegionHasAFrameAndAPartitionShowsAsACut()
    {
        open("global-profile-store");
        QApplication::processEvents();
        // The file names regions on components but gives them no frames.
        QVERIFY(w->document()->design().regions.empty());
        for (const char *name : {"us-east", "eu-west"}) {
            RegionItem *frame = w->scene()->regionItem(QString::fromLatin1(name));
            QVERIFY2(frame, name);
            QCOMPARE(frame->mode(), RegionItem::Drawn);
            for (const auto &c : w->document()->design().components) {
                if (c.region && *c.region == name)
                    QVERIFY(frame->frameInScene().contains(
                        w->scene()->componentItem(QString::fromStdString(c.id))->frameRect()));
            }
        }
        // Laid out as clusters, the two regions do not overlap (they did: the database of
        // us-east sat between the rows, and its frame spanned both).
        QVERIFY(
            !w->scene()
                 ->regionItem(QStringLiteral("us-east"))
                 ->frameInScene()
                 .intersects(w->scene()->regionItem(QStringLiteral("eu-west"))->frameInScene()));
        // The scenario partitions the regions at 120 s and heals them at 240 s.
        w->simulation()->step(130);
        QVERIFY(runUntil(130));
        QTRY_COMPARE_WITH_TIMEOUT(int(w->scene()->partitions()->cuts().size()), 1, 10000);
        // A break across the call the partition stops: eu-api (eu-west) -> profiles (us-east).
        const auto lines
            = w->scene()->partitions()->cutLines(w->scene()->partitions()->cuts().front());
        QCOMPARE(int(lines.size()), 1);
        const QLineF link
            = w->scene()->linkItem(QStringLiteral("eu-api"), QStringLiteral("profiles"))->line();
        QVERIFY(QLineF(lines.front().center(), link.center()).length() < 1);
        w->simulation()->step(120);
        QVERIFY(runUntil(250));
        QTRY_VERIFY_WITH_TIMEOUT(w->scene()->partitions()->cuts().empty(), 10000);
    }
};

QTEST_MAIN(TestReadability)
#include "test_readability.moc"
