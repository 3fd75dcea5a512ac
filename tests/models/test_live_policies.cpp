// What the live view reads of failure handling and traffic control (contract 5.6-5.7), from
// a real engine through the simulation worker's snapshots: a breaker that opens, retries
// and short circuits as rates, a dead replica its health checks have not noticed yet, 429s.
// And the trace waterfall's layout of a guarded call's attempts, backoffs and marks.
#include "io/design_reader.h"
#include "simulation_worker.h"
#include "trace_waterfall.h"

#include <QTest>

#include <map>

using namespace hld;

namespace {

// Every call to db fails; api retries twice, and its breaker opens for a long time.
const char *kFailing = R"({"format": "hld-design", "version": 1, "name": "failing",
  "components": [
    {"id": "users", "kind": "client", "traffic": {"rps": 200}},
    {"id": "api", "kind": "service", "workers": 64,
     "service_time": {"dist": "constant", "mean_ms": 1}},
    {"id": "db", "kind": "database", "workers": 64, "error_rate": 1,
     "service_time": {"dist": "constant", "mean_ms": 1}}],
  "links": [{"from": "users", "to": "api"},
            {"from": "api", "to": "db", "retry": {"max": 2, "backoff_ms": 5},
             "circuit_breaker": {"failure_rate": 0.5, "min_calls": 10, "window_s": 2,
                                 "open_s": 1000, "half_open_calls": 1}}]})";

// Three replicas behind a balancer with slow health checks; replica 0 dies at 1 s.
const char *kUnnoticed = R"({"format": "hld-design", "version": 1, "name": "unnoticed",
  "components": [
    {"id": "users", "kind": "client", "traffic": {"rps": 100}},
    {"id": "lb", "kind": "load_balancer"},
    {"id": "svc", "kind": "service", "replicas": 3,
     "health_check": {"interval_s": 2, "unhealthy_after": 3}}],
  "links": [{"from": "users", "to": "lb"}, {"from": "lb", "to": "svc"}],
  "scenario": {"events": [{"at_s": 1, "action": "kill_replica", "target": "svc",
                           "replica": 0}]}})";

// 300 requests a second into a gateway that lets 100 a second through.
const char *kLimited = R"({"format": "hld-design", "version": 1, "name": "limited",
  "components": [
    {"id": "users", "kind": "client", "traffic": {"rps": 300, "arrival": "constant"}},
    {"id": "gw", "kind": "api_gateway", "workers": 64,
     "rate_limit": {"algorithm": "fixed_window", "limit": 100, "window_s": 1}}],
  "links": [{"from": "users", "to": "gw"}]})";

Design load(const char *text)
{
    auto loaded = parseDesign(text);
    if (!loaded.ok())
        qFatal("test design does not load");
    return *loaded.design;
}

int nodeIndex(const LiveSnapshot &s, const char *id)
{
    for (std::size_t i = 0; i < s.nodes.size(); ++i) {
        if (s.nodes[i].id == QLatin1String(id))
            return int(i);
    }
    return -1;
}

int linkIndex(const LiveSnapshot &s, const char *from, const char *to)
{
    for (std::size_t i = 0; i < s.links->size(); ++i) {
        if ((*s.links)[i] == LinkRef{QString::fromLatin1(from), QString::fromLatin1(to)})
            return int(i);
    }
    return -1;
}

// A hop of call `span`, made by call `parent` (0: the client), attempt `attempt`.
TraceHopRecord hop(const char *from,
                   const char *to,
                   double d,
                   double a,
                   bool back,
                   int outcome,
                   std::uint32_t span,
                   std::uint32_t parent,
                   int attempt = 1)
{
    return {{QString::fromLatin1(from), QString::fromLatin1(to)},
            d,
            a,
            back,
            std::uint8_t(outcome),
            span,
            parent,
            std::uint8_t(back ? 0 : attempt)};
}

} // namespace

