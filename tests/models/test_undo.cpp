// Random sequences of user edits through the DesignEditor: undoing all of them restores
// the starting design exactly, and redoing all of them restores the end.
#include "design_document.h"
#include "design_editor.h"
#include "file_controller.h"
#include "model/component_kind.h"

#include <QRandomGenerator>
#include <QTest>

using namespace hld;

class TestUndo : public QObject
{
    Q_OBJECT

private:
    // One random edit; returns a short description for failure messages.
    static QString randomEdit(DesignEditor &ed, QRandomGenerator &rng)
    {
        const Design &d = ed.document()->design();
        auto anyId = [&]() -> QString {
            if (d.components.empty())
                return {};
            return QString::fromStdString(d.components[rng.bounded(int(d.components.size()))].id);
        };
        switch (rng.bounded(11)) {
        case 0:
        case 1: {
            const auto kinds = allKinds();
            const auto kind = kinds[rng.bounded(int(kinds.size()))].kind;
            return QStringLiteral("add ")
                   + ed.addComponent(kind,
                                     Point{double(rng.bounded(2000)), double(rng.bounded(1200))});
        }
        case 2: {
            const QString a = anyId(), b = anyId();
            if (!a.isEmpty())
                ed.connect(a, b, rng.bounded(4) == 0 ? LinkMode::Async : LinkMode::Sync);
            return QStringLiteral("connect");
        }
        case 3: {
            if (d.links.empty())
                return QStringLiteral("noop");
            const Link &l = d.links[rng.bounded(int(d.links.size()))];
            ed.remove({}, {{QString::fromStdString(l.from), QString::fromStdString(l.to)}});
            return QStringLiteral("disconnect");
        }
        case 4:
            ed.remove({anyId()}, {});
            return QStringLiteral("remove");
        case 5: {
            QMap<QString, Point> m;
            for (int i = 0; i < 3; ++i) {
                const QString id = anyId();
                if (!id.isEmpty())
                    m.insert(id, Point{double(rng.bounded(2000)), double(rng.bounded(1200))});
            }
            ed.move(m);
            return QStringLiteral("move");
        }
        case 6: {
            const QString id = anyId();
            const Component *c = ed.document()->component(id);
            if (!c)
                return QStringLiteral("noop");
            Component changed = *c;
            if (c->kind == ComponentKind::Client)
                changed.traffic->rps = rng.bounded(5000);
            else
                changed.replicas = 1 + rng.bounded(8);
            if (rng.bounded(5) == 0)
                changed.id = ed.document()->uniqueId(id + QStringLiteral("x")).toStdString();
            ed.editComponents({{id, changed}}, QStringLiteral("edit"));
            return QStringLiteral("edit");
        }
        case 7: {
            const QStringList ids = {anyId(), anyId()};
            QStringList out;
            ed.paste(ed.copy(ids), Point{40, 40}, &out);
            return QStringLiteral("paste");
        }
        case 8:
            if (rng.bounded(2))
                ed.addRegion({anyId(), anyId()});
            else if (!d.regions.empty())
                ed.removeRegion(QString::fromStdString(d.regions.front().name));
            return QStringLiteral("region");
        case 9:
            ed.moveOutOfRegion({anyId()});
            return QStringLiteral("out of region");
        default:
            ed.alignSelection({anyId(), anyId(), anyId()}, Alignment(rng.bounded(8)));
            return QStringLiteral("align");
        }
    }

private slots:
    void randomEditsUndoAndRedoExactly_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 s : {1u, 2u, 3u, 4u, 5u, 6u})
            QTest::newRow(qPrintable(QString::number(s))) << s;
    }

    void randomEditsUndoAndRedoExactly()
    {
        QFETCH(quint32, seed);
        DesignDocument doc;
        DesignEditor ed(&doc);
        FileController files(&doc);
        files.newDocument(
            *FileController::loadTemplate(QStringLiteral(":/templates/news-feed.hld.json")));
        const Design start = doc.design();
        QRandomGenerator rng(seed);
        QStringList log;
        for (int i = 0; i < 150; ++i)
            log << randomEdit(ed, rng);
        if (seed == 1) {
            QVERIFY(ed.autoLayout() == std::nullopt);
            log << QStringLiteral("auto-layout");
        }
        const Design end = doc.design();
        QVERIFY2(doc.undoStack()->count() > 50, "most random edits should have been accepted");
        QVERIFY(!(start == end));
        while (doc.undoStack()->canUndo())
            doc.undoStack()->undo();
        QVERIFY2(doc.design() == start, qPrintable(log.join(QLatin1Char(','))));
        while (doc.undoStack()->canRedo())
            doc.undoStack()->redo();
        QVERIFY2(doc.design() == end, qPrintable(log.join(QLatin1Char(','))));
    }

    void consecutiveDragsMergeIntoOneStep()
    {
        DesignDocument doc;
        DesignEditor ed(&doc);
        const QString id = ed.addComponent(ComponentKind::Service, Point{100, 100});
        ed.move({{id, Point{120, 100}}});
        ed.move({{id, Point{140, 100}}});
        ed.move({{id, Point{160, 120}}});
        QCOMPARE(doc.undoStack()->count(), 2); // add + one merged move
        QCOMPARE(doc.component(id)->position->x, 160.0);
        doc.undoStack()->undo();
        QCOMPARE(doc.component(id)->position->x, 100.0);
        // A move to where it already is pushes nothing: the redo history survives.
        ed.move({{id, Point{100, 100}}});
        QVERIFY(doc.undoStack()->canRedo());
        QCOMPARE(doc.undoStack()->index(), 1);
    }

    void removeRestoresLinksInPlace()
    {
        DesignDocument doc;
        FileController files(&doc);
        files.newDocument(
            *FileController::loadTemplate(QStringLiteral(":/templates/url-shortener.hld.json")));
        DesignEditor ed(&doc);
        const Design before = doc.design();
        ed.remove({QStringLiteral("api")}, {});
        QVERIFY(!doc.component(QStringLiteral("api")));
        QCOMPARE(int(doc.design().links.size()), 2); // lb->api and api->cache went with it
        doc.undoStack()->undo();
        QVERIFY(doc.design() == before);
    }
};

QTEST_GUILESS_MAIN(TestUndo)
#include "test_undo.moc"
