#pragma once

#include "concept_library.h"

#include <QDialog>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTextBrowser;

namespace hld {

class ConceptComparison;

// The Concepts browser: every concept of the library with its explanation. "Open" hands the
// chosen variant's design to the window as a new document; "Compare" runs both variants in
// the background and shows P50, P99, the error rate and the concept's own counters side by
// side, the better value of each row marked.
class ConceptsBrowser : public QDialog
{
    Q_OBJECT

public:
    explicit ConceptsBrowser(QWidget *parent = nullptr);
    ~ConceptsBrowser() override;

    const ConceptLibrary &library() const { return m_library; }
    bool select(const QString &id); // false if there is no such concept
    QString currentId() const;

    // For tests.
    QListWidget *list() const { return m_list; }
    QTextBrowser *explanation() const { return m_text; }
    QTableWidget *table() const { return m_table; }
    QPushButton *compareButton() const { return m_compare; }
    QPushButton *openOnButton() const { return m_openOn; }
    QPushButton *openOffButton() const { return m_openOff; }
    QProgressBar *progress() const { return m_progress; }
    ConceptComparison *comparison() const { return m_comparison; }

signals:
    // A design to open as a new document, with the concept's title and variant for the status.
    void designChosen(const hld::Design &design, const QString &what);

private:
    void showConcept(int row);
    void open(Concept::Variant v);
    void compare();
    void showComparison();
    void clearComparison();
    const Concept *current() const;

    ConceptLibrary m_library;
    ConceptComparison *m_comparison;
    QListWidget *m_list;
    QLabel *m_title;
    QLabel *m_section;
    QTextBrowser *m_text;
    QLabel *m_variants;
    QPushButton *m_openOn;
    QPushButton *m_openOff;
    QPushButton *m_compare;
    QProgressBar *m_progress;
    QLabel *m_compareTitle;
    QTableWidget *m_table;
};

} // namespace hld