class TestLivePolicies : public QObject
{
    Q_OBJECT

private slots:
    void snapshotsShowTheBreakerOpenAndWhatTheRetriesDid()
    {
        SimulationWorker w;
        w.restart(load(kFailing), 1);
        w.step(0.2);
        auto early = w.snapshot(true, 1);
        const int l = linkIndex(*early, "api", "db");
        QVERIFY2(l != -1, "no link api -> db in the snapshot");
        QCOMPARE(early->linkStates.size(), early->links->size());
        const LiveLink &first = early->linkStates[std::size_t(l)];
        QVERIFY(first.guarded);
        QVERIFY(!early->linkStates[std::size_t(linkIndex(*early, "users", "api"))].guarded);
        w.step(3.0);
        auto later = w.snapshot(true, 1);
        const LiveLink &open = later->linkStates[std::size_t(l)];
        QCOMPARE(open.breaker, LiveLink::Open);
        QVERIFY(open.retries > 0);
        QVERIFY(open.shortCircuited > 0);
        // Open for good: every call is short-circuited, 200 a second, and nothing retried
        // succeeds... each of the 3 attempts of a call is refused at once.
        QVERIFY2(open.shortCircuitsPerS > 400 && open.shortCircuitsPerS < 800,
                 qPrintable(QString::number(open.shortCircuitsPerS)));
        QCOMPARE(open.timeoutsPerS, 0.0);
        // Cumulative counts only grow; the rate is over the last simulated second.
        w.step(1.0);
        auto last = w.snapshot(true, 1);
        QVERIFY(last->linkStates[std::size_t(l)].shortCircuited > open.shortCircuited);
    }

    void aDeadReplicaIsUndetectedUntilTheChecksNotice()
    {
        SimulationWorker w;
        w.restart(load(kUnnoticed), 1);
        w.step(0.5);
        auto before = w.snapshot(true, 1);
        const int svc = nodeIndex(*before, "svc");
        QCOMPARE(before->nodes[std::size_t(svc)].undetected, 0u);
        QCOMPARE(before->nodes[std::size_t(svc)].down, 0u);
        w.step(1.0); // t = 1.5: dead for half a second, checked at most once
        auto dead = w.snapshot(true, 1);
        const LiveNode &n = dead->nodes[std::size_t(svc)];
        QCOMPARE(n.down, 1u);
        QCOMPARE(n.undetected, 1u);
        QCOMPARE(n.replicas, 3u); // still in rotation
        w.step(10.0);             // three failed checks 2 s apart: noticed
        auto noticed = w.snapshot(true, 1);
        const LiveNode &m = noticed->nodes[std::size_t(svc)];
        QCOMPARE(m.down, 1u);
        QCOMPARE(m.undetected, 0u);
        QCOMPARE(m.replicas, 2u);
    }

    void rateLimitedRequestsAreCounted()
    {
        SimulationWorker w;
        w.restart(load(kLimited), 1);
        w.step(3.0);
        auto s = w.snapshot(true, 1);
        const LiveNode &gw = s->nodes[std::size_t(nodeIndex(*s, "gw"))];
        QVERIFY2(gw.rateLimited > 450 && gw.rateLimited < 650,
                 qPrintable(QString::number(gw.rateLimited)));
        QVERIFY2(gw.rateLimitedPerS > 150 && gw.rateLimitedPerS < 250,
                 qPrintable(QString::number(gw.rateLimitedPerS)));
        QCOMPARE(s->nodes[std::size_t(nodeIndex(*s, "users"))].rateLimited, 0u);
    }

    // api calls db; the first attempt fails, the caller waits 100 ms, the second succeeds.
    void waterfallShowsEveryAttemptAndTheBackoff()
    {
        const std::vector<TraceHopRecord> hops{
            hop("users", "api", 0.000, 0.001, false, 0, 1, 0),
            hop("api", "db", 0.002, 0.003, false, 0, 2, 1),
            hop("api", "db", 0.010, 0.011, true, 2, 2, 1),
            hop("api", "db", 0.011, 0.111, false, 6, 0, 1, 2),
            hop("api", "db", 0.111, 0.112, false, 0, 3, 1, 2),
            hop("api", "db", 0.120, 0.121, true, 0, 3, 1),
            hop("users", "api", 0.122, 0.123, true, 0, 1, 0),
        };
        QVERIFY(!traceComplete({hops.begin(), hops.begin() + 4}, 1.0)); // a retry follows
        QVERIFY(!traceComplete(hops, 0.1225)); // the answer is still on its way
        QVERIFY(traceComplete(hops, 0.2));
        QCOMPARE(int(traceOutcome(hops)), 0);
        const auto spans = layoutWaterfall(hops);
        QCOMPARE(int(spans.size()), 4);
        using K = WaterfallSpan::Kind;
        QCOMPARE(spans[0].component, QStringLiteral("api"));
        QCOMPARE(spans[1].kind, K::Call);
        QCOMPARE(spans[1].attempt, 1);
        QCOMPARE(int(spans[1].outcome), 2);
        QCOMPARE(spans[1].depth, 1);
        QCOMPARE(spans[2].kind, K::Backoff);
        QCOMPARE(spans[2].attempt, 2);
        QCOMPARE(spans[2].depth, 1);
        QVERIFY(qAbs(spans[2].endMs - spans[2].startMs - 100) < 1e-6);
        QCOMPARE(spans[3].kind, K::Call);
        QCOMPARE(spans[3].attempt, 2);
        QCOMPARE(int(spans[3].outcome), 0);
        QVERIFY(qAbs(spans[3].endMs - 120) < 1e-6);
        QVERIFY(spans[0].endMs >= spans[3].endMs); // the caller's bar holds its attempts
    }

