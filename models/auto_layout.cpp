#include "auto_layout.h"

#include "canvas_geometry.h"

#include <graphviz/gvc.h>

#include <QHash>

#include <QObject>
#include <algorithm>

namespace hld {

namespace {

constexpr double kPointsPerInch = 72.0;
constexpr double kMargin = 30.0;

void set(void *obj, const char *name, const QByteArray &value)
{
    agsafeset(obj,
              const_cast<char *>(name),
              const_cast<char *>(value.constData()),
              const_cast<char *>(""));
}

} // namespace

LayoutResult layeredLayout(const Design &d)
{
    LayoutResult result;
    if (d.components.empty()) {
        result.ok = true;
        result.regions = d.regions;
        return result;
    }
    // One Graphviz context for the process: creating and freeing contexts repeatedly trips a
    // use-after-free in the pango text plugin (seen under AddressSanitizer).
    static GVC_t *gvc = gvContext();
    Agraph_t *g = agopen(const_cast<char *>("design"), Agdirected, nullptr);
    set(g, "rankdir", "LR");
    set(g, "nodesep", "0.45");
    set(g, "ranksep", "1.5");
    set(g, "splines", "false");

    // A cluster per region, framed or only named by its members: Graphviz keeps a cluster's
    // members together and clusters apart, so regions drawn around their members never
    // overlap (two regions sharing a database in between did).
    QHash<QString, Agraph_t *> clusters;
    // A region only named is drawn around its members' boxes with the canvas's padding,
    // so its cluster keeps more room around them than a frame's.
    auto cluster = [&](const std::string &region, const QByteArray &margin) {
        const QString key = QString::fromStdString(region);
        if (clusters.contains(key))
            return;
        const QByteArray name = "cluster_" + QByteArray::number(clusters.size());
        Agraph_t *sub = agsubg(g, const_cast<char *>(name.constData()), 1);
        set(sub, "margin", margin);
        clusters.insert(key, sub);
    };
    for (const auto &r : d.regions)
        cluster(r.name, "24");
    for (const auto &c : d.components) {
        if (c.region)
            cluster(*c.region, "44");
    }
    const QByteArray w = QByteArray::number(geometry::kComponentWidth / kPointsPerInch);
    const QByteArray h = QByteArray::number(geometry::kComponentHeight / kPointsPerInch);
    QHash<QString, Agnode_t *> nodes;
    for (const auto &c : d.components) {
        const QString id = QString::fromStdString(c.id);
        Agraph_t *home = c.region ? clusters.value(QString::fromStdString(*c.region), g) : g;
        Agnode_t *n = agnode(home, const_cast<char *>(c.id.c_str()), 1);
        set(n, "shape", "box");
        set(n, "fixedsize", "true");
        set(n, "width", w);
        set(n, "height", h);
        set(n, "label", ""); // sizes are fixed: no text to measure
        nodes.insert(id, n);
    }
    for (const auto &l : d.links) {
        Agnode_t *a = nodes.value(QString::fromStdString(l.from));
        Agnode_t *b = nodes.value(QString::fromStdString(l.to));
        if (a && b)
            agedge(g, a, b, nullptr, 1);
    }
    if (gvLayout(gvc, g, "dot") != 0) {
        result.error = QObject::tr("Graphviz could not lay out the design.");
    } else {
        // Graphviz has y pointing up; the canvas has y pointing down.
        const double top = GD_bb(g).UR.y;
        for (auto it = nodes.cbegin(); it != nodes.cend(); ++it) {
            const pointf p = ND_coord(it.value());
            result.centres.insert(it.key(), Point{p.x + kMargin, top - p.y + kMargin});
        }
        result.regions = d.regions;
        for (auto &r : result.regions) {
            Agraph_t *sub = clusters.value(QString::fromStdString(r.name));
            if (!sub)
                continue;
            const boxf bb = GD_bb(sub);
            if (bb.UR.x <= bb.LL.x)
                continue; // an empty region keeps its frame
            r.x = bb.LL.x + kMargin;
            r.y = top - bb.UR.y + kMargin;
            r.width = bb.UR.x - bb.LL.x;
            r.height = bb.UR.y - bb.LL.y;
        }
        result.ok = true;
        gvFreeLayout(gvc, g);
    }
    agclose(g);
    return result;
}

void placeUnpositioned(Design &d)
{
    const bool missing = std::any_of(
        d.components.begin(), d.components.end(), [](const Component &c) { return !c.position; });
    if (!missing)
        return;
    const LayoutResult r = layeredLayout(d);
    if (!r.ok)
        return;
    for (auto &c : d.components)
        c.position = r.centres.value(QString::fromStdString(c.id));
    d.regions = r.regions;
}

} // namespace hld
