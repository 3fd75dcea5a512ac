#pragma once

#include <QObject>

#include <functional>

class QAction;
class QMenu;

namespace hld {

class MainWindow;

// File → Import…, Export…, Export Report…: the actions and what they open. The main window
// only adds them to its File menu; the dialogs hold the logic.
class InterchangeActions : public QObject
{
    Q_OBJECT

public:
    // `maybeSave` asks about unsaved changes before an import replaces the design.
    InterchangeActions(MainWindow *window, std::function<bool()> maybeSave);

    void addTo(QMenu *file);
    void importFile(const QString &path); // the File → Import flow after the file dialog

private:
    void importDiagram();
    void exportDiagram();
    void exportReport();
    QString suggestedPath() const;

    MainWindow *m_window;
    std::function<bool()> m_maybeSave;
    QAction *m_import;
    QAction *m_export;
    QAction *m_report;
};

} // namespace hld
