// A live run of a 200-component design at 100,000 simulated requests per second, at 1x
// speed with every overlay on, offscreen: the simulated/real time ratio, and the frames the
// canvas really paints (driven by the window's own 60 Hz animation clock, between snapshots
// that come at most 30 times a second) with their paint times. Run by scripts/bench.
// GCC 12 reports a false -Wrestrict on std::string concatenation (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include "design_document.h"
#include "diagram_scene.h"
#include "diagram_view.h"
#include "file_controller.h"
#include "main_window.h"
#include "simulation_controller.h"
#include "traffic_overlay.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
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
    auto link
        = [&](const std::string &a, const std::string &b) { d.links.push_back(linkBetween(a, b)); };
    for (int s = 0; s < 20; ++s) {
        const std::string p = "s" + std::to_string(s) + "-";
        const double x = (s % 5) * 1900.0, y = (s / 5) * 700.0;
        auto &users = add(p + "users", ComponentKind::Client, x, y + 200).traffic;
        users = Traffic{};
        users->rps = 5000;
        users->readRatio = 0.9;
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
        d.links.push_back(linkBetween(p + "api", p + "queue", std::nullopt, RequestFilter::Writes));
        link(p + "queue", p + "worker");
        link(p + "worker", p + "blobs");
        d.links.push_back(linkBetween(p + "api", p + "audit", LinkMode::Async));
    }
    return d;
}

// Every frame the canvas paints: when, how long it took, whether requests were moving.
struct FrameMeter
{
    std::vector<double> paintMs;
    std::vector<double> atMs;
    int framesWithDots = 0;
    QElapsedTimer wall;

    void clear()
    {
        paintMs.clear();
        atMs.clear();
        framesWithDots = 0;
    }
};

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

    // Frames: what the window paints by itself, on its animation clock and the snapshots.
    FrameMeter meter;
    meter.wall.start();
    QObject::connect(w.view(), &DiagramView::framePainted, [&](double ms) {
        meter.paintMs.push_back(ms);
        meter.atMs.push_back(meter.wall.nsecsElapsed() / 1e6);
        meter.framesWithDots += w.scene()->traffic()->activeDots() > 0;
    });
    QElapsedTimer wall;
    int snapshots = 0;
    QObject::connect(w.simulation(), &SimulationController::snapshotReady, [&] { ++snapshots; });
    w.simulation()->setSpeed(1.0);
    w.simulation()->run();
    // Leave the first second out: the engine is filling up.
    // (A local event loop: QApplication::quit() would close the window.)
    auto runFor = [](int ms) {
        QEventLoop loop;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        loop.exec();
    };
    runFor(1000);
    meter.clear();
    snapshots = 0;
    const double simStart = w.simulation()->latest() ? w.simulation()->latest()->simTimeS : 0;
    wall.start();
    runFor(int(seconds * 1000));
    const double elapsed = wall.nsecsElapsed() / 1e9;
    const auto s = w.simulation()->latest();
    w.simulation()->pause();
    const double simT = s ? s->simTimeS : 0;
    std::printf("wall %.1f s, simulated %.1f s: %.2fx real time\n",
                elapsed,
                simT - simStart,
                (simT - simStart) / elapsed);
    const auto &frames = meter.paintMs;
    std::vector<double> gaps;
    for (std::size_t i = 1; i < meter.atMs.size(); ++i)
        gaps.push_back(meter.atMs[i] - meter.atMs[i - 1]);
    std::printf("frames %zu (%.1f per second; %.1f per second with requests moving), frame gap "
                "p50 %.1f ms, p95 %.1f ms\n",
                frames.size(),
                frames.size() / elapsed,
                meter.framesWithDots / elapsed,
                percentile(gaps, 0.5),
                percentile(gaps, 0.95));
    std::printf("paint p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                percentile(frames, 0.5),
                percentile(frames, 0.95),
                percentile(frames, 0.99),
                percentile(frames, 1.0));
    std::printf("snapshots %d (%.1f per second)\n", snapshots, snapshots / elapsed);

    // Headroom: the same run as fast as the engine goes, overlays still on.
    meter.clear();
    w.simulation()->setSpeed(SimulationController::kAsFastAsPossible);
    w.simulation()->run();
    wall.restart();
    runFor(5000);
    const double fastWall = wall.nsecsElapsed() / 1e9;
    const double fastSim = w.simulation()->latest()->simTimeS - simT;
    w.simulation()->pause();
    std::printf("as fast as possible: %.2fx real time, frames %.1f per second\n",
                fastSim / fastWall,
                meter.paintMs.size() / fastWall);
    w.document()->undoStack()->setClean();
    return 0;
}
