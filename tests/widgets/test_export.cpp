// Every diagram and report format, parsed back: PNG sizes, SVG as XML with text as text,
// PDF pages and text (poppler's pdfinfo and pdftotext), HTML escaping and self-containment.
#include "auto_layout.h"
#include "big_design.h"
#include "diagram_export.h"
#include "file_controller.h"
#include "report_export.h"
#include "report_run.h"
#include "run_snapshot.h"

#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <QApplication>

using namespace hld;

namespace {

Design templateDesign(const QString &file)
{
    auto d = FileController::loadTemplate(QStringLiteral(":/templates/") + file);
    if (!d)
        qFatal("no template %s", qPrintable(file));
    placeUnpositioned(*d);
    return *d;
}

QString label(const Component &c)
{
    return QString::fromStdString(c.label.value_or(c.id));
}

// Poppler's tools: `pdftotext FILE -` and the page count from `pdfinfo`.
QString run(const QString &tool, const QStringList &args)
{
    const QString exe = QStandardPaths::findExecutable(tool);
    if (exe.isEmpty())
        qFatal("%s is missing: scripts/setup installs poppler-utils", qPrintable(tool));
    QProcess p;
    p.start(exe, args);
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

int pdfPages(const QString &file)
{
    const auto m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)"))
                       .match(run(QStringLiteral("pdfinfo"), {file}));
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

QString pdfText(const QString &file)
{
    // Words only: layout spacing and line breaks differ between poppler versions.
    return run(QStringLiteral("pdftotext"), {file, QStringLiteral("-")}).simplified();
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private slots:
    void pngFollowsTheScaleAndCanBeTransparent()
    {
        DiagramRenderer r(templateDesign(QStringLiteral("url-shortener.hld.json")));
        const QImage one = r.toImage(1, false);
        QVERIFY(one.width() > 300 && one.height() > 80);
        for (double s : {2.0, 4.0}) {
            const QImage img = r.toImage(s, false);
            QCOMPARE(img.width(), qRound(one.width() * s));
            QCOMPARE(img.height(), qRound(one.height() * s));
        }
        QCOMPARE(one.pixelColor(1, 1), QColor(Qt::white));
        const QImage clear = r.toImage(1, true);
        QCOMPARE(clear.pixelColor(1, 1).alpha(), 0);
        // Encoded through the same path as the GUI and hldsim.
        DiagramExportOptions o;
        o.format = DiagramFormat::Png;
        o.scale = 2;
        QImage decoded;
        QVERIFY(decoded.loadFromData(r.encode(o, QStringLiteral("x")), "PNG"));
        QCOMPARE(decoded.size(), one.size() * 2);
    }

    void hugePngsAreRefusedNotAttempted()
    {
        DiagramRenderer r(bench::bigDesign(1000));
        DiagramExportOptions o;
        o.format = DiagramFormat::Png;
        o.scale = 1;
        QVERIFY(!r.refusal(o)); // 13,000 x 6,000: big but possible
        o.scale = 4;
        const auto why = r.refusal(o);
        QVERIFY(why && why->contains(QLatin1String("SVG or PDF")));
        o.format = DiagramFormat::Svg;
        QVERIFY(!r.refusal(o));
    }

    void svgIsVectorWithEveryLabelAsText()
    {
        for (const char *file : {"ecommerce-checkout.hld.json", "global-profile-store.hld.json"}) {
            const Design d = templateDesign(QString::fromLatin1(file));
            DiagramRenderer r(d);
            const QByteArray svg = r.toSvg(false, QStringLiteral("t"));
            QXmlStreamReader xml(svg);
            QStringList texts;
            int images = 0;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isStartElement() && xml.name() == QLatin1String("text"))
                    texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
                else if (xml.isStartElement() && xml.name() == QLatin1String("image"))
                    ++images;
            }
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            QCOMPARE(images, 0); // icons are paths, not pictures
            // A title too long for its box is drawn smaller, or on two lines (two <text>s).
            const QString all = texts.join(QLatin1Char(' '));
            for (const auto &c : d.components)
                QVERIFY2(all.contains(label(c)), qPrintable(label(c)));
            QVERIFY(all.contains(QLatin1String("ms"))); // link latencies
        }
    }

