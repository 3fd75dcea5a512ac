// Canvas speed on a 1,000-component design: time to open (load, build the scene, first
// paint), then frame times while panning and zooming. Run offscreen by scripts/bench.
#include "auto_layout.h"
#include "big_design.h"
#include "design_document.h"
#include "diagram_view.h"
#include "file_controller.h"
#include "io/design_writer.h"
#include "main_window.h"

#include <QUndoStack>

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace hld;
using hld::bench::bigDesign;

namespace {

double percentile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * v.size()))];
}

void report(const char *what, const std::vector<double> &ms)
{
    std::printf("%-28s frames %3zu  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %6.2f ms\n",
                what,
                ms.size(),
                percentile(ms, 0.5),
                percentile(ms, 0.95),
                percentile(ms, 0.99),
                *std::max_element(ms.begin(), ms.end()));
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.hld.json"));
    const Design design = bigDesign(1000);
    saveDesignFile(design, path.toStdString(), nullptr);
    std::printf(
        "design: %zu components, %zu links\n", design.components.size(), design.links.size());

    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QApplication::processEvents();

    QElapsedTimer t;
    t.start();
    if (auto error = w.files()->open(path)) {
        std::fprintf(stderr, "%s\n", qPrintable(*error));
        return 1;
    }
    w.view()->zoomToFit();
    w.view()->viewport()->repaint();
    std::printf("open 1,000 components (load, scene, fit, first paint): %.0f ms\n",
                t.nsecsElapsed() / 1e6);

    auto *view = w.view();
    std::vector<double> frames;
    view->setZoom(1.0);
    for (int i = 0; i < 120; ++i) {
        t.restart();
        view->horizontalScrollBar()->setValue(view->horizontalScrollBar()->value() + 15);
        view->viewport()->repaint();
        frames.push_back(t.nsecsElapsed() / 1e6);
    }
    report("pan at 100%", frames);
    frames.clear();
    view->setZoom(0.5);
    for (int i = 0; i < 120; ++i) {
        t.restart();
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->value() + 15);
        view->viewport()->repaint();
        frames.push_back(t.nsecsElapsed() / 1e6);
    }
    report("pan at 50%", frames);
    frames.clear();
    view->zoomToFit();
    for (int i = 0; i < 120; ++i) {
        t.restart();
        view->zoomBy(i % 20 < 10 ? 1.05 : 1 / 1.05);
        view->viewport()->repaint();
        frames.push_back(t.nsecsElapsed() / 1e6);
    }
    report("zoom around fit (whole design)", frames);

    Design unplaced = design;
    for (auto &c : unplaced.components)
        c.position.reset();
    t.restart();
    placeUnpositioned(unplaced);
    std::printf("auto-layout of 1,000 components (Graphviz dot): %.0f ms\n",
                t.nsecsElapsed() / 1e6);
    w.document()->undoStack()->setClean();
    return 0;
}
