// The main window's first-run side: the start page in place of the canvas, the Concepts
// browser, and the Help menu.
#include "concepts_browser.h"
#include "diagram_view.h"
#include "file_controller.h"
#include "help_dialogs.h"
#include "interview_controller.h"
#include "main_window.h"
#include "start_page.h"

#include <QAction>
#include <QDockWidget>
#include <QMenuBar>
#include <QStackedWidget>
#include <QToolBar>

namespace hld {

void MainWindow::showStartPage()
{
    if (!m_startPage) {
        m_startPage = new StartPage(this);
        m_central->addWidget(m_startPage);
        connect(m_startPage, &StartPage::templateChosen, this, [this](const QString &path) {
            newFromTemplate(path, false);
        });
        connect(m_startPage, &StartPage::blankChosen, this, [this] {
            if (maybeSave())
                m_files->newDocument();
        });
        connect(m_startPage, &StartPage::openChosen, action("open"), &QAction::trigger);
        connect(m_startPage, &StartPage::conceptsChosen, this, &MainWindow::showConcepts);
        connect(
            m_startPage, &StartPage::interviewChosen, this, [this] { m_interview->practise(); });
        connect(m_startPage, &StartPage::recentChosen, this, &MainWindow::openFile);
        connect(m_files, &FileController::recentFilesChanged, m_startPage, [this] {
            m_startPage->setRecentFiles(m_files->recentFiles());
        });
    }
    m_startPage->setRecentFiles(m_files->recentFiles());
    if (isShowingStartPage())
        return;
    // The docks and the run bar belong to a design: out of the way until there is one.
    m_dockState = saveState();
    for (auto *dock : findChildren<QDockWidget *>())
        dock->hide();
    for (auto *bar : findChildren<QToolBar *>())
        bar->hide();
    m_central->setCurrentWidget(m_startPage);
}

bool MainWindow::isShowingStartPage() const
{
    return m_startPage && m_central->currentWidget() == m_startPage;
}

void MainWindow::showCanvas()
{
    if (!isShowingStartPage())
        return;
    m_central->setCurrentWidget(m_view);
    restoreState(m_dockState);
    m_interview->syncDock(); // the state saved before the interview began had it hidden
    arrangeDocks();          // for the window's size now
    m_view->setFocus();
}

void MainWindow::showConcepts()
{
    if (!m_concepts) {
        m_concepts = new ConceptsBrowser(this);
        connect(m_concepts,
                &ConceptsBrowser::designChosen,
                this,
                [this](const Design &d, const QString &what) {
                    if (!maybeSave())
                        return;
                    m_concepts->hide(); // the design is what to look at now; F1 brings it back
                    m_files->newDocument(d);
                    m_view->zoomToFit();
                    showMessage(tr("Opened the concept %1. Press Run to watch it.").arg(what));
                });
    }
    m_concepts->show();
    m_concepts->raise();
    m_concepts->activateWindow();
}

void MainWindow::createHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    auto add = [this, help](const char *name, const QString &text, auto slot) {
        auto *a = help->addAction(text);
        a->setObjectName(QString::fromLatin1(name));
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    add("startPage", tr("&Start Page"), [this] { showStartPage(); });
    add("concepts", tr("&Concepts…"), [this] {
        showConcepts();
    })->setShortcut(QKeySequence(Qt::Key_F1));
    help->addSeparator();
    add("shortcuts", tr("&Keyboard Shortcuts"), [this] {
        showShortcuts(this);
    })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    add("designFormat", tr("The &Design Format"), [this] { showDesignFormat(this); });
    help->addSeparator();
    add("about", tr("&About HLD Studio"), [this] { showAbout(this); });
    addActions(help->actions());
}

} // namespace hld
