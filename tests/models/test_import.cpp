// draw.io files as draw.io writes them (plain, compressed, several pages), hostile ones, the
// draw.io and DOT exports read back by the real parsers (QXmlStreamReader, Graphviz).
#include "auto_layout.h"
#include "design_import.h"
#include "drawio_reader.h"
#include "file_controller.h"
#include "interchange/text_interchange.h"
#include "io/design_validate.h"
#include "model/component_kind.h"
#include "sim/run.h"

#include <graphviz/gvc.h>

#include <QFile>
#include <QTest>
#include <QXmlStreamReader>

#include <memory>
#include <random>

using namespace hld;

namespace {

QString data(const QString &name)
{
    return QStringLiteral(HLD_SOURCE_DIR "/tests/data/interchange/") + name;
}

const Component *byLabel(const Design &d, const std::string &label)
{
    for (const auto &c : d.components) {
        if (c.label.value_or(c.id) == label)
            return &c;
    }
    return nullptr;
}

std::string kindOf(const Design &d, const std::string &label)
{
    const Component *c = byLabel(d, label);
    return c ? std::string(traits(c->kind).name) : "(missing " + label + ")";
}

bool linked(const Design &d, const std::string &fromLabel, const std::string &toLabel)
{
    const Component *a = byLabel(d, fromLabel), *b = byLabel(d, toLabel);
    for (const auto &l : d.links) {
        if (a && b && l.from == a->id && l.to == b->id)
            return true;
    }
    return false;
}

QString readError(const QString &file)
{
    const DiagramRead r = readDiagramFile(file);
    return r.graph ? QString() : r.error;
}

} // namespace

class TestImport : public QObject
{
    Q_OBJECT

private slots:
    void drawioPlainAndCompressedGiveTheSameDesign()
    {
        for (const char *name : {"shop-plain.drawio", "shop-compressed.drawio"}) {
            const DiagramRead read = readDiagramFile(data(QString::fromLatin1(name)));
            QVERIFY2(read.graph, qPrintable(read.error));
            const DesignImport imp = importGraph(*read.graph);
            QVERIFY2(imp.error.isEmpty(), qPrintable(imp.error));
            const Design &d = imp.result.design;
            QCOMPARE(d.name, std::string("Checkout"));
            QCOMPARE(d.components.size(), std::size_t(7)); // the text note is left out
            QCOMPARE(kindOf(d, "Users"), std::string("client"));
            QCOMPARE(kindOf(d, "nginx ingress"), std::string("load_balancer")); // <b>, <br>
            QCOMPARE(kindOf(d, "Checkout Service"), std::string("service"));
            QCOMPARE(kindOf(d, "Redis"), std::string("cache"));
            QCOMPARE(kindOf(d, "Orders"), std::string("database")); // a cylinder
            QCOMPARE(kindOf(d, "queue"), std::string("queue"));     // an unlabelled SQS icon
            QCOMPARE(kindOf(d, "Shipping worker"), std::string("service"));
            QVERIFY(linked(d, "Users", "nginx ingress"));
            QVERIFY(linked(d, "nginx ingress", "Checkout Service"));
            QVERIFY(linked(d, "Checkout Service", "Redis"));
            QVERIFY(linked(d, "queue", "Shipping worker"));
            // The label of an edge-label child cell, and dashes.
            const Component *co = byLabel(d, "Checkout Service");
            const Component *orders = byLabel(d, "Orders");
            const Component *q = byLabel(d, "queue");
            for (const auto &l : d.links) {
                if (l.from == co->id && l.to == orders->id) {
                    QCOMPARE(l.latencyMs, std::optional<double>(2.0));
                    QCOMPARE(l.requests, std::optional<RequestFilter>(RequestFilter::Writes));
                }
                if (l.from == co->id && l.to == q->id)
                    QCOMPARE(l.mode, std::optional<LinkMode>(LinkMode::Async));
            }
            // The swimlane is a region; positions are absolute through the container.
            QCOMPARE(d.regions.size(), std::size_t(1));
            QCOMPARE(d.regions[0].name, std::string("eu-west-1"));
            QCOMPARE(co->region, std::optional<std::string>("eu-west-1"));
            QCOMPARE(co->position->x, 340.0 + 20 + 60);
            QCOMPARE(co->position->y, 100.0 + 100 + 30);
            QVERIFY(!byLabel(d, "Users")->region);
            // Unsure guesses are flagged for the user to confirm.
            bool ordersUnsure = false;
            for (const auto &c : imp.result.components)
                ordersUnsure = ordersUnsure || (c.id == orders->id && !c.guess.sure);
            QVERIFY(ordersUnsure);
            RunOptions opt;
            opt.sim.durationS = 3;
            QVERIFY(runDesign(d, opt).endToEnd.count > 100);
        }
        const DiagramRead two = readDiagramFile(data(QStringLiteral("shop-compressed.drawio")));
        QVERIFY(!two.graph->notes.empty());
        QVERIFY(
            QString::fromStdString(two.graph->notes.front()).contains(QLatin1String("2 pages")));
    }

