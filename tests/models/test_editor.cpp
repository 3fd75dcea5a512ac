// The editor's rules: refused connections say why; the inspector's models refuse bad values
// without writing them; paste renames and keeps links; regions follow geometry.
#include "component_properties_model.h"
#include "design_document.h"
#include "design_editor.h"
#include "field_help.h"
#include "file_controller.h"
#include "link_properties_model.h"
#include "model/component_kind.h"

#include <QSignalSpy>
#include <QTest>

using namespace hld;

class TestEditor : public QObject
{
    Q_OBJECT

    DesignDocument *doc = nullptr;
    DesignEditor *ed = nullptr;

private slots:
    void init()
    {
        doc = new DesignDocument;
        ed = new DesignEditor(doc);
        FileController files(doc);
        files.newDocument(
            *FileController::loadTemplate(QStringLiteral(":/templates/url-shortener.hld.json")));
    }

    void cleanup()
    {
        delete ed;
        delete doc;
    }

    void refusedConnectionsSayWhy()
    {
        const int before = doc->undoStack()->count();
        auto why = ed->connect(QStringLiteral("api"), QStringLiteral("users"));
        QVERIFY(why && why->contains(QStringLiteral("client")));
        why = ed->connect(QStringLiteral("db"), QStringLiteral("lb"));
        QVERIFY(why && why->contains(QStringLiteral("cycle")));
        why = ed->connect(QStringLiteral("lb"), QStringLiteral("api"));
        QVERIFY(why && why->contains(QStringLiteral("already")));
        why = ed->connect(QStringLiteral("api"), QStringLiteral("api"));
        QVERIFY(why);
        QCOMPARE(doc->undoStack()->count(), before);
        // An async link would close a loop that messages travel for ever: refused too.
        why = ed->connect(QStringLiteral("db"), QStringLiteral("lb"), LinkMode::Async);
        QVERIFY(why && why->contains(QStringLiteral("loop")));
        QCOMPARE(doc->undoStack()->count(), before);
    }

    void propertiesModelRefusesBadValuesAndWritesGoodOnes()
    {
        ComponentPropertiesModel model(ed);
        model.setSelection({QStringLiteral("api")});
        QSignalSpy refused(&model, &ComponentPropertiesModel::editRefused);
        const QModelIndex replicas = model.index(model.rowOfField(QStringLiteral("replicas")), 1);
        QVERIFY(replicas.isValid());
        QCOMPARE(replicas.data().toInt(), 3);

        const Design before = doc->design();
        QVERIFY(!model.setData(replicas, QStringLiteral("0"), Qt::EditRole));
        QCOMPARE(refused.count(), 1);
        QVERIFY(refused.last().first().toString().contains(QStringLiteral("between 1 and 10000")));
        QVERIFY(!model.setData(replicas, QStringLiteral("three"), Qt::EditRole));
        QVERIFY(refused.last().first().toString().contains(QStringLiteral("not a whole number")));
        QVERIFY(doc->design() == before);

        QVERIFY(model.setData(replicas, QStringLiteral("5"), Qt::EditRole));
        QCOMPARE(effectiveReplicas(*doc->component(QStringLiteral("api"))), 5);
        doc->undoStack()->undo();
        QCOMPARE(effectiveReplicas(*doc->component(QStringLiteral("api"))), 3);

        // A lognormal needs a cv; switching the distribution supplies one.
        const QModelIndex dist
            = model.index(model.rowOfField(QStringLiteral("service_time.dist")), 1);
        QVERIFY(model.setData(dist, QStringLiteral("lognormal"), Qt::EditRole));
        QCOMPARE(*effectiveServiceTime(*doc->component(QStringLiteral("api"))).cv, 1.0);
        const QModelIndex cv = model.index(model.rowOfField(QStringLiteral("service_time.cv")), 1);
        QVERIFY(!model.setData(cv, QString(), Qt::EditRole)); // clearing cv of a lognormal
        QVERIFY(refused.last().first().toString().contains(QStringLiteral("required")));
    }

