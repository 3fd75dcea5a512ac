// The inspector's editors for failure handling and traffic control (contract 5.6-5.9): the
// link's timeout, retry, circuit breaker, bulkhead and path, and the components' error rate,
// health checks, rate limits, routing, sessions, sagas, tables, request paths and autoscaler
// signal. Each edit is one undoable command; "on"/"off" creates and removes a policy; a bad
// value is refused with a message and leaves the document as it was.
#include "component_properties_model.h"
#include "design_document.h"
#include "design_editor.h"
#include "field_help.h"
#include "io/design_reader.h"
#include "link_properties_model.h"
#include "policy_fields.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace hld;

namespace {

const char *kDesign = R"({"format": "hld-design", "version": 1, "name": "policies",
  "components": [
    {"id": "users", "kind": "client", "traffic": {"rps": 100}},
    {"id": "lb", "kind": "load_balancer"},
    {"id": "gw", "kind": "api_gateway"},
    {"id": "api", "kind": "service", "replicas": 2},
    {"id": "db", "kind": "database"},
    {"id": "jobs", "kind": "queue"},
    {"id": "worker", "kind": "service"}],
  "links": [{"from": "users", "to": "lb"}, {"from": "lb", "to": "gw"},
            {"from": "gw", "to": "api"}, {"from": "api", "to": "db"},
            {"from": "api", "to": "jobs", "mode": "async"}, {"from": "jobs", "to": "worker"}]})";

} // namespace

class TestPolicyFields : public QObject
{
    Q_OBJECT

    DesignDocument *doc = nullptr;
    DesignEditor *ed = nullptr;
    LinkPropertiesModel *links = nullptr;
    ComponentPropertiesModel *components = nullptr;

    const Link &link(const char *from, const char *to) const
    {
        return doc->design()
            .links[std::size_t(doc->linkIndex(QString::fromLatin1(from), QString::fromLatin1(to)))];
    }
    bool setComponent(const QString &id, const QString &key, const QString &value)
    {
        components->setSelection({id});
        const int row = components->rowOfField(key);
        return row >= 0 && components->setData(components->index(row, 1), value, Qt::EditRole);
    }
    QString linkValue(const QString &key) const
    {
        return links->index(links->rowOfField(key), 1).data().toString();
    }

private slots:
    void init()
    {
        doc = new DesignDocument;
        ed = new DesignEditor(doc);
        auto loaded = parseDesign(kDesign);
        QVERIFY(loaded.ok());
        doc->resetDesign(*loaded.design);
        links = new LinkPropertiesModel(ed);
        components = new ComponentPropertiesModel(ed);
    }

    void cleanup()
    {
        delete components;
        delete links;
        delete ed;
        delete doc;
    }

