#include "io/design_writer.h"

#include "io/interview_io.h"
#include "io/write_policies.h"
#include "model/component_kind.h"
#include "model/mechanism_names.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>

namespace hld {

using json = nlohmann::ordered_json;

namespace {

json serviceTimeToJson(const ServiceTime &st)
{
    json j{{"dist", toString(st.dist)}, {"mean_ms", st.meanMs}};
    putOptional(j, "cv", st.cv);
    return j;
}

template<typename E, std::size_t N>
void putEnum(json &j, const char *key, const std::optional<E> &v, const NameTable<E, N> &names)
{
    if (v)
        j[key] = names.name(*v);
}

void writeMechanismFields(json &j, const Component &c)
{
    putOptional(j, "capacity_keys", c.capacityKeys);
    putEnum(j, "eviction", c.eviction, kEvictions);
    putOptional(j, "ttl_s", c.ttlS);
    putEnum(j, "strategy", c.strategy, kCacheStrategies);
    putOptional(j, "flush_interval_s", c.flushIntervalS);
    putOptional(j, "negative_ttl_s", c.negativeTtlS);
    putOptional(j, "bloom_filter", c.bloomFilter);
    putOptional(j, "coalesce", c.coalesce);
    if (c.shards)
        j["shards"] = {{"count", c.shards->count},
                       {"strategy", kShardStrategies.name(c.shards->strategy)},
                       {"virtual_nodes", c.shards->virtualNodes}};
    putEnum(j, "delivery", c.delivery, kDeliveries);
    putOptional(j, "ack_timeout_s", c.ackTimeoutS);
    putEnum(j, "model", c.model, kQueueModels);
    putOptional(j, "partitions", c.partitions);
    putOptional(j, "idempotent", c.idempotent);
}

json componentToJson(const Component &c)
{
    json j{{"id", c.id}, {"kind", traits(c.kind).name}};
    putOptional(j, "label", c.label);
    if (c.position)
        j["position"] = {{"x", c.position->x}, {"y", c.position->y}};
    putOptional(j, "region", c.region);
    putOptional(j, "justification", c.justification);
    putOptional(j, "replicas", c.replicas);
    putOptional(j, "instance", c.instance);
    putOptional(j, "workers", c.workers);
    if (c.serviceTime)
        j["service_time"] = serviceTimeToJson(*c.serviceTime);
    putOptional(j, "queue_capacity", c.queueCapacity);
    putOptional(j, "hold_worker", c.holdWorker);
    if (c.traffic) {
        const auto &t = *c.traffic;
        json tj{{"rps", t.rps}, {"arrival", toString(t.arrival)}};
        putOptional(tj, "read_ratio", t.readRatio);
        putOptional(tj, "timeout_ms", t.timeoutMs);
        putOptional(tj, "users", t.users);
        if (t.profile) {
            const auto &p = *t.profile;
            tj["profile"] = {{"shape", toString(p.shape)},
                             {"start_s", p.startS},
                             {"duration_s", p.durationS},
                             {"factor", p.factor},
                             {"period_s", p.periodS},
                             {"amplitude", p.amplitude}};
        }
        if (t.keys) {
            const auto &k = *t.keys;
            tj["keys"] = {{"count", k.count},
                          {"skew", k.skew},
                          {"missing_ratio", k.missingRatio},
                          {"write_pattern", kWritePatterns.name(k.writePattern)}};
        }
        writeTrafficPaths(tj, t);
        j["traffic"] = tj;
    }
    if (c.algorithm)
        j["algorithm"] = toString(*c.algorithm);
    putOptional(j, "hit_ratio", c.hitRatio);
    putOptional(j, "max_backlog", c.maxBacklog);
    if (c.autoscale) {
        const auto &a = *c.autoscale;
        j["autoscale"] = {{"min", a.min},
                          {"max", a.max},
                          {"target_utilization", a.targetUtilization},
                          {"cooldown_s", a.cooldownS},
                          {"warmup_s", a.warmupS},
                          {"interval_s", a.intervalS}};
        writeAutoscaleMetric(j["autoscale"], a);
    }
    putOptional(j, "resize_downtime_s", c.resizeDowntimeS);
    if (c.replication) {
        const auto &r = *c.replication;
        json rj{{"mode", toString(r.mode)},
                {"lag_ms", r.lagMs},
                {"read_from", toString(r.readFrom)},
                {"consistency", toString(r.consistency)}};
        if (!r.replicaRegions.empty())
            rj["replica_regions"] = r.replicaRegions;
        rj["keys"] = r.keys;
        rj["key_skew"] = r.keySkew;
        putOptional(rj, "failover_s", r.failoverS);
        if (r.quorum)
            rj["quorum"] = {{"r", r.quorum->r}, {"w", r.quorum->w}};
        putOptional(rj, "read_your_writes", r.readYourWrites);
        j["replication"] = std::move(rj);
    }
    writeMechanismFields(j, c);
    writeComponentPolicies(j, c);
    return j;
}

json linkToJson(const Link &l)
{
    json j{{"from", l.from}, {"to", l.to}};
    putOptional(j, "latency_ms", l.latencyMs);
    if (l.mode)
        j["mode"] = toString(*l.mode);
    putOptional(j, "weight", l.weight);
    if (l.requests)
        j["requests"] = toString(*l.requests);
    writeLinkPolicies(j, l);
    return j;
}

} // namespace

json designToJson(const Design &d)
{
    json j{{"format", "hld-design"}, {"version", kFormatVersion}, {"name", d.name}};
    json comps = json::array();
    for (const auto &c : d.components)
        comps.push_back(componentToJson(c));
    json links = json::array();
    for (const auto &l : d.links)
        links.push_back(linkToJson(l));
    j["components"] = std::move(comps);
    j["links"] = std::move(links);
    if (!d.regions.empty()) {
        json regions = json::array();
        for (const auto &r : d.regions) {
            regions.push_back({{"name", r.name},
                               {"x", r.x},
                               {"y", r.y},
                               {"width", r.width},
                               {"height", r.height}});
        }
        j["regions"] = std::move(regions);
    }
    if (d.scenario) {
        json sj = json::object();
        putOptional(sj, "duration_s", d.scenario->durationS);
        json events = json::array();
        for (const auto &e : d.scenario->events) {
            json ej{{"at_s", e.atS}, {"action", e.action}, {"target", e.target}};
            putOptional(ej, "other", e.other);
            putOptional(ej, "value", e.value);
            putOptional(ej, "replica", e.replica);
            putOptional(ej, "text", e.text);
            events.push_back(std::move(ej));
        }
        sj["events"] = std::move(events);
        j["scenario"] = std::move(sj);
    }
    if (d.interview)
        j["interview"] = interviewToJson(*d.interview);
    return j;
}

std::string designToText(const Design &d)
{
    return designToJson(d).dump(2) + "\n";
}

bool saveDesignFile(const Design &d, const std::string &path, std::string *error)
{
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) {
            if (error)
                *error = "cannot write " + tmp;
            return false;
        }
        out << designToText(d);
        out.flush();
        if (!out) {
            if (error)
                *error = "writing " + tmp + " failed (disk full?)";
            std::remove(tmp.c_str());
            return false;
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        if (error)
            *error = "cannot replace " + path;
        std::remove(tmp.c_str());
        return false;
    }
    return true;
}

} // namespace hld