    void inspectorSwitchesOnAutoscalingAndReplication()
    {
        ComponentPropertiesModel model(ed);
        model.setSelection({QStringLiteral("api")});
        const QModelIndex max = model.index(model.rowOfField(QStringLiteral("autoscale.max")), 1);
        QVERIFY(model.setData(max, QStringLiteral("6"), Qt::EditRole));
        const auto &a = *doc->component(QStringLiteral("api"))->autoscale;
        QCOMPARE(a.min, 3); // starts from the current replica count
        QCOMPARE(a.max, 6);
        QVERIFY(!model.setData(model.index(model.rowOfField(QStringLiteral("autoscale.min")), 1),
                               QStringLiteral("9"),
                               Qt::EditRole)); // above max: refused
        QVERIFY(model.setData(max, QString(), Qt::EditRole));
        QVERIFY(!doc->component(QStringLiteral("api"))->autoscale);

        model.setSelection({QStringLiteral("db")});
        const QModelIndex cap
            = model.index(model.rowOfField(QStringLiteral("replication.consistency")), 1);
        QCOMPARE(cap.data().toString(), QStringLiteral("off"));
        QVERIFY(model.setData(cap, QStringLiteral("CP"), Qt::EditRole));
        QVERIFY(doc->component(QStringLiteral("db"))->replication->consistency == Consistency::CP);
        QVERIFY(model.setData(cap, QStringLiteral("off"), Qt::EditRole));
        QVERIFY(!doc->component(QStringLiteral("db"))->replication);
        QCOMPARE(model.rowOfField(QStringLiteral("replication.consistency")) >= 0, true);
        model.setSelection({QStringLiteral("api")});
        QCOMPARE(model.rowOfField(QStringLiteral("replication.consistency")),
                 -1); // not for services
    }

    void renameMovesLinksAndRefusesDuplicates()
    {
        ComponentPropertiesModel model(ed);
        model.setSelection({QStringLiteral("cache")});
        const QModelIndex id = model.index(model.rowOfField(QStringLiteral("id")), 1);
        QVERIFY(!model.setData(id, QStringLiteral("db"), Qt::EditRole)); // taken
        QVERIFY(!model.setData(id, QStringLiteral("9bad"), Qt::EditRole));
        QVERIFY(model.setData(id, QStringLiteral("redis"), Qt::EditRole));
        QVERIFY(doc->component(QStringLiteral("redis")));
        QVERIFY(doc->linkIndex(QStringLiteral("api"), QStringLiteral("redis")) != -1);
        QVERIFY(doc->linkIndex(QStringLiteral("redis"), QStringLiteral("db")) != -1);
        QCOMPARE(model.selection(), QStringList{QStringLiteral("redis")});
    }

    void multiSelectionEditsCommonFields()
    {
        ComponentPropertiesModel model(ed);
        model.setSelection({QStringLiteral("api"), QStringLiteral("db")});
        QCOMPARE(model.rowOfField(QStringLiteral("id")), -1);        // ids are one at a time
        QCOMPARE(model.rowOfField(QStringLiteral("hit_ratio")), -1); // only the cache has it
        const QModelIndex inst = model.index(model.rowOfField(QStringLiteral("instance")), 1);
        QCOMPARE(inst.data(ComponentPropertiesModel::MixedRole).toBool(), true);
        QVERIFY(model.setData(inst, QStringLiteral("2xl"), Qt::EditRole));
        QCOMPARE(*doc->component(QStringLiteral("api"))->instance, std::string("2xl"));
        QCOMPARE(*doc->component(QStringLiteral("db"))->instance, std::string("2xl"));
        QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Set Instance size of 2 components"));
    }

    // The inspector says what is wrong in its own words; the command line keeps JSON paths.
    void refusalsNameTheFieldNotTheJsonPath()
    {
        ComponentPropertiesModel model(ed);
        model.setSelection({QStringLiteral("cache")});
        QSignalSpy refused(&model, &ComponentPropertiesModel::editRefused);
        const QModelIndex hit = model.index(model.rowOfField(QStringLiteral("hit_ratio")), 1);
        QVERIFY(!model.setData(hit, QStringLiteral("1.5"), Qt::EditRole));
        QCOMPARE(refused.last().first().toString(),
                 QStringLiteral("Hit ratio must be between 0 and 1 (got 1.5)"));
        // With several components the message says which one.
        model.setSelection({QStringLiteral("api"), QStringLiteral("db")});
        const QModelIndex replicas = model.index(model.rowOfField(QStringLiteral("replicas")), 1);
        QVERIFY(!model.setData(replicas, QStringLiteral("0"), Qt::EditRole));
        QCOMPARE(refused.last().first().toString(),
                 QStringLiteral("api: Replicas must be between 1 and 10000 (got 0)\n"
                                "db: Replicas must be between 1 and 10000 (got 0)"));
    }

