#include "main_window.h"

#include "component_item.h"
#include "design_document.h"
#include "design_editor.h"
#include "design_review.h"
#include "diagram_scene.h"
#include "diagram_view.h"
#include "file_controller.h"
#include "findings_list.h"
#include "inspector_widget.h"
#include "interview_controller.h"
#include "link_actions.h"
#include "link_item.h"
#include "live_charts.h"
#include "measured_load.h"
#include "minimap_view.h"
#include "palette_widget.h"
#include "region_item.h"
#include "simulation_controller.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLayout>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>

namespace hld {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_doc(new DesignDocument(this))
    , m_editor(new DesignEditor(m_doc, this))
    , m_files(new FileController(m_doc, this))
    , m_scene(new DiagramScene(m_editor, this))
    , m_view(new DiagramView(m_scene, this))
    , m_palette(new PaletteWidget(this))
    , m_inspector(new InspectorWidget(m_editor, this))
    , m_minimap(new MinimapView(m_view, this))
    , m_findings(new FindingsList(this))
    , m_measured(std::make_unique<MeasuredLoad>())
    , m_findingsTimer(new QTimer(this))
    , m_zoomLabel(new QLabel(this))
{
    setWindowIcon(QIcon(QStringLiteral(":/icons/hldstudio.svg")));
    m_central = new QStackedWidget(this);
    m_central->addWidget(m_view);
    setCentralWidget(m_central);
    setAcceptDrops(true);
    createDocks();
    createActions();
    createSimulation();
    createMenus();
    createInterview();
    createHelpMenu();
    statusBar()->addPermanentWidget(m_zoomLabel);

    connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::updateSelection);
    connect(m_doc, &DesignDocument::componentChanged, this, &MainWindow::updateSelectionActions);
    connect(m_doc, &DesignDocument::regionsChanged, this, &MainWindow::updateSelectionActions);
    connect(m_view, &DiagramView::message, this, &MainWindow::showMessage);
    auto *linkActions = new LinkActions(m_editor, this);
    connect(linkActions, &LinkActions::message, this, &MainWindow::showMessage);
    connect(m_view,
            &DiagramView::linkMenuRequested,
            linkActions,
            &LinkActions::addTo,
            Qt::DirectConnection);
    connect(m_view, &DiagramView::zoomChanged, this, [this](double z) {
        m_zoomLabel->setText(tr("Zoom %1%").arg(qRound(z * 100)));
    });
    connect(m_palette, &PaletteWidget::placeRequested, this, [this](ComponentKind kind) {
        const QPointF c = m_view->visibleCentre();
        const QString id = m_editor->addComponent(kind, Point{c.x(), c.y()});
        m_scene->selectComponents({id});
        m_view->setFocus();
    });
    connect(m_doc->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(m_files, &FileController::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_files, &FileController::recentFilesChanged, this, &MainWindow::updateRecentMenu);
    connect(m_doc, &DesignDocument::nameChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &DesignDocument::documentReset, this, &MainWindow::updateTitle);
    connect(m_doc, &DesignDocument::documentReset, this, &MainWindow::showCanvas);

    // The review reruns shortly after edits stop, not on every keystroke.
    m_findingsTimer->setSingleShot(true);
    m_findingsTimer->setInterval(300);
    connect(m_findingsTimer, &QTimer::timeout, this, &MainWindow::updateFindings);
    connect(m_doc->undoStack(),
            &QUndoStack::indexChanged,
            m_findingsTimer,
            qOverload<>(&QTimer::start));
    connect(m_doc, &DesignDocument::documentReset, this, &MainWindow::updateFindings);
    connect(m_findings, &FindingsList::componentsActivated, this, &MainWindow::showComponents);

    resize(1280, 800);
    arrangeDocks();
    m_zoomLabel->setText(tr("Zoom 100%"));
    updateTitle();
    updateRecentMenu();
    updateSelectionActions();
}

MainWindow::~MainWindow()
{
    delete m_sim; // stops the simulation thread before the document goes
    m_sim = nullptr;
    // The scene emits selectionChanged while it deletes its items; nobody here may listen.
    disconnect(m_scene, nullptr, this, nullptr);
    m_scene->blockSignals(true);
    // The document and its undo stack go with the children, after this window has stopped
    // being a MainWindow: the stack's cleanChanged from its destructor must not reach it.
    disconnect(m_doc, nullptr, this, nullptr);
    disconnect(m_doc->undoStack(), nullptr, this, nullptr);
}

QAction *MainWindow::action(const QString &name) const
{
    return findChild<QAction *>(name);
}

void MainWindow::createDocks()
{
    auto dock
        = [this](const QString &title, const QString &name, QWidget *w, Qt::DockWidgetArea area) {
              auto *d = new QDockWidget(title, this);
              d->setObjectName(name);
              d->setWidget(w);
              addDockWidget(area, d);
              return d;
          };
    dock(tr("Components"), QStringLiteral("paletteDock"), m_palette, Qt::LeftDockWidgetArea);
    dock(tr("Overview"), QStringLiteral("minimapDock"), m_minimap, Qt::LeftDockWidgetArea);
    dock(tr("Inspector"), QStringLiteral("inspectorDock"), m_inspector, Qt::RightDockWidgetArea)
        ->setMinimumWidth(300);
    dock(tr("Findings"), QStringLiteral("findingsDock"), m_findings, Qt::BottomDockWidgetArea);
    // The inspector keeps the whole right-hand side, so long property lists fit; the charts
    // run under the canvas and the palette.
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
}

void MainWindow::arrangeDocks()
{
    // The canvas gets most of the window; the docks take what they need to be read.
    auto dock
        = [this](const char *name) { return findChild<QDockWidget *>(QString::fromLatin1(name)); };
    const int w = width(), h = height();
    resizeDocks({dock("paletteDock"), dock("inspectorDock")},
                {std::clamp(w / 6, 170, 220), std::clamp(w * 2 / 9, 250, 300)},
                Qt::Horizontal);
    // In a short window the palette needs the height more than the overview map does (it is
    // back in View -> Overview).
    if (!isShowingStartPage())
        dock("minimapDock")->setVisible(h >= 760);
    resizeDocks({dock("paletteDock"), dock("minimapDock")}, {h, 120}, Qt::Vertical);
    resizeDocks({dock("chartsDock")}, {std::clamp(h / 4, 200, 250)}, Qt::Vertical);
}

void MainWindow::updateTitle()
{
    const QString name = m_doc->design().name.empty()
                             ? m_files->displayName()
                             : QString::fromStdString(m_doc->design().name);
    setWindowTitle(tr("%1[*] — HLD Studio").arg(name));
    setWindowModified(m_files->isModified());
}

void MainWindow::updateSelection()
{
    const QStringList ids = m_scene->selectedComponentIds();
    if (m_charts)
        m_charts->setSelectedComponents(ids);
    updateSelectionActions();
    const auto links = m_scene->selectedLinks();
    if (!ids.isEmpty())
        m_inspector->showComponents(ids);
    else if (links.size() == 1)
        m_inspector->showLink(links.front().from, links.front().to);
    else
        m_inspector->showNothing();
}

void MainWindow::updateSelectionActions()
{
    // The actions on the selection offer only what they would do to it: a link alone has
    // nothing to copy or duplicate (Delete removes it).
    const QStringList ids = m_scene->selectedComponentIds();
    for (const char *name : {"cut", "copy", "duplicate", "groupIntoRegion"})
        action(name)->setEnabled(!ids.isEmpty());
    action("moveOutOfRegion")
        ->setEnabled(std::any_of(ids.begin(), ids.end(), [this](const QString &id) {
            const Component *c = m_doc->component(id);
            return c && c->region;
        }));
}

void MainWindow::updateFindings()
{
    // After a run, the "hot" rule judges the utilisation the run measured.
    const Design &d = m_doc->design();
    const std::vector<double> measured = m_measured->byComponent(d);
    m_findings->setFindings(reviewDesign(d, measured), reviewRuleCount(), !measured.empty());
}

QRectF MainWindow::boundsOf(const QStringList &ids) const
{
    QRectF bounds;
    for (const QString &id : ids) {
        if (auto *item = m_scene->componentItem(id))
            bounds = bounds.united(item->sceneBoundingRect());
    }
    return bounds;
}

void MainWindow::showComponents(const QStringList &ids)
{
    m_scene->selectComponents(ids);
    const QRectF bounds = boundsOf(ids);
    if (bounds.isNull())
        return;
    m_view->centerOn(bounds.center());
    m_view->ensureVisible(bounds, 20, 20);
}

void MainWindow::showComponentsBeside(const QStringList &ids, QWidget *cover)
{
    showComponents(ids);
    QWidget *port = m_view->viewport();
    const QRect canvas(port->mapToGlobal(QPoint(0, 0)), port->size());
    if (!cover || !cover->isVisible() || !cover->frameGeometry().intersects(canvas))
        return;
    // The side with more room for the canvas: the dialog goes to the other screen edge.
    const QScreen *screen = cover->screen();
    const QRect area = screen ? screen->availableGeometry() : canvas;
    QRect frame = cover->frameGeometry();
    const bool toRight = canvas.center().x() <= area.center().x();
    frame.moveLeft(toRight ? area.right() - frame.width() + 1 : area.left());
    cover->move(frame.topLeft() + (cover->pos() - cover->frameGeometry().topLeft()));
    QRect free = canvas;
    if (toRight)
        free.setRight(std::min(canvas.right(), frame.left() - 1));
    else
        free.setLeft(std::max(canvas.left(), frame.right() + 1));
    if (free.width() < 80)
        return; // nothing useful left uncovered
    const QRectF bounds = boundsOf(ids);
    if (bounds.isNull())
        return;
    // Put the components' centre where the free part's centre is.
    const QPointF offset = m_view->mapToScene(port->mapFromGlobal(free.center()))
                           - m_view->mapToScene(port->rect().center());
    m_view->centerOn(bounds.center() - offset);
}

void MainWindow::tileWith(QWidget *other)
{
    const QScreen *screen = this->screen();
    const QRect area = screen ? screen->availableGeometry() : QRect(0, 0, 1280, 800);
    showNormal();
    other->showNormal();
    // Two windows with all their docks are wider than most screens: the docks least needed
    // for comparing make way (each can be shown again from the View menu), the other
    // window's charts first, then this one's minimap, palette, inspector and charts.
    auto widest = [](QWidget *w) {
        w->layout()->activate();
        return w->minimumSizeHint().width();
    };
    auto *otherWindow = qobject_cast<QMainWindow *>(other);
    const std::pair<QMainWindow *, const char *> makeWay[] = {{otherWindow, "chartsDock"},
                                                              {this, "minimapDock"},
                                                              {this, "paletteDock"},
                                                              {this, "inspectorDock"},
                                                              {this, "chartsDock"}};
    for (const auto &[window, name] : makeWay) {
        if (widest(this) + widest(other) <= area.width() || !window)
            break;
        if (auto *d = window->findChild<QDockWidget *>(QString::fromLatin1(name)))
            d->hide();
    }
    // Half each, or what the wider one needs; the other on the right (over this one's
    // right edge only if the two cannot fit at all).
    const int mine = std::clamp(area.width() / 2,
                                std::min(widest(this), area.width()),
                                std::max(area.width() - widest(other), widest(this)));
    const int split = std::min(mine, area.width() - widest(other));
    setGeometry(area.x(), area.y(), mine, area.height());
    other->setGeometry(area.x() + split, area.y(), area.width() - split, area.height());
}

void MainWindow::showMessage(const QString &text)
{
    statusBar()->showMessage(text, 8000);
}

bool MainWindow::openFile(const QString &path)
{
    if (!maybeSave())
        return false;
    if (auto error = m_files->open(path)) {
        QMessageBox::warning(this, tr("Cannot open design"), *error);
        return false;
    }
    m_view->zoomToFit();
    showMessage(tr("Opened %1").arg(QFileInfo(path).fileName()));
    return true;
}

void MainWindow::openDemo()
{
    const auto list = FileController::templates();
    for (const auto &[title, path] : list) {
        if (path.endsWith(QLatin1String("url-shortener.hld.json"))) {
            if (auto d = FileController::loadTemplate(path))
                m_files->newDocument(*d);
        }
    }
    m_view->zoomToFit();
}

bool MainWindow::offerRecovery()
{
    if (!m_files->hasRecovery())
        return false;
    const auto answer = QMessageBox::question(
        this,
        tr("Recover unsaved work?"),
        tr("HLD Studio did not close normally last time. Restore the design you were working "
           "on?"),
        QMessageBox::Yes | QMessageBox::No,
        QMessageBox::Yes);
    if (answer != QMessageBox::Yes) {
        m_files->discardOrphanedRecovery();
        return false;
    }
    if (auto error = m_files->restoreRecovery()) {
        QMessageBox::warning(this, tr("Cannot recover"), *error);
        return false;
    }
    m_view->zoomToFit();
    return true;
}

bool MainWindow::maybeSave()
{
    if (m_interview)
        m_interview->storeElapsed(); // the clock's time is part of the file
    if (!m_files->isModified())
        return true;
    const auto answer
        = QMessageBox::warning(this,
                               tr("Unsaved changes"),
                               tr("Save the changes to %1?").arg(m_files->displayName()),
                               QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                               QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Discard)
        return true;
    if (m_files->filePath().isEmpty())
        return saveAs();
    if (auto error = m_files->save()) {
        QMessageBox::warning(this, tr("Cannot save"), *error);
        return false;
    }
    return true;
}

bool MainWindow::saveAs()
{
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save design"), m_files->filePath(), tr("HLD designs (*.hld.json)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".json")))
        path += QLatin1String(".hld.json");
    if (auto error = m_files->saveAs(path)) {
        QMessageBox::warning(this, tr("Cannot save"), *error);
        return false;
    }
    showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()));
    return true;
}

