// Interview mode in the window (issue 12): the findings dock selects what a finding names,
// the estimator applies to the clients in one undo step, a session's notes are undoable and
// reopen paused, and "Finish and score" drills the design in the background.
#include "component_item.h"
#include "design_document.h"
#include "design_editor.h"
#include "diagram_scene.h"
#include "diagram_view.h"
#include "estimator_panel.h"
#include "file_controller.h"
#include "findings_list.h"
#include "interview_clock.h"
#include "interview_controller.h"
#include "interview_dock.h"
#include "interview_notes.h"
#include "interview_score_view.h"
#include "main_window.h"
#include "phase_bar.h"
#include "report_dialog.h"

#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

using namespace hld;

namespace {
Component client(const char *id, double rps, double x)
{
    Component c;
    c.kind = ComponentKind::Client;
    c.id = id;
    c.traffic = Traffic{};
    c.traffic->rps = rps;
    c.traffic->readRatio = 0.5;
    c.position = Point{x, 100};
    return c;
}

void click(QAbstractItemView *view, const QModelIndex &index)
{
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}
} // namespace

class TestInterviewGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // A short phase in a narrow bar says what it is in three letters before it falls back
    // to its number (the estimation and scale segments showed only "2" and "6").
    void shortPhasesKeepAName()
    {
        PhaseBar bar;
        bar.resize(320, 30);
        bar.setPhaseMinutes(kDefaultPhaseMinutes);
        for (int i = 0; i < kInterviewPhases; ++i) {
            bool isNumber = false;
            bar.label(i).toInt(&isNumber);
            QVERIFY2(!isNumber, qPrintable(bar.label(i)));
        }
        bar.resize(60, 30); // far too narrow: numbers are what is left
        bool isNumber = false;
        bar.label(1).toInt(&isNumber);
        QVERIFY(isNumber);
    }

    // The bar named the last phase "Scale" while the notes tab for it says "Failures": a
    // newcomer looked for a Scale tab. Every phase with a notes tab has the tab's name.
    void phaseNamesMatchTheNotesTabs()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.interview()->startSession(QStringLiteral("url-shortener"), kDefaultPhaseMinutes));
        InterviewNotes *notes = w.interview()->dock()->notes();
        PhaseBar bar;
        bar.resize(2000, 30);
        bar.setPhaseMinutes(kDefaultPhaseMinutes);
        const std::pair<InterviewPhase, int> pairs[]
            = {{InterviewPhase::Api, InterviewNotes::Api},
               {InterviewPhase::DeepDive, InterviewNotes::DeepDive},
               {InterviewPhase::ScaleAndFailures, InterviewNotes::Failures}};
        for (const auto &[phase, tab] : pairs)
            QCOMPARE(bar.label(int(phase)), notes->tabText(tab));
    }

    void deleteInTheApiTableRemovesRowsNotTheCanvasSelection()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.interview()->startSession(QStringLiteral("url-shortener"), kDefaultPhaseMinutes));
        InterviewNotes *notes = w.interview()->dock()->notes();
        notes->setCurrentIndex(InterviewNotes::Api);
        notes->addApiRow();
        notes->addApiRow();
        w.scene()->selectComponents({QStringLiteral("users")});
        QTableWidget *api = notes->apiTable();
        api->setFocus();
        api->selectRow(1);
        QTest::keyClick(api, Qt::Key_Delete);
        QCOMPARE(api->rowCount(), 1);
        QCOMPARE(w.document()->design().components.size(), std::size_t(1)); // users stays
        QCOMPARE(w.document()->design().interview->api.size(), std::size_t(1));
    }

    void clickingAFindingSelectsAllItsComponents()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // A flawed design: replicas with no balancer, a read-heavy path with no cache.
        Design d;
        d.components = {client("users", 2000, 100)};
        d.components[0].traffic->readRatio = 0.95;
        w.files()->newDocument(d);
        DesignEditor *ed = w.editor();
        const QString svc = ed->addComponent(ComponentKind::Service, Point{400, 100});
        const QString db = ed->addComponent(ComponentKind::Database, Point{700, 100});
        QVERIFY(!ed->connect(QStringLiteral("users"), svc));
        QVERIFY(!ed->connect(svc, db));
        Component scaled = *w.document()->component(svc);
        scaled.replicas = 3;
        QVERIFY(!ed->editComponents({{svc, scaled}}, QStringLiteral("scale")));
        QTest::qWait(400); // the review reruns shortly after edits stop
        FindingsList *list = w.findings();
        QListWidgetItem *widest = nullptr;
        for (int i = 0; i < list->count(); ++i) {
            QListWidgetItem *item = list->item(i);
            if (!widest
                || item->data(FindingsList::ComponentsRole).toStringList().size()
                       > widest->data(FindingsList::ComponentsRole).toStringList().size())
                widest = item;
        }
        QVERIFY(widest);
        QStringList ids = widest->data(FindingsList::ComponentsRole).toStringList();
        QVERIFY2(!ids.isEmpty(), qPrintable(widest->text()));
        QVERIFY(widest->text().startsWith(QLatin1Char('[')));
        list->scrollToItem(widest);
        click(list, list->indexFromItem(widest));
        QStringList selected = w.scene()->selectedComponentIds();
        selected.sort();
        ids.sort();
        QCOMPARE(selected, ids);

        list->setFindings({}, 31, false);
        QCOMPARE(list->count(), 1);
        QVERIFY(list->item(0)->text().contains(QStringLiteral("review's 31 rules found nothing")));
    }

    void estimatorAppliesToClientsInOneUndoStep()
    {
        MainWindow w;
        Design d;
        d.components = {client("web", 100, 100), client("mobile", 300, 300)};
        w.files()->newDocument(d);
        EstimatorPanel panel(w.editor());
        EstimateInput in;
        in.dau = 100e6;
        in.requestsPerUser = 10;
        in.readRatio = 0.8;
        in.peakFactor = 3;
        panel.setInput(in);
        QVERIFY(panel.resultsText().contains(QStringLiteral("11,574"))); // the guide's 11.6k/s
        QSignalSpy edited(&panel, &EstimatorPanel::inputEdited);
        panel.spinBox(EstimatorPanel::ReadRatio)->setValue(0.9); // as a user would
        QCOMPARE(edited.count(), 1);
        QTest::mouseClick(panel.applyButton(), Qt::LeftButton);
        const Design &after = w.document()->design();
        QCOMPARE(w.document()->undoStack()->count(), 1);
        const double peak = 100e6 * 10 / 86400 * 3; // 34,722/s
        QCOMPARE(after.components[0].traffic->rps, std::round(peak * 0.25));
        QCOMPARE(after.components[1].traffic->rps, std::round(peak * 0.75));
        QCOMPARE(*after.components[0].traffic->readRatio, 0.9);
        QCOMPARE(*after.components[1].traffic->readRatio, 0.9);
        w.document()->undoStack()->undo();
        QCOMPARE(w.document()->design().components[0].traffic->rps, 100.0);
        QCOMPARE(*w.document()->design().components[1].traffic->readRatio, 0.5);
    }

    void sessionNotesAreUndoableAndReopenPaused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mock.hld.json"));
        {
            MainWindow w;
            w.show();
            QVERIFY(
                w.interview()->startSession(QStringLiteral("url-shortener"), kDefaultPhaseMinutes));
            QVERIFY(w.interview()->dockWidget()->isVisible());
            QVERIFY(w.interview()->clock()->isRunning());
            QCOMPARE(w.document()->design().components.size(), std::size_t(1));
            QCOMPARE(w.document()->design().components[0].id, std::string("users"));
            QUndoStack *undo = w.document()->undoStack();
            InterviewNotes *notes = w.interview()->dock()->notes();
            QPlainTextEdit *req = notes->textEdit(InterviewNotes::RequirementsText);
            notes->setCurrentIndex(InterviewNotes::Requirements);
            req->setFocus();
            QTest::keyClicks(req, QStringLiteral("How many users?"));
            QCOMPARE(undo->count(), 1); // the typing merged
            QCOMPARE(w.document()->design().interview->requirements,
                     std::string("How many users?"));
            notes->setCurrentIndex(InterviewNotes::Api);
            notes->addApiRow();
            notes->addApiRow();
            QCOMPARE(notes->apiTable()->rowCount(), 2);
            notes->apiTable()->item(0, 1)->setText(QStringLiteral("/links"));
            QCOMPARE(w.document()->design().interview->api[0].path, std::string("/links"));
            QCOMPARE(undo->count(), 4);
            undo->undo();
            QCOMPARE(w.document()->design().interview->api[0].path, std::string("/"));
            undo->undo();
            QCOMPARE(notes->apiTable()->rowCount(), 1);
            undo->redo();
            undo->redo();
            QCOMPARE(notes->apiTable()->item(0, 1)->text(), QStringLiteral("/links"));
            w.interview()->clock()->restore(754, kDefaultPhaseMinutes); // as if 12.5 min ran
            w.interview()->clock()->start();
            QVERIFY(!w.files()->saveAs(path));
            QVERIFY(!w.files()->isModified());
        }
        MainWindow w2;
        w2.show();
        QVERIFY(w2.openFile(path));
        QVERIFY(w2.interview()->dockWidget()->isVisible());
        QVERIFY(!w2.interview()->clock()->isRunning());
        QVERIFY(w2.interview()->clock()->elapsedS() >= 754);
        QCOMPARE(w2.interview()->clock()->phase(), InterviewPhase::Api);
        QCOMPARE(w2.interview()->dock()->notes()->apiTable()->rowCount(), 2);
        QCOMPARE(w2.interview()
                     ->dock()
                     ->notes()
                     ->textEdit(InterviewNotes::RequirementsText)
                     ->toPlainText(),
                 QStringLiteral("How many users?"));
    }

    void finishDrillsScoresAndSelectsFromTheScore()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.interview()->startSession(QStringLiteral("url-shortener"), kDefaultPhaseMinutes));
        DrillOptions quick;
        quick.durationS = 4;
        quick.warmupS = 1;
        quick.faultAtS = 2;
        w.interview()->setDrillOptions(quick);
        DesignEditor *ed = w.editor();
        const QString svc = ed->addComponent(ComponentKind::Service, Point{400, 200});
        const QString db = ed->addComponent(ComponentKind::Database, Point{700, 200});
        QVERIFY(!ed->connect(QStringLiteral("users"), svc));
        QVERIFY(!ed->connect(svc, db));
        QVERIFY(!ed->applyEstimate(500, 0.9));

        QSignalSpy scored(w.interview(), &InterviewController::scored);
        QTest::mouseClick(w.interview()->dock()->finishButton(), Qt::LeftButton);
        QVERIFY(w.interview()->isScoring());
        QVERIFY(!w.interview()->clock()->isRunning());
        QVERIFY(scored.wait(240000));
        QVERIFY(w.interview()->outcome().has_value());
        QVERIFY(w.document()->design().interview->finished);
        InterviewScoreView *view = w.interview()->scoreView();
        QVERIFY(view && view->isVisible());
        QCOMPARE(view->rubric()->topLevelItemCount(),
                 int(w.interview()->outcome()->score.items.size()));
        QVERIFY(view->drills()->rowCount() >= 2);
        // Long feedback lines wrap at words into taller rows, never elided.
        QApplication::processEvents();
        int wrapped = 0;
        for (int i = 0; i < view->rubric()->topLevelItemCount(); ++i) {
            QTreeWidgetItem *head = view->rubric()->topLevelItem(i);
            for (int c = 0; c < head->childCount(); ++c) {
                QTreeWidgetItem *line = head->child(c);
                const QRect row = view->rubric()->visualItemRect(line);
                const QFontMetrics fm(view->rubric()->font());
                if (fm.horizontalAdvance(line->text(0)) > view->rubric()->columnWidth(0)) {
                    ++wrapped;
                    QVERIFY2(row.height() >= 2 * fm.height(), qPrintable(line->text(0)));
                }
            }
        }
        QVERIFY(wrapped > 0); // the weak design's feedback has long lines
        // A drill row names the busiest component: clicking selects it on the canvas.
        const QStringList ids
            = view->drills()->item(0, 0)->data(InterviewScoreView::ComponentsRole).toStringList();
        QVERIFY(!ids.isEmpty());
        view->move(w.geometry().center() - QPoint(view->width() / 2, view->height() / 2));
        QApplication::processEvents();
        click(view->drills(), view->drills()->model()->index(0, 2));
        QCOMPARE(w.scene()->selectedComponentIds().size(), ids.size());
        // ... and the score, which covered the canvas, leaves the component in view.
        QApplication::processEvents();
        for (const QString &id : ids) {
            const QRectF scene = w.scene()->componentItem(id)->sceneBoundingRect();
            QWidget *port = w.view()->viewport();
            const QRect shown(port->mapToGlobal(w.view()->mapFromScene(scene.center())),
                              QSize(1, 1));
            QVERIFY2(port->rect().contains(port->mapFromGlobal(shown.topLeft())), qPrintable(id));
            QVERIFY2(!view->frameGeometry().intersects(shown), qPrintable(id));
        }

        // The session report: the window's report with the interview's section.
        QTemporaryDir dir;
        const QString md = dir.filePath(QStringLiteral("session.md"));
        ReportDialog report(w.document()->design(), 1, md);
        report.setProviders(w.interview()->reportProviders());
        QSignalSpy written(&report, &ReportDialog::finished);
        report.start(md);
        QVERIFY(written.wait(120000));
        QVERIFY2(written.front().front().toBool(), qPrintable(report.lastError()));
        QFile file(md);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains(QStringLiteral("URL shortener")));
        const InterviewScore &score = w.interview()->outcome()->score;
        QVERIFY2(text.contains(QStringLiteral("Score: %1 / %2").arg(score.total).arg(score.max)),
                 qPrintable(text.right(2000)));

        QWidget *reference = w.interview()->openReference();
        QVERIFY(reference);
        QVERIFY(!view->isVisible()); // it covered the reference; Show score brings it back
        auto *other = qobject_cast<MainWindow *>(reference);
        QVERIFY(other && other->document()->design().components.size() > 3);
        QVERIFY(other->geometry().left() > w.geometry().left()); // side by side
        QApplication::processEvents();
        for (const char *name : {"paletteDock", "minimapDock", "inspectorDock"}) // its canvas
            QVERIFY2(!other->findChild<QDockWidget *>(QString::fromLatin1(name))->isVisible(),
                     name);
        QVERIFY2(!other->geometry().intersects(w.geometry()), // not over each other
                 qPrintable(QStringLiteral("%1 %2 | %3 %4 on a screen %5 wide")
                                .arg(w.geometry().x())
                                .arg(w.geometry().width())
                                .arg(other->geometry().x())
                                .arg(other->geometry().width())
                                .arg(w.screen()->availableGeometry().width())));
        other->close();
    }
};

QTEST_MAIN(TestInterviewGui)
#include "test_interview_gui.moc"
