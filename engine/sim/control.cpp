#include "sim/control.h"

#include "model/component_kind.h"
#include "model/instance_catalog.h"

namespace hld {

std::optional<Control> controlFromEvent(const Network &net, const ScenarioEvent &e)
{
    Control c;
    c.value = e.value.value_or(0);
    c.replica = e.replica.value_or(-1);
    if (e.action == "partition" || e.action == "heal") {
        c.op = e.action == "partition" ? ControlOp::Partition : ControlOp::Heal;
        c.regionA = net.regionIndex(e.target);
        c.regionB = net.regionIndex(e.other.value_or(""));
        if (c.regionA == kNone || c.regionB == kNone)
            return std::nullopt;
        return c;
    }
    c.node = net.nodeIndex(e.target);
    if (c.node == kNone)
        return std::nullopt;
    static const std::pair<std::string_view, ControlOp> ops[] = {
        {"set_rps", ControlOp::SetRps},
        {"set_replicas", ControlOp::SetReplicas},
        {"set_workers", ControlOp::SetWorkers},
        {"set_instance", ControlOp::SetInstance},
        {"set_hit_ratio", ControlOp::SetHitRatio},
        {"set_algorithm", ControlOp::SetAlgorithm},
        {"kill_replica", ControlOp::KillReplica},
        {"restore_replica", ControlOp::RestoreReplica},
        {"kill", ControlOp::Kill},
        {"restore", ControlOp::Restore},
        {"add_latency", ControlOp::AddLatency},
        {"set_error_rate", ControlOp::SetErrorRate},
        {"flush_cache", ControlOp::FlushCache},
        {"purge", ControlOp::FlushCache}, // a CDN's word for it: every edge drops its copies
        {"set_shards", ControlOp::SetShards},
    };
    bool found = false;
    for (const auto &[name, op] : ops) {
        if (name == e.action) {
            c.op = op;
            found = true;
        }
    }
    if (!found)
        return std::nullopt;
    if (c.op == ControlOp::SetInstance) {
        const auto *inst = findInstance(e.text.value_or(""));
        if (!inst)
            return std::nullopt;
        c.value = inst->vcpus;
        c.costPerReplicaHour = inst->costPerHour;
    }
    if (c.op == ControlOp::SetAlgorithm) {
        const auto a = lbAlgorithmFromName(e.text.value_or(""));
        if (!a)
            return std::nullopt;
        c.algorithm = *a;
    }
    return c;
}

} // namespace hld