    // Every field the inspector edits has a group and a tooltip in the project's words; the
    // group headings come in order, and a feature's fields appear when it is switched on.
    void inspectorGroupsFieldsAndExplainsEach()
    {
        for (const auto &f : componentFields()) {
            QVERIFY2(fieldLayout(f.key), f.key);
            QVERIFY2(fieldHelp(f.key).size() > 30, f.key);
        }
        ComponentPropertiesModel model(ed);
        model.setSelection({QStringLiteral("cache")});
        QStringList headings;
        for (int r = 0; r < model.rowCount(); ++r) {
            if (model.isHeading(r))
                headings << model.index(r, 0).data().toString();
        }
        QCOMPARE(headings,
                 (QStringList{QStringLiteral("Identity"),
                              QStringLiteral("Scale"),
                              QStringLiteral("Timing"),
                              QStringLiteral("Behaviour"),
                              QStringLiteral("Failures and health checks"),
                              QStringLiteral("Key-level cache"),
                              QStringLiteral("Sharding"),
                              QStringLiteral("Replication")}));
        QVERIFY(model.rowOfField(QStringLiteral("hit_ratio")) < 20); // in sight, no scrolling
        const QModelIndex hit = model.index(model.rowOfField(QStringLiteral("hit_ratio")), 0);
        QVERIFY(hit.data(Qt::ToolTipRole).toString().contains(QStringLiteral("reads answered")));
        QCOMPARE(model.rowOfField(QStringLiteral("autoscale.min")), -1); // no autoscaler yet
        QVERIFY(model.setData(model.index(model.rowOfField(QStringLiteral("autoscale.max")), 1),
                              QStringLiteral("4"),
                              Qt::EditRole));
        QVERIFY(model.rowOfField(QStringLiteral("autoscale.min"))
                > model.rowOfField(QStringLiteral("autoscale.max")));
    }

    void linkModelValidates()
    {
        LinkPropertiesModel model(ed);
        model.setLink(QStringLiteral("api"), QStringLiteral("cache"));
        QSignalSpy refused(&model, &LinkPropertiesModel::editRefused);
        const QModelIndex latency = model.index(model.rowOfField(QStringLiteral("latency_ms")), 1);
        const QModelIndex mode = model.index(model.rowOfField(QStringLiteral("mode")), 1);
        QVERIFY(!model.setData(latency, QStringLiteral("-5"), Qt::EditRole));
        // In words, not JSON paths: which link, which field, what was wrong with the value.
        QCOMPARE(refused.last().first().toString(),
                 QStringLiteral("Link api → cache: Latency (ms, one way) must be between 0 and "
                                "1000000 (got -5)"));
        QVERIFY(model.setData(latency, QStringLiteral("2.5"), Qt::EditRole));
        QCOMPARE(
            *doc->design()
                 .links[std::size_t(doc->linkIndex(QStringLiteral("api"), QStringLiteral("cache")))]
                 .latencyMs,
            2.5);
        QVERIFY(model.setData(mode, QStringLiteral("async"), Qt::EditRole));
        QVERIFY(!model.setData(mode, QStringLiteral("sometimes"), Qt::EditRole));
    }

    void pasteRenamesAndKeepsLinksBetweenDocuments()
    {
        const QString text
            = ed->copy({QStringLiteral("api"), QStringLiteral("cache"), QStringLiteral("db")});
        // Into the same document: new ids, links among the copies only.
        QStringList ids;
        QVERIFY(!ed->paste(text, Point{50, 50}, &ids));
        QCOMPARE(
            ids,
            (QStringList{QStringLiteral("api2"), QStringLiteral("cache2"), QStringLiteral("db2")}));
        QVERIFY(doc->linkIndex(QStringLiteral("api2"), QStringLiteral("cache2")) != -1);
        QVERIFY(doc->linkIndex(QStringLiteral("cache2"), QStringLiteral("db2")) != -1);
        QVERIFY(doc->linkIndex(QStringLiteral("lb"), QStringLiteral("api2")) < 0);
        QCOMPARE(doc->component(QStringLiteral("api2"))->position->x,
                 doc->component(QStringLiteral("api"))->position->x + 50);
        // Into another, empty document: ids kept.
        DesignDocument other;
        DesignEditor otherEd(&other);
        QVERIFY(!otherEd.paste(text, Point{0, 0}, &ids));
        QCOMPARE(ids.first(), QStringLiteral("api"));
        QCOMPARE(int(other.design().links.size()), 2);
        // Text that is not a design is refused with the loader's message.
        const auto why = ed->paste(QStringLiteral("hello"), Point{0, 0});
        QVERIFY(why && why->contains(QStringLiteral("malformed JSON")));
    }

