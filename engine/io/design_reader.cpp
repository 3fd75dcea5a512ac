#include "io/design_reader.h"

#include "io/design_validate.h"
#include "io/display_text.h"
#include "io/interview_io.h"
#include "io/json_fields.h"
#include "io/json_scan.h"
#include "io/read_mechanisms.h"
#include "io/read_policies.h"
#include "model/component_kind.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace hld {

namespace {

using nlohmann::json;

constexpr std::string_view kKindNames = "client, cdn, load_balancer, api_gateway, service, "
                                        "cache, database, queue, object_storage";

ServiceTime readServiceTime(const json &j, const std::string &path, std::vector<DesignError> &errs)
{
    ObjectFields f(j, path, errs);
    ServiceTime st;
    if (auto d = f.enumeration<ServiceDist>(
            "dist", serviceDistFromName, "exponential, constant, lognormal", true))
        st.dist = *d;
    if (auto m = f.number("mean_ms", true))
        st.meanMs = *m;
    st.cv = f.number("cv");
    f.rejectUnknown();
    return st;
}

TrafficProfile readProfile(const json &j, const std::string &path, std::vector<DesignError> &errs)
{
    ObjectFields f(j, path, errs);
    TrafficProfile p;
    if (auto s = f.enumeration<ProfileShape>(
            "shape", profileShapeFromName, "constant, ramp, spike, diurnal", true))
        p.shape = *s;
    p.startS = f.number("start_s").value_or(p.startS);
    p.durationS = f.number("duration_s").value_or(p.durationS);
    p.factor = f.number("factor").value_or(p.factor);
    p.periodS = f.number("period_s").value_or(p.periodS);
    p.amplitude = f.number("amplitude").value_or(p.amplitude);
    f.rejectUnknown();
    return p;
}

Autoscale readAutoscale(const json &j, const std::string &path, std::vector<DesignError> &errs)
{
    ObjectFields f(j, path, errs);
    Autoscale a;
    a.min = f.integer("min").value_or(a.min);
    a.max = f.integer("max").value_or(a.max);
    a.targetUtilization = f.number("target_utilization").value_or(a.targetUtilization);
    a.cooldownS = f.number("cooldown_s").value_or(a.cooldownS);
    a.warmupS = f.number("warmup_s").value_or(a.warmupS);
    a.intervalS = f.number("interval_s").value_or(a.intervalS);
    readAutoscaleMetric(f, a);
    f.rejectUnknown();
    return a;
}

Replication readReplication(const json &j, const std::string &path, std::vector<DesignError> &errs)
{
    ObjectFields f(j, path, errs);
    Replication r;
    if (auto m = f.enumeration<ReplicationMode>("mode", replicationModeFromName, "async, sync"))
        r.mode = *m;
    r.lagMs = f.number("lag_ms").value_or(r.lagMs);
    if (auto rf = f.enumeration<ReadFrom>("read_from", readFromFromName, "leader, followers, any"))
        r.readFrom = *rf;
    if (auto c = f.enumeration<Consistency>("consistency", consistencyFromName, "CP, AP"))
        r.consistency = *c;
    if (const auto *regions = f.array("replica_regions")) {
        for (std::size_t i = 0; i < regions->size(); ++i) {
            if ((*regions)[i].is_string())
                r.replicaRegions.push_back((*regions)[i].get<std::string>());
            else
                errs.push_back({f.pathOf("replica_regions") + "/" + std::to_string(i),
                                "must be a region name (a string)"});
        }
    }
    r.keys = f.integer("keys").value_or(r.keys);
    r.keySkew = f.number("key_skew").value_or(r.keySkew);
    readReplicationAdditions(f, r, errs);
    f.rejectUnknown();
    return r;
}

Scenario readScenario(const json &j, const std::string &path, std::vector<DesignError> &errs)
{
    ObjectFields f(j, path, errs);
    Scenario s;
    s.durationS = f.number("duration_s");
    if (const auto *events = f.array("events")) {
        if (events->size() > kMaxScenarioEvents) {
            f.error("events",
                    "has " + std::to_string(events->size()) + " events; at most "
                        + std::to_string(kMaxScenarioEvents) + " are allowed");
            return s;
        }
        for (std::size_t i = 0; i < events->size(); ++i) {
            const std::string p = f.pathOf("events") + "/" + std::to_string(i);
            const auto &ej = (*events)[i];
            if (!ej.is_object()) {
                errs.push_back({p, "an event must be an object, not " + jsonTypeName(ej)});
                continue;
            }
            ObjectFields ef(ej, p, errs);
            ScenarioEvent e;
            e.atS = ef.number("at_s", true).value_or(0);
            e.action = ef.string("action", true).value_or("");
            e.target = ef.string("target", true).value_or("");
            e.other = ef.string("other");
            e.value = ef.number("value");
            e.replica = ef.integer("replica");
            e.text = ef.string("text");
            ef.rejectUnknown();
            s.events.push_back(std::move(e));
        }
    }
    f.rejectUnknown();
    return s;
}

Traffic readTraffic(const json &j, const std::string &path, std::vector<DesignError> &errs)
{
    ObjectFields f(j, path, errs);
    Traffic t;
    if (auto r = f.number("rps", true))
        t.rps = *r;
    if (auto a = f.enumeration<ArrivalProcess>("arrival", arrivalFromName, "poisson, constant"))
        t.arrival = *a;
    t.readRatio = f.number("read_ratio");
    t.timeoutMs = f.number("timeout_ms");
    t.users = f.integer("users");
    if (const auto *p = f.object("profile"))
        t.profile = readProfile(*p, f.pathOf("profile"), errs);
    if (const auto *k = f.object("keys"))
        t.keys = readKeySpec(*k, f.pathOf("keys"), errs);
    readTrafficPaths(f, t);
    f.rejectUnknown();
    return t;
}

Component readComponent(const json &j, const std::string &path, std::vector<DesignError> &errs)
{
    ObjectFields f(j, path, errs);
    Component c;
    c.id = f.string("id", true).value_or("");
    if (auto k = f.string("kind", true)) {
        if (auto kind = kindFromName(*k))
            c.kind = *kind;
        else
            f.error("kind",
                    "unknown kind " + quote(*k) + "; expected one of " + std::string(kKindNames));
    }
    c.label = f.string("label");
    if (const auto *p = f.object("position")) {
        ObjectFields pf(*p, f.pathOf("position"), errs);
        auto x = pf.number("x", true);
        auto y = pf.number("y", true);
        pf.rejectUnknown();
        if (x && y)
            c.position = Point{*x, *y};
    }
    c.region = f.string("region");
    c.justification = f.string("justification");
    c.replicas = f.integer("replicas");
    c.instance = f.string("instance");
    c.workers = f.integer("workers");
    if (const auto *st = f.object("service_time"))
        c.serviceTime = readServiceTime(*st, f.pathOf("service_time"), errs);
    c.queueCapacity = f.integer("queue_capacity");
    c.holdWorker = f.boolean("hold_worker");
    if (const auto *t = f.object("traffic"))
        c.traffic = readTraffic(*t, f.pathOf("traffic"), errs);
    c.algorithm = f.enumeration<LbAlgorithm>("algorithm",
                                             lbAlgorithmFromName,
                                             "round_robin, least_connections, random, ip_hash, "
                                             "weighted_round_robin, power_of_two");
    c.hitRatio = f.number("hit_ratio");
    c.maxBacklog = f.integer("max_backlog");
    if (const auto *a = f.object("autoscale"))
        c.autoscale = readAutoscale(*a, f.pathOf("autoscale"), errs);
    c.resizeDowntimeS = f.number("resize_downtime_s");
    if (const auto *r = f.object("replication"))
        c.replication = readReplication(*r, f.pathOf("replication"), errs);
    readMechanismFields(f, c, errs);
    readComponentPolicies(f, c, errs);
    f.rejectUnknown();
    return c;
}

Link readLink(const json &j, const std::string &path, std::vector<DesignError> &errs)
{
    ObjectFields f(j, path, errs);
    Link l;
    l.from = f.string("from", true).value_or("");
    l.to = f.string("to", true).value_or("");
    l.latencyMs = f.number("latency_ms");
    l.mode = f.enumeration<LinkMode>("mode", linkModeFromName, "sync, async");
    l.weight = f.number("weight");
    l.requests
        = f.enumeration<RequestFilter>("requests", requestFilterFromName, "all, reads, writes");
    readLinkPolicies(f, l, errs);
    f.rejectUnknown();
    return l;
}

Design readDesign(const json &root, std::vector<DesignError> &errs)
{
    Design d;
    if (!root.is_object()) {
        errs.push_back({"", "a design must be a JSON object, not " + jsonTypeName(root)});
        return d;
    }
    ObjectFields f(root, "", errs);
    if (auto fmt = f.string("format", true); fmt && *fmt != "hld-design")
        f.error("format", "is " + quote(*fmt) + "; an HLD Studio design has \"hld-design\"");
    if (auto v = f.integer("version", true)) {
        if (*v > kFormatVersion)
            f.error("version",
                    "version " + std::to_string(*v) + " is newer than this HLD Studio reads (up to "
                        + std::to_string(kFormatVersion) + "); please update");
        else if (*v < 1)
            f.error("version", "must be at least 1");
    }
    d.name = f.string("name").value_or("");
    if (const auto *comps = f.array("components", true)) {
        if (comps->size() > kMaxComponents) {
            f.error("components",
                    "has " + std::to_string(comps->size()) + " components; at most "
                        + std::to_string(kMaxComponents) + " are allowed");
        } else {
            d.components.reserve(comps->size());
            for (std::size_t i = 0; i < comps->size(); ++i) {
                const std::string p = "/components/" + std::to_string(i);
                const auto &cj = (*comps)[i];
                if (!cj.is_object()) {
                    errs.push_back({p, "a component must be an object, not " + jsonTypeName(cj)});
                    continue;
                }
                d.components.push_back(readComponent(cj, p, errs));
            }
        }
    }
    if (const auto *links = f.array("links")) {
        if (links->size() > kMaxLinks) {
            f.error("links",
                    "has " + std::to_string(links->size()) + " links; at most "
                        + std::to_string(kMaxLinks) + " are allowed");
        } else {
            d.links.reserve(links->size());
            for (std::size_t i = 0; i < links->size(); ++i) {
                const std::string p = "/links/" + std::to_string(i);
                const auto &lj = (*links)[i];
                if (!lj.is_object()) {
                    errs.push_back({p, "a link must be an object, not " + jsonTypeName(lj)});
                    continue;
                }
                d.links.push_back(readLink(lj, p, errs));
            }
        }
    }
    if (const auto *regions = f.array("regions"); regions && regions->size() > kMaxRegions) {
        f.error("regions",
                "has " + std::to_string(regions->size()) + " regions; at most "
                    + std::to_string(kMaxRegions) + " are allowed");
    } else if (regions) {
        for (std::size_t i = 0; i < regions->size(); ++i) {
            const std::string p = "/regions/" + std::to_string(i);
            const auto &rj = (*regions)[i];
            if (!rj.is_object()) {
                errs.push_back({p, "a region must be an object, not " + jsonTypeName(rj)});
                continue;
            }
            ObjectFields rf(rj, p, errs);
            Region r;
            r.name = rf.string("name", true).value_or("");
            r.x = rf.number("x", true).value_or(0);
            r.y = rf.number("y", true).value_or(0);
            r.width = rf.number("width", true).value_or(0);
            r.height = rf.number("height", true).value_or(0);
            rf.rejectUnknown();
            d.regions.push_back(std::move(r));
        }
    }
    if (const auto *s = f.object("scenario"))
        d.scenario = readScenario(*s, "/scenario", errs);
    if (const auto *iv = f.object("interview"))
        d.interview = readInterview(*iv, "/interview", errs);
    f.rejectUnknown();
    return d;
}

} // namespace

