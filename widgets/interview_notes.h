#pragma once

#include "model/interview.h"

#include <QTabWidget>

#include <array>
#include <functional>

class QPlainTextEdit;
class QTableWidget;

namespace hld {

class DesignEditor;
class EstimatorPanel;

// The notes of a mock interview, one tab a phase: requirements and questions asked,
// estimation (the estimator and free text), the API as a small table, deep dive, failure
// modes, trade-offs. Every edit is an undoable command on the document; typing in one
// field merges into one undo step. It mirrors the document's interview when that changes.
class InterviewNotes : public QTabWidget
{
    Q_OBJECT

public:
    enum Tab { Requirements, Estimation, Api, DeepDive, Failures, TradeOffs };
    // Fields for merging consecutive edits (SetInterviewCommand's mergeField).
    enum MergeField {
        RequirementsText,
        EstimatesText,
        DeepDiveText,
        FailuresText,
        TradeOffsText,
        EstimateInputs = 10
    };

    explicit InterviewNotes(DesignEditor *editor, QWidget *parent = nullptr);

    void refresh(); // from the document's interview
    static Tab tabForPhase(InterviewPhase p);
    void showPhase(InterviewPhase p) { setCurrentIndex(tabForPhase(p)); }

    EstimatorPanel *estimator() const { return m_estimator; }
    QTableWidget *apiTable() const { return m_api; }
    QPlainTextEdit *textEdit(MergeField f) const;

    void addApiRow();
    void removeSelectedApiRows();

signals:
    void message(const QString &text);

protected:
    // Delete and Backspace in the API table remove its selected rows instead of reaching
    // the window's Delete action (which removes the canvas selection).
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPlainTextEdit *makeText(MergeField field, const QString &placeholder);
    void edit(const std::function<void(Interview &)> &change, const QString &text, int field);
    void storeApiTable();

    DesignEditor *m_editor;
    EstimatorPanel *m_estimator;
    QTableWidget *m_api;
    std::array<QPlainTextEdit *, 5> m_texts{};
    bool m_refreshing = false;
};

} // namespace hld