    void regionsFollowGeometry()
    {
        const QString region = ed->addRegion({QStringLiteral("api"), QStringLiteral("cache")},
                                             QStringLiteral("eu-west"));
        QCOMPARE(region, QStringLiteral("eu-west"));
        QCOMPARE(*doc->component(QStringLiteral("api"))->region, std::string("eu-west"));
        QVERIFY(!doc->component(QStringLiteral("db"))->region);
        // Moving db into the frame makes it a member; link latency follows (0.5 ms inside).
        const Region frame = doc->design().regions.front();
        ed->move({{QStringLiteral("db"), Point{frame.x + 60, frame.y + 50}}});
        QCOMPARE(*doc->component(QStringLiteral("db"))->region, std::string("eu-west"));
        // lb is outside: lb -> api crosses regions, 75 ms by default.
        const Link &l
            = doc->design()
                  .links[std::size_t(doc->linkIndex(QStringLiteral("lb"), QStringLiteral("api")))];
        QCOMPARE(effectiveLatencyMs(doc->design(), l), 75.0);
        // Moving the frame carries its members.
        const Point apiBefore = *doc->component(QStringLiteral("api"))->position;
        Region moved = frame;
        moved.x += 200;
        QVERIFY(!ed->setRegionFrame(QStringLiteral("eu-west"), moved));
        QCOMPARE(doc->component(QStringLiteral("api"))->position->x, apiBefore.x + 200);
        QCOMPARE(*doc->component(QStringLiteral("api"))->region, std::string("eu-west"));
        // Out of the region: outside the frame and no longer a member.
        ed->moveOutOfRegion({QStringLiteral("api")});
        QVERIFY(!doc->component(QStringLiteral("api"))->region);
        // Removing the region clears the remaining members.
        ed->removeRegion(QStringLiteral("eu-west"));
        QVERIFY(!doc->component(QStringLiteral("cache"))->region);
        QVERIFY(doc->design().regions.empty());
    }

    // Deleting several regions at once is one step to undo.
    void removingSeveralRegionsIsOneUndoStep()
    {
        ed->addRegion({QStringLiteral("api")}, QStringLiteral("eu-west"));
        ed->addRegion({QStringLiteral("db")}, QStringLiteral("us-east"));
        const Design before = doc->design();
        const int steps = doc->undoStack()->count();
        ed->removeRegions({QStringLiteral("eu-west"), QStringLiteral("us-east")});
        QVERIFY(doc->design().regions.empty());
        QVERIFY(!doc->component(QStringLiteral("api"))->region);
        QVERIFY(!doc->component(QStringLiteral("db"))->region);
        QCOMPARE(doc->undoStack()->count(), steps + 1);
        doc->undoStack()->undo();
        QVERIFY(doc->design() == before);
    }

    void alignAndDistribute()
    {
        const QStringList ids{QStringLiteral("lb"), QStringLiteral("api"), QStringLiteral("cache")};
        ed->move({{QStringLiteral("lb"), Point{0, 10}},
                  {QStringLiteral("api"), Point{100, 300}},
                  {QStringLiteral("cache"), Point{400, 50}}});
        ed->alignSelection(ids, Alignment::Top);
        for (const auto &id : ids)
            QCOMPARE(doc->component(id)->position->y, 10.0);
        ed->alignSelection(ids, Alignment::DistributeHorizontally);
        QCOMPARE(doc->component(QStringLiteral("api"))->position->x, 200.0);
    }

    void autoLayoutPlacesLeftToRight()
    {
        QVERIFY(!ed->autoLayout());
        const auto x
            = [&](const char *id) { return doc->component(QString::fromLatin1(id))->position->x; };
        QVERIFY(x("users") < x("lb"));
        QVERIFY(x("lb") < x("api"));
        QVERIFY(x("api") < x("cache"));
        QVERIFY(x("cache") < x("db"));
        doc->undoStack()->undo();
    }
};

QTEST_GUILESS_MAIN(TestEditor)
#include "test_editor.moc"
