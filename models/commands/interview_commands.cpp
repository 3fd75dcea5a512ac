#include "interview_commands.h"

#include "design_document.h"

namespace hld {

SetInterviewCommand::SetInterviewCommand(DesignDocument *doc,
                                         std::optional<Interview> after,
                                         const QString &text,
                                         int mergeField)
    : QUndoCommand(text)
    , m_doc(doc)
    , m_before(doc->design().interview)
    , m_after(std::move(after))
    , m_mergeField(mergeField)
{
    setObsolete(m_before == m_after);
}

void SetInterviewCommand::apply(std::optional<Interview> value)
{
    const auto &now = m_doc->design().interview;
    if (value && now)
        value->elapsedS = now->elapsedS;
    m_doc->setInterview(value);
}

void SetInterviewCommand::redo()
{
    apply(m_after);
}

void SetInterviewCommand::undo()
{
    apply(m_before);
}

bool SetInterviewCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetInterviewCommand *>(other);
    if (o->m_mergeField != m_mergeField)
        return false;
    m_after = o->m_after;
    // Typing and then deleting what was typed leaves nothing to undo.
    auto comparable = m_before;
    if (comparable && m_after)
        comparable->elapsedS = m_after->elapsedS;
    setObsolete(comparable == m_after);
    return true;
}

} // namespace hld