    // Each policy switched on, every one of its fields edited, switched off: every edit is one
    // undo step, and undoing them all gives back the plain link.
    void linkEditorCreatesEditsAndRemovesEachPolicy()
    {
        links->setLink(QStringLiteral("api"), QStringLiteral("db"));
        const Link original = link("api", "db");
        QUndoStack *undo = doc->undoStack();
        const int start = undo->count();
        // Off: only the switches show, no details.
        QCOMPARE(linkValue(QStringLiteral("retry")), QStringLiteral("off"));
        QCOMPARE(linkValue(QStringLiteral("circuit_breaker")), QStringLiteral("off"));
        QCOMPARE(links->rowOfField(QStringLiteral("retry.max")), -1);
        QCOMPARE(links->rowOfField(QStringLiteral("circuit_breaker.open_s")), -1);

        QVERIFY(links->setField(QStringLiteral("timeout_ms"), QStringLiteral("250")));
        QCOMPARE(*link("api", "db").timeoutMs, 250.0);

        QVERIFY(links->setField(QStringLiteral("retry"), QStringLiteral("on")));
        QCOMPARE(*link("api", "db").retry, RetryPolicy{}); // the contract's defaults
        QVERIFY(links->rowOfField(QStringLiteral("retry.max"))
                > links->rowOfField(QStringLiteral("retry")));
        QVERIFY(links->setField(QStringLiteral("retry.max"), QStringLiteral("5")));
        QVERIFY(links->setField(QStringLiteral("retry.backoff_ms"), QStringLiteral("20")));
        QVERIFY(links->setField(QStringLiteral("retry.multiplier"), QStringLiteral("3")));
        QVERIFY(links->setField(QStringLiteral("retry.max_backoff_ms"), QStringLiteral("400")));
        QVERIFY(links->setField(QStringLiteral("retry.jitter"), QStringLiteral("full")));
        QCOMPARE(*link("api", "db").retry, (RetryPolicy{5, 20, 3, 400, Jitter::Full}));

        QVERIFY(links->setField(QStringLiteral("circuit_breaker"), QStringLiteral("on")));
        QCOMPARE(*link("api", "db").circuitBreaker, CircuitBreakerPolicy{});
        QVERIFY(links->setField(QStringLiteral("circuit_breaker.failure_rate"), "0.25"));
        QVERIFY(links->setField(QStringLiteral("circuit_breaker.min_calls"), "8"));
        QVERIFY(links->setField(QStringLiteral("circuit_breaker.window_s"), "4"));
        QVERIFY(links->setField(QStringLiteral("circuit_breaker.open_s"), "12"));
        QVERIFY(links->setField(QStringLiteral("circuit_breaker.half_open_calls"), "2"));
        QCOMPARE(*link("api", "db").circuitBreaker, (CircuitBreakerPolicy{0.25, 8, 4, 12, 2}));

        QVERIFY(links->setField(QStringLiteral("max_concurrent"), QStringLiteral("16")));
        QVERIFY(links->setField(QStringLiteral("path"), QStringLiteral("/orders")));
        QCOMPARE(*link("api", "db").maxConcurrent, 16);
        QCOMPARE(*link("api", "db").path, std::string("/orders"));
        QCOMPARE(undo->count() - start, 15);
        QCOMPARE(undo->undoText(), QStringLiteral("Set Path prefix of link api → db"));

        // Off removes the object and its rows; undo brings back the values, not the defaults.
        QVERIFY(links->setField(QStringLiteral("retry"), QStringLiteral("off")));
        QVERIFY(!link("api", "db").retry);
        QCOMPARE(links->rowOfField(QStringLiteral("retry.backoff_ms")), -1);
        undo->undo();
        QCOMPARE(*link("api", "db").retry, (RetryPolicy{5, 20, 3, 400, Jitter::Full}));
        QVERIFY(links->rowOfField(QStringLiteral("retry.backoff_ms")) != -1);
        QCOMPARE(linkValue(QStringLiteral("retry.backoff_ms")), QStringLiteral("20"));
        QVERIFY(links->setField(QStringLiteral("circuit_breaker"), QStringLiteral("off")));
        QVERIFY(links->setField(QStringLiteral("timeout_ms"), QString()));
        QVERIFY(links->setField(QStringLiteral("max_concurrent"), QString()));
        QVERIFY(!link("api", "db").circuitBreaker && !link("api", "db").timeoutMs
                && !link("api", "db").maxConcurrent);
        // An edit that changes nothing leaves no empty step behind.
        const int steps = undo->count();
        QVERIFY(links->setField(QStringLiteral("circuit_breaker"), QStringLiteral("off")));
        QCOMPARE(undo->count(), steps);
        while (undo->index() > start)
            undo->undo();
        QCOMPARE(link("api", "db"), original);
    }

    // A bad value: refused, said in words, the document and its history unchanged.
    void invalidLinkValuesAreRefusedWithAMessage()
    {
        links->setLink(QStringLiteral("api"), QStringLiteral("db"));
        QSignalSpy refused(links, &LinkPropertiesModel::editRefused);
        QVERIFY(links->setField(QStringLiteral("retry"), QStringLiteral("on")));
        QVERIFY(links->setField(QStringLiteral("circuit_breaker"), QStringLiteral("on")));
        const Link before = link("api", "db");
        const int steps = doc->undoStack()->count();
        auto refusal = [&](const char *key, const char *value) {
            if (links->setField(QString::fromLatin1(key), QString::fromLatin1(value))
                || refused.isEmpty())
                return QString();
            return refused.takeLast().first().toString();
        };
        QCOMPARE(refusal("retry.max", "200"),
                 QStringLiteral("Link api → db: Max retries must be between 0 and 100 (got 200)"));
        QCOMPARE(refusal("retry.backoff_ms", "soon"),
                 QStringLiteral("Link api → db: Backoff (ms): 'soon' is not a number"));
        QCOMPARE(refusal("retry.multiplier", "0.5"),
                 QStringLiteral(
                     "Link api → db: Backoff multiplier must be between 1 and 100 (got 0.5)"));
        QCOMPARE(refusal("retry.jitter", "lots"),
                 QStringLiteral("Link api → db: Jitter: choose one of none, full, equal"));
        QCOMPARE(refusal("circuit_breaker.failure_rate", "2"),
                 QStringLiteral("Link api → db: Failure rate must be between 0.001 and 1 (got 2)"));
        QVERIFY(
            refusal("circuit_breaker.min_calls", "0").contains(QStringLiteral("Minimum calls")));
        QVERIFY(refusal("circuit_breaker.half_open_calls", "1.5")
                    .contains(QStringLiteral("not a whole number")));
        QVERIFY(refusal("timeout_ms", "-3").contains(QStringLiteral("Timeout (ms) must be")));
        QVERIFY(refusal("max_concurrent", "0").contains(QStringLiteral("Max concurrent calls")));
        QVERIFY(refusal("path", "orders").contains(QStringLiteral("starts with /")));
        // A guarded call cannot become fire-and-forget: the loader says why.
        QVERIFY(refusal("mode", "async").contains(QStringLiteral("apply to sync calls")));
        QCOMPARE(link("api", "db"), before);
        QCOMPARE(doc->undoStack()->count(), steps);
    }

