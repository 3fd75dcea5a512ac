// Key-level caches in the simulation (contract 5.2): hit ratios against Che's approximation
// and the TTL formula, and each strategy's effect with it on and off.
#include "sim_stats.h"

#include <cmath>
#include <functional>
#include <vector>

using namespace hld;
using namespace hld::test;

namespace {

// Zipf(s) popularity over n keys.
std::vector<double> zipf(int n, double s)
{
    std::vector<double> p(n);
    double z = 0;
    for (int k = 1; k <= n; ++k)
        z += p[k - 1] = std::pow(k, -s);
    for (double &x : p)
        x /= z;
    return p;
}

// Solves f(t) = c for an increasing f by bisection.
double solve(const std::function<double(double)> &f, double c)
{
    double lo = 0, hi = 1;
    while (f(hi) < c)
        hi *= 2;
    for (int i = 0; i < 200; ++i) {
        const double mid = (lo + hi) / 2;
        (f(mid) < c ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

// Che's approximation: LRU of capacity c holds key i with probability 1 - e^(-p_i t_c),
// where the characteristic time t_c fills the cache. FIFO (and random) replace that with
// p_i t / (1 + p_i t).
double cheHitRatio(const std::vector<double> &p, double c, bool fifo)
{
    auto in
        = [&](double pi, double t) { return fifo ? pi * t / (1 + pi * t) : 1 - std::exp(-pi * t); };
    const double t = solve(
        [&](double t) {
            double s = 0;
            for (double pi : p)
                s += in(pi, t);
            return s;
        },
        c);
    double h = 0;
    for (double pi : p)
        h += pi * in(pi, t);
    return h;
}

std::string cacheDesign(const std::string &keys,
                        const std::string &cache,
                        double rps,
                        double readRatio = 1.0,
                        const std::string &dbService = R"({"dist": "constant", "mean_ms": 1})",
                        int dbWorkers = 64)
{
    return R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": )"
           + std::to_string(rps) + R"(, "read_ratio": )" + std::to_string(readRatio)
           + R"(, "keys": )" + keys + R"(}},
        {"id": "cache", "kind": "cache", "service_time": {"dist": "constant", "mean_ms": 0})"
           + cache + R"(},
        {"id": "db", "kind": "database", "workers": )"
           + std::to_string(dbWorkers) + R"(, "service_time": )" + dbService + R"(}],
        "links": [{"from": "users", "to": "cache", "latency_ms": 0},
                  {"from": "cache", "to": "db", "latency_ms": 0}]})";
}

RunOptions reps(std::int64_t requests, double warmupS, int replications = 10)
{
    RunOptions o;
    o.replications = replications;
    o.seed = 5;
    o.sim.requestLimit = requests;
    o.sim.warmupS = warmupS;
    return o;
}

double hitRatioOf(const Results &r)
{
    return node(r, "cache").hitRatio.value_or(-1);
}

} // namespace

TEST(CacheSim, LruHitRatioAgreesWithChesApproximation)
{
    const auto d = designFromJson(cacheDesign(
        R"({"count": 10000, "skew": 0.8})", R"(, "capacity_keys": 1000, "eviction": "lru")", 2000));
    const auto rep = replicate(d, reps(100000, 20));
    // Che's approximation is accurate to well under 1% at this size; 0.5% slack for it.
    EXPECT_TRUE(
        agrees(estimate(rep, hitRatioOf), cheHitRatio(zipf(10000, 0.8), 1000, false), 0.005));
    EXPECT_GT(node(rep.pooled, "cache").evictions, 0u);
}

TEST(CacheSim, FifoHitRatioAgreesWithChesFifoVariantAndIsBelowLru)
{
    const auto fifo = designFromJson(cacheDesign(R"({"count": 10000, "skew": 0.8})",
                                                 R"(, "capacity_keys": 1000, "eviction": "fifo")",
                                                 2000));
    const auto rep = replicate(fifo, reps(100000, 20));
    const double exact = cheHitRatio(zipf(10000, 0.8), 1000, true);
    EXPECT_TRUE(agrees(estimate(rep, hitRatioOf), exact, 0.01));
    EXPECT_LT(exact, cheHitRatio(zipf(10000, 0.8), 1000, false));
}

// A TTL cache with room for everything: a key read at rate l stays for T after each miss,
// so its hit ratio is lT / (1 + lT). 1000 equally popular keys at 2000 reads/s: l = 2/s;
// with T = 1 s that is 2/3. Without a TTL every read after the first is a hit.
TEST(CacheSim, TtlHitRatioIsLambdaTOverOnePlusLambdaT)
{
    const auto ttl = designFromJson(cacheDesign(
        R"({"count": 1000, "skew": 0})", R"(, "capacity_keys": 5000, "ttl_s": 1)", 2000));
    const auto rep = replicate(ttl, reps(100000, 10));
    EXPECT_TRUE(agrees(estimate(rep, hitRatioOf), 2.0 / 3.0));
    const NodeResult &c = node(rep.pooled, "cache");
    // Every miss after warm-up found its key expired.
    EXPECT_NEAR(double(c.expirations), double(c.misses), 0.01 * double(c.misses));
    const auto forever = designFromJson(
        cacheDesign(R"({"count": 1000, "skew": 0})", R"(, "capacity_keys": 5000)", 2000));
    const auto r = runDesign(forever, reps(100000, 10, 1));
    EXPECT_GT(*node(r, "cache").hitRatio, 0.999);
    EXPECT_EQ(node(r, "cache").expirations, 0u);
}

// A client at `rps` reading through a cache (its extra fields `cache`) to a database, with a
// flush_cache at 100 s of a 200 s scenario.
Results flushedAt100(double rps, const std::string &keys, const std::string &cache)
{
    return runScenario(
        withScenario(R"([{"id": "users", "kind": "client", "traffic": {"rps": )"
                         + std::to_string(rps) + keys + R"(}},
            {"id": "cache", "kind": "cache", "service_time": {"dist": "constant", "mean_ms": 0})"
                         + cache + R"(},
            {"id": "db", "kind": "database", "workers": 256,
             "service_time": {"dist": "constant", "mean_ms": 1}}])",
                     R"([{"from": "users", "to": "cache", "latency_ms": 0},
            {"from": "cache", "to": "db", "latency_ms": 0}])",
                     R"([{"at_s": 100, "action": "flush_cache", "target": "cache"}])",
                     200));
}

