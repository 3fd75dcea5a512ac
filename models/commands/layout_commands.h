#pragma once

#include "model/design.h"

#include <QMap>
#include <QString>
#include <QUndoCommand>

#include <vector>

namespace hld {

class DesignDocument;

struct PositionChange
{
    Point before;
    Point after;
};

// Moves components: a drag, align/distribute, auto-layout. Consecutive drags of the same
// selection merge into one undo step.
class MoveComponentsCommand : public QUndoCommand
{
public:
    enum { MergeId = 0x4d4f5645 }; // 'MOVE'
    MoveComponentsCommand(DesignDocument *doc,
                          QMap<QString, PositionChange> moves,
                          const QString &text,
                          bool mergeable = true);
    void redo() override;
    void undo() override;
    int id() const override { return m_mergeable ? MergeId : -1; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    DesignDocument *m_doc;
    QMap<QString, PositionChange> m_moves;
    bool m_mergeable;
};

// Adds, removes, renames, moves or resizes region frames.
class SetRegionsCommand : public QUndoCommand
{
public:
    SetRegionsCommand(DesignDocument *doc,
                      std::vector<Region> before,
                      std::vector<Region> after,
                      const QString &text,
                      QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    DesignDocument *m_doc;
    std::vector<Region> m_before;
    std::vector<Region> m_after;
};

class RenameDesignCommand : public QUndoCommand
{
public:
    RenameDesignCommand(DesignDocument *doc, QString name);
    void redo() override;
    void undo() override;

private:
    DesignDocument *m_doc;
    QString m_before;
    QString m_after;
};

// Replaces the whole design: New from template, Apply template.
class ReplaceDesignCommand : public QUndoCommand
{
public:
    ReplaceDesignCommand(DesignDocument *doc, Design after, const QString &text);
    void redo() override;
    void undo() override;

private:
    DesignDocument *m_doc;
    Design m_before;
    Design m_after;
};

} // namespace hld
