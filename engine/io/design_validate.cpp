#include "io/design_validate.h"

#include "io/display_text.h"
#include "io/interview_io.h"
#include "io/validate_mechanisms.h"
#include "io/validate_policies.h"
#include "model/component_kind.h"
#include "model/instance_catalog.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string_view>

namespace hld {

namespace {

void add(std::vector<DesignError> &out, const std::string &path, std::string msg)
{
    out.push_back({path, std::move(msg)});
}

std::string num(double v)
{
    return shortNumber(v);
}

void checkRange(
    std::vector<DesignError> &out, const std::string &path, double v, double lo, double hi)
{
    if (v < lo || v > hi)
        add(out, path, "is " + num(v) + "; must be between " + num(lo) + " and " + num(hi));
}

void onlyFor(std::vector<DesignError> &out,
             const std::string &path,
             bool present,
             bool allowed,
             std::string_view who)
{
    if (present && !allowed)
        add(out, path, "applies only to " + std::string(who));
}

std::string instanceNames()
{
    std::string s;
    for (const auto &t : instanceCatalog()) {
        if (!s.empty())
            s += ", ";
        s += t.name;
    }
    return s;
}

void validateScenario(const Design &d,
                      const Scenario &s,
                      const std::map<std::string, std::size_t> &index,
                      std::vector<DesignError> &out)
{
    if (s.durationS && (*s.durationS <= 0 || *s.durationS > 1e9))
        add(out, "/scenario/duration_s", "is " + num(*s.durationS) + "; must be above 0");
    for (std::size_t i = 0; i < s.events.size(); ++i) {
        const ScenarioEvent &e = s.events[i];
        const std::string p = "/scenario/events/" + std::to_string(i);
        checkRange(out, p + "/at_s", e.atS, 0, 1e9);
        const auto actions = scenarioActions();
        if (std::find(actions.begin(), actions.end(), e.action) == actions.end()) {
            std::string list;
            for (auto a : actions)
                list += (list.empty() ? "" : ", ") + std::string(a);
            add(out,
                p + "/action",
                "unknown action " + quote(e.action) + "; expected one of " + list);
            continue;
        }
        const bool regional = e.action == "partition" || e.action == "heal";
        if (regional) {
            if (e.target.empty() || !e.other || e.other->empty())
                add(out, p, "a " + e.action + " names two regions: target and other");
            continue;
        }
        auto it = index.find(e.target);
        if (it == index.end()) {
            add(out, p + "/target", "no component has the id " + quote(e.target));
            continue;
        }
        const Component &c = d.components[it->second];
        auto needValue = [&](double lo, double hi) {
            if (!e.value)
                add(out, p + "/value", "is required for " + e.action);
            else
                checkRange(out, p + "/value", *e.value, lo, hi);
        };
        const bool client = c.kind == ComponentKind::Client;
        if (e.action == "set_rps") {
            if (!client)
                add(out, p + "/target", "set_rps applies to a client");
            needValue(0, 1e8);
        } else if (client) {
            add(out, p + "/target", e.action + " does not apply to a client");
        } else if (e.action == "set_replicas") {
            needValue(1, kMaxReplicas);
            if (c.shards)
                add(out,
                    p + "/action",
                    "set_replicas does not apply to a sharded store: it grows by shards "
                    "(set_shards)");
        } else if (e.action == "set_workers") {
            needValue(1, kMaxWorkers);
        } else if (e.action == "set_hit_ratio") {
            if (!hasHitRatio(c.kind))
                add(out, p + "/target", "set_hit_ratio applies to a cache or a cdn");
            needValue(0, 1);
        } else if (e.action == "flush_cache" || e.action == "purge") {
            if (!hasHitRatio(c.kind))
                add(out, p + "/target", e.action + " applies to a cache or a cdn");
        } else if (e.action == "add_latency") {
            needValue(0, 1e6);
        } else if (e.action == "set_error_rate") {
            needValue(0, 1);
        } else if (e.action == "set_instance") {
            if (!e.text || !findInstance(*e.text))
                add(out, p + "/text", "names the instance size: one of " + instanceNames());
        } else if (e.action == "set_algorithm") {
            if (c.kind != ComponentKind::LoadBalancer)
                add(out, p + "/target", "set_algorithm applies to a load_balancer");
            if (!e.text || !lbAlgorithmFromName(*e.text))
                add(out, p + "/text", "names the algorithm, e.g. least_connections");
        } else if (e.action == "set_shards") {
            if (!c.shards)
                add(out, p + "/target", "set_shards applies to a component with shards");
            needValue(1, 1024);
        } else if (e.action == "kill_replica" || e.action == "restore_replica") {
            if (!e.replica || *e.replica < 0 || *e.replica >= kMaxReplicas)
                add(out, p + "/replica", "is required: the replica's index, from 0");
        }
    }
}

// A cycle of links. With only sync links a request would wait for itself; with an async
// link or a queue on it, every message around it would send the next one, for ever (and
// usually more than one). Both are refused, naming the cycle.
std::optional<DesignError>
findCycle(const Design &d, const std::vector<std::vector<std::pair<std::size_t, std::size_t>>> &adj)
{
    enum Mark : char { White, Grey, Black };
    std::vector<Mark> mark(d.components.size(), White);
    struct FrameIt
    {
        std::size_t node;
        std::size_t next;
    };
    for (std::size_t s = 0; s < d.components.size(); ++s) {
        if (mark[s] != White)
            continue;
        std::vector<FrameIt> dfs{{s, 0}};
        std::vector<std::size_t> stack{s};
        std::vector<std::size_t> viaLink; // viaLink[k] is the link that entered stack[k + 1]
        mark[s] = Grey;
        while (!dfs.empty()) {
            auto &top = dfs.back();
            if (top.next == adj[top.node].size()) {
                mark[top.node] = Black;
                dfs.pop_back();
                stack.pop_back();
                if (!viaLink.empty())
                    viaLink.pop_back();
                continue;
            }
            const auto [v, li] = adj[top.node][top.next++];
            if (mark[v] == Grey) {
                const auto first = static_cast<std::size_t>(std::find(stack.begin(), stack.end(), v)
                                                            - stack.begin());
                auto isAsync = [&](std::size_t link) {
                    return d.links[link].mode.value_or(LinkMode::Sync) == LinkMode::Async;
                };
                std::string cycle;
                bool async = isAsync(li);
                for (std::size_t k = first; k < stack.size(); ++k) {
                    cycle += quote(d.components[stack[k]].id) + " -> ";
                    async = async || d.components[stack[k]].kind == ComponentKind::Queue;
                    if (k > first)
                        async = async || isAsync(viaLink[k - 1]);
                }
                cycle += quote(d.components[v].id);
                return DesignError{"/links/" + std::to_string(li),
                                   async ? "links form a loop through an async link or a queue: "
                                               + cycle
                                               + " (every message around it would send the "
                                                 "next one for ever; remove one link)"
                                         : "sync links form a cycle: " + cycle
                                               + " (a request would wait for itself; remove "
                                                 "one link)"};
            }
            if (mark[v] == White) {
                mark[v] = Grey;
                stack.push_back(v);
                viaLink.push_back(li);
                dfs.push_back({v, 0});
            }
        }
    }
    return std::nullopt;
}

// The longest chain of sync calls (a queue's subscriptions are messages, not calls). Each
// call a request makes holds a frame until it returns, so the chain bounds its memory.
std::optional<DesignError> checkCallDepth(const Design &d,
                                          const std::map<std::string, std::size_t> &index)
{
    const std::size_t n = d.components.size();
    std::vector<std::vector<std::size_t>> out(n);
    std::vector<std::size_t> indeg(n, 0);
    for (const Link &l : d.links) {
        const std::size_t a = index.at(l.from), b = index.at(l.to);
        if (l.mode.value_or(LinkMode::Sync) == LinkMode::Async
            || d.components[a].kind == ComponentKind::Queue)
            continue;
        out[a].push_back(b);
        ++indeg[b];
    }
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < n; ++i) {
        if (indeg[i] == 0)
            order.push_back(i);
    }
    for (std::size_t k = 0; k < order.size(); ++k) {
        for (std::size_t b : out[order[k]]) {
            if (--indeg[b] == 0)
                order.push_back(b);
        }
    }
    std::vector<std::size_t> chain(n, 1);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        for (std::size_t b : out[*it])
            chain[*it] = std::max(chain[*it], 1 + chain[b]);
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (chain[i] - 1 > kMaxCallDepth) // calls are the links between the chain's members
            return DesignError{"/components/" + std::to_string(i),
                               "starts a chain of " + std::to_string(chain[i] - 1)
                                   + " sync calls; at most " + std::to_string(kMaxCallDepth)
                                   + " are allowed (each waiting call holds memory; make some "
                                     "links async)"};
    }
    return std::nullopt;
}

