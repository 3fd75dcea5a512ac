// The inspector's fields of the data mechanisms (contract 5.1-5.5): each one is there for the
// kinds it applies to, in its group, explained; an edit is one undoable command; a value out
// of range is refused with the field's name; switching a mechanism off takes its fields along.
#include "component_properties_model.h"
#include "design_document.h"
#include "design_editor.h"
#include "field_help.h"
#include "io/design_reader.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace hld;

namespace {

const char *kDesign = R"({"format": "hld-design", "version": 1, "name": "mechanisms",
  "components": [
    {"id": "users", "kind": "client", "traffic": {"rps": 100, "read_ratio": 0.9}},
    {"id": "api", "kind": "service"},
    {"id": "cache", "kind": "cache", "hit_ratio": 0.8},
    {"id": "db", "kind": "database", "replicas": 3},
    {"id": "jobs", "kind": "queue"},
    {"id": "worker", "kind": "service"}],
  "links": [{"from": "users", "to": "api"}, {"from": "api", "to": "cache"},
            {"from": "cache", "to": "db"}, {"from": "api", "to": "jobs", "mode": "async"},
            {"from": "jobs", "to": "worker"}]})";

// Every file name of contract 5.1-5.5 the inspector must edit, by kind.
const QStringList kClientKeys{"traffic.keys.count",
                              "traffic.keys.skew",
                              "traffic.keys.missing_ratio",
                              "traffic.keys.write_pattern"};
const QStringList kCacheKeys{"capacity_keys",
                             "eviction",
                             "ttl_s",
                             "strategy",
                             "flush_interval_s",
                             "negative_ttl_s",
                             "bloom_filter",
                             "coalesce"};
const QStringList kShardKeys{"shards.count", "shards.strategy", "shards.virtual_nodes"};
const QStringList kReplicationKeys{"replication.failover_s",
                                   "replication.quorum.r",
                                   "replication.quorum.w",
                                   "replication.read_your_writes"};
const QStringList kQueueKeys{"delivery", "ack_timeout_s", "model", "partitions"};

} // namespace

class TestMechanismFields : public QObject
{
    Q_OBJECT

    DesignDocument *doc = nullptr;
    DesignEditor *ed = nullptr;
    ComponentPropertiesModel *model = nullptr;

    bool set(const QString &id, const QString &key, const QString &value)
    {
        model->setSelection({id});
        const int row = model->rowOfField(key);
        if (row < 0)
            return false;
        return model->setData(model->index(row, 1), value, Qt::EditRole);
    }
    QString value(const QString &key) const
    {
        return model->index(model->rowOfField(key), 1).data().toString();
    }
    QStringList headings() const
    {
        QStringList out;
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->isHeading(r))
                out << model->index(r, 0).data().toString();
        }
        return out;
    }
    // The heading above a field's row.
    QString groupOf(const QString &key) const
    {
        for (int r = model->rowOfField(key); r >= 0; --r) {
            if (model->isHeading(r))
                return model->index(r, 0).data().toString();
        }
        return {};
    }

