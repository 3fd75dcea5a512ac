#include "live_control.h"

#include "io/display_text.h"

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

namespace {

QString number(double v)
{
    return QString::fromStdString(groupedNumber(v));
}

const char *opName(ControlOp op)
{
    switch (op) {
    case ControlOp::SetRps:
        return "rps";
    case ControlOp::SetReplicas:
        return "replicas";
    case ControlOp::SetWorkers:
        return "workers";
    case ControlOp::SetInstance:
        return "resize";
    case ControlOp::SetHitRatio:
        return "hit ratio";
    case ControlOp::SetAlgorithm:
        return "algorithm";
    case ControlOp::KillReplica:
        return "kill replica";
    case ControlOp::RestoreReplica:
        return "restore replica";
    case ControlOp::Kill:
        return "kill";
    case ControlOp::Restore:
        return "restore";
    case ControlOp::AddLatency:
        return "latency +";
    case ControlOp::SetErrorRate:
        return "errors";
    case ControlOp::FlushCache:
        return "flush";
    case ControlOp::Partition:
        return "partition";
    case ControlOp::Heal:
        return "heal";
    case ControlOp::SetShards:
        return "shards";
    }
    return "change";
}

} // namespace

QString LiveControl::label() const
{
    const QString name = QString::fromLatin1(opName(op));
    if (isPartitionChange())
        return QStringLiteral("%1 %2|%3")
            .arg(name, QString::fromStdString(regionA), QString::fromStdString(regionB));
    const QString id = QString::fromStdString(component);
    switch (op) {
    case ControlOp::SetRps:
    case ControlOp::SetReplicas:
    case ControlOp::SetWorkers:
    case ControlOp::SetInstance:
    case ControlOp::SetShards:
        // The value before the name: a chart's mark shows the first 18 characters.
        return QStringLiteral("%1 %2 %3").arg(name, number(value), id);
    case ControlOp::AddLatency:
        return value > 0 ? QStringLiteral("%1 %2 ms %3").arg(name, number(value), id)
                         : QStringLiteral("latency cleared %1").arg(id);
    case ControlOp::SetErrorRate:
        return QStringLiteral("%1 %2% %3").arg(name, number(100 * value), id);
    case ControlOp::SetHitRatio:
        return QStringLiteral("%1 %2 %3").arg(name, number(value), id);
    default:
        return QStringLiteral("%1 %2").arg(name, id);
    }
}

QString scenarioEventLabel(const ScenarioEvent &e)
{
    // What changed and to what, then where: "set workers 4 inventory", so that a chart's
    // mark, which shows the first 18 characters, keeps the value.
    QString text = QString::fromStdString(e.action).replace(QLatin1Char('_'), QLatin1Char(' '));
    if (e.value)
        text += QLatin1Char(' ') + number(*e.value);
    if (e.text)
        text += QLatin1Char(' ') + QString::fromStdString(*e.text);
    text += QLatin1Char(' ') + QString::fromStdString(e.target);
    if (e.other)
        text += QLatin1Char('|') + QString::fromStdString(*e.other);
    return text;
}

} // namespace hld