    void pdfFitsOrUsesAPaperSize()
    {
        QTemporaryDir dir;
        const Design d = templateDesign(QStringLiteral("ecommerce-checkout.hld.json"));
        DiagramRenderer r(d);
        struct Case
        {
            PageSize page;
            bool landscape;
            const char *size;
        };
        for (const Case &c : {Case{PageSize::Fit, false, ""},
                              Case{PageSize::A4, false, "595 x 842"},
                              Case{PageSize::A4, true, "842 x 595"},
                              Case{PageSize::Letter, true, "792 x 612"}}) {
            const QString file = dir.filePath(QStringLiteral("d.pdf"));
            QVERIFY(writeFileAtomically(
                file, r.toPdf(c.page, c.landscape, QStringLiteral("t")), nullptr));
            QCOMPARE(pdfPages(file), 1);
            const QString info = run(QStringLiteral("pdfinfo"), {file});
            if (*c.size)
                QVERIFY2(info.contains(QLatin1String(c.size)), qPrintable(info));
            const QString text = pdfText(file);
            QVERIFY2(text.contains(QLatin1String("Catalog service")), qPrintable(text));
            QVERIFY(text.contains(QLatin1String("Shoppers")));
        }
    }

    void selectionAndRunOverlay()
    {
        const Design d = templateDesign(QStringLiteral("ecommerce-checkout.hld.json"));
        DiagramRenderer all(d);
        DiagramRenderer part(d);
        part.showOnly({QStringLiteral("checkout"), QStringLiteral("payments")});
        QVERIFY(part.sourceRect().width() < all.sourceRect().width() / 2);
        const QByteArray svg = part.toSvg(true, QStringLiteral("t"));
        QVERIFY(svg.contains("payments"));
        QVERIFY(!svg.contains("Shoppers"));

        const auto snap = simulateSnapshot(d, 20);
        QVERIFY(snap);
        QCOMPARE(snap->simTimeS, 20.0);
        DiagramRenderer running(d);
        running.setRun(*snap);
        const QByteArray runSvg = running.toSvg(false, QStringLiteral("t"));
        QVERIFY(runSvg.contains(" rps")); // link throughput instead of latency
        QVERIFY(QString::fromUtf8(runSvg).contains(QRegularExpression(QStringLiteral(">\\d+%<"))));
    }

    // A snapshot simulated for an export shows what the live canvas shows: breakers and
    // policy counts on links, 429s on components, mechanisms (it had link rates only).
    void simulatedSnapshotsCarryPoliciesAndRateLimits()
    {
        const auto conceptDesign = [](const char *file) {
            return *FileController::loadTemplate(QStringLiteral(":/concepts/")
                                                 + QLatin1String(file));
        };
        const Design storm = conceptDesign("retry-storm.on.hld.json");
        const auto s = simulateSnapshot(storm, 28);
        QVERIFY(s && s->links);
        QCOMPARE(s->linkStates.size(), s->links->size());
        int guarded = 0, open = 0;
        for (const LiveLink &l : s->linkStates) {
            guarded += l.guarded;
            open += l.breaker != LiveLink::Breaker::Closed;
        }
        QVERIFY(guarded >= 1);
        QVERIFY2(open >= 1, "the inventory breaker has tripped 8 s into its slowdown");
        const Design limited = conceptDesign("rate-limiting.on.hld.json");
        const auto r = simulateSnapshot(limited, 30);
        QVERIFY(r);
        const auto gw = std::find_if(r->nodes.begin(), r->nodes.end(), [](const LiveNode &n) {
            return n.id == QStringLiteral("gw");
        });
        QVERIFY(gw != r->nodes.end());
        QVERIFY2(gw->rateLimitedPerS > 1, qPrintable(QString::number(gw->rateLimitedPerS)));
        QVERIFY(gw->rateLimited > 0);
        // The scenario's partition (120 s to 240 s) is in force at 130 s, and over at 250 s.
        const Design global = templateDesign(QStringLiteral("global-profile-store.hld.json"));
        const auto during = simulateSnapshot(global, 130), after = simulateSnapshot(global, 250);
        QVERIFY(during && after);
        QCOMPARE(int(during->cuts.size()), 1);
        QVERIFY(after->cuts.empty());
    }