// Replicas are the engine's unit of memory (state, statistics, a balancer's targets). The
// most a component can have over a run is its replicas, its autoscaler's max, or the largest
// set_replicas a scenario gives it; the sum over the design is bounded.
std::optional<DesignError> checkTotalReplicas(const Design &d,
                                              const std::map<std::string, std::size_t> &index)
{
    std::vector<std::int64_t> most(d.components.size(), 1);
    for (std::size_t i = 0; i < d.components.size(); ++i) {
        const Component &c = d.components[i];
        most[i]
            = std::max<std::int64_t>(c.replicas.value_or(1), c.autoscale ? c.autoscale->max : 1);
    }
    if (d.scenario) {
        for (const auto &e : d.scenario->events) {
            auto it = index.find(e.target);
            if (e.action == "set_replicas" && e.value && it != index.end())
                most[it->second] = std::max(most[it->second], static_cast<std::int64_t>(*e.value));
        }
    }
    // A sharded store has `replicas` per shard, at its largest shard count.
    for (std::size_t i = 0; i < d.components.size(); ++i) {
        const Component &c = d.components[i];
        if (!c.shards)
            continue;
        std::int64_t shards = c.shards->count;
        for (const auto &e : d.scenario ? d.scenario->events : std::vector<ScenarioEvent>{}) {
            if (e.action == "set_shards" && e.value && e.target == c.id)
                shards = std::max(shards, static_cast<std::int64_t>(*e.value));
        }
        most[i] *= std::max<std::int64_t>(shards, 1);
    }
    std::int64_t total = 0, balanced = 0;
    for (std::size_t i = 0; i < d.components.size(); ++i)
        total += d.components[i].kind == ComponentKind::Client ? 0 : most[i];
    for (const Link &l : d.links) {
        if (d.components[index.at(l.from)].kind == ComponentKind::LoadBalancer)
            balanced += most[index.at(l.to)];
    }
    if (total > kMaxTotalReplicas)
        return DesignError{"/components",
                           "the design can reach " + std::to_string(total)
                               + " replicas in all (counting autoscaler maxima and scenario "
                                 "set_replicas); at most "
                               + std::to_string(kMaxTotalReplicas) + " are allowed"};
    if (balanced > kMaxBalancedReplicas)
        return DesignError{"/links",
                           "load balancers can reach " + std::to_string(balanced)
                               + " replicas in all; at most " + std::to_string(kMaxBalancedReplicas)
                               + " are allowed"};
    return std::nullopt;
}

} // namespace

