#pragma once

#include "analysis/flow.h"

#include <QListWidget>

#include <vector>

namespace hld {

// The Findings dock's list: each finding of the design review with its severity icon, its
// rule id and its message, the fix as tooltip. Clicking one asks for every component it
// involves to be selected and shown.
class FindingsList : public QListWidget
{
    Q_OBJECT

public:
    explicit FindingsList(QWidget *parent = nullptr);

    // `ruleCount`: how many rules ran, for the message when none fired. `measured`: the
    // review used a run's utilisation.
    void setFindings(const std::vector<Finding> &findings, int ruleCount, bool measured);

    static constexpr int ComponentsRole = Qt::UserRole; // QStringList
    static constexpr int RuleRole = Qt::UserRole + 1;   // QString

signals:
    void componentsActivated(const QStringList &ids);
};

} // namespace hld
