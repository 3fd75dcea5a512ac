#include "field_help.h"

#include "mechanism_field_help.h"
#include "policy_field_help.h"

#include "model/component_kind.h"

#include <QCoreApplication>

#include <vector>

namespace hld {

namespace {

using G = FieldGroup;

const FieldLayout kLayout[] = {
    // Identity
    {"id",
     G::Identity,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The component's name in the file, in links and in scenarios. Letters, "
                       "digits, '.', '_' and '-'; renaming keeps its links.")},
    {"label",
     G::Identity,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "What the canvas shows, e.g. \"PostgreSQL\" or \"Orders API\". Name the "
                       "technology you have in mind.")},
    {"region",
     G::Identity,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The data centre or zone it runs in. Links between regions default to "
                       "75 ms one way instead of 0.5 ms, and a partition cuts regions apart.")},
    {"justification",
     G::Identity,
     QT_TRANSLATE_NOOP("FieldHelp", "Why this component: \"I chose X because Y\".")},
    // Scale
    {"replicas",
     G::Scale,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Horizontal scale: identical copies, each with its own workers and "
                       "queue. More replicas carry more load and survive the loss of one; they "
                       "need a load balancer in front and stateless code.")},
    {"instance",
     G::Scale,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Vertical scale: the machine size (vCPUs, memory, price per hour). A "
                       "bigger instance serves more requests at once with no code change, up to "
                       "a limit; changing it while running restarts the replicas one at a "
                       "time.")},
    {"workers",
     G::Scale,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Requests one replica serves in parallel (threads, connections). By "
                       "default one per vCPU of the instance; set it for a connection pool or "
                       "a thread pool of another size.")},
    {"autoscale.max",
     G::Scale,
     QT_TRANSLATE_NOOP(
         "FieldHelp",
         "Switches the autoscaler on (empty: off). It adds replicas up to this many when "
         "utilisation rises above the target, and removes them (draining) when it "
         "falls. Use it for traffic that changes over the day or in spikes.")},
    {"autoscale.min",
     G::Scale,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The fewest replicas the autoscaler keeps, also after a failure.")},
    {"autoscale.metric",
     G::Scale,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "What the autoscaler watches: utilization (busy workers), queue (requests "
                       "waiting per replica) or p99_ms (the tail latency here). Queue and P99 "
                       "react to overload before utilisation says much.")},
    {"autoscale.target_utilization",
     G::Scale,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The utilisation the autoscaler aims at (0 to 1). Around 0.6 leaves "
                       "headroom for a spike while new replicas warm up.")},
    // Timing
    {"service_time.mean_ms",
     G::Timing,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "How long one request holds a worker, on average, not counting the "
                       "calls it makes. With the workers it sets the capacity: workers x "
                       "replicas x 1000 / mean requests per second.")},
    {"service_time.dist",
     G::Timing,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "How service times vary: exponential (typical of request handling), "
                       "constant (a fixed amount of work), lognormal (a long tail: most fast, "
                       "a few very slow, like database queries).")},
    {"service_time.cv",
     G::Timing,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The spread of a lognormal service time (standard deviation / mean). "
                       "Above 1 the slow tail dominates P99.")},
    {"queue_capacity",
     G::Timing,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Requests that may wait per replica; one more is rejected at once (load "
                       "shedding). Empty means unbounded: under overload the wait grows "
                       "without limit instead.")},
    {"traffic.timeout_ms",
     G::Timing,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The client gives up on a request after this long and counts it as "
                       "failed. Set it to see how slowness turns into errors.")},
    {"resize_downtime_s",
     G::Timing,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "How long a replica is out of rotation while it restarts on a new "
                       "instance size. With several replicas they restart one at a time.")},
    // Behaviour
    {"traffic.rps",
     G::Behaviour,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Requests per second this client sends, on average. 1M users x 10 "
                       "requests a day is about 115 per second; plan for the peak, 2 to 3 "
                       "times that.")},
    {"traffic.read_ratio",
     G::Behaviour,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The share of requests that are reads (0 to 1). A read-heavy system "
                       "(0.9 and up) gains most from caches and read replicas.")},
    {"traffic.arrival",
     G::Behaviour,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Poisson: independent users arriving at random (realistic, with bursts). "
                       "Constant: one request every 1/rps seconds, like a scheduled job.")},
    {"traffic.users",
     G::Behaviour,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Distinct request sources. An ip_hash balancer pins each user to one "
                       "replica, so few users spread unevenly.")},
    {"traffic.profile.shape",
     G::Behaviour,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "How the rate changes over the run: constant, a ramp, a spike (a flash "
                       "sale, a news event) or a diurnal wave. Use it to test autoscaling.")},
    {"traffic.profile.factor",
     G::Behaviour,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The multiple of the rate at the profile's peak (a spike of 5 is five "
                       "times the normal traffic).")},
    {"hit_ratio",
     G::Behaviour,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "The share of reads answered from the cache without going downstream "
                       "(0 to 1). 0.8 to 0.95 is common for hot data; every miss costs a "
                       "database read.")},
    {"algorithm",
     G::Behaviour,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "How the balancer picks a replica. Round robin for identical replicas and "
                       "similar requests; least connections when request costs vary; ip_hash "
                       "to keep a user on one replica; weighted round robin for replicas of "
                       "different sizes; power of two: least connections, cheaply.")},
    {"hold_worker",
     G::Behaviour,
     QT_TRANSLATE_NOOP("FieldHelp",
                       "Keep the worker busy while waiting for downstream calls, like a "
                       "thread-per-request server. Then a slow dependency exhausts this "
                       "component's workers too: a cascade failure.")},
};

