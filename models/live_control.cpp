#include "live_control.h"

namespace hld {

LiveControl LiveControl::onComponent(ControlOp op, const QString &id, double value)
{
    LiveControl c;
    c.op = op;
    c.component = id.toStdString();
    c.value = value;
    return c;
}

LiveControl LiveControl::betweenRegions(ControlOp op, const QString &a, const QString &b)
{
    LiveControl c;
    c.op = op;
    c.regionA = a.toStdString();
    c.regionB = b.toStdString();
    return c;
}

std::optional<Control> LiveControl::resolve(const Network &net) const
{
    Control c;
    c.op = op;
    c.value = value;
    c.replica = replica;
    c.algorithm = algorithm;
    c.costPerReplicaHour = costPerReplicaHour;
    if (isPartitionChange()) {
        c.regionA = net.regionIndex(regionA);
        c.regionB = net.regionIndex(regionB);
        if (c.regionA == kNone || c.regionB == kNone || c.regionA == c.regionB)
            return std::nullopt;
        return c;
    }
    c.node = net.nodeIndex(component);
    if (c.node == kNone)
        return std::nullopt;
    return c;
}

} // namespace hld
