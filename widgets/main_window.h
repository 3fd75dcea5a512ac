#pragma once

#include <QMainWindow>

#include <memory>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QTimer;

namespace hld {

class DesignDocument;
class DesignEditor;
class DiagramScene;
class DiagramView;
class FaultInjector;
class FindingsList;
class InterviewController;
class FileController;
class InspectorWidget;
class LiveCharts;
class RunToolbar;
class SimulationController;
class MinimapView;
class PaletteWidget;
class StartPage;
struct Design;

// Composes the window: canvas in the centre, palette and minimap on the left, inspector on
// the right, findings at the bottom, and the menus. The logic lives in the pieces.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    DesignDocument *document() const { return m_doc; }
    DesignEditor *editor() const { return m_editor; }
    FileController *files() const { return m_files; }
    DiagramView *view() const { return m_view; }
    DiagramScene *scene() const { return m_scene; }
    PaletteWidget *palette() const { return m_palette; }
    InspectorWidget *inspector() const { return m_inspector; }
    SimulationController *simulation() const { return m_sim; }
    LiveCharts *charts() const { return m_charts; }
    class TraceView *trace() const { return m_trace; }
    FaultInjector *faults() const { return m_faults; }
    RunToolbar *runToolbar() const { return m_runBar; }
    FindingsList *findings() const { return m_findings; }
    InterviewController *interview() const { return m_interview; }
    // Selects these components and scrolls the canvas to show them.
    void showComponents(const QStringList &ids);
    // The same, for a window over this one (the interview's score): it moves to the side of
    // the screen, and the components are centred in the part of the canvas it leaves free.
    void showComponentsBeside(const QStringList &ids, QWidget *cover);
    // Tools → Estimator: the estimator outside an interview (created on first use).
    class QDialog *showEstimator();
    // Arranges this window on the left half of its screen and `other` on the right.
    void tileWith(QWidget *other);
    QAction *action(const QString &name) const; // by objectName, for tests and menus

    bool openFile(const QString &path); // shows the loader's message on failure
    void openDemo();
    // The start page in place of the canvas, until a design is chosen or opened.
    void showStartPage();
    bool isShowingStartPage() const;
    StartPage *startPage() const { return m_startPage; }
    // The Concepts browser (created on first use), shown and raised.
    void showConcepts();
    class ConceptsBrowser *conceptsBrowser() const { return m_concepts; }
    // Offers a crash-recovery copy if one exists; returns true if it was restored.
    bool offerRecovery();

protected:
    void closeEvent(QCloseEvent *e) override;
    void showEvent(QShowEvent *e) override;
    void dragEnterEvent(QDragEnterEvent *e) override;
    void dropEvent(QDropEvent *e) override;

private:
    QRectF boundsOf(const QStringList &ids) const; // in the scene; null if none is drawn
    void createActions();
    void createMenus();
    void createDocks();
    void createHelpMenu();
    void createInterview(); // main_window_interview.cpp
    void showCanvas();
    void arrangeDocks();
    void updateTitle();
    void updateSelection();
    void updateRecentMenu();
    void updateFindings();
    void updateSelectionActions();
    bool maybeSave();
    bool saveAs();
    void newFromTemplate(const QString &resource, bool replaceUndoably);
    void copySelection();
    void paste();
    void showMessage(const QString &text);
    void createSimulation();
    void onSnapshot(const std::shared_ptr<const struct LiveSnapshot> &snapshot);
    void clearLiveViews();

    DesignDocument *m_doc;
    DesignEditor *m_editor;
    FileController *m_files;
    DiagramScene *m_scene;
    DiagramView *m_view;
    PaletteWidget *m_palette;
    InspectorWidget *m_inspector;
    MinimapView *m_minimap;
    FindingsList *m_findings;
    std::unique_ptr<class MeasuredLoad> m_measured;
    InterviewController *m_interview = nullptr;
    SimulationController *m_sim = nullptr;
    LiveCharts *m_charts = nullptr;
    class TraceView *m_trace = nullptr;
    RunToolbar *m_runBar = nullptr;
    FaultInjector *m_faults = nullptr;
    QTimer *m_animation = nullptr;
    std::uint64_t m_generation = 0;
    QTimer *m_findingsTimer;
    QLabel *m_zoomLabel;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_templateMenu = nullptr;
    QMenu *m_applyTemplateMenu = nullptr;
    QStackedWidget *m_central = nullptr;
    StartPage *m_startPage = nullptr;
    class ConceptsBrowser *m_concepts = nullptr;
    QByteArray m_dockState; // the docks as they were before the start page hid them
    int m_pasteCount = 0;
    bool m_shown = false;
};

} // namespace hld