bool isLognormal(const Component &c)
{
    return effectiveServiceTime(c).dist == ServiceDist::Lognormal;
}

} // namespace

std::span<const FieldLayout> fieldLayout()
{
    static const std::vector<FieldLayout> all = [] {
        std::vector<FieldLayout> v(std::begin(kLayout), std::end(kLayout));
        const auto more = mechanismFieldLayout();
        v.insert(v.end(), more.begin(), more.end());
        const auto policies = policyFieldLayout();
        v.insert(v.end(), policies.begin(), policies.end());
        return v;
    }();
    return all;
}

const FieldLayout *fieldLayout(std::string_view key)
{
    for (const auto &f : fieldLayout()) {
        if (key == f.key)
            return &f;
    }
    return nullptr;
}

std::span<const FieldGroup> fieldGroups()
{
    static constexpr FieldGroup kOrder[] = {FieldGroup::Identity,
                                            FieldGroup::Scale,
                                            FieldGroup::Timing,
                                            FieldGroup::Behaviour,
                                            FieldGroup::Failures,
                                            FieldGroup::RateLimit,
                                            FieldGroup::Routing,
                                            FieldGroup::Saga,
                                            FieldGroup::Table,
                                            FieldGroup::Keys,
                                            FieldGroup::KeyCache,
                                            FieldGroup::Sharding,
                                            FieldGroup::Replication,
                                            FieldGroup::Delivery};
    return kOrder;
}

QString fieldGroupTitle(FieldGroup group)
{
    switch (group) {
    case FieldGroup::Identity:
        return QCoreApplication::translate("FieldHelp", "Identity");
    case FieldGroup::Scale:
        return QCoreApplication::translate("FieldHelp", "Scale");
    case FieldGroup::Timing:
        return QCoreApplication::translate("FieldHelp", "Timing");
    case FieldGroup::Behaviour:
        return QCoreApplication::translate("FieldHelp", "Behaviour");
    case FieldGroup::Failures:
        return QCoreApplication::translate("FieldHelp", "Failures and health checks");
    case FieldGroup::RateLimit:
        return QCoreApplication::translate("FieldHelp", "Rate limit");
    case FieldGroup::Routing:
        return QCoreApplication::translate("FieldHelp", "Routing and sessions");
    case FieldGroup::Saga:
        return QCoreApplication::translate("FieldHelp", "Saga");
    case FieldGroup::Table:
        return QCoreApplication::translate("FieldHelp", "Table");
    case FieldGroup::Keys:
        return QCoreApplication::translate("FieldHelp", "Keys");
    case FieldGroup::KeyCache:
        return QCoreApplication::translate("FieldHelp", "Key-level cache");
    case FieldGroup::Sharding:
        return QCoreApplication::translate("FieldHelp", "Sharding");
    case FieldGroup::Replication:
        return QCoreApplication::translate("FieldHelp", "Replication");
    case FieldGroup::Delivery:
        return QCoreApplication::translate("FieldHelp", "Delivery");
    }
    return {};
}

QString fieldHelp(std::string_view key)
{
    const FieldLayout *f = fieldLayout(key);
    return f ? QCoreApplication::translate("FieldHelp", f->help) : QString();
}

bool fieldRelevant(std::string_view key, const Component &c)
{
    if (key == "service_time.cv")
        return isLognormal(c);
    if (key == "autoscale.min")
        return c.autoscale.has_value();
    if (key == "autoscale.target_utilization")
        return c.autoscale && c.autoscale->metric == AutoscaleMetric::Utilization;
    if (key == "traffic.profile.factor")
        return c.traffic && c.traffic->profile
               && c.traffic->profile->shape != ProfileShape::Constant;
    return mechanismFieldRelevant(key, c) && policyFieldRelevant(key, c);
}

} // namespace hld
