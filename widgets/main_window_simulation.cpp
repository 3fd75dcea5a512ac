// The main window's simulation side: run toolbar, charts and trace docks, live overlays,
// faults. It composes; the logic lives in SimulationController, FaultInjector and the views.
#include "design_document.h"
#include "diagram_scene.h"
#include "diagram_view.h"
#include "fault_actions.h"
#include "fault_injector.h"
#include "live_charts.h"
#include "main_window.h"
#include "measured_load.h"
#include "run_toolbar.h"
#include "simulation_controller.h"
#include "trace_view.h"
#include "traffic_overlay.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QStatusBar>
#include <QTimer>

namespace hld {

namespace {
constexpr int kFrameMs = 16; // the animation's frame clock: 60 frames a second
} // namespace

void MainWindow::createSimulation()
{
    m_sim = new SimulationController(m_doc); // not a child: destroyed first, explicitly
    m_runBar = new RunToolbar(m_sim, this);
    addToolBar(Qt::TopToolBarArea, m_runBar);
    m_charts = new LiveCharts(this);
    auto *dock = new QDockWidget(tr("Charts"), this);
    dock->setObjectName(QStringLiteral("chartsDock"));
    dock->setWidget(m_charts);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    tabifyDockWidget(findChild<QDockWidget *>(QStringLiteral("findingsDock")), dock);

    m_trace = new TraceView(this);
    auto *traceDock = new QDockWidget(tr("Trace"), this);
    traceDock->setObjectName(QStringLiteral("traceDock"));
    traceDock->setWidget(m_trace);
    addDockWidget(Qt::BottomDockWidgetArea, traceDock);
    tabifyDockWidget(dock, traceDock);
    dock->raise();

    connect(m_sim, &SimulationController::snapshotReady, this, &MainWindow::onSnapshot);
    // The review judges a run's measured utilisation once the run stops; a reset forgets it.
    connect(m_sim, &SimulationController::runningChanged, this, [this](bool running) {
        if (!running)
            updateFindings();
    });
    connect(m_sim, &SimulationController::scenarioEnded, this, [this](double atS) {
        // Kept until the next message: a run at full speed gets there in a second or two,
        // and whoever looks back at the window must still see why it stopped.
        statusBar()->showMessage(
            tr("The scenario ends at t = %1 s (its duration): the run paused there. "
               "Run carries on past it; Reset starts it again.")
                .arg(atS, 0, 'g', 6));
    });
    // Another design: what the views hold of the previous one goes at once.
    connect(m_doc, &DesignDocument::documentReset, this, &MainWindow::clearLiveViews);
    auto capChart = [this] {
        const auto &cs = m_doc->design().components;
        m_charts->showCapChart(std::any_of(
            cs.begin(), cs.end(), [](const Component &c) { return c.replication.has_value(); }));
    };
    connect(m_doc, &DesignDocument::documentReset, this, capChart);
    connect(m_doc, &DesignDocument::componentRemoved, this, capChart);
    connect(m_doc, &DesignDocument::componentChanged, this, capChart);
    // The traffic animation runs on its own frame clock, between snapshots.
    m_animation = new QTimer(this);
    m_animation->setTimerType(Qt::PreciseTimer);
    m_animation->setInterval(kFrameMs);
    connect(m_animation, &QTimer::timeout, this, [this] {
        m_scene->traffic()->tick();
        m_view->frame();
    });
    m_animation->start();
    // While it runs, the canvas paints once a frame, whatever changed in between.
    connect(m_sim, &SimulationController::runningChanged, m_view, &DiagramView::setFrameClocked);
    connect(m_view, &DiagramView::requestClicked, this, [this, traceDock](std::uint32_t request) {
        traceDock->show();
        traceDock->raise();
        m_trace->follow(request);
        showMessage(tr("Following request #%1 in the Trace dock").arg(request));
    });

    // Faults and changes by hand: on the component under the mouse, or on the selection.
    m_faults = new FaultInjector(m_sim, m_doc, this);
    auto *faults = new FaultActions(m_faults, this);
    connect(faults, &FaultActions::message, this, &MainWindow::showMessage);
    connect(m_view,
            &DiagramView::componentMenuRequested,
            faults,
            &FaultActions::addTo,
            Qt::DirectConnection);
    using F = FaultInjector::Fault;
    const std::tuple<const char *, const char *, F> onSelection[] = {
        {"killComponent", QT_TR_NOOP("Kill Component"), F::Kill},
        {"restoreComponent", QT_TR_NOOP("Restore Component"), F::Restore},
        {"killReplica", QT_TR_NOOP("Kill One Replica"), F::KillReplica},
        {"addLatency", QT_TR_NOOP("Add Latency…"), F::AddLatency},
        {"errorRate", QT_TR_NOOP("Set Error Rate…"), F::SetErrorRate},
        {"flushCache", QT_TR_NOOP("Flush Cache"), F::FlushCache},
    };
    for (const auto &[name, text, fault] : onSelection) {
        auto *a = new QAction(tr(text), this);
        a->setObjectName(QString::fromLatin1(name));
        addAction(a);
        connect(a, &QAction::triggered, faults, [this, faults, fault = fault] {
            faults->inject(fault, m_scene->selectedComponentIds());
        });
    }
    auto *partition = new QAction(tr("Partition Two Regions…"), this);
    partition->setObjectName(QStringLiteral("partition"));
    connect(partition, &QAction::triggered, faults, &FaultActions::partition);
    auto *heal = new QAction(tr("Heal All Partitions"), this);
    heal->setObjectName(QStringLiteral("healAll"));
    connect(heal, &QAction::triggered, faults, &FaultActions::healAll);
    addActions({partition, heal});
}

void MainWindow::clearLiveViews()
{
    if (!m_measured->isEmpty()) {
        m_measured->clear();
        updateFindings();
    }
    m_charts->clear();
    m_scene->clearLive();
    m_trace->clear();
}

void MainWindow::onSnapshot(const std::shared_ptr<const LiveSnapshot> &snapshot)
{
    const LiveSnapshot &s = *snapshot;
    if (s.generation != m_generation) {
        m_generation = s.generation;
        clearLiveViews();
    }
    m_runBar->showClock(s.simTimeS, s.speed);
    m_measured->add(s);
    if (s.simTimeS <= 0) {
        m_scene->clearLive(); // nothing has run yet: show the design, not zeros
        return;
    }
    m_scene->applySnapshot(s);
    m_trace->addHops(s);
    m_charts->addPoints(s);
}

} // namespace hld
