// Export and report speed (issue 9's targets: the 1,000-component design as SVG and as PDF
// under 2 s each; a report of a template with a 60-simulated-second run under 5 s).
// In-process timings here; scripts/bench also times the same work as `hldsim` processes.
// export_bench [OUT_DIR]: writes big.hld.json and the exports there (default: a temp dir).
#include "big_design.h"
#include "diagram_export.h"
#include "file_controller.h"
#include "io/design_writer.h"
#include "report_export.h"
#include "report_run.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

using namespace hld;

namespace {

double best(int runs, const std::function<void()> &f)
{
    double b = 1e300;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        f();
        b = std::min(b, t.nsecsElapsed() / 1e9);
    }
    return b;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTemporaryDir tmp;
    const QDir out(argc > 1 ? QString::fromLocal8Bit(argv[1]) : tmp.path());
    const Design big = bench::bigDesign(1000);
    saveDesignFile(big, out.filePath(QStringLiteral("big.hld.json")).toStdString(), nullptr);
    std::printf("design: %zu components, %zu links\n", big.components.size(), big.links.size());

    QByteArray svg, pdf;
    const double tSvg = best(3, [&] {
        DiagramRenderer r(big);
        svg = r.toSvg(false, QStringLiteral("big"));
        writeFileAtomically(out.filePath(QStringLiteral("big.svg")), svg, nullptr);
    });
    const double tPdf = best(3, [&] {
        DiagramRenderer r(big);
        pdf = r.toPdf(PageSize::Fit, false, QStringLiteral("big"));
        writeFileAtomically(out.filePath(QStringLiteral("big.pdf")), pdf, nullptr);
    });
    const double tPng = best(3, [&] {
        DiagramRenderer r(big);
        r.toImage(1, false).save(out.filePath(QStringLiteral("big.png")));
    });
    std::printf("export 1,000 components as SVG: %.3f s (%.1f MB)\n", tSvg, svg.size() / 1e6);
    std::printf("export 1,000 components as PDF: %.3f s (%.1f MB)\n", tPdf, pdf.size() / 1e6);
    std::printf("export 1,000 components as PNG at 1x: %.3f s\n", tPng);

    for (const auto &[title, path] : FileController::templates()) {
        const auto d = FileController::loadTemplate(path);
        RunOptions opt;
        opt.sim.durationS = 60;
        opt.replications = 3;
        opt.threads = 2;
        const QString file
            = out.filePath(QFileInfo(path).completeBaseName() + QStringLiteral(".pdf"));
        double tRun = 0;
        const double tAll = best(1, [&] {
            QElapsedTimer t;
            t.start();
            const auto r = runForReport(*d, opt);
            tRun = t.nsecsElapsed() / 1e9;
            writeReportFiles(*d, *r, {opt, false}, file, ReportFormat::Pdf);
        });
        std::printf("report (PDF, 3 x 60 simulated s) of %-44s %.2f s (run %.2f s)\n",
                    qPrintable(title),
                    tAll,
                    tRun);
    }
    return 0;
}