void MainWindow::newFromTemplate(const QString &resource, bool replaceUndoably)
{
    QString error;
    const auto d = FileController::loadTemplate(resource, &error);
    if (!d) {
        QMessageBox::warning(this, tr("Cannot load template"), error);
        return;
    }
    if (replaceUndoably) {
        // The template replaces the drawing; the design keeps its name and its interview
        // session (the notes of a practice run were lost with the drawing).
        Design applied = *d;
        applied.name = m_doc->design().name;
        applied.interview = m_doc->design().interview;
        if (auto why = m_editor->replaceDesign(
                applied, tr("Apply template %1").arg(QString::fromStdString(d->name))))
            QMessageBox::warning(this, tr("Cannot apply template"), *why);
    } else {
        if (!maybeSave())
            return;
        m_files->newDocument(*d);
    }
    m_view->zoomToFit();
}

void MainWindow::showEvent(QShowEvent *e)
{
    QMainWindow::showEvent(e);
    if (!std::exchange(m_shown, true)) {
        arrangeDocks(); // at the size the window really has
        // A design opened before the window had its size was fitted to a tiny viewport.
        QTimer::singleShot(0, m_view, &DiagramView::zoomToFit);
    }
}

void MainWindow::closeEvent(QCloseEvent *e)
{
    if (!maybeSave()) {
        e->ignore();
        return;
    }
    m_files->discardRecovery();
    e->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *e)
{
    if (e->mimeData()->hasUrls())
        e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *e)
{
    const auto urls = e->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile())
        openFile(urls.front().toLocalFile());
}

} // namespace hld
