// The concept library: every concept of the index loads with its explanation, both of its
// designs validate, are small and laid out, and run to results that carry the concept's
// counters; each pair shows its effect in numbers, in the direction the lesson says.
#include "concept_comparison.h"
#include "concept_library.h"
#include "io/design_writer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace hld;

namespace {

using V = Concept::Variant;

// The guide rows issue 10 asks for.
const QStringList kRequired{"cache-aside",
                            "read-through",
                            "write-through",
                            "write-behind",
                            "key-eviction",
                            "cache-stampede",
                            "cache-penetration",
                            "hot-key",
                            "replication-lag",
                            "sharding-range-vs-hash",
                            "consistent-hashing",
                            "quorum-pacelc",
                            "queue-delivery",
                            "sync-vs-async",
                            // issue 11
                            "vertical-vs-horizontal",
                            "lb-algorithms",
                            "stateful-vs-stateless",
                            "l4-vs-l7",
                            "retry-storm",
                            "rate-limiting",
                            "cdn",
                            "sagas",
                            "indexes",
                            "monolith-vs-microservices"};

bool hasComponent(const Design &d, const QString &id)
{
    for (const auto &c : d.components) {
        if (QString::fromStdString(c.id) == id)
            return true;
    }
    return false;
}

// Results of both variants, run once for the whole test.
struct Runs
{
    QJsonObject on, off;
    Design onDesign, offDesign;
};

} // namespace

class TestConcepts : public QObject
{
    Q_OBJECT

    ConceptLibrary library;
    QMap<QString, Runs> runs;

private slots:
    void initTestCase()
    {
        QVERIFY2(library.error().isEmpty(), qPrintable(library.error()));
        for (const Concept &c : library.concepts()) {
            auto on = ConceptLibrary::loadDesign(c, V::On);
            auto off = ConceptLibrary::loadDesign(c, V::Off);
            if (!on || !off)
                continue; // everyConceptLoads says which
            runs[c.id] = {runConceptVariant(*on), runConceptVariant(*off), *on, *off};
        }
    }

    void indexListsTheGuidesRows()
    {
        QStringList ids;
        for (const Concept &c : library.concepts()) {
            ids << c.id;
            QVERIFY2(!c.title.isEmpty() && !c.guideSection.isEmpty() && !c.summary.isEmpty(),
                     qPrintable(c.id));
            QVERIFY2(!c.onLabel.isEmpty() && !c.offLabel.isEmpty(), qPrintable(c.id));
            QVERIFY2(!c.counters.isEmpty(), qPrintable(c.id));
        }
        for (const QString &id : kRequired)
            QVERIFY2(ids.contains(id), qPrintable(id));
        QCOMPARE(ids.removeDuplicates(), 0);
    }

    // Both designs load (the loader validates), differ, are laid out, run at most 120 s and
    // stay small; the explanation has its five parts.
    void everyConceptLoads()
    {
        for (const Concept &c : library.concepts()) {
            QString why;
            const auto on = ConceptLibrary::loadDesign(c, V::On, &why);
            QVERIFY2(on, qPrintable(why));
            const auto off = ConceptLibrary::loadDesign(c, V::Off, &why);
            QVERIFY2(off, qPrintable(why));
            QVERIFY2(designToText(*on) != designToText(*off), qPrintable(c.id));
            for (const Design *d : {&*on, &*off}) {
                QVERIFY2(d->scenario && d->scenario->durationS, qPrintable(c.id));
                QVERIFY2(*d->scenario->durationS <= 120, qPrintable(c.id));
                for (const auto &comp : d->components)
                    QVERIFY2(comp.position && comp.label,
                             qPrintable(c.id + ": " + comp.id.c_str()));
            }
            const QString text = ConceptLibrary::explanation(c);
            for (const char *part : {"## The pain",
                                     "## How it works",
                                     "## Pros and cons",
                                     "## When to use it",
                                     "## What to watch"})
                QVERIFY2(text.contains(QLatin1String(part)), qPrintable(c.id + ": " + part));
            QVERIFY(runs.contains(c.id));
            for (const QJsonObject *r : {&runs[c.id].on, &runs[c.id].off}) {
                QVERIFY2(!r->contains(QLatin1String("error")), qPrintable(c.id));
                QVERIFY2(*resultValue(*r, "end_to_end.count") <= 200000, qPrintable(c.id));
            }
        }
    }

