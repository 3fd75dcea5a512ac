#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

namespace hld {

class DesignDocument;
class SimulationController;
struct LiveNode;

// Faults and changes by hand on the running simulation, addressed by component id and
// region name. It knows which faults apply to a component of a given kind in its live state
// (a database has no cache to flush; a healthy service has nothing to restore), so menus
// offer only those, and it remembers what it added in this run (latency, error rates) so
// that it can be taken away again.
class FaultInjector : public QObject
{
    Q_OBJECT

public:
    enum class Fault {
        Kill,
        KillReplica,
        Restore,
        AddLatency,
        ClearLatency,
        SetErrorRate,
        ClearErrorRate,
        FlushCache,
    };

    FaultInjector(SimulationController *sim, const DesignDocument *doc, QObject *parent = nullptr);

    // The faults that apply to `id` now; empty before the run starts and for clients.
    QList<Fault> applicable(const QString &id) const;
    // What a menu calls it, for `id` in its present state.
    QString title(Fault f, const QString &id = {}) const;
    // Sends `f` to every component of `ids` it applies to; returns what happened, for the
    // status bar. `value`: AddLatency in ms, SetErrorRate as a share 0..1.
    QString inject(Fault f, const QStringList &ids, double value = 0);

    // Regions a partition can cut: frames and region names of components and replicas.
    QStringList regions() const;
    QString partition(const QString &a, const QString &b);
    QString healAll();

    double addedLatencyMs(const QString &id) const { return m_latencyMs.value(id); }
    double errorRate(const QString &id) const { return m_errorRate.value(id); }

private:
    const LiveNode *liveNode(const QString &id) const;
    void forgetRun();

    SimulationController *m_sim;
    const DesignDocument *m_doc;
    std::uint64_t m_generation = 0;
    QHash<QString, double> m_latencyMs;
    QHash<QString, double> m_errorRate;
};

} // namespace hld
