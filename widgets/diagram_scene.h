#pragma once

#include <QGraphicsScene>
#include <QHash>
#include <QMultiHash>

#include <vector>

namespace hld {

class ComponentItem;
class DesignEditor;
class DesignDocument;
class LinkItem;
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
    LinkItem *linkItem(const QString &from, const QString &to) const;
    QList<ComponentItem *> componentItems() const { return m_components.values(); }
    RegionItem *regionItem(const QString &name) const;

    QStringList selectedComponentIds() const;
    std::vector<std::pair<QString, QString>> selectedLinks() const;
    QStringList selectedRegions() const;
    void selectComponents(const QStringList &ids);

    // Live simulation overlays.
    void applySnapshot(const LiveSnapshot &snapshot);
    void clearLive();
    TrafficOverlay *traffic() const { return m_traffic; }
    // from/to ids of the engine's link i, in the engine's order.
    const std::vector<std::pair<QString, QString>> &engineLinkEnds();

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
    static QString key(const QString &from, const QString &to);

    DesignEditor *m_editor;
    const DesignDocument *m_doc;
    QHash<QString, ComponentItem *> m_components;
    QHash<QString, LinkItem *> m_links;            // key(from, to)
    QMultiHash<QString, LinkItem *> m_linksByNode; // both endpoints
    std::vector<RegionItem *> m_regions;
    bool m_snap = true;
    TrafficOverlay *m_traffic;
    std::vector<LinkItem *> m_linkOrder; // the engine's link order (by source, file order)
    std::vector<std::pair<QString, QString>> m_linkEnds;
    bool m_linkOrderDirty = true;
    void ensureLinkOrder();
};

} // namespace hld
