// The main window's interview side: the Interview dock and menu, and Tools → Estimator.
#include "design_document.h"
#include "estimator_panel.h"
#include "interview_clock.h"
#include "interview_controller.h"
#include "main_window.h"
#include "prompt_library.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QMenuBar>
#include <QStatusBar>
#include <QVBoxLayout>

namespace hld {

void MainWindow::createInterview()
{
    m_interview = new InterviewController(
        this, [this] { return maybeSave(); }, PromptLibrary::shipped());
    QDockWidget *dock = m_interview->dockWidget();
    addDockWidget(Qt::RightDockWidgetArea, dock);
    tabifyDockWidget(findChild<QDockWidget *>(QStringLiteral("inspectorDock")), dock);
    dock->hide();

    QMenu *menu = menuBar()->addMenu(tr("&Interview"));
    auto add = [this, menu](const char *name, const QString &text, auto slot) {
        auto *a = menu->addAction(text);
        a->setObjectName(QString::fromLatin1(name));
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    add("practiseInterview", tr("&Practise an Interview…"), [this] { m_interview->practise(); });
    QAction *pause = add("pauseInterview", tr("P&ause / Resume the Clock"), [this] {
        InterviewClock *clock = m_interview->clock();
        if (clock->isRunning())
            clock->pause();
        else if (m_doc->design().interview && !m_doc->design().interview->finished)
            clock->resume();
    });
    pause->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    QAction *finish
        = add("finishInterview", tr("&Finish and Score"), [this] { m_interview->finish(); });
    menu->addSeparator();
    dock->toggleViewAction()->setText(tr("Show the Interview &Panel"));
    menu->addAction(dock->toggleViewAction());
    auto enable = [this, pause, finish] {
        const bool on = m_doc->design().interview.has_value();
        pause->setEnabled(on);
        finish->setEnabled(on);
    };
    connect(m_doc, &DesignDocument::documentReset, this, enable);
    connect(m_doc, &DesignDocument::interviewChanged, this, enable);
    enable();

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    QAction *estimator = tools->addAction(tr("&Estimator…"));
    estimator->setObjectName(QStringLiteral("estimator"));
    connect(estimator, &QAction::triggered, this, [this] { showEstimator(); });
}

QDialog *MainWindow::showEstimator()
{
    auto *dialog = findChild<QDialog *>(QStringLiteral("estimatorDialog"));
    if (!dialog) {
        dialog = new QDialog(this);
        dialog->setObjectName(QStringLiteral("estimatorDialog"));
        dialog->setWindowTitle(tr("Estimator"));
        auto *panel = new EstimatorPanel(m_editor, dialog);
        EstimateInput start;
        start.dau = 10'000'000; // a worked example to change, rather than zeros
        start.requestsPerUser = 10;
        panel->setInput(start);
        connect(panel, &EstimatorPanel::message, this, &MainWindow::showMessage);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        auto *layout = new QVBoxLayout(dialog);
        layout->addWidget(panel, 1);
        layout->addWidget(buttons);
        dialog->resize(460, 720);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

} // namespace hld
