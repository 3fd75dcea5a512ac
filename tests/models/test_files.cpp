// Files: round trips, atomic saves, a broken file leaves the document untouched, crash
// recovery, recent files.
#include "design_document.h"
#include "design_editor.h"
#include "file_controller.h"
#include "io/design_reader.h"
#include "model/component_kind.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <QTest>
#include <cstdlib>

using namespace hld;

class TestFiles : public QObject
{
    Q_OBJECT

    QTemporaryDir dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("hld-test"));
        QCoreApplication::setApplicationName(QStringLiteral("files"));
        QVERIFY(dir.isValid());
    }

    void saveOpenRoundTrip()
    {
        DesignDocument doc;
        FileController files(&doc);
        QVERIFY(!files.open(
            QStringLiteral(HLD_SOURCE_DIR "/resources/examples/url-shortener.hld.json")));
        QVERIFY(!files.isModified());
        DesignEditor ed(&doc);
        ed.addComponent(ComponentKind::Queue, Point{300, 300});
        QVERIFY(files.isModified());
        const QString path = dir.filePath(QStringLiteral("a.hld.json"));
        QVERIFY(!files.saveAs(path));
        QVERIFY(!files.isModified());
        QVERIFY(!QFile::exists(path + QStringLiteral(".tmp")));
        const Design saved = doc.design();
        DesignDocument other;
        FileController otherFiles(&other);
        QVERIFY(!otherFiles.open(path));
        QVERIFY(other.design() == saved);
        QCOMPARE(otherFiles.recentFiles().first(), QFileInfo(path).absoluteFilePath());
    }

    void unsavedDesignGoesByItsName()
    {
        DesignDocument doc;
        FileController files(&doc);
        QCOMPARE(files.displayName(), QStringLiteral("Untitled"));
        files.newDocument(
            *FileController::loadTemplate(QStringLiteral(":/templates/url-shortener.hld.json")));
        QVERIFY(!doc.design().name.empty());
        QCOMPARE(files.displayName(), QString::fromStdString(doc.design().name));
        const QString path = dir.filePath(QStringLiteral("named.hld.json"));
        QVERIFY(!files.saveAs(path));
        QCOMPARE(files.displayName(), QStringLiteral("named.hld.json"));
    }

    void brokenFileLeavesTheDocumentUntouched()
    {
        DesignDocument doc;
        FileController files(&doc);
        QVERIFY(!files.open(
            QStringLiteral(HLD_SOURCE_DIR "/resources/examples/url-shortener.hld.json")));
        DesignEditor(&doc).addComponent(ComponentKind::Cache, Point{0, 0});
        const Design before = doc.design();
        const int undoCount = doc.undoStack()->count();
        const QString pathBefore = files.filePath();
        const QString broken = dir.filePath(QStringLiteral("broken.hld.json"));
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            R"({"format": "hld-design", "version": 1, "components": [{"id": "a", "kind": "service", "replicas": 0}]})");
        f.close();
        const auto error = files.open(broken);
        QVERIFY(error);
        QVERIFY(error->contains(QStringLiteral("broken.hld.json: /components/0/replicas")));
        QVERIFY(doc.design() == before);
        QCOMPARE(doc.undoStack()->count(), undoCount);
        QCOMPARE(files.filePath(), pathBefore);
        QVERIFY(files.isModified());
        QVERIFY(files.open(dir.filePath(QStringLiteral("missing.hld.json"))));
        QVERIFY(doc.design() == before);
    }

    void failedSaveKeepsTheOldFile()
    {
        DesignDocument doc;
        FileController files(&doc);
        files.newDocument(
            *FileController::loadTemplate(QStringLiteral(":/templates/chat.hld.json")));
        const QString path = dir.filePath(QStringLiteral("keep.hld.json"));
        QVERIFY(!files.saveAs(path));
        const QByteArray original = [&] {
            QFile f(path);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();
        // A directory where the temporary file should go makes the write fail.
        QDir().mkpath(path + QStringLiteral(".tmp"));
        DesignEditor(&doc).addComponent(ComponentKind::Cache, Point{0, 0});
        QVERIFY(files.save());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), original);
        QVERIFY(files.isModified());
        QDir(path + QStringLiteral(".tmp")).removeRecursively();
    }

    void autosaveRecoveryAfterACrash()
    {
        Design edited;
        QString recovery;
        {
            DesignDocument doc;
            FileController files(&doc);
            files.discardOrphanedRecovery(); // of earlier runs
            QVERIFY(!files.writeRecovery()); // nothing unsaved, nothing written
            files.newDocument(
                *FileController::loadTemplate(QStringLiteral(":/templates/rate-limiter.hld.json")));
            DesignEditor(&doc).addComponent(ComponentKind::Queue, Point{500, 500});
            QVERIFY(files.writeRecovery());
            edited = doc.design();
            recovery = files.recoveryPath();
            // The process "crashes" here: no save, no discard.
        }
        QVERIFY(QFile::exists(recovery));
        DesignDocument doc;
        FileController files(&doc);
        QVERIFY(files.hasRecovery());
        QVERIFY(!files.restoreRecovery());
        QVERIFY(doc.design() == edited);
        QVERIFY(files.isModified()); // restored work is still unsaved
        files.discardRecovery();
        QVERIFY(!files.hasRecovery());
    }

    // Issue 8, 1.5: a second instance must not offer the recovery copy of a first one that
    // is still running.
    void recoveryIsNotOfferedWhileItsOwnerRuns()
    {
        DesignDocument firstDoc;
        FileController first(&firstDoc);
        first.discardOrphanedRecovery(); // of earlier runs
        first.newDocument(
            *FileController::loadTemplate(QStringLiteral(":/templates/rate-limiter.hld.json")));
        DesignEditor(&firstDoc).addComponent(ComponentKind::Queue, Point{500, 500});
        QVERIFY(first.writeRecovery()); // the first instance has unsaved work, and runs on

        DesignDocument secondDoc;
        FileController second(&secondDoc);
        QVERIFY(!second.hasRecovery());
        QVERIFY(second.restoreRecovery()); // refuses: nothing of a dead instance to restore
        QVERIFY(secondDoc.design().components.empty());
        // The second instance's own autosave does not overwrite the first one's copy.
        DesignEditor(&secondDoc).addComponent(ComponentKind::Service, Point{0, 0});
        QVERIFY(second.writeRecovery());
        QVERIFY(!first.hasRecovery());
        first.discardRecovery();
        second.discardRecovery();
    }

    // A recovery copy whose owner died is offered back: a child process (this test binary)
    // writes one and exits at once, without closing anything, as a crash would.
    void recoveryOfADeadOwnerIsOffered()
    {
        {
            DesignDocument doc;
            FileController(&doc).discardOrphanedRecovery(); // of earlier runs
        }
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--crash-with-work")});
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitCode(), 0);
        DesignDocument doc;
        FileController files(&doc);
        QVERIFY(files.hasRecovery());
        QVERIFY(!files.restoreRecovery());
        QCOMPARE(int(doc.design().components.size()), 1);
        QCOMPARE(doc.design().components.front().id, std::string("cache"));
        files.discardRecovery();
        QVERIFY(!files.hasRecovery());
    }

    void autosaveTimerWritesRecovery()
    {
        DesignDocument doc;
        FileController files(&doc);
        files.discardRecovery();
        files.setAutosaveInterval(50);
        DesignEditor(&doc).addComponent(ComponentKind::Service, Point{0, 0});
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(files.recoveryPath()), 5000);
        QVERIFY(!files.hasRecovery()); // its own copy, not one to offer
        files.discardRecovery();
    }
};

// `--crash-with-work`: write a recovery copy of unsaved work, then die without cleaning up.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc > 1 && QByteArray(argv[1]) == "--crash-with-work") {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("hld-test"));
        QCoreApplication::setApplicationName(QStringLiteral("files"));
        auto *doc = new DesignDocument;
        auto *files = new FileController(doc);
        DesignEditor(doc).addComponent(ComponentKind::Cache, Point{100, 100});
        if (!files->writeRecovery())
            return 1;
        std::_Exit(0);
    }
    TestFiles test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_files.moc"
