#pragma once

#include "interview_scoring.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;
class QTreeWidget;

namespace hld {

// The score of a finished mock interview: the total, each rubric heading with its points
// and specific feedback, and the drills (drill, fault, P99, availability, busiest
// component, passed). Clicking a feedback line or a drill selects its components on the
// canvas. From here: the reference design side by side, and the session report.
class InterviewScoreView : public QDialog
{
    Q_OBJECT

public:
    explicit InterviewScoreView(QWidget *parent = nullptr);

    void setOutcome(const QString &promptTitle, const InterviewOutcome &outcome);
    QTreeWidget *rubric() const { return m_rubric; }
    QTableWidget *drills() const { return m_drills; }
    QLabel *total() const { return m_total; }

    static constexpr int ComponentsRole = Qt::UserRole; // QStringList

signals:
    void componentsActivated(const QStringList &ids);
    void openReferenceRequested();
    void exportReportRequested();

private:
    QLabel *m_total;
    QTreeWidget *m_rubric;
    QTableWidget *m_drills;
    QPushButton *m_reference;
    QPushButton *m_report;
};

} // namespace hld