    // Policies belong to calls: an async link and a queue's delivery do not offer them.
    void policiesShowOnCallLinksOnly()
    {
        links->setLink(QStringLiteral("api"), QStringLiteral("jobs"));
        QCOMPARE(links->rowOfField(QStringLiteral("retry")), -1);
        QCOMPARE(links->rowOfField(QStringLiteral("timeout_ms")), -1);
        QVERIFY(links->rowOfField(QStringLiteral("path")) != -1);
        links->setLink(QStringLiteral("jobs"), QStringLiteral("worker"));
        QCOMPARE(links->rowOfField(QStringLiteral("circuit_breaker")), -1);
        links->setLink(QStringLiteral("gw"), QStringLiteral("api"));
        QStringList headings;
        for (int r = 0; r < links->rowCount(); ++r) {
            if (links->isHeading(r))
                headings << links->index(r, 0).data().toString();
        }
        QCOMPARE(headings,
                 (QStringList{"Link", "Timeout and retries", "Circuit breaker", "Bulkhead"}));
        // Every field explains itself, and says its name in the file.
        for (int r = 0; r < links->rowCount(); ++r) {
            if (links->isHeading(r))
                continue;
            const QString tip = links->index(r, 0).data(Qt::ToolTipRole).toString();
            QVERIFY2(tip.size() > 30, qPrintable(links->index(r, 0).data().toString()));
        }
        QVERIFY(links->index(links->rowOfField(QStringLiteral("retry.jitter")), 1)
                    .data(Qt::ToolTipRole)
                    .isNull()); // not shown while retry is off
        QVERIFY(links->setField(QStringLiteral("retry"), QStringLiteral("on")));
        QVERIFY(links->index(links->rowOfField(QStringLiteral("retry.jitter")), 0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("In the file: retry.jitter")));
    }