bool isValidId(const std::string &id)
{
    if (id.empty() || id.size() > 64)
        return false;
    auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    if (!alpha(id[0]))
        return false;
    return std::all_of(id.begin() + 1, id.end(), [&](char c) {
        return alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    });
}

void validateComponent(const Component &c, const std::string &path, std::vector<DesignError> &out)
{
    if (!isValidId(c.id))
        add(out,
            path + "/id",
            quote(c.id)
                + " is not a valid id: start with a letter, then up to 63 letters, "
                  "digits, '_', '.' or '-'");
    const bool client = c.kind == ComponentKind::Client;
    if (client) {
        for (auto [present, field] : {std::pair{c.replicas.has_value(), "replicas"},
                                      {c.instance.has_value(), "instance"},
                                      {c.workers.has_value(), "workers"},
                                      {c.serviceTime.has_value(), "service_time"},
                                      {c.queueCapacity.has_value(), "queue_capacity"},
                                      {c.holdWorker.has_value(), "hold_worker"}}) {
            if (present)
                add(out, path + "/" + field, "does not apply to a client");
        }
        if (!c.traffic)
            add(out, path + "/traffic", "is required for a client (traffic.rps)");
    }
    if (c.replicas)
        checkRange(out, path + "/replicas", static_cast<double>(*c.replicas), 1, kMaxReplicas);
    if (c.workers)
        checkRange(out, path + "/workers", static_cast<double>(*c.workers), 1, kMaxWorkers);
    if (c.instance && !findInstance(*c.instance))
        add(out,
            path + "/instance",
            "unknown instance size " + quote(*c.instance) + "; expected one of " + instanceNames());
    if (c.queueCapacity)
        checkRange(out, path + "/queue_capacity", static_cast<double>(*c.queueCapacity), 0, 1e9);
    if (c.serviceTime) {
        const auto &st = *c.serviceTime;
        const std::string sp = path + "/service_time";
        checkRange(out, sp + "/mean_ms", st.meanMs, 0, 1e7);
        if (st.dist == ServiceDist::Lognormal && !st.cv)
            add(out, sp + "/cv", "is required for a lognormal service time");
        if (st.cv) {
            if (st.dist != ServiceDist::Lognormal)
                add(out, sp + "/cv", "applies only to a lognormal service time");
            else if (*st.cv <= 0 || *st.cv > 100)
                add(out, sp + "/cv", "is " + num(*st.cv) + "; must be above 0 and at most 100");
        }
    }
    if (c.traffic) {
        const std::string tp = path + "/traffic";
        onlyFor(out, tp, !client, false, "a client");
        const auto &t = *c.traffic;
        checkRange(out, tp + "/rps", t.rps, 0, 1e8);
        if (t.readRatio)
            checkRange(out, tp + "/read_ratio", *t.readRatio, 0, 1);
        if (t.timeoutMs && (*t.timeoutMs <= 0 || *t.timeoutMs > 1e7))
            add(out, tp + "/timeout_ms", "is " + num(*t.timeoutMs) + "; must be above 0");
        if (t.users)
            checkRange(out, tp + "/users", static_cast<double>(*t.users), 1, 1e9);
    }
    onlyFor(out,
            path + "/algorithm",
            c.algorithm.has_value(),
            c.kind == ComponentKind::LoadBalancer,
            "a load_balancer");
    onlyFor(
        out, path + "/hit_ratio", c.hitRatio.has_value(), hasHitRatio(c.kind), "a cache or a cdn");
    if (c.hitRatio && hasHitRatio(c.kind))
        checkRange(out, path + "/hit_ratio", *c.hitRatio, 0, 1);
    onlyFor(out,
            path + "/max_backlog",
            c.maxBacklog.has_value(),
            c.kind == ComponentKind::Queue,
            "a queue");
    if (c.maxBacklog)
        checkRange(out, path + "/max_backlog", static_cast<double>(*c.maxBacklog), 0, 1e9);
    if (c.traffic && c.traffic->profile) {
        const auto &p = *c.traffic->profile;
        const std::string pp = path + "/traffic/profile";
        checkRange(out, pp + "/start_s", p.startS, 0, 1e9);
        if (p.durationS <= 0 || p.durationS > 1e9)
            add(out, pp + "/duration_s", "is " + num(p.durationS) + "; must be above 0");
        checkRange(out, pp + "/factor", p.factor, 0, 1000);
        if (p.periodS <= 0 || p.periodS > 1e9)
            add(out, pp + "/period_s", "is " + num(p.periodS) + "; must be above 0");
        checkRange(out, pp + "/amplitude", p.amplitude, 0, 1);
    }
    if (c.autoscale) {
        const auto &a = *c.autoscale;
        const std::string ap = path + "/autoscale";
        onlyFor(out, ap, client, false, "a component that serves requests");
        checkRange(out, ap + "/min", static_cast<double>(a.min), 1, kMaxReplicas);
        checkRange(out, ap + "/max", static_cast<double>(a.max), 1, kMaxReplicas);
        if (a.max < a.min)
            add(out, ap + "/max", "is below min (" + std::to_string(a.min) + ")");
        if (a.targetUtilization <= 0 || a.targetUtilization > 1)
            add(out,
                ap + "/target_utilization",
                "is " + num(a.targetUtilization) + "; must be above 0 and at most 1");
        checkRange(out, ap + "/cooldown_s", a.cooldownS, 0, 1e6);
        checkRange(out, ap + "/warmup_s", a.warmupS, 0, 1e6);
        checkRange(out, ap + "/interval_s", a.intervalS, 0.1, 1e6);
    }
    if (c.resizeDowntimeS) {
        onlyFor(
            out, path + "/resize_downtime_s", client, false, "a component that serves requests");
        checkRange(out, path + "/resize_downtime_s", *c.resizeDowntimeS, 0, 1e6);
    }
    if (c.replication) {
        const auto &r = *c.replication;
        const std::string rp = path + "/replication";
        onlyFor(out,
                rp,
                true,
                c.kind == ComponentKind::Database || c.kind == ComponentKind::Cache,
                "a database or a cache");
        checkRange(out, rp + "/lag_ms", r.lagMs, 0, 1e6);
        checkRange(out, rp + "/keys", static_cast<double>(r.keys), 1, 1e7);
        checkRange(out, rp + "/key_skew", r.keySkew, 0, 5);
        for (std::size_t i = 0; i < r.replicaRegions.size(); ++i) {
            if (r.replicaRegions[i].empty())
                add(out, rp + "/replica_regions/" + std::to_string(i), "must not be empty");
        }
    }
    validateMechanisms(c, path, out);
    validateComponentPolicies(c, path, out);
    if (c.position && (std::fabs(c.position->x) > 1e7 || std::fabs(c.position->y) > 1e7))
        add(out, path + "/position", "is outside the canvas (|x|, |y| at most 10,000,000)");
}

