// The menus and shortcuts of the main window, and the small glue each action needs.
#include "clipboard_codec.h"
#include "design_document.h"
#include "design_editor.h"
#include "diagram_scene.h"
#include "diagram_view.h"
#include "file_controller.h"
#include "interchange_actions.h"
#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QUndoStack>

namespace hld {

namespace {

QAction *make(QObject *parent,
              const QString &name,
              const QString &text,
              const QList<QKeySequence> &keys = {})
{
    auto *a = new QAction(text, parent);
    a->setObjectName(name);
    a->setShortcuts(keys);
    return a;
}

} // namespace

void MainWindow::createActions()
{
    // File
    connect(make(this, "new", tr("&New"), QKeySequence::keyBindings(QKeySequence::New)),
            &QAction::triggered,
            this,
            [this] {
                if (maybeSave())
                    m_files->newDocument();
            });
    connect(make(this, "open", tr("&Open…"), QKeySequence::keyBindings(QKeySequence::Open)),
            &QAction::triggered,
            this,
            [this] {
                const QString path
                    = QFileDialog::getOpenFileName(this,
                                                   tr("Open design"),
                                                   QFileInfo(m_files->filePath()).path(),
                                                   tr("HLD designs (*.hld.json *.json)"));
                if (!path.isEmpty())
                    openFile(path);
            });
    connect(make(this, "save", tr("&Save"), QKeySequence::keyBindings(QKeySequence::Save)),
            &QAction::triggered,
            this,
            [this] {
                if (m_files->filePath().isEmpty()) {
                    saveAs();
                } else if (auto error = m_files->save()) {
                    QMessageBox::warning(this, tr("Cannot save"), *error);
                } else {
                    showMessage(tr("Saved %1").arg(m_files->displayName()));
                }
            });
    connect(make(this, "saveAs", tr("Save &As…"), QKeySequence::keyBindings(QKeySequence::SaveAs)),
            &QAction::triggered,
            this,
            [this] { saveAs(); });
    connect(make(this, "quit", tr("&Quit"), QKeySequence::keyBindings(QKeySequence::Quit)),
            &QAction::triggered,
            this,
            &QWidget::close);

    // Edit
    QUndoStack *undo = m_doc->undoStack();
    QAction *undoAction = undo->createUndoAction(this, tr("&Undo"));
    undoAction->setObjectName("undo");
    undoAction->setShortcuts(QKeySequence::Undo);
    QAction *redoAction = undo->createRedoAction(this, tr("&Redo"));
    redoAction->setObjectName("redo");
    redoAction->setShortcuts(QKeySequence::Redo);
    connect(make(this, "cut", tr("Cu&t"), QKeySequence::keyBindings(QKeySequence::Cut)),
            &QAction::triggered,
            this,
            [this] {
                copySelection();
                m_editor->remove(m_scene->selectedComponentIds(), m_scene->selectedLinks());
            });
    connect(make(this, "copy", tr("&Copy"), QKeySequence::keyBindings(QKeySequence::Copy)),
            &QAction::triggered,
            this,
            &MainWindow::copySelection);
    connect(make(this, "paste", tr("&Paste"), QKeySequence::keyBindings(QKeySequence::Paste)),
            &QAction::triggered,
            this,
            &MainWindow::paste);
    connect(make(this, "duplicate", tr("D&uplicate"), {QKeySequence(tr("Ctrl+D"))}),
            &QAction::triggered,
            this,
            [this] {
                const QStringList ids = m_editor->duplicate(m_scene->selectedComponentIds());
                m_scene->selectComponents(ids);
            });
    connect(make(this,
                 "delete",
                 tr("&Delete"),
                 {QKeySequence(QKeySequence::Delete), QKeySequence(Qt::Key_Backspace)}),
            &QAction::triggered,
            this,
            [this] {
                const QStringList regions = m_scene->selectedRegions();
                const QStringList ids = m_scene->selectedComponentIds();
                const auto links = m_scene->selectedLinks();
                if (ids.isEmpty() && links.empty()) {
                    m_editor->removeRegions(regions);
                    return;
                }
                m_editor->remove(ids, links);
            });
    connect(make(this,
                 "selectAll",
                 tr("Select &All"),
                 QKeySequence::keyBindings(QKeySequence::SelectAll)),
            &QAction::triggered,
            this,
            [this] {
                for (auto *item : m_scene->items())
                    item->setSelected(item->flags() & QGraphicsItem::ItemIsSelectable);
            });

    // View
    connect(make(this,
                 "zoomIn",
                 tr("Zoom &In"),
                 {QKeySequence(QKeySequence::ZoomIn), QKeySequence(tr("Ctrl+="))}),
            &QAction::triggered,
            m_view,
            [this] { m_view->zoomBy(1.25); });
    connect(
        make(this, "zoomOut", tr("Zoom &Out"), QKeySequence::keyBindings(QKeySequence::ZoomOut)),
        &QAction::triggered,
        m_view,
        [this] { m_view->zoomBy(0.8); });
    connect(make(this, "zoomReset", tr("&Actual Size"), {QKeySequence(tr("Ctrl+0"))}),
            &QAction::triggered,
            m_view,
            [this] { m_view->setZoom(1.0); });
    connect(make(this,
                 "zoomFit",
                 tr("Zoom to &Fit"),
                 {QKeySequence(tr("Ctrl+Shift+H")), QKeySequence(tr("Shift+1"))}),
            &QAction::triggered,
            m_view,
            &DiagramView::zoomToFit);
    QAction *snap = make(this, "snapToGrid", tr("&Snap to Grid"));
    snap->setCheckable(true);
    snap->setChecked(true);
    connect(snap, &QAction::toggled, m_scene, &DiagramScene::setSnapToGrid);

    // Arrange
    const std::pair<const char *, Alignment> aligns[] = {
        {"alignLeft", Alignment::Left},
        {"alignRight", Alignment::Right},
        {"alignTop", Alignment::Top},
        {"alignBottom", Alignment::Bottom},
        {"centerHorizontally", Alignment::CenterHorizontally},
        {"centerVertically", Alignment::CenterVertically},
        {"distributeHorizontally", Alignment::DistributeHorizontally},
        {"distributeVertically", Alignment::DistributeVertically},
    };
    const QStringList alignTexts = {tr("Align &Left"),
                                    tr("Align &Right"),
                                    tr("Align &Top"),
                                    tr("Align &Bottom"),
                                    tr("Same &Column"),
                                    tr("Same Ro&w"),
                                    tr("Distribute &Horizontally"),
                                    tr("Distribute &Vertically")};
    for (int i = 0; i < 8; ++i) {
        const Alignment how = aligns[i].second;
        connect(make(this, aligns[i].first, alignTexts[i]), &QAction::triggered, this, [this, how] {
            m_editor->alignSelection(m_scene->selectedComponentIds(), how);
        });
    }
    connect(make(this, "autoLayout", tr("Auto-&Layout"), {QKeySequence(tr("Ctrl+Shift+L"))}),
            &QAction::triggered,
            this,
            [this] {
                if (auto why = m_editor->autoLayout())
                    showMessage(*why);
                else
                    m_view->zoomToFit();
            });
    connect(make(this, "groupIntoRegion", tr("&Group into Region"), {QKeySequence(tr("Ctrl+G"))}),
            &QAction::triggered,
            this,
            [this] {
                const QStringList ids = m_scene->selectedComponentIds();
                if (ids.isEmpty()) {
                    showMessage(tr("Select the components the region should hold."));
                    return;
                }
                showMessage(tr("Created region %1").arg(m_editor->addRegion(ids)));
            });
    connect(
        make(
            this, "moveOutOfRegion", tr("Move &Out of Region"), {QKeySequence(tr("Ctrl+Shift+G"))}),
        &QAction::triggered,
        this,
        [this] { m_editor->moveOutOfRegion(m_scene->selectedComponentIds()); });

    for (auto *a : findChildren<QAction *>())
        addAction(a); // shortcuts work wherever the focus is in the window
}

void MainWindow::createMenus()
{
    m_view->setContextActions(
        {action("cut"),
         action("copy"),
         action("duplicate"),
         action("delete"),
         action("groupIntoRegion"),
         action("moveOutOfRegion")},
        {action("paste"), action("selectAll"), action("autoLayout"), action("zoomFit")});

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(action("new"));
    m_templateMenu = file->addMenu(tr("New from &Template"));
    file->addAction(action("open"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(action("save"));
    file->addAction(action("saveAs"));
    file->addSeparator();
    (new InterchangeActions(this, [this] { return maybeSave(); }))->addTo(file); // issue 9
    file->addSeparator();
    file->addAction(action("quit"));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    for (const char *name :
         {"undo", "redo", "", "cut", "copy", "paste", "duplicate", "delete", "", "selectAll"}) {
        if (*name)
            edit->addAction(action(name));
        else
            edit->addSeparator();
    }

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (const char *name : {"zoomIn", "zoomOut", "zoomReset", "zoomFit", "", "snapToGrid"}) {
        if (*name)
            view->addAction(action(name));
        else
            view->addSeparator();
    }
    view->addSeparator();
    for (auto *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());

    QMenu *arrange = menuBar()->addMenu(tr("&Arrange"));
    QMenu *align = arrange->addMenu(tr("&Align"));
    for (const char *name : {"alignLeft",
                             "alignRight",
                             "alignTop",
                             "alignBottom",
                             "centerHorizontally",
                             "centerVertically"})
        align->addAction(action(name));
    QMenu *distribute = arrange->addMenu(tr("&Distribute"));
    distribute->addAction(action("distributeHorizontally"));
    distribute->addAction(action("distributeVertically"));
    arrange->addAction(action("autoLayout"));
    arrange->addSeparator();
    arrange->addAction(action("groupIntoRegion"));
    arrange->addAction(action("moveOutOfRegion"));

    QMenu *simulate = menuBar()->addMenu(tr("&Simulate"));
    for (const char *name : {"run",
                             "step",
                             "reset",
                             "",
                             "killComponent",
                             "restoreComponent",
                             "killReplica",
                             "addLatency",
                             "errorRate",
                             "flushCache",
                             "partition",
                             "healAll"}) {
        if (*name)
            simulate->addAction(action(name));
        else
            simulate->addSeparator();
    }

    QMenu *templates = menuBar()->addMenu(tr("&Templates"));
    // The safe way first (a new design), as under File; then replacing this one.
    templates->addAction(m_templateMenu->menuAction());
    m_applyTemplateMenu = templates->addMenu(tr("&Apply to This Design (undoable)"));
    for (const auto &[title, path] : FileController::templates()) {
        const QString resource = path;
        m_templateMenu->addAction(
            title, this, [this, resource] { newFromTemplate(resource, false); });
        m_applyTemplateMenu->addAction(
            title, this, [this, resource] { newFromTemplate(resource, true); });
    }
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = m_files->recentFiles();
    for (const QString &path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openFile(path); })
            ->setToolTip(path);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::copySelection()
{
    const QStringList ids = m_scene->selectedComponentIds();
    if (ids.isEmpty())
        return;
    const QString json = m_editor->copy(ids);
    auto *mime = new QMimeData;
    mime->setData(QString::fromLatin1(kDesignMimeType), json.toUtf8());
    mime->setText(json); // another window, another instance, or a text editor
    QApplication::clipboard()->setMimeData(mime);
    m_pasteCount = 0;
    showMessage(
        (ids.size() == 1 ? tr("Copied 1 component") : tr("Copied %1 components").arg(ids.size())));
}

void MainWindow::paste()
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (!mime)
        return;
    const QString text = mime->hasFormat(QString::fromLatin1(kDesignMimeType))
                             ? QString::fromUtf8(mime->data(QString::fromLatin1(kDesignMimeType)))
                             : mime->text();
    // Each paste of the same copy lands a little further down-right.
    const double step = 40 * (++m_pasteCount);
    QStringList ids;
    if (auto why = m_editor->paste(text, Point{step, step}, &ids)) {
        showMessage(*why);
        return;
    }
    m_scene->selectComponents(ids);
}

} // namespace hld
