#include "item_commands.h"

#include "design_document.h"

#include <algorithm>

namespace hld {

namespace {
QString q(const std::string &s)
{
    return QString::fromStdString(s);
}
} // namespace

AddItemsCommand::AddItemsCommand(DesignDocument *doc,
                                 std::vector<Component> components,
                                 std::vector<Link> links,
                                 const QString &text)
    : QUndoCommand(text)
    , m_doc(doc)
    , m_components(std::move(components))
    , m_links(std::move(links))
{
    setObsolete(m_components.empty() && m_links.empty());
}

void AddItemsCommand::redo()
{
    for (const auto &c : m_components)
        m_doc->insertComponent(static_cast<int>(m_doc->design().components.size()), c);
    for (const auto &l : m_links)
        m_doc->insertLink(static_cast<int>(m_doc->design().links.size()), l);
}

void AddItemsCommand::undo()
{
    for (auto it = m_links.rbegin(); it != m_links.rend(); ++it)
        m_doc->removeLinkAt(m_doc->linkIndex(q(it->from), q(it->to)));
    for (auto it = m_components.rbegin(); it != m_components.rend(); ++it)
        m_doc->removeComponentAt(m_doc->componentIndex(q(it->id)));
}

RemoveItemsCommand::RemoveItemsCommand(DesignDocument *doc,
                                       const QStringList &componentIds,
                                       const std::vector<LinkRef> &links)
    : m_doc(doc)
{
    const Design &d = doc->design();
    for (std::size_t i = 0; i < d.components.size(); ++i) {
        if (componentIds.contains(q(d.components[i].id)))
            m_components.emplace_back(static_cast<int>(i), d.components[i]);
    }
    for (std::size_t i = 0; i < d.links.size(); ++i) {
        const Link &l = d.links[i];
        const bool touches = componentIds.contains(q(l.from)) || componentIds.contains(q(l.to));
        const bool chosen
            = std::find(links.begin(), links.end(), LinkRef{q(l.from), q(l.to)}) != links.end();
        if (touches || chosen)
            m_links.emplace_back(static_cast<int>(i), l);
    }
    const int n = static_cast<int>(m_components.size());
    if (n == 1 && m_links.empty())
        setText(QObject::tr("Delete %1").arg(q(m_components[0].second.id)));
    else if (n == 0 && m_links.size() == 1)
        setText(QObject::tr("Disconnect %1 → %2")
                    .arg(q(m_links[0].second.from), q(m_links[0].second.to)));
    else
        setText(QObject::tr("Delete %1 components and %2 links").arg(n).arg(m_links.size()));
    setObsolete(m_components.empty() && m_links.empty());
}

void RemoveItemsCommand::redo()
{
    for (auto it = m_links.rbegin(); it != m_links.rend(); ++it)
        m_doc->removeLinkAt(it->first);
    for (auto it = m_components.rbegin(); it != m_components.rend(); ++it)
        m_doc->removeComponentAt(it->first);
}

void RemoveItemsCommand::undo()
{
    for (const auto &[i, c] : m_components)
        m_doc->insertComponent(i, c);
    for (const auto &[i, l] : m_links)
        m_doc->insertLink(i, l);
}

EditComponentsCommand::EditComponentsCommand(DesignDocument *doc,
                                             std::vector<Component> before,
                                             std::vector<Component> after,
                                             const QString &text)
    : QUndoCommand(text)
    , m_doc(doc)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setObsolete(m_before == m_after);
}

void EditComponentsCommand::apply(const std::vector<Component> &from,
                                  const std::vector<Component> &to)
{
    for (std::size_t i = 0; i < from.size(); ++i) {
        const int index = m_doc->componentIndex(q(from[i].id));
        if (index >= 0)
            m_doc->replaceComponent(index, to[i]);
    }
}

void EditComponentsCommand::redo()
{
    apply(m_before, m_after);
}

void EditComponentsCommand::undo()
{
    apply(m_after, m_before);
}

EditLinkCommand::EditLinkCommand(
    DesignDocument *doc, int index, Link before, Link after, const QString &text)
    : QUndoCommand(text)
    , m_doc(doc)
    , m_index(index)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setObsolete(m_before == m_after);
}

void EditLinkCommand::redo()
{
    m_doc->replaceLink(m_index, m_after);
}

void EditLinkCommand::undo()
{
    m_doc->replaceLink(m_index, m_before);
}

} // namespace hld
