#pragma once

#include "model/interview.h"

#include <QString>
#include <QUndoCommand>

#include <optional>

namespace hld {

class DesignDocument;

// Any edit of the mock interview kept in the document: its notes, API rows, estimate inputs,
// phase lengths, prompt, or starting and ending it. Consecutive edits of one field (typing
// in a notes pane, spinning a number) merge into one undo step. The clock's reading is not
// an edit: undo and redo keep the elapsed time the document has now.
class SetInterviewCommand : public QUndoCommand
{
public:
    enum { MergeId = 0x494e5456 }; // 'INTV'
    // `mergeField` >= 0 names the field edited; edits of the same field merge.
    SetInterviewCommand(DesignDocument *doc,
                        std::optional<Interview> after,
                        const QString &text,
                        int mergeField = -1);
    void redo() override;
    void undo() override;
    int id() const override { return m_mergeField >= 0 ? MergeId : -1; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    void apply(std::optional<Interview> value);

    DesignDocument *m_doc;
    std::optional<Interview> m_before;
    std::optional<Interview> m_after;
    int m_mergeField;
};

} // namespace hld
