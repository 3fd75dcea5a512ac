#include "layout_commands.h"

#include "design_document.h"

namespace hld {

MoveComponentsCommand::MoveComponentsCommand(DesignDocument *doc,
                                             QMap<QString, PositionChange> moves,
                                             const QString &text,
                                             bool mergeable)
    : QUndoCommand(text)
    , m_doc(doc)
    , m_moves(std::move(moves))
    , m_mergeable(mergeable)
{
    bool any = false;
    for (const auto &m : std::as_const(m_moves))
        any = any || m.before != m.after;
    setObsolete(!any);
}

void MoveComponentsCommand::redo()
{
    for (auto it = m_moves.cbegin(); it != m_moves.cend(); ++it)
        m_doc->setPosition(it.key(), it->after);
}

void MoveComponentsCommand::undo()
{
    for (auto it = m_moves.cbegin(); it != m_moves.cend(); ++it)
        m_doc->setPosition(it.key(), it->before);
}

bool MoveComponentsCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const MoveComponentsCommand *>(other);
    if (!o->m_mergeable || o->m_moves.keys() != m_moves.keys())
        return false;
    bool any = false;
    for (auto it = m_moves.begin(); it != m_moves.end(); ++it) {
        it->after = o->m_moves.value(it.key()).after;
        any = any || it->before != it->after;
    }
    setObsolete(!any);
    return true;
}

SetRegionsCommand::SetRegionsCommand(DesignDocument *doc,
                                     std::vector<Region> before,
                                     std::vector<Region> after,
                                     const QString &text,
                                     QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_doc(doc)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setObsolete(m_before == m_after);
}

void SetRegionsCommand::redo()
{
    m_doc->setRegions(m_after);
}

void SetRegionsCommand::undo()
{
    m_doc->setRegions(m_before);
}

RenameDesignCommand::RenameDesignCommand(DesignDocument *doc, QString name)
    : QUndoCommand(QObject::tr("Rename design to %1").arg(name))
    , m_doc(doc)
    , m_before(QString::fromStdString(doc->design().name))
    , m_after(std::move(name))
{
    setObsolete(m_before == m_after);
}

void RenameDesignCommand::redo()
{
    m_doc->setName(m_after);
}

void RenameDesignCommand::undo()
{
    m_doc->setName(m_before);
}

ReplaceDesignCommand::ReplaceDesignCommand(DesignDocument *doc, Design after, const QString &text)
    : QUndoCommand(text)
    , m_doc(doc)
    , m_before(doc->design())
    , m_after(std::move(after))
{}

void ReplaceDesignCommand::redo()
{
    m_doc->resetDesign(m_after);
}

void ReplaceDesignCommand::undo()
{
    m_doc->resetDesign(m_before);
}

} // namespace hld
