#include "interchange_actions.h"

#include "design_document.h"
#include "design_import.h"
#include "diagram_scene.h"
#include "diagram_view.h"
#include "export_dialog.h"
#include "file_controller.h"
#include "import_dialog.h"
#include "main_window.h"
#include "report_dialog.h"
#include "simulation_controller.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QStatusBar>

namespace hld {

InterchangeActions::InterchangeActions(MainWindow *window, std::function<bool()> maybeSave)
    : QObject(window)
    , m_window(window)
    , m_maybeSave(std::move(maybeSave))
    , m_import(new QAction(tr("&Import…"), window))
    , m_export(new QAction(tr("&Export…"), window))
    , m_report(new QAction(tr("Export &Report…"), window))
{
    m_import->setObjectName(QStringLiteral("importDiagram"));
    m_import->setToolTip(tr("Open a draw.io or Mermaid diagram as a new design"));
    m_import->setShortcut(QKeySequence(tr("Ctrl+I")));
    m_export->setObjectName(QStringLiteral("exportDiagram"));
    m_export->setToolTip(tr("Export the diagram as PNG, SVG, PDF, Mermaid, DOT or draw.io"));
    m_export->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_report->setObjectName(QStringLiteral("exportReport"));
    m_report->setToolTip(tr("Run the design and write a report (HTML, PDF or Markdown)"));
    m_report->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    for (QAction *a : {m_import, m_export, m_report})
        window->addAction(a); // shortcuts work wherever the focus is
    connect(m_import, &QAction::triggered, this, &InterchangeActions::importDiagram);
    connect(m_export, &QAction::triggered, this, &InterchangeActions::exportDiagram);
    connect(m_report, &QAction::triggered, this, &InterchangeActions::exportReport);
}

void InterchangeActions::addTo(QMenu *file)
{
    file->addAction(m_import);
    file->addAction(m_export);
    file->addAction(m_report);
}

QString InterchangeActions::suggestedPath() const
{
    const QString path = m_window->files()->filePath();
    if (!path.isEmpty()) {
        QString base = QFileInfo(path).fileName();
        base = base.left(base.indexOf(QLatin1Char('.')) > 0 ? base.indexOf(QLatin1Char('.'))
                                                            : base.size());
        return QFileInfo(path).dir().filePath(base);
    }
    QString name = QString::fromStdString(m_window->document()->design().name).simplified();
    name.replace(QLatin1Char(' '), QLatin1Char('-'));
    name.remove(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")));
    return QDir::home().filePath(name.isEmpty() ? QStringLiteral("design") : name.toLower());
}

void InterchangeActions::importDiagram()
{
    const QString path = QFileDialog::getOpenFileName(
        m_window,
        tr("Import diagram"),
        QFileInfo(m_window->files()->filePath()).path(),
        tr("Diagrams (*.drawio *.xml *.mmd *.mermaid *.md);;draw.io (*.drawio *.xml);;"
           "Mermaid (*.mmd *.mermaid *.md)"));
    if (!path.isEmpty())
        importFile(path);
}

void InterchangeActions::importFile(const QString &path)
{
    const DiagramRead read = readDiagramFile(path);
    if (!read.graph) {
        QMessageBox::warning(m_window, tr("Cannot import"), read.error);
        return;
    }
    ImportDialog dialog(*read.graph, QFileInfo(path).fileName(), m_window);
    if (dialog.exec() != QDialog::Accepted || !m_maybeSave())
        return;
    m_window->files()->newDocument(dialog.design());
    m_window->view()->zoomToFit();
    m_window->statusBar()->showMessage(
        tr("Imported %1: save it to keep it as a design").arg(QFileInfo(path).fileName()), 8000);
}

void InterchangeActions::exportDiagram()
{
    LiveSnapshotPtr live = m_window->simulation() ? m_window->simulation()->latest() : nullptr;
    if (live && live->simTimeS <= 0)
        live = nullptr;
    ExportDialog dialog(m_window->document()->design(),
                        m_window->scene()->selectedComponentIds(),
                        live,
                        m_window->simulation() ? m_window->simulation()->seed() : 1,
                        suggestedPath(),
                        m_window);
    if (dialog.exec() == QDialog::Accepted)
        m_window->statusBar()->showMessage(tr("Exported %1").arg(dialog.lastWritten()), 8000);
}

void InterchangeActions::exportReport()
{
    ReportDialog dialog(m_window->document()->design(),
                        m_window->simulation() ? m_window->simulation()->seed() : 1,
                        suggestedPath(),
                        m_window);
    dialog.exec();
}

} // namespace hld
