#include "model/component_kind.h"
#include "review/review_graph.h"

#include <set>

namespace hld {

namespace {

using K = ComponentKind;

bool strong(const Component &c)
{
    return c.replication && c.replication->consistency == Consistency::CP;
}

void pair(std::vector<Finding> &out,
          Severity s,
          const std::string &a,
          const std::string &b,
          const char *rule,
          std::string text)
{
    Finding f(s, a, rule, std::move(text));
    if (b != a)
        f.components.push_back(b);
    out.push_back(std::move(f));
}

// Stores that take sequential (ever-growing) keys from some client and shard them by range.
void growingKeys(const ReviewGraph &g, std::vector<Finding> &out)
{
    for (std::size_t i = 0; i < g.d.components.size(); ++i) {
        const auto &c = g.comp(i);
        if (c.kind != K::Client || !c.traffic || !c.traffic->keys
            || c.traffic->keys->writePattern != WritePattern::Sequential
            || c.traffic->readRatio.value_or(1.0) >= 1.0)
            continue;
        const auto origin = g.reach(
            {i},
            [&](std::size_t l) {
                return g.d.links[l].requests.value_or(RequestFilter::All) != RequestFilter::Reads;
            },
            [](std::size_t) { return false; });
        for (std::size_t s = 0; s < origin.size(); ++s) {
            const auto &store = g.comp(s);
            if (origin[s] >= 0 && store.shards && store.shards->count > 1
                && store.shards->strategy == ShardStrategy::Range)
                pair(out,
                     Severity::Warning,
                     store.id,
                     c.id,
                     "range_shard_growing_key",
                     g.name(s) + " shards by range and " + g.name(i)
                         + " writes ever-growing keys: every new write lands on the last "
                           "shard");
        }
    }
}

void cachesInFrontOfData(const ReviewGraph &g, std::vector<Finding> &out)
{
    for (std::size_t i = 0; i < g.d.components.size(); ++i) {
        const auto &c = g.comp(i);
        if (c.kind != K::Cache)
            continue;
        const auto strategy = c.strategy.value_or(CacheStrategy::CacheAside);
        std::set<int> below;
        for (auto l : g.out[i])
            if (g.to[l] >= 0 && g.kind(g.to[l]) == K::Database)
                below.insert(g.to[l]);
        for (const int db : below) {
            const auto &store = g.comp(db);
            const bool critical = g.critical(db) || g.critical(i);
            if (strategy == CacheStrategy::WriteBehind && c.capacityKeys
                && (critical || strong(store)
                    || (store.replication && store.replication->mode == ReplicationMode::Sync)))
                pair(out,
                     Severity::Warning,
                     c.id,
                     store.id,
                     "write_behind_critical",
                     g.name(i) + " acknowledges writes before " + g.name(db)
                         + " has them (write-behind), but " + g.name(db)
                         + (critical ? " holds data that must not be lost"
                                     : " is configured to keep every write (CP or sync)")
                         + ": a cache crash loses the unflushed writes");
            if (strong(store) || critical)
                pair(out,
                     Severity::Warning,
                     c.id,
                     store.id,
                     "cache_over_strong_data",
                     g.name(i) + " serves reads of " + g.name(db)
                         + (strong(store) ? ", a CP store," : ", which holds critical data,")
                         + " from cached copies that can be stale");
        }
        if (c.capacityKeys && !c.ttlS
            && (strategy == CacheStrategy::CacheAside || strategy == CacheStrategy::ReadThrough))
            out.emplace_back(Severity::Info,
                             c.id,
                             "cache_without_ttl",
                             g.name(i)
                                 + " caches entries with no TTL: a value changed "
                                   "elsewhere stays stale until it is evicted");
    }
}

void replication(const ReviewGraph &g, std::vector<Finding> &out)
{
    for (std::size_t i = 0; i < g.d.components.size(); ++i) {
        const auto &c = g.comp(i);
        if (!c.replication)
            continue;
        const auto &r = *c.replication;
        if (g.critical(i) && r.consistency == Consistency::AP)
            out.emplace_back(Severity::Warning,
                             c.id,
                             "ap_for_money",
                             g.name(i)
                                 + " holds critical data (money, bookings or stock) "
                                   "but replicates AP: during a partition both sides "
                                   "accept writes");
        const auto n = effectiveReplicas(c);
        if (r.quorum && r.quorum->r + r.quorum->w <= n)
            out.emplace_back(Severity::Info,
                             c.id,
                             "quorum_no_overlap",
                             g.name(i) + " has R " + std::to_string(r.quorum->r) + " + W "
                                 + std::to_string(r.quorum->w) + " <= N " + std::to_string(n)
                                 + ": a read can miss the latest acknowledged write");
        if (r.mode == ReplicationMode::Sync) {
            std::set<std::string> regions(r.replicaRegions.begin(), r.replicaRegions.end());
            if (c.region && !r.replicaRegions.empty()
                && r.replicaRegions.size() < static_cast<std::size_t>(n))
                regions.insert(*c.region);
            if (regions.size() > 1)
                out.emplace_back(Severity::Info,
                                 c.id,
                                 "sync_replication_cross_region",
                                 g.name(i) + " replicates synchronously across "
                                     + std::to_string(regions.size())
                                     + " regions: every write waits for a cross-region "
                                       "acknowledgement");
        }
    }
}

} // namespace

void checkDataRules(const ReviewGraph &g, std::vector<Finding> &out)
{
    growingKeys(g, out);
    cachesInFrontOfData(g, out);
    replication(g, out);
}

} // namespace hld
