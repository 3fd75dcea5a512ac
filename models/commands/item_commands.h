#pragma once

#include "link_ref.h"

#include "model/design.h"

#include <QString>
#include <QUndoCommand>

#include <vector>

namespace hld {

class DesignDocument;

// Adds components and links (place from palette, connect, paste, duplicate).
class AddItemsCommand : public QUndoCommand
{
public:
    AddItemsCommand(DesignDocument *doc,
                    std::vector<Component> components,
                    std::vector<Link> links,
                    const QString &text);
    void redo() override;
    void undo() override;

private:
    DesignDocument *m_doc;
    std::vector<Component> m_components;
    std::vector<Link> m_links;
};

// Removes components (with every link touching them) and links. Undo restores each at its
// original place in the file order, so the design is exactly as before.
class RemoveItemsCommand : public QUndoCommand
{
public:
    RemoveItemsCommand(DesignDocument *doc,
                       const QStringList &componentIds,
                       const std::vector<LinkRef> &links);
    void redo() override;
    void undo() override;

private:
    DesignDocument *m_doc;
    std::vector<std::pair<int, Component>> m_components; // ascending index
    std::vector<std::pair<int, Link>> m_links;           // ascending index
};

// Changes fields of one or more components (inspector edits, rename, region membership).
class EditComponentsCommand : public QUndoCommand
{
public:
    EditComponentsCommand(DesignDocument *doc,
                          std::vector<Component> before,
                          std::vector<Component> after,
                          const QString &text);
    void redo() override;
    void undo() override;

private:
    void apply(const std::vector<Component> &from, const std::vector<Component> &to);
    DesignDocument *m_doc;
    std::vector<Component> m_before;
    std::vector<Component> m_after;
};

class EditLinkCommand : public QUndoCommand
{
public:
    EditLinkCommand(DesignDocument *doc, int index, Link before, Link after, const QString &text);
    void redo() override;
    void undo() override;

private:
    DesignDocument *m_doc;
    int m_index;
    Link m_before;
    Link m_after;
};

} // namespace hld