// The hit ratio after a flush recovers in reads, not seconds: at 100 times the traffic the
// cache is warm again 100 times sooner.
TEST(CacheSim, WarmUpAfterAFlushFollowsTheTraffic)
{
    const std::string keys = R"(, "keys": {"count": 2000, "skew": 0})";
    const auto slow = flushedAt100(20, keys, R"(, "capacity_keys": 5000)");
    const auto fast = flushedAt100(2000, keys, R"(, "capacity_keys": 5000)");
    // Reads of the db per second in the 10 s after the flush: at 2000/s the 2000 keys are
    // all back within a few seconds; at 20/s only a tenth of them have been read again.
    const double fastMisses = meanOver(fast.series, seriesOf(fast, "db").throughput, 104, 110);
    const double slowMisses = meanOver(slow.series, seriesOf(slow, "db").throughput, 104, 110);
    EXPECT_LT(fastMisses, 0.02 * 2000);
    EXPECT_GT(slowMisses, 0.8 * 20);
}

TEST(CacheSim, FixedHitRatioWarmsUpInReadsToo)
{
    const auto slow = flushedAt100(20, "", R"(, "hit_ratio": 0.9)");
    const auto fast = flushedAt100(5000, "", R"(, "hit_ratio": 0.9)");
    auto missShare = [](const Results &r, double rps) {
        return meanOver(r.series, seriesOf(r, "db").throughput, 105, 110) / rps;
    };
    EXPECT_NEAR(missShare(fast, 5000), 0.1, 0.02); // warm again within a second
    EXPECT_GT(missShare(slow, 20), 0.8);           // 100 reads in: still mostly cold
}

// write_behind acknowledges at the cache and flushes every flush_interval_s; killing the
// cache loses what was not flushed. write_through loses nothing and waits for the db.
TEST(CacheSim, WriteBehindIsFastAndLosesUnflushedWritesWhenTheCacheDies)
{
    auto run = [](const std::string &strategy) {
        const std::string json = withScenario(
            R"([{"id": "users", "kind": "client", "traffic": {"rps": 200, "read_ratio": 0.5,
                  "keys": {"count": 1000000, "skew": 0}}},
                {"id": "cache", "kind": "cache", "capacity_keys": 100000, "strategy": ")"
                + strategy + R"(", "service_time": {"dist": "constant", "mean_ms": 0.5})"
                + (strategy == "write_behind" ? R"(, "flush_interval_s": 5)" : "") + R"(},
                {"id": "db", "kind": "database", "workers": 64,
                 "service_time": {"dist": "constant", "mean_ms": 10}}])",
            R"([{"from": "users", "to": "cache", "latency_ms": 0},
                {"from": "cache", "to": "db", "latency_ms": 0}])",
            R"([{"at_s": 62.5, "action": "kill", "target": "cache"}])",
            70);
        return runScenario(json);
    };
    const auto behind = run("write_behind"), through = run("write_through");
    // 100 writes/s over 2.5 s since the last flush (at 60 s), nearly all to distinct keys.
    EXPECT_NEAR(double(node(behind, "cache").lostWrites), 250.0, 80.0);
    EXPECT_EQ(node(through, "cache").lostWrites, 0u);
    EXPECT_LT(behind.writes.p99Ms, 1.0);
    EXPECT_GT(through.writes.p50Ms, 10.0);
}