    void htmlReportIsSelfContainedAndEscaped()
    {
        Design d = templateDesign(QStringLiteral("url-shortener.hld.json"));
        d.name = "<script>alert('name')</script>";
        d.components[1].label = "<script>alert(1)</script>";
        d.components[1].justification = "<img src=x onerror=alert(2)> & \"quotes\"";
        RunOptions opt;
        opt.sim.durationS = 10;
        opt.replications = 2;
        const auto results = runForReport(d, opt);
        QVERIFY(results);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.html"));
        const ReportFiles out
            = writeReportFiles(d, *results, {opt, false}, file, ReportFormat::Html);
        QVERIFY2(out.error.isEmpty(), qPrintable(out.error));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(f.readAll());
        QVERIFY(!html.contains(QLatin1String("<script")));
        QVERIFY(!html.contains(QLatin1String("<img src=x")));
        QVERIFY(html.contains(QLatin1String("&lt;script&gt;alert(1)&lt;/script&gt;")));
        QVERIFY(html.contains(
            QLatin1String("&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quotes&quot;")));
        // No remote reference of any kind: every image is inline.
        QVERIFY(!html.contains(
            QRegularExpression(QStringLiteral("(src|href)\\s*=\\s*\"?(https?:)?//"))));
        QVERIFY(!html.contains(QLatin1String("http://")));
        QVERIFY(!html.contains(QLatin1String("https://")));
        QVERIFY(!html.contains(QLatin1String("url(")));
        QVERIFY(html.contains(QLatin1String("src=\"data:image/png;base64,")));
        QVERIFY(html.count(QLatin1String("<svg ")) >= 4); // inline charts
        for (const char *section : {"Components",
                                    "Run settings",
                                    "End-to-end results",
                                    "Per-component results",
                                    "Latency percentiles",
                                    "Utilisation of the busiest components",
                                    "Cost",
                                    "Design review and scenario"})
            QVERIFY2(html.contains(QLatin1String(section)), section);
        QVERIFY(html.contains(QString::fromUtf8("±"))); // confidence intervals
        // It parses as XML-ish markup where it matters: the inline SVG charts.
        const auto svgStart = html.indexOf(QLatin1String("<svg "));
        const auto svgEnd = html.indexOf(QLatin1String("</svg>"), svgStart) + 6;
        QXmlStreamReader chart(html.mid(svgStart, svgEnd - svgStart));
        while (!chart.atEnd())
            chart.readNext();
        QVERIFY2(!chart.hasError(), qPrintable(chart.errorString()));
    }

    void pdfAndMarkdownReports()
    {
        const Design d = templateDesign(QStringLiteral("global-profile-store.hld.json"));
        RunOptions opt;
        opt.sim.durationS = 30;
        const auto results = runForReport(d, opt);
        QVERIFY(results);
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("r.pdf"));
        const ReportFiles p = writeReportFiles(d, *results, {opt, false}, pdf, ReportFormat::Pdf);
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QVERIFY(p.pages >= 3);
        QCOMPARE(pdfPages(pdf), p.pages);
        const QString text = pdfText(pdf);
        for (const char *s : {"Global profile store",
                              "Components",
                              "End-to-end results",
                              "CAP view",
                              "profiles",
                              "page 1"})
            QVERIFY2(text.contains(QLatin1String(s)), s);

        const QString md = dir.filePath(QStringLiteral("r.md"));
        const ReportFiles m
            = writeReportFiles(d, *results, {opt, false}, md, ReportFormat::Markdown);
        QVERIFY2(m.error.isEmpty(), qPrintable(m.error));
        QFile f(md);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text2 = QString::fromUtf8(f.readAll());
        const auto refs
            = QRegularExpression(QStringLiteral("!\\[[^\\]]*\\]\\(([^)]+)\\)")).globalMatch(text2);
        int images = 0;
        for (auto it = refs; it.hasNext();) {
            const QString ref = it.next().captured(1);
            QVERIFY2(QFile::exists(dir.filePath(ref)), qPrintable(ref));
            ++images;
        }
        QVERIFY(images >= 6); // the diagram and the charts, CAP view included
        QImage diagram(dir.filePath(QStringLiteral("r_files/diagram.png")));
        QVERIFY(!diagram.isNull());
    }

    void cancelStopsTheRun()
    {
        const Design d = templateDesign(QStringLiteral("news-feed.hld.json"));
        RunOptions opt;
        opt.sim.durationS = 1e6;
        std::atomic<bool> cancel{false};
        double seen = 0;
        const auto r = runForReport(
            d,
            opt,
            [&](double f) {
                seen = f;
                cancel = true;
            },
            &cancel);
        QVERIFY(!r);
        QVERIFY(seen < 0.01);
    }
};

QTEST_MAIN(TestExport)
#include "test_export.moc"
