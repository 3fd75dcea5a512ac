// Kernel speed: the future-event set alone, the histogram alone, and whole simulations in
// events and customers per second. Run with scripts/bench.
#include "io/design_reader.h"
#include "sim/event_queue.h"
#include "sim/histogram.h"
#include "sim/run.h"

#include <benchmark/benchmark.h>

using namespace hld;

namespace {

// The classic "hold" model: a queue of N pending events, each pop followed by a push.
void BM_EventQueueHold(benchmark::State &state)
{
    EventQueue q;
    Rng rng(1);
    const auto n = static_cast<int>(state.range(0));
    for (int i = 0; i < n; ++i)
        q.push(rng.uniform(), 0, 0);
    for (auto _ : state) {
        const Event e = q.pop();
        q.push(e.time - std::log(rng.uniformOpen0()), 0, 0);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventQueueHold)->Arg(8)->Arg(1024)->Arg(65536);

void BM_HistogramRecord(benchmark::State &state)
{
    LogHistogram h;
    Rng rng(2);
    for (auto _ : state)
        h.record(-10.0 * std::log(rng.uniformOpen0()));
    benchmark::DoNotOptimize(h.quantile(0.99));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HistogramRecord);

Design load(const char *file)
{
    auto r = loadDesignFile(std::string(HLD_SOURCE_DIR) + file);
    if (!r.ok())
        std::abort();
    return *r.design;
}

// Whole simulations: customers/s and events/s with full statistics.
void simulate(benchmark::State &state, const Design &d, std::int64_t customers)
{
    const Network net = compileNetwork(d);
    SimConfig cfg;
    cfg.requestLimit = customers;
    std::uint64_t events = 0;
    for (auto _ : state) {
        Simulator sim(net, cfg, 1);
        sim.run();
        events += sim.eventsProcessed();
        benchmark::DoNotOptimize(sim.finish());
    }
    state.SetItemsProcessed(state.iterations() * customers);
    state.counters["events/s"] = benchmark::Counter(double(events), benchmark::Counter::kIsRate);
}

void BM_SimulateMM4(benchmark::State &state)
{
    simulate(state, load("/resources/examples/mm4-bench.hld.json"), 1000000);
}
BENCHMARK(BM_SimulateMM4)->Unit(benchmark::kMillisecond);

void BM_SimulateUrlShortener(benchmark::State &state)
{
    simulate(state, load("/resources/examples/url-shortener.hld.json"), 1000000);
}
BENCHMARK(BM_SimulateUrlShortener)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
