// A live run of a 200-component design at 100,000 simulated requests per second, at 1x
// speed with every overlay on, offscreen: the simulated/real time ratio and the frame times
// of the canvas. Run by scripts/bench.
// GCC 12 reports a false -Wrestrict on std::string concatenation (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include "design_document.h"
#include "diagram_scene.h"
#include "diagram_view.h"
#include "file_controller.h"
#include "main_window.h"
#include "simulation_controller.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace hld;

namespace {

Design liveDesign()
{
    Design d;
    d.name = "200 components, 100k rps";
    auto add = [&](const std::string &id, ComponentKind k, double x, double y) -> Component & {
        Component c;
        c.id = id;
        c.kind = k;
        c.position = Point{x, y};
        d.components.push_back(c);
        return d.components.back();
    };
    auto link = [&](const std::string &a, const std::string &b) {
        d.links.push_back({a, b, {}, {}, {}, {}});
    };
    for (int s = 0; s < 20; ++s) {
        const std::string p = "s" + std::to_string(s) + "-";
        const double x = (s % 5) * 1900.0, y = (s / 5) * 700.0;
        add(p + "users", ComponentKind::Client, x, y + 200).traffic
            = Traffic{5000, ArrivalProcess::Poisson, 0.9, {}, {}, {}};
        add(p + "lb", ComponentKind::LoadBalancer, x + 220, y + 200).algorithm
            = LbAlgorithm::LeastConnections;
        add(p + "gw", ComponentKind::ApiGateway, x + 440, y + 200).replicas = 4;
        add(p + "api", ComponentKind::Service, x + 660, y + 100).replicas = 20;
        add(p + "cache", ComponentKind::Cache, x + 880, y + 100).replicas = 2;
        add(p + "db", ComponentKind::Database, x + 1100, y + 100).workers = 64;
        add(p + "queue", ComponentKind::Queue, x + 880, y + 350);
        add(p + "worker", ComponentKind::Service, x + 1100, y + 350).replicas = 4;
        add(p + "blobs", ComponentKind::ObjectStorage, x + 1320, y + 350).workers = 128;
        add(p + "audit", ComponentKind::Service, x + 1320, y + 100).replicas = 16;
        link(p + "users", p + "lb");
        link(p + "lb", p + "gw");
        link(p + "gw", p + "api");
        link(p + "api", p + "cache");
        link(p + "cache", p + "db");
        d.links.push_back({p + "api", p + "queue", {}, {}, {}, RequestFilter::Writes});
        link(p + "queue", p + "worker");
        link(p + "worker", p + "blobs");
        d.links.push_back({p + "api", p + "audit", {}, LinkMode::Async, {}, {}});
    }
    return d;
}

double percentile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, std::size_t(q * v.size()))];
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const double seconds = argc > 1 ? std::atof(argv[1]) : 15.0;
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    w.files()->newDocument(liveDesign());
    QApplication::processEvents();
    w.view()->zoomToFit();
    std::printf("design: %zu components, %zu links, 100,000 requests per second offered\n",
                w.document()->design().components.size(),
                w.document()->design().links.size());

    // Frames: every 33 ms, repaint the canvas synchronously and time it, as the screen would.
    std::vector<double> frames;
    QElapsedTimer wall, frame;
    QTimer frameTimer;
    frameTimer.setInterval(33);
    QObject::connect(&frameTimer, &QTimer::timeout, [&] {
        frame.restart();
        w.view()->viewport()->repaint();
        frames.push_back(frame.nsecsElapsed() / 1e6);
    });
    int snapshots = 0;
    QObject::connect(w.simulation(), &SimulationController::snapshotReady, [&] { ++snapshots; });
    w.simulation()->setSpeed(1.0);
    w.simulation()->run();
    wall.start();
    frameTimer.start();
    QTimer::singleShot(int(seconds * 1000), &app, &QApplication::quit);
    app.exec();
    const double elapsed = wall.nsecsElapsed() / 1e9;
    const auto s = w.simulation()->latest();
    w.simulation()->pause();
    const double simT = s ? s->simTimeS : 0;
    std::printf("wall %.1f s, simulated %.1f s: %.2fx real time\n", elapsed, simT, simT / elapsed);
    std::printf(
        "frames %zu (%.1f per second), paint p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
        frames.size(),
        frames.size() / elapsed,
        percentile(frames, 0.5),
        percentile(frames, 0.95),
        percentile(frames, 0.99),
        percentile(frames, 1.0));
    std::printf("snapshots %d (%.1f per second)\n", snapshots, snapshots / elapsed);

    // Headroom: the same run as fast as the engine goes, overlays still on.
    frames.clear();
    w.simulation()->setSpeed(SimulationController::kAsFastAsPossible);
    w.simulation()->run();
    wall.restart();
    QTimer::singleShot(5000, &app, &QApplication::quit);
    app.exec();
    const double fastWall = wall.nsecsElapsed() / 1e9;
    const double fastSim = w.simulation()->latest()->simTimeS - simT;
    w.simulation()->pause();
    std::printf("as fast as possible: %.2fx real time, frames %.1f per second\n",
                fastSim / fastWall,
                frames.size() / fastWall);
    w.document()->undoStack()->setClean();
    return 0;
}
