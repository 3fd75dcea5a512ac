#pragma once

#include "model/design.h"
#include "sim/network.h"

#include <optional>
#include <string>

namespace hld {

// A change applied to a running simulation at the current simulated time: a live edit from
// the designer, or a scenario event from the design file.
enum class ControlOp : std::uint8_t {
    SetRps,
    SetReplicas,
    SetWorkers,
    SetInstance, // value = new workers per replica; rolling restart with the resize downtime
    SetHitRatio,
    SetAlgorithm,
    KillReplica,
    RestoreReplica,
    Kill,
    Restore,
    AddLatency, // value in ms, added to every link into the node
    SetErrorRate,
    FlushCache,
    Partition,
    Heal,
    SetShards, // value = the new shard count
};

struct Control
{
    ControlOp op = ControlOp::SetRps;
    std::uint32_t node = kNone;
    double value = 0;
    std::int64_t replica = -1; // KillReplica: -1 = any one replica still in rotation
    LbAlgorithm algorithm = LbAlgorithm::RoundRobin;
    double costPerReplicaHour = -1; // SetInstance: the new size's price
    std::uint32_t regionA = kNone, regionB = kNone;
};

// The scenario event as a control; nothing if it names something the network lacks.
std::optional<Control> controlFromEvent(const Network &net, const ScenarioEvent &e);

} // namespace hld
