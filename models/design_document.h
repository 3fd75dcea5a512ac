#pragma once

#include "model/design.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <optional>

namespace hld {

// The open design and its undo history. The document is the truth: the canvas, the
// inspector and the simulator mirror it. Views never change it directly; they push
// commands (models/commands), and commands call the mutators below, which emit the
// fine-grained signals the views listen to.
class DesignDocument : public QObject
{
    Q_OBJECT

public:
    explicit DesignDocument(QObject *parent = nullptr);

    const Design &design() const { return m_design; }
    QUndoStack *undoStack() { return &m_undo; }

    const Component *component(const QString &id) const;
    int componentIndex(const QString &id) const;
    int linkIndex(const QString &from, const QString &to) const;

    // Why a link from -> to cannot be made, or nothing if it can.
    std::optional<QString>
    linkRefusal(const QString &from, const QString &to, LinkMode mode = LinkMode::Sync) const;
    // `base` if free, else base2, base3, ...
    QString uniqueId(const QString &base) const;
    QString uniqueRegionName(const QString &base) const;

    // --- mutators, for commands only ---------------------------------------------------------
    void insertComponent(int index, const Component &c);
    void removeComponentAt(int index);
    void replaceComponent(int index, const Component &c); // may rename: links follow
    void setPosition(const QString &id, Point p);
    void insertLink(int index, const Link &l);
    void removeLinkAt(int index);
    void replaceLink(int index, const Link &l);
    void setRegions(const std::vector<Region> &regions);
    void setName(const QString &name);
    void setInterview(const std::optional<Interview> &interview);
    // The interview clock's reading: not an edit (no undo step), but the file changes, so
    // the document is marked modified.
    void storeInterviewElapsed(double elapsedS);
    void resetDesign(const Design &d); // replaces everything; emits documentReset

signals:
    void componentAdded(const QString &id);
    void componentRemoved(const QString &id);
    void componentChanged(const QString &id); // any field but position
    void componentRenamed(const QString &oldId, const QString &newId);
    void componentMoved(const QString &id);
    void linkAdded(const QString &from, const QString &to);
    void linkRemoved(const QString &from, const QString &to);
    void linkChanged(const QString &from, const QString &to);
    void regionsChanged();
    void nameChanged();
    void interviewChanged();
    void documentReset();

private:
    bool wouldCloseCycle(const QString &from, const QString &to) const;

    Design m_design;
    QUndoStack m_undo;
};

} // namespace hld