    // Every listed counter is a field of the results (in each variant that has the
    // component).
    void countersExistInTheResults()
    {
        for (const Concept &c : library.concepts()) {
            const Runs &r = runs[c.id];
            for (const ConceptCounter &k : c.counters) {
                const QStringList parts = k.path.split(QLatin1Char('.'));
                QVERIFY2(parts.size() >= 2, qPrintable(k.path));
                for (const auto &[result, design] :
                     {std::pair{&r.on, &r.onDesign}, std::pair{&r.off, &r.offDesign}}) {
                    if ((parts[0] == QLatin1String("nodes")
                         || parts[0] == QLatin1String("consistency"))
                        && !hasComponent(*design, parts[1]))
                        continue; // the off design has no such component (no cache, no queue)
                    if (resultValue(*result, k.path))
                        continue;
                    QFAIL(qPrintable(c.id + QStringLiteral(": no ") + k.path));
                }
            }
        }
    }

    // The lesson in numbers: with the mechanism on, this counter is lower (<), higher (>), or
    // about the same (~) as with it off; for '~', `signal` must show the mechanism at work.
    void effectShowsInNumbers_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("relation");
        QTest::addColumn<QString>("signal");
        auto row = [](const char *id, const char *path, const char *rel, const char *signal = "") {
            QTest::addRow("%s %s", id, path) << id << path << rel << signal;
        };
        row("cache-aside", "nodes.db.arrivals", "<");
        row("read-through", "nodes.cache.hit_ratio", "~", "nodes.cache.misses");
        row("write-through", "nodes.cache.hit_ratio", ">");
        row("write-behind", "nodes.cache.lost_writes", ">");
        row("write-behind", "classes.write.p50_ms", "<");
        row("key-eviction", "nodes.cache.hit_ratio", ">");
        row("cache-stampede", "nodes.db.arrivals", "<");
        row("cache-penetration", "nodes.db.arrivals", "<");
        row("hot-key", "nodes.db.shards.utilization", "<");
        row("replication-lag", "consistency.db.ryw_violations", "<");
        row("sharding-range-vs-hash", "nodes.db.shards.utilization", "<");
        row("consistent-hashing", "nodes.db.shards.last_reshard_moved", "<");
        row("quorum-pacelc", "consistency.db.stale_reads", "<");
        row("queue-delivery", "nodes.jobs.lost", "<");
        row("queue-delivery", "nodes.jobs.redelivered", ">");
        row("sync-vs-async", "end_to_end.failed", "<");
        row("sync-vs-async", "end_to_end.p50_ms", "<");
        row("vertical-vs-horizontal", "end_to_end.failed", "<");
        row("lb-algorithms", "end_to_end.p99_ms", "<");
        row("lb-algorithms", "end_to_end.failed", "<");
        row("stateful-vs-stateless", "end_to_end.failed", "<");
        row("l4-vs-l7", "end_to_end.failed", "<");
        row("retry-storm", "end_to_end.failed", "<");
        row("retry-storm", "nodes.inventory.arrivals", "<");
        row("retry-storm", "links.1.retries", "<");
        row("rate-limiting", "nodes.api.utilization", "<");
        row("rate-limiting", "end_to_end.p99_ms", "<");
        row("cdn", "end_to_end.p50_ms", "<");
        row("cdn", "nodes.origin.arrivals", "<");
        row("sagas", "nodes.order.saga.compensated", ">");
        row("sagas", "end_to_end.failed", "~", "nodes.order.saga.compensations");
        row("indexes", "nodes.db.mean_sojourn_ms", "<");
        row("monolith-vs-microservices", "end_to_end.failed", "<");
    }

    // Where the lesson is "zero with the mechanism, more than zero without", both ways.
    void zeroWithTheMechanismOnly_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("path");
        QTest::addRow("sagas") << "sagas"
                               << "nodes.order.saga.inconsistent";
        QTest::addRow("stateless") << "stateful-vs-stateless"
                                   << "nodes.api.session_lost";
        QTest::addRow("l7") << "l4-vs-l7"
                            << "nodes.lb.misrouted";
    }

    void zeroWithTheMechanismOnly()
    {
        QFETCH(QString, id);
        QFETCH(QString, path);
        QVERIFY(runs.contains(id));
        const auto on = resultValue(runs[id].on, path), off = resultValue(runs[id].off, path);
        QCOMPARE(on.value_or(-1), 0.0);
        QVERIFY2(off.value_or(0) > 0, qPrintable(path));
    }

    void effectShowsInNumbers()
    {
        QFETCH(QString, id);
        QFETCH(QString, path);
        QFETCH(QString, relation);
        QFETCH(QString, signal);
        QVERIFY(runs.contains(id));
        const Runs &r = runs[id];
        const auto on = resultValue(r.on, path), off = resultValue(r.off, path);
        if (relation == QLatin1String("~")) {
            QVERIFY2(resultValue(r.on, signal).value_or(0) > 0, qPrintable(signal));
            QVERIFY(on && off);
            QVERIFY2(std::abs(*on - *off) <= 0.1 * std::max(std::abs(*on), std::abs(*off)),
                     qPrintable(QStringLiteral("on %1, off %2").arg(*on).arg(*off)));
            return;
        }
        QVERIFY2(on && off, qPrintable(path));
        const QString numbers = QStringLiteral("on %1, off %2").arg(*on).arg(*off);
        if (relation == QLatin1String("<"))
            QVERIFY2(*on < *off, qPrintable(numbers));
        else
            QVERIFY2(*on > *off, qPrintable(numbers));
    }

    // The comparison runs off the calling thread, reports progress and lays the numbers side
    // by side, the better side marked.
    void comparisonRunsBothVariantsInTheBackground()
    {
        const Concept *c = library.find(QStringLiteral("queue-delivery"));
        QVERIFY(c);
        ConceptComparison cmp;
        QSignalSpy progress(&cmp, &ConceptComparison::progress);
        QSignalSpy finished(&cmp, &ConceptComparison::finished);
        QVERIFY(cmp.start(*c));
        QVERIFY(finished.wait(60000));
        QCOMPARE(progress.last().at(0).toInt(), 2);
        QVERIFY(cmp.error().isEmpty());
        const auto rows = cmp.rows();
        QCOMPARE(rows.size(), 3 + c->counters.size());
        QCOMPARE(rows[0].path, QStringLiteral("end_to_end.p50_ms"));
        for (const ComparisonRow &row : rows) {
            if (row.path != QLatin1String("nodes.jobs.lost"))
                continue;
            QCOMPARE(*row.on, 0.0);
            QVERIFY(*row.off > 50);
            QVERIFY(row.differs);
            QCOMPARE(row.betterSide, 0);
            return;
        }
        QFAIL("no row for nodes.jobs.lost");
    }

    void resultValueReadsPathsAndArrays()
    {
        const QJsonObject r{
            {"nodes",
             QJsonObject{
                 {"db",
                  QJsonObject{
                      {"shards", QJsonObject{{"utilization", QJsonArray{0.2, 0.9, 0.4}}}}}}}}};
        QCOMPARE(*resultValue(r, "nodes.db.shards.utilization"), 0.9);
        const QJsonObject l{
            {"links", QJsonArray{QJsonObject{{"retries", 1}}, QJsonObject{{"retries", 7}}}}};
        QCOMPARE(*resultValue(l, "links.1.retries"), 7.0);
        QVERIFY(!resultValue(l, "links.2.retries"));
        QVERIFY(!resultValue(r, "nodes.db.hit_ratio"));
        QVERIFY(!resultValue(r, "nodes.cache.shards.utilization"));
    }
};

QTEST_GUILESS_MAIN(TestConcepts)
#include "test_concepts.moc"