private slots:
    void init()
    {
        doc = new DesignDocument;
        ed = new DesignEditor(doc);
        auto loaded = parseDesign(kDesign);
        QVERIFY(loaded.ok());
        doc->resetDesign(*loaded.design);
        model = new ComponentPropertiesModel(ed);
    }

    void cleanup()
    {
        delete model;
        delete ed;
        delete doc;
    }

    // Every contract field has a layout, a group of its own and a one-line explanation.
    void everyFieldIsExplainedInItsGroup()
    {
        const QStringList all = kClientKeys + kCacheKeys + kShardKeys + kReplicationKeys
                                + kQueueKeys + QStringList{"idempotent"};
        for (const QString &key : all) {
            const FieldLayout *l = fieldLayout(key.toStdString());
            QVERIFY2(l, qPrintable(key));
            QVERIFY2(fieldHelp(key.toStdString()).size() > 40, qPrintable(key));
            QVERIFY2(l->group != FieldGroup::Behaviour, qPrintable(key));
        }
    }

    // The fields show only for the kinds they apply to, and a feature's details only once
    // the feature is on.
    void fieldsShowForTheirKindsOnly()
    {
        model->setSelection({QStringLiteral("users")});
        QVERIFY(headings().contains(QStringLiteral("Keys")));
        QVERIFY2(model->rowOfField(QStringLiteral("traffic.keys.count")) != -1,
                 "traffic.keys.count is shown");
        QCOMPARE(model->rowOfField(QStringLiteral("traffic.keys.skew")), -1); // no keys yet
        QCOMPARE(model->rowOfField(QStringLiteral("capacity_keys")), -1);

        model->setSelection({QStringLiteral("cache")});
        QCOMPARE(headings(),
                 (QStringList{"Identity",
                              "Scale",
                              "Timing",
                              "Behaviour",
                              "Failures and health checks",
                              "Key-level cache",
                              "Sharding",
                              "Replication"}));
        QCOMPARE(groupOf(QStringLiteral("capacity_keys")), QStringLiteral("Key-level cache"));
        QCOMPARE(model->rowOfField(QStringLiteral("eviction")), -1);
        QVERIFY2(model->rowOfField(QStringLiteral("hit_ratio")) != -1, "hit_ratio is shown");

        model->setSelection({QStringLiteral("jobs")});
        QVERIFY(headings().contains(QStringLiteral("Delivery")));
        QVERIFY(!headings().contains(QStringLiteral("Sharding")));
        QCOMPARE(groupOf(QStringLiteral("delivery")), QStringLiteral("Delivery"));
        QVERIFY2(model->rowOfField(QStringLiteral("ack_timeout_s")) != -1,
                 "ack_timeout_s is shown");
        QCOMPARE(model->rowOfField(QStringLiteral("partitions")), -1); // a plain queue
        QCOMPARE(model->rowOfField(QStringLiteral("idempotent")), -1);

        model->setSelection({QStringLiteral("worker")});
        QCOMPARE(groupOf(QStringLiteral("idempotent")), QStringLiteral("Delivery"));
        QCOMPARE(model->rowOfField(QStringLiteral("delivery")), -1);
        QCOMPARE(model->rowOfField(QStringLiteral("shards.count")), -1);

        model->setSelection({QStringLiteral("db")});
        QCOMPARE(groupOf(QStringLiteral("shards.count")), QStringLiteral("Sharding"));
        QCOMPARE(model->rowOfField(QStringLiteral("replication.failover_s")), -1); // off
        QCOMPARE(model->rowOfField(QStringLiteral("capacity_keys")), -1);
    }

    // Switching each mechanism on brings its fields; each edit is one undo step that lands
    // in the design under the contract's name.
    void everyFieldEditsTheDesignUndoably()
    {
        QUndoStack *undo = doc->undoStack();
        const int start = undo->count();
        QVERIFY(set("users", "traffic.keys.count", "100000"));
        QVERIFY(set("users", "traffic.keys.skew", "1.2"));
        QVERIFY(set("users", "traffic.keys.missing_ratio", "0.3"));
        QVERIFY(set("users", "traffic.keys.write_pattern", "sequential"));
        const KeySpec &k = *doc->component("users")->traffic->keys;
        QCOMPARE(k.count, 100000);
        QCOMPARE(k.skew, 1.2);
        QCOMPARE(k.missingRatio, 0.3);
        QCOMPARE(k.writePattern, WritePattern::Sequential);

        QVERIFY(set("cache", "capacity_keys", "5000"));
        QVERIFY(!doc->component("cache")->hitRatio); // the contents decide now
        QCOMPARE(model->rowOfField(QStringLiteral("hit_ratio")), -1);
        QVERIFY(set("cache", "eviction", "fifo"));
        QVERIFY(set("cache", "ttl_s", "30"));
        QVERIFY(set("cache", "strategy", "write_behind"));
        QVERIFY(set("cache", "flush_interval_s", "2"));
        QVERIFY(set("cache", "negative_ttl_s", "10"));
        QVERIFY(set("cache", "bloom_filter", "true"));
        QVERIFY(set("cache", "coalesce", "true"));
        const Component &c = *doc->component("cache");
        QCOMPARE(*c.capacityKeys, 5000);
        QCOMPARE(*c.eviction, Eviction::Fifo);
        QCOMPARE(*c.ttlS, 30.0);
        QCOMPARE(*c.strategy, CacheStrategy::WriteBehind);
        QCOMPARE(*c.flushIntervalS, 2.0);
        QCOMPARE(*c.negativeTtlS, 10.0);
        QVERIFY(*c.bloomFilter && *c.coalesce);

        QVERIFY(set("db", "shards.count", "4"));
        QVERIFY(set("db", "shards.strategy", "consistent_hash"));
        QVERIFY(set("db", "shards.virtual_nodes", "50"));
        QCOMPARE(*doc->component("db")->shards, (Shards{4, ShardStrategy::ConsistentHash, 50}));

        QVERIFY(set("db", "replication.consistency", "CP"));
        QVERIFY(set("db", "replication.failover_s", "5"));
        QVERIFY(set("db", "replication.quorum.r", "2"));
        QCOMPARE(value("replication.quorum.w"), QStringLiteral("2")); // a majority to start
        QVERIFY(set("db", "replication.quorum.w", "1"));
        QVERIFY(set("db", "replication.read_your_writes", "true"));
        const Replication &r = *doc->component("db")->replication;
        QCOMPARE(*r.failoverS, 5.0);
        QCOMPARE(*r.quorum, (Quorum{2, 1}));
        QVERIFY(*r.readYourWrites);

        QVERIFY(set("jobs", "ack_timeout_s", "10"));
        QVERIFY(set("jobs", "model", "log"));
        QVERIFY(set("jobs", "partitions", "8"));
        QVERIFY(set("worker", "idempotent", "true"));
        QCOMPARE(*doc->component("jobs")->partitions, 8);
        QCOMPARE(*doc->component("jobs")->ackTimeoutS, 10.0);
        QVERIFY(*doc->component("worker")->idempotent);
        QVERIFY(set("jobs", "delivery", "at_most_once"));
        QVERIFY(!doc->component("jobs")->ackTimeoutS); // nothing to acknowledge any more
        QCOMPARE(model->rowOfField(QStringLiteral("ack_timeout_s")), -1);

        QCOMPARE(undo->count() - start, 25);
        QCOMPARE(undo->undoText(), QStringLiteral("Set Delivery of jobs"));
        undo->undo();
        QCOMPARE(*doc->component("jobs")->ackTimeoutS, 10.0);
        // Back to the start, step by step: the design is what it was.
        while (undo->index() > start)
            undo->undo();
        QVERIFY(!doc->component("users")->traffic->keys);
        QCOMPARE(*doc->component("cache")->hitRatio, 0.8);
        QVERIFY(!doc->component("db")->shards && !doc->component("db")->replication);
    }

    // Out-of-range values are refused, nothing changes, and the message names the field in
    // the inspector's words.
    void outOfRangeValuesAreRefusedByName()
    {
        QSignalSpy refused(model, &ComponentPropertiesModel::editRefused);
        const int before = doc->undoStack()->count();
        auto refusal = [&](const char *id, const char *key, const char *v) {
            if (set(id, key, v) || refused.isEmpty())
                return QString();
            return refused.last().first().toString();
        };
        QVERIFY(set("users", "traffic.keys.count", "1000"));
        QCOMPARE(refusal("users", "traffic.keys.skew", "7"),
                 QStringLiteral("Key skew (Zipf s) must be between 0 and 5 (got 7)"));
        QCOMPARE(refusal("users", "traffic.keys.missing_ratio", "1.5"),
                 QStringLiteral("Missing-key reads must be between 0 and 1 (got 1.5)"));
        QVERIFY(refusal("users", "traffic.keys.count", "0")
                    .startsWith(QStringLiteral("Distinct keys must be between 1 and")));
        QVERIFY(set("cache", "capacity_keys", "100"));
        QVERIFY(
            refusal("cache", "ttl_s", "-1").startsWith(QStringLiteral("Time to live (s) must")));
        QVERIFY(
            refusal("cache", "capacity_keys", "0").startsWith(QStringLiteral("Capacity (keys)")));
        QVERIFY(refusal("cache", "eviction", "mru").contains(QStringLiteral("lru, lfu, fifo")));
        QVERIFY(refusal("db", "shards.count", "5000").startsWith(QStringLiteral("Shards must")));
        QVERIFY(set("db", "replication.consistency", "CP"));
        QCOMPARE(refusal("db", "replication.quorum.r", "4"),
                 QStringLiteral("Read quorum (R) must be between 1 and 3 (got 4)"));
        QVERIFY(refusal("db", "replication.failover_s", "-2")
                    .startsWith(QStringLiteral("Failover (s)")));
        QVERIFY(
            refusal("jobs", "ack_timeout_s", "0").startsWith(QStringLiteral("Ack timeout (s)")));
        QVERIFY(set("jobs", "model", "log"));
        QVERIFY(refusal("jobs", "partitions", "0").startsWith(QStringLiteral("Partitions must")));
        QVERIFY(refusal("worker", "idempotent", "maybe").contains(QStringLiteral("true or false")));
        QCOMPARE(doc->undoStack()->count(), before + 4); // only the four accepted edits
    }

    // Clearing the switch of a mechanism clears its details in the same step, so the design
    // stays valid: a key-level cache back to a fixed hit ratio, a log back to a queue.
    void switchingOffTakesTheDetailsAlong()
    {
        QVERIFY(set("cache", "capacity_keys", "100"));
        QVERIFY(set("cache", "strategy", "write_behind"));
        QVERIFY(set("cache", "flush_interval_s", "5"));
        QVERIFY(set("cache", "strategy", "write_through"));
        QVERIFY(!doc->component("cache")->flushIntervalS);
        QVERIFY(set("cache", "capacity_keys", ""));
        QVERIFY(!doc->component("cache")->strategy);
        QVERIFY(set("cache", "hit_ratio", "0.5"));
        QVERIFY(set("jobs", "model", "log"));
        QVERIFY(set("jobs", "partitions", "4"));
        QVERIFY(set("jobs", "model", "queue"));
        QVERIFY(!doc->component("jobs")->partitions);
        QVERIFY(set("users", "traffic.keys.count", "10"));
        QVERIFY(set("users", "traffic.keys.count", ""));
        QVERIFY(!doc->component("users")->traffic->keys);
        QVERIFY(set("db", "shards.count", "2"));
        QVERIFY(set("db", "shards.count", ""));
        QVERIFY(!doc->component("db")->shards);
    }
};

QTEST_GUILESS_MAIN(TestMechanismFields)
#include "test_mechanism_fields.moc"
