#include "io/display_text.h"
#include "model/component_kind.h"
#include "review/review_graph.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace hld {

namespace {

using K = ComponentKind;

void singlePoints(const ReviewGraph &g, std::vector<Finding> &out)
{
    for (std::size_t i = 0; i < g.d.components.size(); ++i) {
        const auto &c = g.comp(i);
        if (c.kind == K::LoadBalancer && effectiveReplicas(c) < 2 && !c.autoscale
            && !g.in[i].empty())
            out.emplace_back(Severity::Warning,
                             c.id,
                             "single_balancer",
                             "load balancer " + g.name(i)
                                 + " is one instance: a single point of failure in front of "
                                   "everything behind it");
        if (c.kind == K::Database && effectiveReplicas(c) < 2 && !c.replication && !c.shards)
            out.emplace_back(Severity::Warning,
                             c.id,
                             "single_database",
                             "database " + g.name(i)
                                 + " is one instance with no replication: when it dies, "
                                   "writes stop and what was not backed up is lost");
    }
}

// A read-heavy client whose reads reach a database without passing a cache or a CDN.
void readHeavyWithoutCache(const ReviewGraph &g, std::vector<Finding> &out)
{
    std::vector<std::size_t> heavy;
    for (std::size_t i = 0; i < g.d.components.size(); ++i) {
        const auto &c = g.comp(i);
        if (c.kind == K::Client && c.traffic && c.traffic->rps >= 100
            && c.traffic->readRatio.value_or(1.0) >= 0.8)
            heavy.push_back(i);
    }
    if (heavy.empty())
        return;
    const auto origin = g.reach(
        heavy,
        [&](std::size_t l) { return g.sync(l) && g.carriesReads(l); },
        [&](std::size_t n) {
            const auto k = g.kind(n);
            return k == K::Cache || k == K::Cdn || k == K::Queue || k == K::Database;
        });
    // A cache or CDN on the way stops the walk, so a database reached here is read uncached.
    for (std::size_t i = 0; i < origin.size(); ++i) {
        if (origin[i] < 0 || g.kind(i) != K::Database)
            continue;
        const auto client = static_cast<std::size_t>(origin[i]);
        Finding f(Severity::Warning,
                  g.comp(i).id,
                  "read_heavy_no_cache",
                  "reads from " + g.name(client) + " ("
                      + groupedNumber(g.comp(client).traffic->readRatio.value_or(1.0) * 100)
                      + "% reads) reach database " + g.name(i) + " with no cache in front");
        f.components.push_back(g.comp(client).id);
        out.push_back(std::move(f));
    }
}

// A replicated store with a replica in the caller's region answers it there (the
// simulator picks the nearest replica): every call when it is leaderless (a quorum; the
// quorum's own wait is the replication's cost), reads only when a leader takes the writes
// and reads may go to followers.
bool servedLocally(const Component &store, const std::string &region, const Link &link)
{
    if (!store.replication)
        return false;
    const auto &placed = store.replication->replicaRegions;
    if (std::find(placed.begin(), placed.end(), region) == placed.end())
        return false;
    const auto &r = *store.replication;
    return r.quorum.has_value()
           || (link.requests.value_or(RequestFilter::All) == RequestFilter::Reads
               && r.readFrom != ReadFrom::Leader);
}

void cdnAndRegions(const ReviewGraph &g, std::vector<Finding> &out)
{
    std::set<std::string> regions;
    double reads = 0, all = 0;
    bool cdn = false;
    std::vector<std::string> clients;
    for (const auto &c : g.d.components) {
        cdn = cdn || c.kind == K::Cdn;
        if (c.kind != K::Client || !c.traffic)
            continue;
        if (c.region)
            regions.insert(*c.region);
        clients.push_back(c.id);
        reads += c.traffic->rps * c.traffic->readRatio.value_or(1.0);
        all += c.traffic->rps;
    }
    if (regions.size() >= 2 && !cdn && all > 0 && reads / all >= 0.5) {
        Finding f(Severity::Info,
                  clients.front(),
                  "no_cdn_multi_region",
                  "users in " + std::to_string(regions.size())
                      + " regions read from one origin and there is no CDN");
        f.components = clients;
        out.push_back(std::move(f));
    }
    for (std::size_t l = 0; l < g.d.links.size(); ++l) {
        const int a = g.from[l], b = g.to[l];
        // A CDN's edges are away from the origin on purpose; only its misses travel.
        if (a < 0 || b < 0 || !g.sync(l) || g.kind(a) == K::Client || g.kind(a) == K::Cdn
            || !g.onRequestPath[a])
            continue;
        const auto &ra = g.comp(a).region, &rb = g.comp(b).region;
        if (ra && rb && *ra != *rb && !servedLocally(g.comp(b), *ra, g.d.links[l])) {
            Finding f(Severity::Warning,
                      g.comp(a).id,
                      "sync_cross_region",
                      g.name(a) + " in " + *ra + " calls " + g.name(b) + " in " + *rb
                          + " synchronously on the request path");
            f.components.push_back(g.comp(b).id);
            out.push_back(std::move(f));
        }
    }
}

// The entry point of each client: a limit at the entry, or at a balancer, gateway or the
// first service behind it, protects the design.
void rateLimits(const ReviewGraph &g, std::vector<Finding> &out)
{
    std::set<int> reported;
    for (std::size_t i = 0; i < g.d.components.size(); ++i) {
        if (g.kind(i) != K::Client)
            continue;
        for (auto l : g.out[i]) {
            const int entry = g.to[l];
            if (entry < 0 || reported.count(entry))
                continue;
            const auto ek = g.kind(entry);
            if (ek != K::LoadBalancer && ek != K::ApiGateway && ek != K::Cdn && ek != K::Service)
                continue;
            // Walk through balancers, CDNs and gateways to the first services.
            bool limited = false;
            std::vector<int> stack{entry};
            std::set<int> seen{entry};
            while (!stack.empty() && !limited) {
                const int n = stack.back();
                stack.pop_back();
                limited = g.comp(n).rateLimit.has_value();
                const auto k = g.kind(n);
                if (k == K::Service)
                    continue;
                for (auto ol : g.out[n])
                    if (g.to[ol] >= 0 && seen.insert(g.to[ol]).second && seen.size() < 64)
                        stack.push_back(g.to[ol]);
            }
            if (!limited) {
                reported.insert(entry);
                out.emplace_back(Severity::Warning,
                                 g.comp(entry).id,
                                 "no_rate_limit",
                                 g.name(entry) + " takes traffic from " + g.name(i)
                                     + " with no rate limit at the entry or behind it");
            }
        }
    }
}

void scaleAndReasons(const ReviewGraph &g, std::vector<Finding> &out)
{
    std::vector<std::string> services;
    double rps = 0;
    for (const auto &c : g.d.components) {
        if (c.kind == K::Service)
            services.push_back(c.id);
        if (c.kind == K::Client && c.traffic)
            rps += c.traffic->rps;
    }
    if (services.size() >= 5 && rps < 2000) {
        Finding f(Severity::Warning,
                  services.front(),
                  "too_many_services",
                  std::to_string(services.size()) + " services for " + groupedNumber(rps)
                      + " requests/s: below a few thousand requests a second a modular "
                        "monolith does the job with fewer hops and failure modes");
        f.components = services;
        out.push_back(std::move(f));
    }
    for (const auto &c : g.d.components) {
        if (c.kind == K::Client)
            continue;
        const auto &j = c.justification;
        if (!j || j->find_first_not_of(" \t\r\n") == std::string::npos)
            out.emplace_back(Severity::Info,
                             c.id,
                             "no_justification",
                             "'" + c.id
                                 + "' has no justification: why is it here, and what "
                                   "does it cost?");
    }
}

} // namespace

void checkTopologyRules(const ReviewGraph &g, std::vector<Finding> &out)
{
    singlePoints(g, out);
    readHeavyWithoutCache(g, out);
    cdnAndRegions(g, out);
    rateLimits(g, out);
    scaleAndReasons(g, out);
}

} // namespace hld
