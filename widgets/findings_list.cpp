#include "findings_list.h"

#include "review/rule_catalog.h"

#include <QStyle>

namespace hld {

FindingsList::FindingsList(QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(QStringLiteral("findings"));
    setWordWrap(true);
    setUniformItemSizes(false);
    connect(this, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        const QStringList ids = item->data(ComponentsRole).toStringList();
        if (!ids.isEmpty())
            emit componentsActivated(ids);
    });
    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QStringList ids = item->data(ComponentsRole).toStringList();
        if (!ids.isEmpty())
            emit componentsActivated(ids);
    });
}

void FindingsList::setFindings(const std::vector<Finding> &findings, int ruleCount, bool measured)
{
    clear();
    for (const Finding &f : findings) {
        const QString rule = QString::fromStdString(f.code);
        auto *item = new QListWidgetItem(
            rule.isEmpty() ? QString::fromStdString(f.message)
                           : QStringLiteral("[%1] %2").arg(rule, QString::fromStdString(f.message)),
            this);
        item->setIcon(style()->standardIcon(
            f.severity == Severity::Error     ? QStyle::SP_MessageBoxCritical
            : f.severity == Severity::Warning ? QStyle::SP_MessageBoxWarning
                                              : QStyle::SP_MessageBoxInformation));
        QStringList ids;
        for (const auto &c : f.components)
            ids << QString::fromStdString(c);
        item->setData(ComponentsRole, ids);
        item->setData(RuleRole, rule);
        QString tip;
        if (!f.fix.empty())
            tip = tr("Fix: %1").arg(QString::fromStdString(f.fix));
        if (const RuleInfo *info = findRule(f.code); info && !info->why.empty()) {
            if (!tip.isEmpty())
                tip += QStringLiteral("\n\n");
            tip += tr("Why it matters: %1")
                       .arg(QString::fromUtf8(info->why.data(), qsizetype(info->why.size())));
        }
        if (!ids.isEmpty())
            tip += (tip.isEmpty() ? QString() : QStringLiteral("\n\n"))
                   + tr("Click to select %1.").arg(ids.join(QStringLiteral(", ")));
        item->setToolTip(tip);
    }
    if (findings.empty()) {
        auto *item = new QListWidgetItem(
            measured ? tr("No findings: the review's %1 rules found nothing (with the "
                          "utilisation measured in the last run).")
                           .arg(ruleCount)
                     : tr("No findings: the review's %1 rules found nothing.").arg(ruleCount),
            this);
        item->setIcon(style()->standardIcon(QStyle::SP_DialogApplyButton));
    }
}

} // namespace hld
