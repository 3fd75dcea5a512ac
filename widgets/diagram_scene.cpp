#include "diagram_scene.h"

#include "component_item.h"
#include "design_document.h"
#include "design_editor.h"
#include "kind_style.h"
#include "link_item.h"
#include "live_snapshot.h"
#include "partition_item.h"
#include "region_item.h"
#include "traffic_overlay.h"

#include <QSet>
#include <QTimer>

namespace hld {

DiagramScene::DiagramScene(DesignEditor *editor, QObject *parent)
    : QGraphicsScene(parent)
    , m_editor(editor)
    , m_doc(editor->document())
{
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    connect(m_doc, &DesignDocument::componentAdded, this, &DiagramScene::onComponentAdded);
    connect(m_doc, &DesignDocument::componentRemoved, this, &DiagramScene::onComponentRemoved);
    connect(m_doc, &DesignDocument::componentChanged, this, &DiagramScene::onComponentChanged);
    connect(m_doc, &DesignDocument::componentRenamed, this, &DiagramScene::onComponentRenamed);
    connect(m_doc, &DesignDocument::componentMoved, this, &DiagramScene::onComponentMoved);
    connect(m_doc, &DesignDocument::linkAdded, this, &DiagramScene::onLinkAdded);
    connect(m_doc, &DesignDocument::linkRemoved, this, &DiagramScene::onLinkRemoved);
    connect(m_doc, &DesignDocument::linkChanged, this, &DiagramScene::onLinkChanged);
    connect(m_doc, &DesignDocument::regionsChanged, this, &DiagramScene::onRegionsChanged);
    connect(m_doc, &DesignDocument::documentReset, this, &DiagramScene::onReset);
    m_traffic = new TrafficOverlay;
    addItem(m_traffic);
    m_partitions = new PartitionItem(this);
    addItem(m_partitions);
    onReset();
}

RegionItem *DiagramScene::regionItem(const QString &name) const
{
    for (const auto *list : {&m_regions, &m_implicitRegions}) {
        for (auto *r : *list) {
            if (r->name() == name)
                return r;
        }
    }
    return nullptr;
}

void DiagramScene::scheduleImplicitRegions()
{
    if (std::exchange(m_implicitPending, true))
        return;
    QTimer::singleShot(0, this, [this] {
        m_implicitPending = false;
        updateImplicitRegions();
    });
}

void DiagramScene::updateImplicitRegions()
{
    // A region that components name but the document gives no frame: a frame around its
    // members, drawn but not edited (drag the members; Ctrl+G makes a real frame).
    QMap<QString, QRectF> bounds;
    for (const auto &c : m_doc->design().components) {
        if (!c.region)
            continue;
        const QString name = QString::fromStdString(*c.region);
        const bool framed = std::any_of(
            m_regions.begin(), m_regions.end(), [&](RegionItem *r) { return r->name() == name; });
        auto *item = m_components.value(QString::fromStdString(c.id));
        if (!framed && item)
            bounds[name] = bounds.value(name).united(item->frameRect());
    }
    while (m_implicitRegions.size() > std::size_t(bounds.size())) {
        delete m_implicitRegions.back();
        m_implicitRegions.pop_back();
    }
    std::size_t i = 0;
    for (auto it = bounds.cbegin(); it != bounds.cend(); ++it, ++i) {
        const QRectF r = it->adjusted(-30, -24, 30, 24);
        const Region frame{it.key().toStdString(), r.x(), r.y(), r.width(), r.height()};
        if (i < m_implicitRegions.size()) {
            m_implicitRegions[i]->setRegion(frame);
        } else {
            auto *item = new RegionItem(m_editor, frame, RegionItem::Drawn);
            addItem(item);
            m_implicitRegions.push_back(item);
        }
    }
    m_partitions->refresh();
}

void DiagramScene::onComponentAdded(const QString &id)
{
    scheduleImplicitRegions();
    const Component *c = m_doc->component(id);
    auto *item = new ComponentItem(m_doc, id);
    const Point p = c->position.value_or(Point{});
    item->setSnapToGrid(false); // the document's position is the truth, on grid or not
    item->setPos(p.x, p.y);
    item->setSnapToGrid(m_snap);
    connect(item, &ComponentItem::moved, this, [this, item] {
        updateLinksOf(item->id());
        if (item->component() && item->component()->region)
            scheduleImplicitRegions();
    });
    addItem(item);
    m_components.insert(id, item);
}

void DiagramScene::onComponentRemoved(const QString &id)
{
    scheduleImplicitRegions();
    m_traffic->clear(); // dots point at link items
    // The document removes a component's links before the component.
    delete m_components.take(id);
}

void DiagramScene::onComponentChanged(const QString &id)
{
    if (auto *item = m_components.value(id))
        item->refresh();
    scheduleImplicitRegions(); // its region may have changed
    // Region or replica changes can change the latencies shown on the arrows: measured again.
    for (auto *l : m_linksByNode.values(id))
        l->refresh();
}

void DiagramScene::onComponentRenamed(const QString &oldId, const QString &newId)
{
    ComponentItem *item = m_components.take(oldId);
    if (!item)
        return;
    m_components.insert(newId, item);
    item->setId(newId);
    const auto links = m_linksByNode.values(oldId);
    m_linksByNode.remove(oldId);
    for (auto *l : links) {
        m_linksByNode.insert(newId, l);
        m_links.remove(m_links.key(l));
        m_links.insert({l->fromId(), l->toId()}, l);
    }
}

void DiagramScene::onComponentMoved(const QString &id)
{
    auto *item = m_components.value(id);
    const Component *c = m_doc->component(id);
    if (!item || !c)
        return;
    const Point p = c->position.value_or(Point{});
    item->setSnapToGrid(false);
    item->setPos(p.x, p.y);
    item->setSnapToGrid(m_snap);
    updateLinksOf(id);
}

void DiagramScene::updateLinksOf(const QString &id)
{
    for (auto *l : m_linksByNode.values(id))
        l->updateGeometry();
}

void DiagramScene::onLinkAdded(const QString &from, const QString &to)
{
    auto *a = m_components.value(from);
    auto *b = m_components.value(to);
    if (!a || !b)
        return;
    auto *link = new LinkItem(m_doc, a, b);
    addItem(link);
    m_links.insert({from, to}, link);
    m_linksByNode.insert(from, link);
    m_linksByNode.insert(to, link);
}

void DiagramScene::onLinkRemoved(const QString &from, const QString &to)
{
    m_traffic->clear(); // dots point at link items
    LinkItem *link = m_links.take({from, to});
    if (!link)
        return;
    m_linksByNode.remove(from, link);
    m_linksByNode.remove(to, link);
    delete link;
}

void DiagramScene::onLinkChanged(const QString &from, const QString &to)
{
    if (auto *l = linkItem(from, to))
        l->refresh();
}

void DiagramScene::onRegionsChanged()
{
    // Update items in place: a region item may be the one whose drag caused this.
    const auto &regions = m_doc->design().regions;
    while (m_regions.size() > regions.size()) {
        m_regions.back()->hide();
        m_regions.back()->deleteLater();
        m_regions.pop_back();
    }
    for (std::size_t i = 0; i < regions.size(); ++i) {
        if (i < m_regions.size()) {
            m_regions[i]->setRegion(regions[i]);
        } else {
            auto *item = new RegionItem(m_editor, regions[i]);
            addItem(item);
            m_regions.push_back(item);
        }
    }
    for (auto *l : std::as_const(m_links))
        l->update(); // latencies follow regions
    scheduleImplicitRegions();
}

void DiagramScene::onReset()
{
    m_traffic->clear(); // dots point at link items
    m_partitions->setCuts({});
    clearSelection();
    for (auto *l : std::as_const(m_links))
        delete l;
    m_links.clear();
    m_linksByNode.clear();
    for (auto *c : std::as_const(m_components))
        delete c;
    m_components.clear();
    for (const auto &c : m_doc->design().components)
        onComponentAdded(QString::fromStdString(c.id));
    for (const auto &l : m_doc->design().links)
        onLinkAdded(QString::fromStdString(l.from), QString::fromStdString(l.to));
    onRegionsChanged();
}

QStringList DiagramScene::selectedComponentIds() const
{
    QStringList ids;
    // In document order, so copies and commands are stable.
    for (const auto &c : m_doc->design().components) {
        const QString id = QString::fromStdString(c.id);
        if (auto *item = m_components.value(id); item && item->isSelected())
            ids << id;
    }
    return ids;
}

std::vector<LinkRef> DiagramScene::selectedLinks() const
{
    std::vector<LinkRef> out;
    for (auto *l : std::as_const(m_links)) {
        if (l->isSelected())
            out.push_back({l->fromId(), l->toId()});
    }
    return out;
}

QStringList DiagramScene::selectedRegions() const
{
    QStringList out;
    for (auto *r : m_regions) {
        if (r->isSelected())
            out << r->name();
    }
    return out;
}

void DiagramScene::selectComponents(const QStringList &ids)
{
    clearSelection();
    for (const auto &id : ids) {
        if (auto *item = m_components.value(id))
            item->setSelected(true);
    }
}

void DiagramScene::applySnapshot(const LiveSnapshot &s)
{
    for (const auto &n : s.nodes) {
        if (auto *item = m_components.value(n.id))
            item->setLive(n);
    }
    // The engine's links by their ends: a link the document no longer has shows nothing.
    std::vector<LinkItem *> links;
    if (s.links) {
        links.reserve(s.links->size());
        for (std::size_t i = 0; i < s.links->size(); ++i) {
            LinkItem *item = m_links.value((*s.links)[i]);
            links.push_back(item);
            if (item && i < s.linkRps.size())
                item->setRate(s.linkRps[i]);
            if (item && i < s.linkStates.size())
                item->setLive(s.linkStates[i]);
        }
    }
    m_traffic->addHops(s, links);
    m_partitions->setCuts(s.cuts);
}

void DiagramScene::clearLive()
{
    for (auto *c : std::as_const(m_components))
        c->clearLive();
    for (auto *l : std::as_const(m_links)) {
        l->setRate(-1);
        l->clearLive();
    }
    m_traffic->clear();
    m_partitions->setCuts({});
}

void DiagramScene::prepareForExport()
{
    setPalette(exportPalette());
    clearSelection();
    m_traffic->clear();
    m_traffic->hide();
    m_partitions->setCuts({});
    for (auto *c : std::as_const(m_components))
        c->setForExport(true);
    for (auto *l : std::as_const(m_links))
        l->setForExport(true);
    for (auto *r : m_regions)
        r->setForExport(true);
}

void DiagramScene::showOnly(const QStringList &ids)
{
    const QSet<QString> keep(ids.begin(), ids.end());
    QSet<QString> regions;
    for (auto it = m_components.cbegin(); it != m_components.cend(); ++it) {
        const bool shown = keep.contains(it.key());
        it.value()->setVisible(shown);
        const Component *c = m_doc->component(it.key());
        if (shown && c && c->region)
            regions.insert(QString::fromStdString(*c->region));
    }
    for (auto *l : std::as_const(m_links))
        l->setVisible(keep.contains(l->fromId()) && keep.contains(l->toId()));
    for (auto *r : m_regions)
        r->setVisible(regions.contains(r->name()));
}

QRectF DiagramScene::visibleItemsRect() const
{
    QRectF r;
    for (auto *item : items()) {
        if (item->isVisible() && item != m_traffic)
            r |= item->sceneBoundingRect();
    }
    return r;
}

void DiagramScene::setSnapToGrid(bool on)
{
    m_snap = on;
    for (auto *c : std::as_const(m_components))
        c->setSnapToGrid(on);
}

QRectF DiagramScene::itemsBoundingRectWithMargin() const
{
    return itemsBoundingRect().adjusted(-60, -60, 60, 60);
}

} // namespace hld
