// Per-key state that grows with the keys written, not with what the design holds: a
// replicated store's versions and a write-behind cache's unflushed keys (issue: hardening;
// found by replaying the fifth fuzz campaign's corpus through hldsim run --duration-s 60).
#include "io/design_reader.h"
#include "sim/replicated_store.h"
#include "sim_stats.h"

#include <string>

using namespace hld;
using namespace hld::test;

namespace {

bool hasFinding(const Results &r, const std::string &code)
{
    for (const auto &f : r.findings) {
        if (f.code == code)
            return true;
    }
    return false;
}

// 2,000 writes a second to a 3-replica store; `pattern` "sequential" makes every write a
// new key, "zipf" (skew 0 over 1,000 keys) writes the same thousand again and again.
std::string writer(const std::string &pattern)
{
    const std::string keys = pattern == "sequential"
                                 ? R"("count": 1000000000000, "write_pattern": "sequential")"
                                 : R"("count": 1000, "skew": 0)";
    return R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client",
         "traffic": {"rps": 2000, "read_ratio": 0, "keys": {)"
           + keys + R"(}}},
        {"id": "db", "kind": "database", "replicas": 3, "workers": 64,
         "service_time": {"dist": "exponential", "mean_ms": 1},
         "replication": {"mode": "async", "lag_ms": 5}}],
      "links": [{"from": "users", "to": "db"}]})";
}

Results runWriter(const std::string &pattern, std::size_t keyStateBytes)
{
    RunOptions o;
    o.seed = 3;
    o.sim.durationS = 60;
    o.sim.keyStateBytes = keyStateBytes;
    return runDesign(designFromJson(writer(pattern)), o);
}

} // namespace

// A store keeps the newest version of every key written. At 400,000 writes a second to new
// keys, that grew by about 28 MB a simulated second and a 60 s run passed 1 GiB. The state
// is now held to a budget (SimConfig::keyStateBytes): past it arrivals stop, the run drains,
// and the result says so.
TEST(KeyState, NewKeysPastTheBudgetStopArrivalsAndSaySo)
{
    // 2,000 new keys a second for 60 s would be 120,000 keys: a 262,144-slot table, 4 MiB.
    const Results r = runWriter("sequential", 1u << 20);
    EXPECT_EQ(r.status, "limited");
    EXPECT_TRUE(hasFinding(r, "key_state_cap"));
    // 16-byte slots, at most half full: the newest-version table doubles to 65,536 slots
    // (1 MiB) at the 16,385th key, about 8.2 s in, and with the followers' lag tables that
    // passes the budget. The drain after it is short.
    EXPECT_GT(r.simTimeS, 7.5);
    EXPECT_LT(r.simTimeS, 9.0);
    EXPECT_NEAR(double(r.endToEnd.count), 16385.0, 200.0);
}

TEST(KeyState, TheSameKeysRewrittenStayWithinTheBudget)
{
    // Rewriting 1,000 keys keeps a 2,048-slot table: the whole minute runs.
    const Results r = runWriter("zipf", 1u << 20);
    EXPECT_EQ(r.status, "ok");
    EXPECT_FALSE(hasFinding(r, "key_state_cap"));
    EXPECT_NEAR(r.simTimeS, 60.0, 0.5);
    EXPECT_NEAR(r.endToEnd.throughputRps, 2000, 60); // 120,000 writes: 3 sd is about 0.4%
    // And new keys run the whole minute under the default budget (256 MiB).
    const Results all = runWriter("sequential", std::size_t(256) << 20);
    EXPECT_EQ(all.status, "ok");
    EXPECT_NEAR(all.simTimeS, 60.0, 0.5);
}

// The running total the simulator holds to its budget is the store's memory, table by table.
TEST(KeyState, RunningTotalMatchesTheTables)
{
    Replication spec;
    spec.keys = 1'000'000;
    ReplicatedStore store(spec, 5);
    Rng rng(11);
    for (std::uint32_t i = 0; i < 50'000; ++i) {
        const std::uint64_t key = store.drawKey(rng);
        const std::uint32_t v = store.write(i % 5, key, 0, 5);
        if (i % 3 == 0)
            store.apply((i + 1) % 5, key, v);
        store.noteUserWrite(i % 7'000, key, v, 0);
        if (i % 2 == 0)
            store.noteSplitWrite(key, 1u + (i % 4 == 0));
        if (i == 30'000)
            store.reconcile();
    }
    EXPECT_GT(store.bytes(), 50'000u * 16);
    EXPECT_EQ(store.bytes(), store.recountBytes());
}

namespace {

// Sequential writes (every one a new key) through a write_behind cache of 100 keys that
// flushes every 1,000 s, to a database.
std::string writeBehind(int capacityKeys)
{
    return R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 1000, "read_ratio": 0,
         "keys": {"count": 1000000000000, "write_pattern": "sequential"}}},
        {"id": "cache", "kind": "cache", "capacity_keys": )"
           + std::to_string(capacityKeys) + R"(, "strategy": "write_behind",
         "flush_interval_s": 1000, "service_time": {"dist": "constant", "mean_ms": 0.1}},
        {"id": "db", "kind": "database", "workers": 16,
         "service_time": {"dist": "exponential", "mean_ms": 1}}],
      "links": [{"from": "users", "to": "cache"}, {"from": "cache", "to": "db"}]})";
}

} // namespace

// A write_behind cache buffered every key written until its next flush, however few keys it
// holds: with a long interval, 500,000 writes a second to new keys grew by 40 MB a simulated
// second. Its unflushed keys are its entries, so now at most capacity_keys: a full buffer
// flushes at once.
TEST(KeyState, AFullWriteBehindBufferFlushesEarly)
{
    RunOptions o;
    o.seed = 5;
    o.sim.durationS = 20;
    const Results small = runDesign(designFromJson(writeBehind(100)), o);
    // 20,000 writes: all but the last partial buffer (under 100) reached the database,
    // though the interval (1,000 s) never came.
    EXPECT_GT(node(small, "db").completed, 20'000u * 0.98 - 100);
    EXPECT_EQ(node(small, "db").completed % 100, 0u); // whole buffers of 100
    EXPECT_EQ(small.status, "ok");

    // A buffer bigger than the writes of the run never fills: the interval alone flushes,
    // and nothing reaches the database within 20 s.
    const Results big = runDesign(designFromJson(writeBehind(100'000)), o);
    EXPECT_EQ(node(big, "db").completed, 0u);
}
