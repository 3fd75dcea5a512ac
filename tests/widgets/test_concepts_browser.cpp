// The Concepts browser, offscreen: it lists the library with explanations, opens a concept's
// design as a new document, and compares the on and off designs in the background.
#include "concept_comparison.h"
#include "concepts_browser.h"
#include "design_document.h"
#include "main_window.h"
#include "start_page.h"

#include <QAction>
#include <QApplication>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QUndoStack>

using namespace hld;

class TestConceptsBrowser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("hld-test"));
        QApplication::setApplicationName(QStringLiteral("concepts-browser"));
    }

    void listsEveryConceptWithItsExplanation()
    {
        ConceptsBrowser b;
        b.show();
        QVERIFY(QTest::qWaitForWindowExposed(&b));
        QVERIFY(b.library().concepts().size() >= 14);
        QCOMPARE(b.list()->count(), int(b.library().concepts().size()));
        for (int i = 0; i < b.list()->count(); ++i) {
            b.list()->setCurrentRow(i);
            const QString text = b.explanation()->toPlainText();
            QVERIFY2(text.contains(QStringLiteral("The pain")), qPrintable(b.currentId()));
            QVERIFY2(text.contains(QStringLiteral("What to watch")), qPrintable(b.currentId()));
        }
        QVERIFY(!b.select(QStringLiteral("no-such-concept")));
    }

    void openHandsTheChosenVariantOver()
    {
        ConceptsBrowser b;
        QVERIFY(b.select(QStringLiteral("write-behind")));
        QSignalSpy chosen(&b, &ConceptsBrowser::designChosen);
        QTest::mouseClick(b.openOffButton(), Qt::LeftButton);
        QCOMPARE(chosen.size(), 1);
        const auto d = chosen.last().at(0).value<Design>();
        QVERIFY(QString::fromStdString(d.name).startsWith(QStringLiteral("Write-behind off")));
        QVERIFY(chosen.last().at(1).toString().endsWith(QStringLiteral("(off)")));
    }

    // Compare runs in the background (the window stays responsive, a progress bar shows),
    // then fills the table: the general rows and the concept's own, the better side marked.
    void compareShowsBothVariantsSideBySide()
    {
        ConceptsBrowser b;
        b.show();
        QVERIFY(b.select(QStringLiteral("sync-vs-async")));
        QCOMPARE(b.table()->rowCount(), 0);
        QTest::mouseClick(b.compareButton(), Qt::LeftButton);
        QVERIFY(!b.compareButton()->isEnabled());
        QVERIFY(b.progress()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(b.table()->rowCount() > 0, 60000);
        QVERIFY(b.compareButton()->isEnabled());
        QVERIFY(b.progress()->isHidden());
        const auto *c = b.library().find(QStringLiteral("sync-vs-async"));
        QCOMPARE(b.table()->rowCount(), 3 + int(c->counters.size()));
        QCOMPARE(b.table()->item(0, 0)->text(), QStringLiteral("P50 latency (ms)"));
        // Async answers in about 60 ms, sync in over a second: on is the better side.
        const double on = b.table()->item(0, 1)->text().remove(QLatin1Char(',')).toDouble();
        const double off = b.table()->item(0, 2)->text().remove(QLatin1Char(',')).toDouble();
        QVERIFY2(on < 100 && off > 1000, qPrintable(QStringLiteral("%1 %2").arg(on).arg(off)));
        QVERIFY(b.table()->item(0, 1)->font().bold());
        QVERIFY(b.table()->item(0, 1)->background().color().green()
                > b.table()->item(0, 1)->background().color().red());
        // Another concept starts without the table of this one; back again, it is there.
        QVERIFY(b.select(QStringLiteral("cache-aside")));
        QCOMPARE(b.table()->rowCount(), 0);
        QVERIFY(b.select(QStringLiteral("sync-vs-async")));
        QCOMPARE(b.table()->rowCount(), 3 + int(c->counters.size()));
    }

    // From the start page to a concept on the canvas, and the Help menu's entry.
    void reachableFromTheStartPageAndTheHelpMenu()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        w.showStartPage();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *learn = w.startPage()->findChild<QPushButton *>(QStringLiteral("learnConcepts"));
        QVERIFY(learn);
        QTest::mouseClick(learn, Qt::LeftButton);
        QVERIFY(w.conceptsBrowser() && w.conceptsBrowser()->isVisible());
        QVERIFY(w.conceptsBrowser()->select(QStringLiteral("queue-delivery")));
        QTest::mouseClick(w.conceptsBrowser()->openOnButton(), Qt::LeftButton);
        QVERIFY(!w.isShowingStartPage());
        QVERIFY(w.document()->component(QStringLiteral("jobs")));
        QCOMPARE(*w.document()->component(QStringLiteral("jobs"))->ackTimeoutS, 5.0);
        w.conceptsBrowser()->hide();
        QVERIFY(w.action(QStringLiteral("concepts")));
        w.action(QStringLiteral("concepts"))->trigger();
        QVERIFY(w.conceptsBrowser()->isVisible());
        w.document()->undoStack()->setClean();
    }
};

QTEST_MAIN(TestConceptsBrowser)
#include "test_concepts_browser.moc"
