// Every template renders with `hldstudio --screenshot` at 1280x800, and the picture holds a
// drawing, not an empty window.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class TestRender : public QObject
{
    Q_OBJECT

private slots:
    void everyTemplateRenders()
    {
        QTemporaryDir out;
        const QDir templates(QStringLiteral(HLD_SOURCE_DIR "/resources/templates"));
        const QStringList files = templates.entryList({QStringLiteral("*.hld.json")});
        QVERIFY(files.size() >= 8);
        for (const QString &f : files) {
            const QString png = out.filePath(f + QStringLiteral(".png"));
            QProcess p;
            p.start(QStringLiteral(HLDSTUDIO_PATH),
                    {QStringLiteral("--screenshot"), png, templates.filePath(f)});
            QVERIFY(p.waitForFinished(60000));
            QVERIFY2(p.exitCode() == 0,
                     qPrintable(f + QStringLiteral(": ") + p.readAllStandardError()));
            QImage img(png);
            QCOMPARE(img.size(), QSize(1280, 800));
            // The canvas region (centre of the window) holds many colours: icons, text, lines.
            QSet<QRgb> colours;
            for (int y = 100; y < 650; y += 3)
                for (int x = 260; x < 930; x += 3)
                    colours.insert(img.pixel(x, y));
            QVERIFY2(colours.size() > 40, qPrintable(f));
        }
    }

    // A low-traffic design simulated as fast as possible used to run far past the second
    // asked for, appending a chart point at a time, and never finished (issue: hardening).
    void lowTrafficSimulationFinishes()
    {
        QTemporaryDir dir;
        const QString design = dir.filePath(QStringLiteral("low.hld.json"));
        QFile file(design);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format": "hld-design", "version": 1, "components": [
            {"id": "users", "kind": "client", "traffic": {"rps": 10}},
            {"id": "api", "kind": "service"}], "links": [{"from": "users", "to": "api"}]})");
        file.close();
        QProcess p;
        p.start(QStringLiteral(HLDSTUDIO_PATH),
                {QStringLiteral("--screenshot"),
                 dir.filePath(QStringLiteral("low.png")),
                 QStringLiteral("--simulate"),
                 QStringLiteral("600"),
                 design});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(QImage(dir.filePath(QStringLiteral("low.png"))).size(), QSize(1280, 800));
    }

    void brokenFileFailsClearly()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.hld.json"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
        file.close();
        QProcess p;
        p.start(QStringLiteral(HLDSTUDIO_PATH),
                {QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("x.png")), bad});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 3);
    }
};

QTEST_GUILESS_MAIN(TestRender)
#include "test_render.moc"
