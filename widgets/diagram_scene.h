#pragma once

#include "link_ref.h"

#include <QGraphicsScene>
#include <QHash>
#include <QMultiHash>

#include <vector>

namespace hld {

class ComponentItem;
class DesignEditor;
class DesignDocument;
class LinkItem;
class PartitionItem;
class RegionItem;
class TrafficOverlay;
struct LiveSnapshot;

// Mirrors the document in graphics items, the QtNodes way: it listens to the document's
// signals and adds, removes or refreshes the matching item. It never changes the document.
class DiagramScene : public QGraphicsScene
{
    Q_OBJECT

public:
    explicit DiagramScene(DesignEditor *editor, QObject *parent = nullptr);

    DesignEditor *editor() const { return m_editor; }
    const DesignDocument *document() const { return m_doc; }

    ComponentItem *componentItem(const QString &id) const { return m_components.value(id); }
    LinkItem *linkItem(const LinkRef &link) const { return m_links.value(link); }
    LinkItem *linkItem(const QString &from, const QString &to) const
    {
        return linkItem({from, to});
    }
    QList<ComponentItem *> componentItems() const { return m_components.values(); }
    QList<LinkItem *> linkItems() const { return m_links.values(); }
    // The frame of a region: its own, or (for a region only components name) one drawn
    // around its members.
    RegionItem *regionItem(const QString &name) const;

    QStringList selectedComponentIds() const;
    std::vector<LinkRef> selectedLinks() const;
    QStringList selectedRegions() const;
    void selectComponents(const QStringList &ids);

    // Live simulation overlays.
    void applySnapshot(const LiveSnapshot &snapshot);
    void clearLive();
    TrafficOverlay *traffic() const { return m_traffic; }
    PartitionItem *partitions() const { return m_partitions; }

    // For an offscreen export: items drawn in full with a fixed light palette, no selection,
    // no moving dots. Only for a scene made for the export, never the window's.
    void prepareForExport();
    // Shows only these components, the links among them and the regions holding them.
    void showOnly(const QStringList &ids);
    QRectF visibleItemsRect() const; // what an export draws

    void setSnapToGrid(bool on);
    bool snapToGrid() const { return m_snap; }
    QRectF itemsBoundingRectWithMargin() const;

private:
    void onComponentAdded(const QString &id);
    void onComponentRemoved(const QString &id);
    void onComponentChanged(const QString &id);
    void onComponentRenamed(const QString &oldId, const QString &newId);
    void onComponentMoved(const QString &id);
    void onLinkAdded(const QString &from, const QString &to);
    void onLinkRemoved(const QString &from, const QString &to);
    void onLinkChanged(const QString &from, const QString &to);
    void onRegionsChanged();
    void onReset();
    void updateLinksOf(const QString &id);
    void scheduleImplicitRegions(); // soon, once: many edits come in a row
    void updateImplicitRegions();

    DesignEditor *m_editor;
    const DesignDocument *m_doc;
    QHash<QString, ComponentItem *> m_components;
    QHash<LinkRef, LinkItem *> m_links;
    QMultiHash<QString, LinkItem *> m_linksByNode; // both endpoints
    std::vector<RegionItem *> m_regions;           // the document's frames, in its order
    std::vector<RegionItem *> m_implicitRegions;   // drawn around the members of the others
    bool m_implicitPending = false;
    bool m_snap = true;
    TrafficOverlay *m_traffic;
    PartitionItem *m_partitions;
};

} // namespace hld
