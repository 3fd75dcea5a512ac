// Mermaid and DOT: reading flowcharts as people write them, guessing kinds, writing designs.
#include "interchange/imported_graph.h"
#include "interchange/text_interchange.h"
#include "io/design_reader.h"
#include "io/design_validate.h"
#include "model/component_kind.h"
#include "sim/run.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <set>
#include <sstream>

using namespace hld;
using namespace hld::interchange;

namespace {

std::string readFile(const std::string &rel)
{
    std::ifstream f(std::string(HLD_SOURCE_DIR) + "/" + rel, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

ImportedGraph parseOk(const std::string &text)
{
    auto r = parseMermaid(text);
    if (auto *e = std::get_if<ParseError>(&r))
        ADD_FAILURE() << e->message;
    return std::holds_alternative<ImportedGraph>(r) ? std::get<ImportedGraph>(r) : ImportedGraph{};
}

std::string parseError(const std::string &text)
{
    auto r = parseMermaid(text);
    return std::holds_alternative<ParseError>(r) ? std::get<ParseError>(r).message : "";
}

const Component &byId(const Design &d, const std::string &id)
{
    static const Component none;
    const Component *c = d.find(id);
    EXPECT_NE(c, nullptr) << "no component " << id;
    return c ? *c : none;
}

const Link *link(const Design &d, const std::string &from, const std::string &to)
{
    for (const auto &l : d.links) {
        if (l.from == from && l.to == to)
            return &l;
    }
    return nullptr;
}

std::string kind(const Design &d, const std::string &id)
{
    return std::string(traits(byId(d, id).kind).name);
}

} // namespace

TEST(KindGuess, TechnologiesNounsAndShapes)
{
    auto k = [](const std::string &label, NodeShape s = NodeShape::Box) {
        return std::string(traits(guessKind(label, s, "").kind).name);
    };
    EXPECT_EQ(k("Redis"), "cache");
    EXPECT_EQ(k("Memcached"), "cache");
    EXPECT_EQ(k("Postgres"), "database");
    EXPECT_EQ(k("MySQL primary"), "database");
    EXPECT_EQ(k("Orders", NodeShape::Cylinder), "database");
    EXPECT_EQ(k("Kafka"), "queue");
    EXPECT_EQ(k("SQS"), "queue");
    EXPECT_EQ(k("RabbitMQ"), "queue");
    EXPECT_EQ(k("S3"), "object_storage");
    EXPECT_EQ(k("GCS bucket"), "object_storage");
    EXPECT_EQ(k("CloudFront"), "cdn");
    EXPECT_EQ(k("CDN"), "cdn");
    EXPECT_EQ(k("nginx"), "load_balancer");
    EXPECT_EQ(k("ELB"), "load_balancer");
    EXPECT_EQ(k("Load balancer"), "load_balancer");
    EXPECT_EQ(k("users"), "client");
    EXPECT_EQ(k("Mobile"), "client");
    EXPECT_EQ(k("Browser"), "client");
    EXPECT_EQ(k("Someone", NodeShape::Actor), "client");
    // The head noun wins among plain words; a product name wins outright.
    EXPECT_EQ(k("User Service"), "service");
    EXPECT_EQ(k("Users DB"), "database");
    EXPECT_EQ(k("UserDB"), "database");
    EXPECT_EQ(k("API Gateway"), "api_gateway");
    EXPECT_EQ(k("Redis cache service"), "cache");
    EXPECT_EQ(k("orders-queue"), "queue");
    // What HLD Studio writes reads back for sure.
    const auto marked = guessKind("whatever", NodeShape::Box, "rounded=1;hldKind=object_storage;");
    EXPECT_EQ(marked.kind, ComponentKind::ObjectStorage);
    EXPECT_TRUE(marked.sure);
    EXPECT_EQ(guessKind("x", NodeShape::Box, " hldLoadBalancer").kind, ComponentKind::LoadBalancer);
    // Sure and unsure.
    EXPECT_TRUE(guessKind("Redis", NodeShape::Box, "").sure);
    EXPECT_FALSE(guessKind("Ledger", NodeShape::Box, "").sure);
    EXPECT_FALSE(guessKind("Ledger", NodeShape::Cylinder, "").sure);
    EXPECT_EQ(guessKind("Ledger", NodeShape::Cylinder, "").kind, ComponentKind::Database);
    EXPECT_EQ(
        guessKind("", NodeShape::Box, "shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.sqs;")
            .kind,
        ComponentKind::Queue);
}

TEST(Mermaid, ReadsAWhiteboardFlowchart)
{
    const ImportedGraph g = parseOk(readFile("tests/data/interchange/checkout.mmd"));
    EXPECT_EQ(g.name, "Checkout (whiteboard)");
    EXPECT_EQ(g.nodes.size(), 13u);
    EXPECT_EQ(g.edges.size(), 12u); // the invisible ~~~ link is no edge
    const ImportResult r = toDesign(g);
    const Design &d = r.design;
    EXPECT_TRUE(validateDesign(d).empty());
    EXPECT_EQ(kind(d, "U"), "client");
    EXPECT_EQ(byId(d, "U").label, "Mobile users");
    EXPECT_EQ(kind(d, "B"), "client");
    EXPECT_EQ(kind(d, "CDN"), "cdn");
    EXPECT_EQ(kind(d, "LB"), "load_balancer");
    EXPECT_EQ(kind(d, "GW"), "api_gateway");
    EXPECT_EQ(kind(d, "CO"), "service");
    EXPECT_EQ(kind(d, "INV"), "service");
    EXPECT_EQ(kind(d, "R"), "cache");
    EXPECT_EQ(kind(d, "DB"), "database");
    EXPECT_EQ(kind(d, "DB2"), "database");
    EXPECT_EQ(byId(d, "DB2").label, "Postgres (inventory)");
    EXPECT_EQ(kind(d, "Q"), "queue");
    EXPECT_EQ(byId(d, "Q").label, "Kafka: orders");
    EXPECT_EQ(kind(d, "W"), "service");
    EXPECT_EQ(kind(d, "S3"), "object_storage");
    // Chains, fan-out with &, labels in both styles, dotted edges.
    ASSERT_NE(link(d, "GW", "CO"), nullptr);
    ASSERT_NE(link(d, "GW", "INV"), nullptr);
    const Link *cache = link(d, "CO", "R");
    ASSERT_NE(cache, nullptr);
    EXPECT_EQ(cache->latencyMs, 0.5);
    EXPECT_EQ(cache->requests, RequestFilter::Reads);
    ASSERT_NE(link(d, "CO", "Q"), nullptr);
    EXPECT_EQ(link(d, "CO", "Q")->mode, LinkMode::Async);
    EXPECT_EQ(link(d, "Q", "W")->mode, LinkMode::Async);
    EXPECT_EQ(link(d, "R", "DB"), nullptr);
    // The subgraph is a region with its members.
    ASSERT_EQ(d.regions.size(), 1u);
    EXPECT_EQ(d.regions[0].name, "Core services, eu-west");
    EXPECT_EQ(byId(d, "CO").region, "Core services, eu-west");
    EXPECT_FALSE(byId(d, "W").region);
    // It runs.
    RunOptions opt;
    opt.sim.durationS = 5;
    const Results res = runDesign(d, opt);
    EXPECT_GT(res.endToEnd.count, 500u);
}

TEST(Mermaid, EveryDirectionShapesAndComments)
{
    for (const char *dir : {"TB", "TD", "BT", "LR", "RL"}) {
        const auto g = parseOk(std::string("graph ") + dir + "\n  a[A] --> b\n");
        EXPECT_EQ(g.nodes.size(), 2u) << dir;
    }
    const auto g = parseOk("flowchart TD;\n"
                           "  a[Box] --- b(Round) %% trailing comment\n"
                           "  b --> c([Stadium]) --> d[[Sub]]\n"
                           "  d --> e[(Cyl)] & f((Circle))\n"
                           "  e --o g>Flag] --x h{Rhombus}\n"
                           "  h <--> i{{Hex}}\n"
                           "  i -. dotted label .-> j[/Para/]\n"
                           "  j == thick ==> k[\\Alt\\]\n"
                           "  k ----> l[\"Quoted [brackets] (and) #quot;quotes#quot;\"]\n"
                           "  l@{ shape: cyl, label: \"Ledger\" }\n"
                           "  api-v2 --> m\n");
    std::map<std::string, ImportedNode> n;
    for (const auto &x : g.nodes)
        n[x.key] = x;
    EXPECT_EQ(n["a"].shape, NodeShape::Box);
    EXPECT_EQ(n["b"].shape, NodeShape::Rounded);
    EXPECT_EQ(n["c"].shape, NodeShape::Stadium);
    EXPECT_EQ(n["d"].shape, NodeShape::Subroutine);
    EXPECT_EQ(n["e"].shape, NodeShape::Cylinder);
    EXPECT_EQ(n["f"].shape, NodeShape::Circle);
    EXPECT_EQ(n["g"].shape, NodeShape::Asymmetric);
    EXPECT_EQ(n["g"].label, "Flag");
    EXPECT_EQ(n["h"].shape, NodeShape::Rhombus);
    EXPECT_EQ(n["i"].shape, NodeShape::Hexagon);
    EXPECT_EQ(n["j"].shape, NodeShape::Parallelogram);
    EXPECT_EQ(n["k"].label, "Alt");
    EXPECT_EQ(n["l"].label, "Ledger"); // the later @{} definition wins
    EXPECT_EQ(n["l"].shape, NodeShape::Cylinder);
    EXPECT_TRUE(n.count("api-v2"));
    EXPECT_EQ(g.edges.size(), 12u);
    bool dotted = false;
    for (const auto &e : g.edges) {
        if (e.from == "i" && e.to == "j") {
            dotted = e.dotted;
            EXPECT_EQ(e.label, "dotted label");
        }
        if (e.from == "j" && e.to == "k") {
            EXPECT_EQ(e.label, "thick");
        }
    }
    EXPECT_TRUE(dotted);
}

TEST(Mermaid, RefusesWhatIsNotAFlowchartOrIsCutShort)
{
    EXPECT_NE(
        parseError(readFile("tests/data/interchange/sequence.mmd")).find("not a Mermaid flowchart"),
        std::string::npos);
    const std::string cut = parseError(readFile("tests/data/interchange/truncated.mmd"));
    EXPECT_NE(cut.find("line 6"), std::string::npos) << cut;
    EXPECT_NE(cut.find("cut short"), std::string::npos) << cut;
    EXPECT_NE(parseError("flowchart LR\n subgraph a\n  x --> y\n").find("never closed"),
              std::string::npos);
    EXPECT_NE(parseError("flowchart LR\n a -->\n").find("no target"), std::string::npos);
    EXPECT_NE(parseError("flowchart LR\n a --> b[\"open\n").find("never closed"),
              std::string::npos);
    EXPECT_NE(parseError("").find("no 'flowchart'"), std::string::npos);
    EXPECT_NE(parseError(std::string("graph LR\n a --> b\0", 19)).find("binary"),
              std::string::npos);
    EXPECT_NE(parseError("flowchart LR\n end\n").find("without a subgraph"), std::string::npos);
    std::string deep = "flowchart LR\n";
    for (int i = 0; i < 100; ++i)
        deep += "subgraph s" + std::to_string(i) + "\n";
    EXPECT_NE(parseError(deep).find("nested"), std::string::npos);
}

TEST(Mermaid, DesignRulesHoldAfterImport)
{
    // Links into a client, self-links, duplicates and a loop: all made valid.
    const auto g = parseOk("flowchart LR\n"
                           " U[Users] --> A[API] --> B[Billing service] --> A\n"
                           " A --> U\n A --> A\n A --> B\n"
                           " 9lives[\"9 lives!\"] --> A\n");
    const ImportResult r = toDesign(g);
    EXPECT_TRUE(validateDesign(r.design).empty());
    EXPECT_EQ(r.design.links.size(), 3u);
    EXPECT_EQ(link(r.design, "B", "A"), nullptr); // it closed the loop A -> B -> A
    EXPECT_NE(link(r.design, "A", "B"), nullptr);
    const std::string notes = [&] {
        std::string s;
        for (const auto &n : r.notes)
            s += n + "\n";
        return s;
    }();
    EXPECT_NE(notes.find("into a client"), std::string::npos);
    EXPECT_NE(notes.find("itself"), std::string::npos);
    EXPECT_NE(notes.find("duplicate"), std::string::npos);
    EXPECT_NE(notes.find("closed a loop"), std::string::npos);
    // An id from a key that is no valid id: from the label, else sanitised.
    bool found = false;
    for (const auto &c : r.design.components)
        found = found || (c.label == "9 lives!" && isValidId(c.id));
    EXPECT_TRUE(found);
}

TEST(Mermaid, RoundTripKeepsComponentsLinksAndKinds)
{
    for (const char *file : {"resources/templates/ecommerce-checkout.hld.json",
                             "resources/templates/global-profile-store.hld.json",
                             "resources/templates/url-shortener.hld.json"}) {
        const LoadResult loaded = loadDesignFile(std::string(HLD_SOURCE_DIR) + "/" + file);
        ASSERT_TRUE(loaded.ok()) << file;
        const Design &d = *loaded.design;
        const std::string text = designToMermaid(d);
        const ImportResult back = toDesign(parseOk(text));
        const Design &e = back.design;
        ASSERT_EQ(e.components.size(), d.components.size()) << file << "\n" << text;
        for (const auto &c : d.components) {
            const Component *x = e.find(c.id);
            ASSERT_NE(x, nullptr) << file << ": " << c.id << "\n" << text;
            EXPECT_EQ(x->kind, c.kind) << c.id;
            EXPECT_EQ(x->label.value_or(x->id), c.label.value_or(c.id));
            EXPECT_EQ(x->region.has_value(), c.region.has_value()) << c.id;
        }
        ASSERT_EQ(e.links.size(), d.links.size()) << file;
        for (const auto &l : d.links) {
            const Link *y = link(e, l.from, l.to);
            ASSERT_NE(y, nullptr) << l.from << " -> " << l.to;
            EXPECT_EQ(y->mode.value_or(LinkMode::Sync), l.mode.value_or(LinkMode::Sync));
            EXPECT_EQ(y->latencyMs, l.latencyMs);
        }
        // And once more: the second export is the first.
        EXPECT_EQ(designToMermaid(e).substr(text.find("flowchart")),
                  text.substr(text.find("flowchart")));
    }
}

TEST(Mermaid, HostileLabelsStayText)
{
    Design d;
    d.name = "x\"\n---\ninjected";
    Component c;
    c.id = "api";
    c.label = "<script>alert(1)</script> | \"q\" #1 ]) end";
    d.components.push_back(c);
    const std::string text = designToMermaid(d);
    EXPECT_EQ(text.find("<script>"), std::string::npos);
    const ImportResult back = toDesign(parseOk(text));
    ASSERT_EQ(back.design.components.size(), 1u);
    EXPECT_EQ(back.design.components[0].label, c.label);
}

TEST(Dot, WritesClustersShapesAndEscapes)
{
    const LoadResult loaded = loadDesignFile(
        std::string(HLD_SOURCE_DIR) + "/resources/templates/global-profile-store.hld.json");
    ASSERT_TRUE(loaded.ok());
    Design d = *loaded.design;
    d.components[0].label = "quote \" and back\\slash";
    const std::string dot = designToDot(d);
    EXPECT_EQ(dot.rfind("digraph \"", 0), 0u);
    EXPECT_NE(dot.find("subgraph \"cluster_0\""), std::string::npos);
    EXPECT_NE(dot.find("shape=cylinder"), std::string::npos);
    EXPECT_NE(dot.find("quote \\\" and back\\\\slash"), std::string::npos);
    for (const auto &l : d.links)
        EXPECT_NE(dot.find("\"" + l.from + "\" -> \"" + l.to + "\""), std::string::npos);
}

TEST(Mermaid, EveryPrefixAndRandomDamageParseOrFailCleanly)
{
    // Hostile or damaged text never crashes, hangs or yields a design that breaks the rules.
    const std::string text = readFile("tests/data/interchange/checkout.mmd");
    std::mt19937 rng(7);
    auto check = [](const std::string &t) {
        auto r = parseMermaid(t);
        if (auto *g = std::get_if<ImportedGraph>(&r)) {
            EXPECT_TRUE(validateDesign(toDesign(*g).design).empty()) << t;
        } else {
            EXPECT_FALSE(std::get<ParseError>(r).message.empty());
        }
    };
    for (std::size_t n = 0; n <= text.size(); ++n)
        check(text.substr(0, n));
    const std::string noise = "[](){}<>|&;:\"'-.=>~%#@\n\\ xo";
    for (int i = 0; i < 3000; ++i) {
        std::string t = text;
        for (int k = 0; k < 4; ++k)
            t[rng() % t.size()] = noise[rng() % noise.size()];
        check(t);
    }
}