    // The component rows of 5.6-5.9, each for the kinds that accept it, each edited
    // undoably into the design under the contract's name.
    void componentPolicyFieldsEditTheDesign()
    {
        QUndoStack *undo = doc->undoStack();
        const int start = undo->count();
        QVERIFY(setComponent("db", "error_rate", "0.2"));
        QCOMPARE(*doc->component("db")->errorRate, 0.2);
        QCOMPARE(components->rowOfField(QStringLiteral("health_check.interval_s")), -1);
        QVERIFY(setComponent("api", "health_check", "on"));
        QCOMPARE(*doc->component("api")->healthCheck, HealthCheck{});
        QVERIFY(setComponent("api", "health_check.interval_s", "2"));
        QVERIFY(setComponent("api", "health_check.unhealthy_after", "4"));
        QCOMPARE(*doc->component("api")->healthCheck, (HealthCheck{2, 4}));

        QCOMPARE(components->rowOfField(QStringLiteral("rate_limit.limit")), -1);
        QVERIFY(setComponent("gw", "rate_limit.algorithm", "token_bucket"));
        QVERIFY(setComponent("gw", "rate_limit.limit", "50"));
        QVERIFY(setComponent("gw", "rate_limit.window_s", "2"));
        QVERIFY(setComponent("gw", "rate_limit.burst", "80"));
        QVERIFY(setComponent("gw", "rate_limit.per", "user"));
        QCOMPARE(*doc->component("gw")->rateLimit,
                 (RateLimit{RateAlgorithm::TokenBucket, 50, 2, 80, RateScope::User}));
        // A leaky bucket is one queue for all: the switch takes "per user" along, and a fixed
        // window has no burst: the switch takes it along, rather than refusing.
        QVERIFY(setComponent("gw", "rate_limit.algorithm", "leaky_bucket"));
        QCOMPARE(doc->component("gw")->rateLimit->per, RateScope::All);
        QCOMPARE(components->rowOfField(QStringLiteral("rate_limit.per")), -1);
        QVERIFY(setComponent("gw", "rate_limit.algorithm", "fixed_window"));
        QVERIFY(!doc->component("gw")->rateLimit->burst);
        QCOMPARE(components->rowOfField(QStringLiteral("rate_limit.burst")), -1);

        QVERIFY(setComponent("lb", "layer", "4"));
        QVERIFY(setComponent("lb", "sticky", "true"));
        QVERIFY(setComponent("api", "sessions", "local"));
        QVERIFY(setComponent("api", "saga.mode", "choreography"));
        QVERIFY(setComponent("api", "saga.compensations", "false"));
        QVERIFY(setComponent("db", "table_rows", "1000000"));
        QVERIFY(setComponent("db", "indexes", "2"));
        QVERIFY(setComponent("users", "traffic.paths", "/api: 0.7, /static: 0.3"));
        QCOMPARE(*doc->component("lb")->layer, 4);
        QVERIFY(*doc->component("lb")->sticky);
        QCOMPARE(*doc->component("api")->sessions, Sessions::Local);
        QCOMPARE(*doc->component("api")->saga, (Saga{SagaMode::Choreography, false}));
        QCOMPARE(*doc->component("db")->tableRows, 1000000);
        QCOMPARE(*doc->component("db")->indexes, 2);
        QCOMPARE(*doc->component("users")->traffic->paths,
                 (PathShares{{"/api", 0.7}, {"/static", 0.3}}));

        // The autoscaler's signal: each metric brings its own target and drops the others'.
        QCOMPARE(components->rowOfField(QStringLiteral("autoscale.metric")), -1); // no scaler
        QVERIFY(setComponent("api", "autoscale.max", "6"));
        QVERIFY(setComponent("api", "autoscale.metric", "queue"));
        QCOMPARE(*doc->component("api")->autoscale->targetQueue, 10.0);
        QCOMPARE(components->rowOfField(QStringLiteral("autoscale.target_utilization")), -1);
        QVERIFY(setComponent("api", "autoscale.target_queue", "4"));
        QVERIFY(setComponent("api", "autoscale.metric", "p99_ms"));
        QVERIFY(!doc->component("api")->autoscale->targetQueue);
        QVERIFY(setComponent("api", "autoscale.target_p99_ms", "150"));
        QCOMPARE(*doc->component("api")->autoscale->targetP99Ms, 150.0);
        QCOMPARE(doc->component("api")->autoscale->metric, AutoscaleMetric::P99);

        QCOMPARE(undo->count() - start, 24);
        while (undo->index() > start)
            undo->undo();
        auto loaded = parseDesign(kDesign);
        QCOMPARE(doc->design().components, loaded.design->components);
    }

