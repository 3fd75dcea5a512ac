// The main window's simulation side: run toolbar, charts dock, live overlays, faults.
#include "component_item.h"
#include "design_document.h"
#include "diagram_scene.h"
#include "diagram_view.h"
#include "live_charts.h"
#include "main_window.h"
#include "model/component_kind.h"
#include "model/instance_catalog.h"
#include "run_toolbar.h"
#include "simulation_controller.h"
#include "trace_view.h"
#include "traffic_overlay.h"

#include <QAction>
#include <QDockWidget>
#include <QInputDialog>
#include <QMenuBar>
#include <QStatusBar>
#include <QTimer>

namespace hld {

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
    dock->raise();
    resizeDocks({dock}, {240}, Qt::Vertical);

    m_trace = new TraceView(this);
    auto *traceDock = new QDockWidget(tr("Trace"), this);
    traceDock->setObjectName(QStringLiteral("traceDock"));
    traceDock->setWidget(m_trace);
    addDockWidget(Qt::BottomDockWidgetArea, traceDock);
    tabifyDockWidget(dock, traceDock);
    dock->raise();

    connect(m_sim, &SimulationController::snapshotReady, this, &MainWindow::onSnapshot);
    // The traffic animation runs on its own 30 Hz frame clock, between snapshots.
    m_animation = new QTimer(this);
    m_animation->setInterval(33);
    connect(m_animation, &QTimer::timeout, m_scene->traffic(), &TrafficOverlay::tick);
    m_animation->start();

    // Faults and changes by hand, on the selected component.
    const std::pair<const char *, const char *> faults[] = {
        {"killComponent", QT_TR_NOOP("Kill Component")},
        {"restoreComponent", QT_TR_NOOP("Restore Component")},
        {"killReplica", QT_TR_NOOP("Kill One Replica")},
        {"restoreReplicas", QT_TR_NOOP("Restore Replicas")},
        {"addLatency", QT_TR_NOOP("Add Latency…")},
        {"errorRate", QT_TR_NOOP("Set Error Rate…")},
        {"flushCache", QT_TR_NOOP("Flush Cache")},
        {"partition", QT_TR_NOOP("Partition Two Regions…")},
        {"healAll", QT_TR_NOOP("Heal All Partitions")},
    };
    for (const auto &[name, text] : faults) {
        auto *a = new QAction(tr(text), this);
        a->setObjectName(QString::fromLatin1(name));
        addAction(a);
    }
    connect(action("killComponent"), &QAction::triggered, this, [this] {
        sendFault(int(ControlOp::Kill));
    });
    connect(action("restoreComponent"), &QAction::triggered, this, [this] {
        sendFault(int(ControlOp::Restore));
    });
    connect(action("killReplica"), &QAction::triggered, this, [this] {
        sendFault(int(ControlOp::KillReplica));
    });
    connect(action("restoreReplicas"), &QAction::triggered, this, [this] {
        sendFault(int(ControlOp::Restore));
    });
    connect(action("flushCache"), &QAction::triggered, this, [this] {
        sendFault(int(ControlOp::FlushCache));
    });
    connect(action("addLatency"), &QAction::triggered, this, [this] {
        bool ok = false;
        const double ms
            = QInputDialog::getDouble(this,
                                      tr("Add latency"),
                                      tr("Extra one-way latency into the component (ms):"),
                                      100,
                                      0,
                                      100000,
                                      1,
                                      &ok);
        if (ok)
            sendFault(int(ControlOp::AddLatency), ms);
    });
    connect(action("errorRate"), &QAction::triggered, this, [this] {
        bool ok = false;
        const double pct = QInputDialog::getDouble(
            this, tr("Error rate"), tr("Share of requests that fail (%):"), 10, 0, 100, 1, &ok);
        if (ok)
            sendFault(int(ControlOp::SetErrorRate), pct / 100.0);
    });
    connect(action("partition"), &QAction::triggered, this, &MainWindow::partitionRegions);
    connect(action("healAll"), &QAction::triggered, this, [this] {
        const Network net = compileNetwork(m_doc->design());
        for (std::uint32_t a = 0; a < net.regions.size(); ++a) {
            for (std::uint32_t b = a + 1; b < net.regions.size(); ++b) {
                Control c;
                c.op = ControlOp::Heal;
                c.regionA = a;
                c.regionB = b;
                m_sim->sendControl(c);
            }
        }
        showMessage(tr("Every partition healed; replicas reconcile."));
    });
}

void MainWindow::sendFault(int op, double value)
{
    const QStringList ids = m_scene->selectedComponentIds();
    if (ids.isEmpty()) {
        showMessage(tr("Select the component first."));
        return;
    }
    for (const QString &id : ids) {
        Control c;
        c.op = ControlOp(op);
        c.node = std::uint32_t(m_doc->componentIndex(id));
        c.value = value;
        if (c.op == ControlOp::KillReplica)
            c.replica = -1; // the engine picks one still in rotation: repeat to kill more
        m_sim->sendControl(c);
    }
    showMessage(tr("Sent to %1 at t = %2 s")
                    .arg(ids.join(QStringLiteral(", ")))
                    .arg(m_sim->latest() ? m_sim->latest()->simTimeS : 0.0, 0, 'f', 1));
}

void MainWindow::partitionRegions()
{
    QStringList regions;
    for (const auto &c : m_doc->design().components) {
        if (c.region && !regions.contains(QString::fromStdString(*c.region)))
            regions << QString::fromStdString(*c.region);
        if (c.replication) {
            for (const auto &r : c.replication->replicaRegions) {
                if (!regions.contains(QString::fromStdString(r)))
                    regions << QString::fromStdString(r);
            }
        }
    }
    if (regions.size() < 2) {
        showMessage(tr("A partition needs two regions: group components into regions first."));
        return;
    }
    bool ok = false;
    const QString a = QInputDialog::getItem(
        this, tr("Partition"), tr("Cut off region:"), regions, 0, false, &ok);
    if (!ok)
        return;
    QStringList others = regions;
    others.removeAll(a);
    const QString b
        = QInputDialog::getItem(this, tr("Partition"), tr("from region:"), others, 0, false, &ok);
    if (!ok)
        return;
    // The engine knows regions by index; a structural rebuild would be needed for new names,
    // so the control goes through a scenario-like event on the current design.
    ScenarioEvent e;
    e.action = "partition";
    e.target = a.toStdString();
    e.other = b.toStdString();
    const Network net = compileNetwork(m_doc->design());
    if (auto c = controlFromEvent(net, e)) {
        m_sim->sendControl(*c);
        showMessage(tr("Partitioned %1 from %2. Reset or use Heal to end it.").arg(a, b));
    }
}

void MainWindow::onSnapshot(const std::shared_ptr<const LiveSnapshot> &snapshot)
{
    const LiveSnapshot &s = *snapshot;
    if (s.generation != m_generation) {
        m_generation = s.generation;
        m_charts->clear();
        m_scene->clearLive();
        m_trace->clear();
    }
    m_runBar->showClock(s.simTimeS, s.speed);
    if (s.simTimeS <= 0) {
        m_scene->clearLive(); // nothing has run yet: show the design, not zeros
        return;
    }
    m_scene->applySnapshot(s);
    if (!s.hops.empty() && m_trace->isVisible())
        m_trace->addHops(s.hops, m_scene->engineLinkEnds());
    m_charts->addPoints(s);
    m_runBar->showClock(s.simTimeS, s.speed);
}

} // namespace hld
