// The designer's File → Import / Export / Export Report, offscreen: the menu entries, the
// export dialog's options, the report dialog's run, progress and cancel, the import dialog's
// kind confirmation.
#include "design_document.h"
#include "design_import.h"
#include "diagram_scene.h"
#include "export_dialog.h"
#include "file_controller.h"
#include "import_dialog.h"
#include "interchange_actions.h"
#include "main_window.h"
#include "model/component_kind.h"
#include "report_dialog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace hld;

namespace {

Design shop()
{
    return *FileController::loadTemplate(QStringLiteral(":/templates/ecommerce-checkout.hld.json"));
}

QByteArray slurp(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestInterchangeGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void fileMenuHasTheEntries()
    {
        MainWindow w;
        QMenu *file = w.menuBar()->findChildren<QMenu *>().value(0);
        QVERIFY(file);
        QStringList names;
        for (QAction *a : file->actions())
            names << a->objectName();
        for (const char *n : {"importDiagram", "exportDiagram", "exportReport"}) {
            QVERIFY2(names.contains(QLatin1String(n)), n);
            QVERIFY(w.action(QLatin1String(n)));
        }
    }

    void exportDialogWritesWhatItsOptionsSay()
    {
        QTemporaryDir dir;
        const Design d = shop();
        ExportDialog dlg(d,
                         {QStringLiteral("checkout"), QStringLiteral("payments")},
                         nullptr,
                         1,
                         dir.filePath("shop"));
        auto *format = dlg.findChild<QComboBox *>(QStringLiteral("format"));
        auto *only = dlg.findChild<QCheckBox *>(QStringLiteral("selectionOnly"));
        auto *run = dlg.findChild<QComboBox *>(QStringLiteral("run"));
        auto *second = dlg.findChild<QDoubleSpinBox *>(QStringLiteral("runSecond"));
        QVERIFY(format && only && run && second);
        QVERIFY(only->isChecked()); // a selection exports itself by default
        QVERIFY(!dlg.findChild<QLabel *>(QStringLiteral("preview"))->pixmap().isNull());

        format->setCurrentIndex(format->findData(QStringLiteral("svg")));
        QVERIFY(!dlg.exportTo(dir.filePath("part.svg")));
        const QByteArray part = slurp(dir.filePath("part.svg"));
        QVERIFY(part.contains("payments"));
        QVERIFY(!part.contains("Shoppers"));

        only->setChecked(false);
        second->setValue(15);
        run->setCurrentIndex(2); // simulate to second 15
        QVERIFY(!dlg.exportTo(dir.filePath("run.svg")));
        const QByteArray all = slurp(dir.filePath("run.svg"));
        QVERIFY(all.contains("Shoppers"));
        QVERIFY(all.contains(" rps"));

        format->setCurrentIndex(format->findData(QStringLiteral("mermaid")));
        QVERIFY(!run->isEnabled()); // text formats carry no run
        QVERIFY(!dlg.exportTo(dir.filePath("d.mmd")));
        QVERIFY(slurp(dir.filePath("d.mmd")).startsWith("---\ntitle:"));
        format->setCurrentIndex(format->findData(QStringLiteral("png")));
        QVERIFY(dlg.findChild<QComboBox *>(QStringLiteral("scale"))->isEnabled());
        QVERIFY(!dlg.findChild<QComboBox *>(QStringLiteral("page"))->isEnabled());
        // A file that cannot be written is an error, not a crash.
        QVERIFY(dlg.exportTo(QStringLiteral("/nonexistent-dir/x.png")));
    }

    void reportDialogRunsWithProgressAndCancels()
    {
        QTemporaryDir dir;
        ReportDialog dlg(shop(), 1, dir.filePath("shop"));
        dlg.findChild<QDoubleSpinBox *>(QStringLiteral("duration"))->setValue(10);
        dlg.findChild<QSpinBox *>(QStringLiteral("replications"))->setValue(2);
        QSignalSpy done(&dlg, &ReportDialog::finished);
        dlg.start(dir.filePath("r.html"));
        QVERIFY(dlg.isRunning());
        QVERIFY(!dlg.findChild<QPushButton *>(QStringLiteral("go"))->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
        QCOMPARE(done.at(0).at(0).toBool(), true);
        QVERIFY(slurp(dir.filePath("r.html")).contains("End-to-end results"));
        QCOMPARE(dlg.findChild<QProgressBar *>(QStringLiteral("progress"))->value(), 1000);

        // A long run, cancelled with the button: no file.
        dlg.findChild<QDoubleSpinBox *>(QStringLiteral("duration"))->setValue(100000);
        dlg.start(dir.filePath("long.pdf"));
        QTRY_VERIFY_WITH_TIMEOUT(
            dlg.findChild<QProgressBar *>(QStringLiteral("progress"))->value() > 0, 20000);
        QTest::mouseClick(dlg.findChild<QPushButton *>(QStringLiteral("cancel")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 10000);
        QCOMPARE(done.at(1).at(0).toBool(), false);
        QVERIFY(!QFile::exists(dir.filePath("long.pdf")));
        QVERIFY(!dlg.isRunning());
    }

    void importDialogPutsUnsureGuessesFirstAndTakesTheUsersKinds()
    {
        const DiagramRead read = readDiagramFile(
            QStringLiteral(HLD_SOURCE_DIR "/tests/data/interchange/shop-plain.drawio"));
        QVERIFY(read.graph);
        ImportDialog dlg(*read.graph, QStringLiteral("shop-plain.drawio"));
        QCOMPARE(dlg.unsureCount(), 2);
        QTableWidget *t = dlg.table();
        QCOMPARE(t->rowCount(), 7);
        QVERIFY(t->item(0, 2)->background().color() != QColor(Qt::white)); // highlighted
        QVERIFY(t->item(0, 0)->text().contains(QLatin1String("Orders")));
        auto *kind = qobject_cast<QComboBox *>(t->cellWidget(0, 1));
        kind->setCurrentIndex(kind->findData(int(ComponentKind::Cache)));
        const Design d = dlg.design();
        bool cache = false;
        for (const auto &c : d.components)
            cache = cache || (c.label.value_or(c.id) == "Orders" && c.kind == ComponentKind::Cache);
        QVERIFY(cache);
    }

    void importFromTheMenuReplacesTheDesign()
    {
        MainWindow w;
        w.show();
        auto *actions = w.findChild<InterchangeActions *>();
        QVERIFY(actions);
        QTimer::singleShot(300, [] {
            if (auto *dlg = qobject_cast<QDialog *>(QApplication::activeModalWidget()))
                dlg->accept();
        });
        actions->importFile(QStringLiteral(HLD_SOURCE_DIR "/tests/data/interchange/checkout.mmd"));
        QCOMPARE(w.document()->design().components.size(), std::size_t(13));
        QCOMPARE(w.document()->design().name, std::string("Checkout (whiteboard)"));
        QVERIFY(w.files()->filePath().isEmpty()); // a new, unsaved design
    }
};

QTEST_MAIN(TestInterchangeGui)
#include "test_interchange_gui.moc"