void validateLink(const Link &l, const std::string &path, std::vector<DesignError> &out)
{
    if (l.latencyMs)
        checkRange(out, path + "/latency_ms", *l.latencyMs, 0, 1e6);
    if (l.weight && (*l.weight <= 0 || *l.weight > 1e6))
        add(out,
            path + "/weight",
            "is " + num(*l.weight) + "; must be above 0 and at most 1000000");
}

std::vector<DesignError> validateDesign(const Design &d)
{
    std::vector<DesignError> out;
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < d.components.size(); ++i) {
        const std::string p = "/components/" + std::to_string(i);
        validateComponent(d.components[i], p, out);
        auto [it, fresh] = index.emplace(d.components[i].id, i);
        if (!fresh)
            add(out,
                p + "/id",
                "duplicate id " + quote(d.components[i].id) + " (also /components/"
                    + std::to_string(it->second) + ")");
    }

    std::set<std::pair<std::string, std::string>> seenLinks;
    // Out-edges per request class ([0] reads, [1] writes), with the link index: a cycle that
    // one class can travel would loop that class's requests or messages for ever.
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> classOut[2];
    classOut[0].resize(d.components.size());
    classOut[1].resize(d.components.size());
    for (std::size_t i = 0; i < d.links.size(); ++i) {
        const Link &l = d.links[i];
        const std::string p = "/links/" + std::to_string(i);
        validateLink(l, p, out);
        auto from = index.find(l.from);
        auto to = index.find(l.to);
        validateLinkPolicies(
            l, from == index.end() ? nullptr : &d.components[from->second], p, out);
        if (from == index.end())
            add(out, p + "/from", "no component has the id " + quote(l.from));
        if (to == index.end())
            add(out, p + "/to", "no component has the id " + quote(l.to));
        if (!seenLinks.emplace(l.from, l.to).second)
            add(out, p, "duplicate link from " + quote(l.from) + " to " + quote(l.to));
        if (from == index.end() || to == index.end())
            continue;
        if (d.components[to->second].kind == ComponentKind::Client)
            add(out, p + "/to", quote(l.to) + " is a client; a client cannot be a link target");
        if (l.from == l.to) {
            add(out, p, "a link from " + quote(l.from) + " to itself is a cycle");
            continue;
        }
        // A queue hands every message to every subscriber, whatever the link's filter.
        const bool fromQueue = d.components[from->second].kind == ComponentKind::Queue;
        const RequestFilter filter
            = fromQueue ? RequestFilter::All : l.requests.value_or(RequestFilter::All);
        if (filter != RequestFilter::Writes)
            classOut[0][from->second].push_back({to->second, i});
        if (filter != RequestFilter::Reads)
            classOut[1][from->second].push_back({to->second, i});
    }
    std::set<std::string> regionNames;
    for (std::size_t i = 0; i < d.regions.size(); ++i) {
        const Region &r = d.regions[i];
        const std::string p = "/regions/" + std::to_string(i);
        if (r.name.empty() || r.name.size() > 64)
            add(out, p + "/name", "must be 1 to 64 characters");
        else if (!regionNames.insert(r.name).second)
            add(out, p + "/name", "duplicate region " + quote(r.name));
        if (r.width <= 0 || r.width > 1e7)
            add(out, p + "/width", "is " + num(r.width) + "; must be above 0");
        if (r.height <= 0 || r.height > 1e7)
            add(out, p + "/height", "is " + num(r.height) + "; must be above 0");
        if (std::fabs(r.x) > 1e7 || std::fabs(r.y) > 1e7)
            add(out, p, "is outside the canvas (|x|, |y| at most 10,000,000)");
    }
    if (d.scenario)
        validateScenario(d, *d.scenario, index, out);
    if (d.interview)
        validateInterview(*d.interview, out);
    validateDesignPolicies(d, out);
    if (!out.empty())
        return out;

    for (const auto &graph : classOut) {
        if (auto cycle = findCycle(d, graph)) {
            out.push_back(*cycle);
            return out;
        }
    }
    if (auto deep = checkCallDepth(d, index))
        out.push_back(*deep);
    if (auto many = checkTotalReplicas(d, index))
        out.push_back(*many);
    // A CDN keeps an edge (capacity_keys each) in every region its clients are in.
    std::set<std::string> clientRegions;
    for (const Component &c : d.components) {
        if (c.kind == ComponentKind::Client)
            clientRegions.insert(c.region.value_or(""));
    }
    const std::int64_t edges = std::max<std::int64_t>(1, std::int64_t(clientRegions.size()));
    std::int64_t cacheKeys = 0;
    for (const Component &c : d.components)
        cacheKeys += c.capacityKeys.value_or(0) * (c.kind == ComponentKind::Cdn ? edges : 1);
    if (cacheKeys > kMaxCacheKeys)
        out.push_back({"/components",
                       "the caches' capacity_keys add up to " + std::to_string(cacheKeys)
                           + " keys; at most " + std::to_string(kMaxCacheKeys)
                           + " in all are allowed (about 40 bytes each)"});
    return out;
}

} // namespace hld
