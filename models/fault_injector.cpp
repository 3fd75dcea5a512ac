#include "fault_injector.h"

#include "design_document.h"
#include "live_control.h"
#include "simulation_controller.h"

namespace hld {

FaultInjector::FaultInjector(SimulationController *sim, const DesignDocument *doc, QObject *parent)
    : QObject(parent)
    , m_sim(sim)
    , m_doc(doc)
{
    // What was added by hand belongs to one run: a reset (or another design) forgets it.
    connect(sim, &SimulationController::snapshotReady, this, [this](const LiveSnapshotPtr &s) {
        if (s->generation != m_generation) {
            m_generation = s->generation;
            forgetRun();
        }
    });
}

void FaultInjector::forgetRun()
{
    m_latencyMs.clear();
    m_errorRate.clear();
}

const LiveNode *FaultInjector::liveNode(const QString &id) const
{
    const LiveSnapshotPtr s = m_sim->latest();
    if (!s)
        return nullptr;
    for (const auto &n : s->nodes) {
        if (n.id == id)
            return &n;
    }
    return nullptr;
}

QList<FaultInjector::Fault> FaultInjector::applicable(const QString &id) const
{
    QList<Fault> out;
    const Component *c = m_doc->component(id);
    const LiveSnapshotPtr keep = m_sim->latest(); // liveNode points into it
    const LiveNode *live = liveNode(id);
    if (!m_sim->hasStarted() || !c || !live || c->kind == ComponentKind::Client)
        return out;
    if (live->replicas > 0)
        out << Fault::Kill;
    if (live->replicas > 1)
        out << Fault::KillReplica;
    if (live->down > 0)
        out << Fault::Restore;
    out << Fault::AddLatency;
    if (m_latencyMs.value(id) > 0)
        out << Fault::ClearLatency;
    out << Fault::SetErrorRate;
    if (m_errorRate.value(id) > 0)
        out << Fault::ClearErrorRate;
    if ((c->kind == ComponentKind::Cache || c->kind == ComponentKind::Cdn) && live->replicas > 0)
        out << Fault::FlushCache;
    return out;
}

QString FaultInjector::title(Fault f, const QString &id) const
{
    switch (f) {
    case Fault::Kill:
        return tr("Kill Component");
    case Fault::KillReplica:
        return tr("Kill One Replica");
    case Fault::Restore: {
        const LiveSnapshotPtr keep = m_sim->latest();
        const LiveNode *live = id.isEmpty() ? nullptr : liveNode(id);
        if (live && live->replicas > 0)
            return (live->down == 1 ? tr("Restore 1 Replica")
                                    : tr("Restore %1 Replicas").arg(live->down));
        return tr("Restore Component");
    }
    case Fault::AddLatency:
        return tr("Add Latency…");
    case Fault::ClearLatency:
        return tr("Remove Added Latency (%1 ms)").arg(m_latencyMs.value(id));
    case Fault::SetErrorRate:
        return tr("Set Error Rate…");
    case Fault::ClearErrorRate:
        return tr("Remove Error Rate (%1%)").arg(100 * m_errorRate.value(id));
    case Fault::FlushCache:
        return tr("Flush Cache");
    }
    return {};
}

QString FaultInjector::inject(Fault f, const QStringList &ids, double value)
{
    QStringList done;
    for (const QString &id : ids) {
        if (!applicable(id).contains(f))
            continue;
        LiveControl c;
        switch (f) {
        case Fault::Kill:
            c = LiveControl::onComponent(ControlOp::Kill, id);
            break;
        case Fault::KillReplica:
            c = LiveControl::onComponent(ControlOp::KillReplica, id);
            c.replica = -1; // the engine picks one still in rotation: repeat to kill more
            break;
        case Fault::Restore:
            c = LiveControl::onComponent(ControlOp::Restore, id);
            break;
        case Fault::AddLatency:
        case Fault::ClearLatency:
            value = f == Fault::ClearLatency ? 0 : value;
            c = LiveControl::onComponent(ControlOp::AddLatency, id, value);
            m_latencyMs.insert(id, value);
            break;
        case Fault::SetErrorRate:
        case Fault::ClearErrorRate:
            value = f == Fault::ClearErrorRate ? 0 : value;
            c = LiveControl::onComponent(ControlOp::SetErrorRate, id, value);
            m_errorRate.insert(id, value);
            break;
        case Fault::FlushCache:
            c = LiveControl::onComponent(ControlOp::FlushCache, id);
            break;
        }
        m_sim->sendControl(c);
        done << id;
    }
    if (!m_sim->hasStarted())
        return tr("Faults act on a running simulation: press Run first.");
    if (done.isEmpty())
        return ids.isEmpty()
                   ? tr("Select the component first.")
                   : tr("%1 does not apply to %2.")
                         .arg(title(f).remove(QStringLiteral("…")), ids.join(QStringLiteral(", ")));
    const LiveSnapshotPtr s = m_sim->latest();
    return tr("%1: %2 at t = %3 s")
        .arg(title(f).remove(QStringLiteral("…")), done.join(QStringLiteral(", ")))
        .arg(s ? s->simTimeS : 0.0, 0, 'f', 1);
}

QStringList FaultInjector::regions() const
{
    QStringList out;
    auto add = [&out](const std::string &name) {
        const QString q = QString::fromStdString(name);
        if (!q.isEmpty() && !out.contains(q))
            out << q;
    };
    const Design &d = m_doc->design();
    for (const auto &r : d.regions)
        add(r.name);
    for (const auto &c : d.components) {
        if (c.region)
            add(*c.region);
        if (c.replication) {
            for (const auto &r : c.replication->replicaRegions)
                add(r);
        }
    }
    return out;
}

QString FaultInjector::partition(const QString &a, const QString &b)
{
    if (!m_sim->hasStarted())
        return tr("Faults act on a running simulation: press Run first.");
    m_sim->sendControl(LiveControl::betweenRegions(ControlOp::Partition, a, b));
    return tr("Partitioned %1 from %2. Heal All Partitions (or Reset) ends it.").arg(a, b);
}

QString FaultInjector::healAll()
{
    const QStringList all = regions();
    for (int i = 0; i < all.size(); ++i) {
        for (int j = i + 1; j < all.size(); ++j)
            m_sim->sendControl(LiveControl::betweenRegions(ControlOp::Heal, all[i], all[j]));
    }
    return tr("Every partition healed; replicas reconcile.");
}

} // namespace hld
