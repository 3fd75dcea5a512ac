#pragma once

#include <QObject>

class QMenu;

namespace hld {

class DesignEditor;

// A link's own entries in its right-click menu: how it calls (waits for the answer, or
// fire and forget) and which requests it carries. Each is an undoable edit; a refused
// one (an asynchronous loop, say) is explained through message() and changes nothing.
class LinkActions : public QObject
{
    Q_OBJECT

public:
    explicit LinkActions(DesignEditor *editor, QObject *parent = nullptr);

    void addTo(const QString &from, const QString &to, QMenu *menu);

signals:
    void message(const QString &text);

private:
    DesignEditor *m_editor;
};

} // namespace hld