namespace {

LoadResult refused(std::string message)
{
    LoadResult r;
    r.errors.push_back({"", std::move(message)});
    return r;
}

LoadResult tooLarge(std::size_t bytes)
{
    return refused("the file is larger than " + std::to_string(kMaxDesignBytes >> 20) + " MiB ("
                   + std::to_string(bytes) + " bytes or more); no design is that large");
}

} // namespace

LoadResult parseDesign(std::string_view text)
{
    if (text.size() > kMaxDesignBytes)
        return tooLarge(text.size());
    // One streaming pass first: malformed JSON, nesting, size, repeated keys and NUL bytes
    // are refused before a document tree is built.
    if (auto e = scanJson(text, JsonLimits{kMaxJsonDepth, kMaxJsonValues}))
        return refused(e->path.empty() ? e->message : e->path + ": " + e->message);
    LoadResult r;
    json root;
    try {
        root = json::parse(text.begin(), text.end());
    } catch (const json::exception &e) {
        // scanJson() has seen the same text; this is only a second line of defence.
        r.errors.push_back({"", "malformed JSON: " + printable(e.what())});
        return r;
    }
    Design d = readDesign(root, r.errors);
    root = json(); // free the tree before validation builds its own structures
    if (!r.errors.empty())
        return r;
    r.errors = validateDesign(d);
    if (r.errors.empty())
        r.design = std::move(d);
    return r;
}

LoadResult loadDesignFile(const std::string &path)
{
    std::error_code ec;
    const auto st = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(st))
        return refused("cannot open the file: it does not exist or cannot be read");
    if (std::filesystem::is_directory(st))
        return refused("is a directory, not a design file");
    if (!std::filesystem::is_regular_file(st))
        return refused("is not a regular file (a pipe, socket or device); save the design to "
                       "a file first");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return refused("cannot open the file");
    // Read at most one byte past the limit: a file in /proc reports size 0, and a file can
    // grow while it is read, so the size from stat() is not trusted.
    std::string text;
    char buf[1 << 16];
    while (in && text.size() <= kMaxDesignBytes) {
        in.read(buf, sizeof buf);
        text.append(buf, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad())
        return refused("cannot read the file");
    if (text.size() > kMaxDesignBytes)
        return tooLarge(text.size());
    return parseDesign(text);
}

} // namespace hld
