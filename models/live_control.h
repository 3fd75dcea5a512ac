#pragma once

#include "sim/control.h"

#include <QString>

#include <optional>
#include <string>

namespace hld {

// A change to a running simulation as the GUI names it: by component id and region name,
// never by the engine's index. The simulation thread resolves it against the network it is
// running at the moment it applies it, so a control sent just before a structural edit still
// reaches the right component (or nothing, if that component is gone).
struct LiveControl
{
    ControlOp op = ControlOp::SetRps;
    std::string component; // node operations
    std::string regionA;   // Partition, Heal
    std::string regionB;
    double value = 0;
    std::int64_t replica = -1; // KillReplica: -1 = any replica still in rotation
    LbAlgorithm algorithm = LbAlgorithm::RoundRobin;
    double costPerReplicaHour = -1; // SetInstance

    static LiveControl onComponent(ControlOp op, const QString &id, double value = 0);
    static LiveControl betweenRegions(ControlOp op, const QString &a, const QString &b);

    // The engine's control on `net`; nothing if it names what `net` lacks.
    std::optional<Control> resolve(const Network &net) const;
    bool isPartitionChange() const { return op == ControlOp::Partition || op == ControlOp::Heal; }
    // What a chart's mark says: "kill db", "replicas api 6", "partition us|eu".
    QString label() const;
};

// The same for an event of the design's scenario.
QString scenarioEventLabel(const ScenarioEvent &e);

} // namespace hld
