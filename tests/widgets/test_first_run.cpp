// A first run (issue 8, section 3): the start page, the Help menu, and a tooltip on every
// palette entry and every inspector property.
#include "component_properties_model.h"
#include "design_document.h"
#include "diagram_scene.h"
#include "diagram_view.h"
#include "file_controller.h"
#include "inspector_widget.h"
#include "main_window.h"
#include "palette_model.h"
#include "palette_widget.h"
#include "start_page.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QToolBar>
#include <QTreeView>
#include <QUndoStack>

using namespace hld;

class TestFirstRun : public QObject
{
    Q_OBJECT

    MainWindow *w = nullptr;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("hld-test"));
        QApplication::setApplicationName(QStringLiteral("first-run"));
    }

    void init()
    {
        w = new MainWindow;
        w->resize(1280, 800);
        w->showStartPage(); // as hldstudio does without a file
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
    }

    void cleanup()
    {
        w->document()->undoStack()->setClean();
        delete w;
    }

    void startPageOffersTemplatesRecentFilesAndTheThreeSteps()
    {
        QVERIFY(w->isShowingStartPage());
        StartPage *page = w->startPage();
        QVERIFY(page->isVisible());
        QVERIFY(!w->view()->isVisible());
        // Every template, with a picture and one line.
        const auto templates = FileController::templates();
        QCOMPARE(int(templates.size()), 9);
        for (const auto &[title, path] : templates) {
            auto *card = page->findChild<QWidget *>(QStringLiteral("template:")
                                                    + path.section(QLatin1Char('/'), -1));
            QVERIFY2(card, qPrintable(path));
            QVERIFY2(!StartPage::templateSummary(path).isEmpty(), qPrintable(path));
        }
        QVERIFY(page->findChild<QWidget *>(QStringLiteral("blankDesign")));
        // How it works, the concepts, and the entry a later version fills, disabled.
        QStringList text;
        for (auto *label : page->findChildren<QLabel *>())
            text << label->text();
        const QString all = text.join(QLatin1Char(' '));
        for (const char *step : {"1 · Drag", "2 · Connect", "3 · Run"})
            QVERIFY2(all.contains(QString::fromUtf8(step)), step);
        // Issue 12 filled the interview entry in: nothing is "coming soon" any more.
        for (auto *b : page->findChildren<QPushButton *>())
            QVERIFY2(!b->text().contains(QStringLiteral("coming soon")), qPrintable(b->text()));
        auto *interview = page->findChild<QPushButton *>(QStringLiteral("practiseInterview"));
        QVERIFY(interview && interview->isEnabled());
        auto *learn = page->findChild<QPushButton *>(QStringLiteral("learnConcepts"));
        QVERIFY(learn && learn->isEnabled());
        // The docks wait for a design.
        QVERIFY(!w->findChild<QDockWidget *>(QStringLiteral("paletteDock"))->isVisible());
    }

    void clickingATemplateOpensItOnTheCanvas()
    {
        auto *card = w->startPage()->findChild<QWidget *>(
            QStringLiteral("template:url-shortener.hld.json"));
        QVERIFY(card);
        w->startPage()->findChild<QScrollArea *>()->ensureWidgetVisible(card);
        QTest::mouseClick(card, Qt::LeftButton, {}, card->rect().center());
        QCOMPARE(QString::fromStdString(w->document()->design().name),
                 QStringLiteral("URL shortener"));
        QVERIFY(!w->isShowingStartPage());
        QTRY_VERIFY(w->view()->isVisible());
        QVERIFY(w->findChild<QDockWidget *>(QStringLiteral("paletteDock"))->isVisible());
        QVERIFY(w->findChild<QToolBar *>(QStringLiteral("runToolbar"))->isVisible());
        // Back to the start page from the Help menu.
        w->action(QStringLiteral("startPage"))->trigger();
        QVERIFY(w->isShowingStartPage());
    }

    void recentFilesAreListed()
    {
        // Opening a file (here, from the start page's own list) records it.
        const QString path = QStringLiteral(HLD_SOURCE_DIR "/resources/templates/chat.hld.json");
        QVERIFY(w->openFile(path));
        w->document()->undoStack()->setClean();
        w->files()->newDocument();
        w->action(QStringLiteral("startPage"))->trigger();
        QPushButton *recent = nullptr;
        for (auto *b : w->startPage()->findChildren<QPushButton *>()) {
            if (b->text() == QStringLiteral("chat.hld.json"))
                recent = b;
        }
        QVERIFY(recent);
        w->startPage()->findChild<QScrollArea *>()->ensureWidgetVisible(recent);
        QTest::mouseClick(recent, Qt::LeftButton);
        QCOMPARE(w->files()->filePath(), QFileInfo(path).absoluteFilePath());
    }

    void helpMenuHasShortcutsFormatAndAbout()
    {
        w->action(QStringLiteral("shortcuts"))->trigger();
        auto *table = w->findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
        QVERIFY(table);
        QStringList rows;
        for (int r = 0; r < table->rowCount(); ++r)
            rows << table->item(r, 0)->text() + QStringLiteral(" = ") + table->item(r, 1)->text();
        QVERIFY2(rows.contains(QStringLiteral("Run = F5")), qPrintable(rows.join(", ")));
        QVERIFY2(rows.filter(QStringLiteral("Undo = Ctrl+Z")).size() == 1,
                 qPrintable(rows.join(", ")));
        w->action(QStringLiteral("designFormat"))->trigger();
        auto *format = w->findChild<QTextBrowser *>(QStringLiteral("designFormat"));
        QVERIFY(format && format->toPlainText().contains(QStringLiteral("hit_ratio")));
        QVERIFY(w->action(QStringLiteral("about")));
    }

    void everyPaletteEntryAndInspectorPropertyHasATooltip()
    {
        PaletteModel palette;
        int entries = 0;
        for (int g = 0; g < palette.rowCount(); ++g) {
            const QModelIndex group = palette.index(g, 0);
            for (int k = 0; k < palette.rowCount(group); ++k) {
                const QModelIndex entry = palette.index(k, 0, group);
                QVERIFY2(entry.data(Qt::ToolTipRole).toString().size() > 40,
                         qPrintable(entry.data().toString()));
                ++entries;
            }
        }
        QCOMPARE(entries, 9);
        w->files()->newDocument(*FileController::loadTemplate(
            QStringLiteral(":/templates/global-profile-store.hld.json")));
        for (const auto &c : w->document()->design().components) {
            w->scene()->selectComponents({QString::fromStdString(c.id)});
            auto *model = w->inspector()->componentModel();
            QVERIFY(model->rowCount() > 4);
            for (int r = 0; r < model->rowCount(); ++r) {
                if (model->isHeading(r))
                    continue;
                QVERIFY2(model->index(r, 0).data(Qt::ToolTipRole).toString().size() > 40,
                         qPrintable(model->index(r, 0).data().toString()));
            }
        }
    }
};

QTEST_MAIN(TestFirstRun)
#include "test_first_run.moc"
