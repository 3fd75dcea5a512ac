#pragma once

#include "model/interview.h"

#include <QWidget>

#include <array>
#include <optional>

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTextBrowser;
class QToolButton;

namespace hld {

class DesignEditor;

// The guide's back-of-the-envelope calculator: the inputs (DAU, requests per user, read
// ratio, peak factor, payload, retention, cache share, server capacity), the results live
// with every step of the arithmetic, the guide's reference numbers at hand, and "Apply to
// design" (the clients' rps and read ratio, one undo step).
class EstimatorPanel : public QWidget
{
    Q_OBJECT

public:
    enum Field {
        Dau,
        RequestsPerUser,
        ReadRatio,
        PeakFactor,
        Payload,
        Retention,
        CacheShare,
        ServerRps,
        FieldCount
    };

    explicit EstimatorPanel(DesignEditor *editor, QWidget *parent = nullptr);

    EstimateInput input() const;
    void setInput(const EstimateInput &in); // without emitting inputEdited
    QDoubleSpinBox *spinBox(Field f) const { return m_spin[std::size_t(f)]; }
    QPushButton *applyButton() const { return m_apply; }
    QString resultsText() const; // what the results pane shows, as plain text
    // Applies the estimate's peak rps and read ratio to the clients; the reason on refusal.
    std::optional<QString> applyToDesign();

signals:
    void inputEdited(const hld::EstimateInput &in, int field);
    void message(const QString &text);

private:
    void recompute();

    DesignEditor *m_editor;
    std::array<QDoubleSpinBox *, FieldCount> m_spin{};
    QTextBrowser *m_results;
    QToolButton *m_numbersToggle;
    QLabel *m_numbers;
    QPushButton *m_apply;
    QLabel *m_status;
    double m_peakRps = 0;
};

} // namespace hld