    void mermaidImportIsLaidOut()
    {
        const DiagramRead read = readDiagramFile(data(QStringLiteral("simple.mmd")));
        QVERIFY2(read.graph, qPrintable(read.error));
        const DesignImport imp = importGraph(*read.graph);
        QVERIFY(imp.error.isEmpty());
        for (const auto &c : imp.result.design.components)
            QVERIFY2(c.position, c.id.c_str()); // Graphviz placed every one
        QCOMPARE(kindOf(imp.result.design, "Client"), std::string("client"));
        QCOMPARE(kindOf(imp.result.design, "nginx"), std::string("load_balancer"));
        QCOMPARE(kindOf(imp.result.design, "MySQL"), std::string("database"));
        QCOMPARE(kindOf(imp.result.design, "Memcached"), std::string("cache"));
        QCOMPARE(kindOf(imp.result.design, "RabbitMQ"), std::string("queue"));
        // The user's choice overrides a guess, and the links follow the rules again.
        const DesignImport chosen = importGraph(*read.graph, {{"C", ComponentKind::ApiGateway}});
        QCOMPARE(kindOf(chosen.result.design, "Router"), std::string("api_gateway"));
    }

    void hostileAndBrokenFilesAreRefused()
    {
        QVERIFY(
            readError(data(QStringLiteral("xxe.drawio"))).contains(QLatin1String("document type")));
        QVERIFY(readError(data(QStringLiteral("bomb.drawio"))).contains(QLatin1String("64 MiB")));
        QVERIFY(
            readError(data(QStringLiteral("truncated.drawio"))).contains(QLatin1String("line")));
        QVERIFY(
            readError(data(QStringLiteral("truncated.mmd"))).contains(QLatin1String("cut short")));
        auto err = [](const QByteArray &text) {
            const DiagramRead r = readDiagramText(text, QStringLiteral("x.drawio"));
            return r.graph ? QString() : r.error;
        };
        // Billion laughs needs a DTD: refused before any expansion.
        QVERIFY(
            err("<!DOCTYPE m [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><mxfile>&b;</mxfile>")
                .contains(QLatin1String("document type")));
        QVERIFY(err("<html><body/></html>").contains(QLatin1String("not a draw.io file")));
        QVERIFY(err("<mxfile><diagram name=\"p\">%%%not base64%%%</diagram></mxfile>")
                    .contains(QLatin1String("base64")));
        QVERIFY(err("<mxfile><diagram name=\"p\">AAAA</diagram></mxfile>")
                    .contains(QLatin1String("compressed")));
        QByteArray deep = "<mxfile><diagram><mxGraphModel><root>";
        for (int i = 0; i < 200; ++i)
            deep += "<a>";
        QVERIFY(err(deep).contains(QLatin1String("nested")));
        QVERIFY(err("").contains(QLatin1String("empty")));
        QVERIFY(err(QByteArray(17 << 20, ' ')).contains(QLatin1String("larger")));
        QVERIFY(err("<mxfile><diagram><mxGraphModel><root><mxCell "
                    "id=\"0\"/></root></mxGraphModel></diagram></mxfile>")
                    .contains(QLatin1String("no shapes")));
    }