    // A timed-out attempt ends at the deadline; its late answer is wasted work, not the
    // retry's answer, whichever order they come in.
    void waterfallShowsTimeoutsAndTheirWastedWork()
    {
        std::vector<TraceHopRecord> hops{
            hop("users", "api", 0.000, 0.001, false, 0, 1, 0),
            hop("api", "db", 0.001, 0.002, false, 0, 2, 1),
            hop("api", "db", 0.052, 0.052, false, 4, 2, 1), // deadline after 50 ms
            hop("api", "db", 0.052, 0.062, false, 6, 0, 1, 2),
            hop("api", "db", 0.062, 0.063, false, 0, 3, 1, 2),
            hop("api", "db", 0.070, 0.071, true, 0, 2, 1), // the first attempt's late answer
            hop("api", "db", 0.080, 0.081, true, 0, 3, 1), // the second's
            hop("users", "api", 0.082, 0.083, true, 0, 1, 0),
        };
        auto spans = layoutWaterfall(hops);
        QCOMPARE(int(spans.size()), 4);
        QVERIFY(spans[1].timedOut);
        QVERIFY(qAbs(spans[1].endMs - 52) < 1e-6);
        QVERIFY(qAbs(spans[1].wastedEndMs - 70) < 1e-6);
        QVERIFY(!spans[3].timedOut);
        QVERIFY(qAbs(spans[3].endMs - 80) < 1e-6);
        // The late answer never came within the request: the only answer is the retry's.
        hops.erase(hops.begin() + 5);
        spans = layoutWaterfall(hops);
        QVERIFY(spans[1].wastedEndMs < 0);
        QVERIFY(qAbs(spans[3].endMs - 80) < 1e-6);
    }

    void waterfallMarksShortCircuitsAndRejections()
    {
        const std::vector<TraceHopRecord> hops{
            hop("users", "api", 0.000, 0.001, false, 0, 1, 0),
            hop("api", "db", 0.001, 0.001, false, 7, 0, 1), // the bulkhead is full
            hop("api", "db", 0.001, 0.011, false, 6, 0, 1, 2),
            hop("api", "db", 0.011, 0.011, false, 5, 0, 1, 2), // then the breaker is open
            hop("users", "api", 0.012, 0.013, true, 2, 1, 0),
        };
        const auto spans = layoutWaterfall(hops);
        QCOMPARE(int(spans.size()), 4);
        QCOMPARE(spans[1].kind, WaterfallSpan::Kind::Rejected);
        QCOMPARE(spans[1].attempt, 1);
        QCOMPARE(spans[2].kind, WaterfallSpan::Kind::Backoff);
        QCOMPARE(spans[3].kind, WaterfallSpan::Kind::ShortCircuited);
        QCOMPARE(spans[3].attempt, 2);
        QCOMPARE(spans[3].startMs, spans[3].endMs);
        QVERIFY(traceComplete(hops, 1.0));
        QCOMPARE(int(traceOutcome(hops)), 2);
        // A client whose own call is short-circuited ends with the mark.
        const std::vector<TraceHopRecord> refused{hop("users", "api", 0.0, 0.0, false, 5, 0, 0)};
        QVERIFY(traceComplete(refused, 0.0));
        QCOMPARE(int(traceOutcome(refused)), 5);
        QVERIFY(isFailure(traceOutcome(refused)));
        QVERIFY(!isFailure(0) && !isFailure(1) && !isFailure(3) && !isFailure(6));
    }