    void componentFieldsShowForTheirKindsOnly()
    {
        auto shown = [&](const char *id, const char *key) {
            components->setSelection({QString::fromLatin1(id)});
            return components->rowOfField(QString::fromLatin1(key)) != -1;
        };
        QVERIFY(shown("lb", "layer") && !shown("api", "layer"));
        QVERIFY(shown("lb", "sticky") && !shown("gw", "sticky"));
        QVERIFY(shown("api", "sessions") && !shown("lb", "sessions"));
        QVERIFY(shown("gw", "saga.mode") && shown("api", "saga.mode") && !shown("db", "saga.mode"));
        QVERIFY(shown("db", "table_rows") && !shown("api", "table_rows"));
        QVERIFY(shown("db", "indexes") && !shown("worker", "indexes"));
        QVERIFY(shown("lb", "rate_limit.algorithm") && shown("gw", "rate_limit.algorithm")
                && shown("api", "rate_limit.algorithm") && !shown("db", "rate_limit.algorithm"));
        QVERIFY(shown("users", "traffic.paths") && !shown("api", "traffic.paths"));
        QVERIFY(!shown("users", "error_rate") && shown("jobs", "error_rate"));
        components->setSelection({QStringLiteral("gw")});
        QCOMPARE(
            components->index(components->rowOfField(QStringLiteral("rate_limit.algorithm")), 1)
                .data(ComponentPropertiesModel::ChoicesRole)
                .toStringList(),
            (QStringList{"off",
                         "fixed_window",
                         "sliding_window_log",
                         "sliding_window_counter",
                         "token_bucket",
                         "leaky_bucket"}));
        // Each has its place and its explanation.
        for (const char *key : {"error_rate",
                                "health_check",
                                "health_check.interval_s",
                                "health_check.unhealthy_after",
                                "rate_limit.algorithm",
                                "rate_limit.limit",
                                "rate_limit.window_s",
                                "rate_limit.burst",
                                "rate_limit.per",
                                "layer",
                                "sticky",
                                "sessions",
                                "saga.mode",
                                "saga.compensations",
                                "table_rows",
                                "indexes",
                                "traffic.paths",
                                "autoscale.metric",
                                "autoscale.target_queue",
                                "autoscale.target_p99_ms"}) {
            QVERIFY2(fieldLayout(key), key);
            QVERIFY2(fieldHelp(key).size() > 30, key);
        }
        components->setSelection({QStringLiteral("users")});
        const int paths = components->rowOfField(QStringLiteral("traffic.paths"));
        QVERIFY(components->index(paths, 1).data(ComponentPropertiesModel::PairListRole).toBool());
    }

    void invalidComponentValuesAreRefused()
    {
        QSignalSpy refused(components, &ComponentPropertiesModel::editRefused);
        const Design before = doc->design();
        const int steps = doc->undoStack()->count();
        auto refusal = [&](const char *id, const char *key, const char *value) {
            if (setComponent(QString::fromLatin1(id), QString::fromLatin1(key), value)
                || refused.isEmpty())
                return QString();
            return refused.takeLast().first().toString();
        };
        QCOMPARE(refusal("db", "error_rate", "1.5"),
                 QStringLiteral("Error rate must be between 0 and 1 (got 1.5)"));
        QCOMPARE(refusal("lb", "layer", "5"), QStringLiteral("Layer: choose 4 or 7"));
        QVERIFY(
            refusal("users", "traffic.paths", "api: 1").contains(QStringLiteral("start with /")));
        QVERIFY(refusal("users", "traffic.paths", "/api: lots")
                    .contains(QStringLiteral("not a number")));
        QVERIFY(
            refusal("users", "traffic.paths", "/a: 1, /a: 2").contains(QStringLiteral("twice")));
        QVERIFY(refusal("db", "indexes", "100").startsWith(QStringLiteral("Indexes must be")));
        QVERIFY(refusal("gw", "rate_limit.algorithm", "bucket")
                    .contains(QStringLiteral("token_bucket")));
        QCOMPARE(doc->design(), before);
        QCOMPARE(doc->undoStack()->count(), steps);
        QVERIFY(setComponent("gw", "rate_limit.algorithm", "token_bucket"));
        QVERIFY(refusal("gw", "rate_limit.limit", "0")
                    .startsWith(QStringLiteral("Limit (requests) must")));
        QVERIFY(setComponent("api", "health_check", "on"));
        QVERIFY(refusal("api", "health_check.unhealthy_after", "0")
                    .startsWith(QStringLiteral("Unhealthy after must")));
    }

    // The text form of a client's paths reads back what it writes, and says what is wrong.
    void pathSharesTextRoundTrips()
    {
        const PathShares paths{{"/api", 0.7}, {"/static", 0.25}, {"/a:b", 3}};
        PathShares back;
        QVERIFY(!parsePathShares(pathSharesText(paths), back));
        QCOMPARE(back, paths);
        QVERIFY(!parsePathShares(QStringLiteral("/api=2; /img 1\n/x:0.5"), back));
        QCOMPARE(back, (PathShares{{"/api", 2}, {"/img", 1}, {"/x", 0.5}}));
        QVERIFY(parsePathShares(QStringLiteral("/api"), back));
        QVERIFY(parsePathShares(QStringLiteral(" , "), back));
    }
};

QTEST_GUILESS_MAIN(TestPolicyFields)
#include "test_policy_fields.moc"