    void damagedDrawioFailsCleanly()
    {
        // Every 7th prefix of a real file, and random damage: an error or a valid design.
        for (const char *name : {"shop-plain.drawio", "shop-compressed.drawio"}) {
            QFile f(data(QString::fromLatin1(name)));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray text = f.readAll();
            auto check = [](const QByteArray &t) {
                const DiagramRead r = readDiagramText(t, QStringLiteral("x.drawio"));
                if (r.graph)
                    QVERIFY(validateDesign(importGraph(*r.graph).result.design).empty());
                else
                    QVERIFY(!r.error.isEmpty());
            };
            for (qsizetype n = 0; n <= text.size(); n += 7)
                check(text.left(n));
            std::mt19937 rng(3);
            for (int i = 0; i < 500; ++i) {
                QByteArray t = text;
                for (int k = 0; k < 3; ++k)
                    t[qsizetype(rng() % t.size())] = "<>&\"=/ aZ%+"[rng() % 12];
                check(t);
            }
        }
    }

    void drawioExportParsesAndReadsBack()
    {
        for (const auto &[title, path] : FileController::templates()) {
            QString error;
            auto d = FileController::loadTemplate(path, &error);
            QVERIFY2(d, qPrintable(error));
            placeUnpositioned(*d); // as every export does
            const QByteArray xml = QByteArray::fromStdString(interchange::designToDrawio(*d));
            // Well-formed XML with every label.
            QXmlStreamReader r(xml);
            QStringList values;
            while (!r.atEnd()) {
                if (r.readNext() == QXmlStreamReader::StartElement
                    && r.name() == QLatin1String("mxCell"))
                    values << r.attributes().value(QLatin1String("value")).toString();
            }
            QVERIFY2(!r.hasError(), qPrintable(r.errorString()));
            for (const auto &c : d->components)
                QVERIFY2(values.contains(QString::fromStdString(c.label.value_or(c.id))),
                         c.id.c_str());
            // And back: the same components, kinds, links and places.
            auto back = parseDrawio(xml);
            QVERIFY(std::holds_alternative<interchange::ImportedGraph>(back));
            const Design e = importGraph(std::get<interchange::ImportedGraph>(back)).result.design;
            QCOMPARE(e.components.size(), d->components.size());
            QCOMPARE(e.links.size(), d->links.size());
            for (const auto &c : d->components) {
                const Component *x = e.find(c.id);
                QVERIFY2(x, c.id.c_str());
                QCOMPARE(x->kind, c.kind);
                QVERIFY(std::abs(x->position->x - c.position->x) < 1e-6);
                QVERIFY(std::abs(x->position->y - c.position->y) < 1e-6);
            }
        }
    }

    void dotIsAcceptedByGraphviz()
    {
        // Freed on every exit, early QVERIFY returns included (LeakSanitizer).
        const std::unique_ptr<GVC_t, int (*)(GVC_t *)> context(gvContext(), gvFreeContext);
        GVC_t *gvc = context.get();
        for (const auto &[title, path] : FileController::templates()) {
            const auto d = FileController::loadTemplate(path);
            QVERIFY(d);
            const std::string dot = interchange::designToDot(*d);
            Agraph_t *g = agmemread(dot.c_str());
            QVERIFY2(g, qPrintable(title));
            QCOMPARE(agnnodes(g), int(d->components.size()));
            QCOMPARE(agnedges(g), int(d->links.size()));
            QCOMPARE(gvLayout(gvc, g, "dot"), 0);
            gvFreeLayout(gvc, g);
            agclose(g);
        }
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "test_import.moc"