    // The retry answers before the abandoned attempt does: each answer goes to its own
    // attempt by span, not to whichever attempt is oldest.
    void waterfallPairsEachAnswerWithItsAttempt()
    {
        const std::vector<TraceHopRecord> hops{
            hop("users", "api", 0.000, 0.001, false, 0, 1, 0),
            hop("api", "db", 0.001, 0.002, false, 0, 2, 1),
            hop("api", "db", 0.052, 0.052, false, 4, 2, 1),
            hop("api", "db", 0.052, 0.053, false, 6, 0, 1, 2),
            hop("api", "db", 0.053, 0.054, false, 0, 3, 1, 2),
            hop("db", "disk", 0.0545, 0.055, false, 0, 4, 3), // the retry's own call
            hop("db", "disk", 0.056, 0.057, true, 0, 4, 3),
            hop("api", "db", 0.058, 0.059, true, 0, 3, 1), // the retry's answer, first
            hop("api", "db", 0.200, 0.201, true, 2, 2, 1), // the first attempt's, late
            hop("users", "api", 0.060, 0.061, true, 0, 1, 0),
        };
        const auto spans = layoutWaterfall(hops);
        QCOMPARE(int(spans.size()), 5);
        QVERIFY(spans[1].timedOut);
        QVERIFY(qAbs(spans[1].endMs - 52) < 1e-6);
        QVERIFY(qAbs(spans[1].wastedEndMs - 200) < 1e-6);
        QCOMPARE(spans[3].attempt, 2);
        QVERIFY(!spans[3].timedOut);
        QVERIFY(qAbs(spans[3].endMs - 58) < 1e-6);
        QCOMPARE(int(spans[3].outcome), 0);
        QCOMPARE(spans[4].component, QStringLiteral("disk"));
        QCOMPARE(spans[4].depth, 2); // under the retry
    }

    // From the engine: api calls db with a 50 ms timeout and two retries; db answers after
    // an exponential 30 ms, so one attempt in five times out and its late answer often comes
    // after the retry's. A call that did not time out was answered before its deadline, and
    // a timed-out one after it, in every sampled request.
    void aRealRunsAttemptsEndWhereTheEngineEndedThem()
    {
        const char *design = R"({"format": "hld-design", "version": 1, "name": "slow",
          "components": [
            {"id": "users", "kind": "client", "traffic": {"rps": 100}},
            {"id": "api", "kind": "service", "workers": 64,
             "service_time": {"dist": "constant", "mean_ms": 1}},
            {"id": "db", "kind": "database", "workers": 64,
             "service_time": {"dist": "exponential", "mean_ms": 30}}],
          "links": [{"from": "users", "to": "api"},
                    {"from": "api", "to": "db", "timeout_ms": 50,
                     "retry": {"max": 2, "backoff_ms": 1}}]})";
        SimulationWorker w;
        w.restart(load(design), 1);
        std::map<std::uint32_t, std::vector<TraceHopRecord>> byRequest;
        double now = 0;
        for (int i = 0; i < 40; ++i) {
            w.step(0.5);
            auto s = w.snapshot(true, 1);
            now = s->simTimeS;
            for (const auto &h : s->hops)
                byRequest[h.request].push_back({s->linkOf(h),
                                                h.departS,
                                                h.arriveS,
                                                h.back,
                                                h.outcome,
                                                h.span,
                                                h.parent,
                                                h.attempt});
        }
        int timedOut = 0, late = 0, retried = 0, answered = 0;
        for (const auto &[request, hops] : byRequest) {
            if (!traceComplete(hops, now) || now - hops.back().arriveS < 1)
                continue;
            for (const auto &s : layoutWaterfall(hops)) {
                if (s.kind != WaterfallSpan::Kind::Call || s.component != QLatin1String("db"))
                    continue;
                retried += s.attempt > 1;
                // The deadline is 50 ms after the call left api, 0.5 ms before it arrived.
                if (s.timedOut) {
                    ++timedOut;
                    QVERIFY2(qAbs(s.endMs - s.startMs - 49.5) < 1e-3,
                             qPrintable(QString::number(s.endMs - s.startMs)));
                    // A late answer, when one came (counted: some must), left db after the
                    // deadline, or up to a link's 0.5 ms before it.
                    late += s.wastedEndMs >= 0;
                    QVERIFY2(s.wastedEndMs < 0 || s.wastedEndMs > s.endMs - 0.5 - 1e-6,
                             qPrintable(QString::number(s.wastedEndMs - s.endMs)));
                } else {
                    ++answered;
                    QVERIFY2(s.endMs - s.startMs < 49.5,
                             qPrintable(QString("request %1: an answer after %2 ms")
                                            .arg(request)
                                            .arg(s.endMs - s.startMs)));
                }
            }
        }
        QVERIFY2(timedOut > 20 && late > 10 && retried > 20 && answered > 100,
                 qPrintable(QString("%1 timed out, %2 late, %3 retried, %4 answered")
                                .arg(timedOut)
                                .arg(late)
                                .arg(retried)
                                .arg(answered)));
    }
};

QTEST_GUILESS_MAIN(TestLivePolicies)
#include "test_live_policies.moc"