// Cache-aside invalidates on write; write-through stores, so a read after a write hits.
TEST(CacheSim, WriteThroughKeepsWrittenKeysWhereCacheAsideDropsThem)
{
    const std::string keys = R"({"count": 100000, "skew": 1.0})";
    const auto aside = designFromJson(cacheDesign(keys, R"(, "capacity_keys": 20000)", 2000, 0.5));
    const auto through = designFromJson(
        cacheDesign(keys, R"(, "capacity_keys": 20000, "strategy": "write_through")", 2000, 0.5));
    const auto a = runDesign(aside, reps(200000, 20, 1));
    const auto t = runDesign(through, reps(200000, 20, 1));
    EXPECT_GT(*node(t, "cache").hitRatio, *node(a, "cache").hitRatio + 0.03);
}

// Penetration: reads of keys that do not exist miss every cache. A Bloom filter answers
// them at the cache; negative caching cannot, since each such read asks for a new key.
TEST(CacheSim, BloomFilterStopsReadsOfMissingKeysNegativeCachingDoesNot)
{
    const std::string keys = R"({"count": 10000, "skew": 0.9, "missing_ratio": 0.3})";
    auto dbReads = [&](const std::string &extra) {
        const auto d
            = designFromJson(cacheDesign(keys, R"(, "capacity_keys": 20000)" + extra, 2000));
        return runDesign(d, reps(200000, 20, 1));
    };
    const auto plain = dbReads(""), bloom = dbReads(R"(, "bloom_filter": true)"),
               negative = dbReads(R"(, "negative_ttl_s": 60)");
    const double reads = double(plain.endToEnd.count);
    // About 30% of reads go to the db without the filter (plus the cold misses) ...
    EXPECT_GT(double(node(plain, "db").arrivals) / reads, 0.29);
    EXPECT_GT(double(node(negative, "db").arrivals) / reads, 0.29);
    // ... and the filter stops all of the missing keys but its 1% of false positives; the
    // real keys' misses are the same with and without it.
    EXPECT_NEAR((double(node(plain, "db").arrivals) - double(node(bloom, "db").arrivals)) / reads,
                0.3 * 0.99,
                0.01);
    EXPECT_NEAR(double(node(bloom, "cache").bloomRejected) / reads, 0.3, 0.01);
}

// Stampede: a hot key expires and every concurrent reader misses at once. Coalescing sends
// one of them to the db; the others wait for its answer.
TEST(CacheSim, CoalescingTurnsAStampedeIntoOneRequestPerKey)
{
    const std::string keys = R"({"count": 50, "skew": 0})";
    auto run = [&](bool coalesce) {
        const auto d
            = designFromJson(cacheDesign(keys,
                                         std::string(R"(, "capacity_keys": 100, "ttl_s": 2)")
                                             + (coalesce ? R"(, "coalesce": true)" : ""),
                                         5000,
                                         1.0,
                                         R"({"dist": "constant", "mean_ms": 200})",
                                         1024));
        return runDesign(d, reps(200000, 10, 1));
    };
    const auto with = run(true), without = run(false);
    // Without: each expiry sends about 5000/50 x 0.2 s = 20 reads of the key to the db.
    // With: one read per expiry.
    const double a = double(node(with, "db").arrivals), b = double(node(without, "db").arrivals);
    EXPECT_GT(b / a, 10.0);
    EXPECT_GT(node(with, "cache").coalesced, 0u);
    EXPECT_EQ(node(without, "cache").coalesced, 0u);
    // Fills per key: one per TTL (2 s) plus the 200 ms the miss takes.
    const double simS = (with.simTimeS - 10);
    EXPECT_NEAR(a / simS, 50.0 / 2.2, 3.0);
}
