#include "path_shares_dialog.h"

#include "policy_fields.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hld {

PathSharesDialog::PathSharesDialog(const QString &text, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(0, 2, this))
{
    setWindowTitle(tr("Request paths"));
    auto *intro = new QLabel(tr("The paths this client's requests ask for, and how often, as "
                                "relative shares (0.7 and 0.3, or 7 and 3). Links with a path "
                                "prefix route them."),
                             this);
    intro->setWordWrap(true);
    m_table->setHorizontalHeaderLabels({tr("Path"), tr("Share")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    PathShares paths;
    if (!parsePathShares(text, paths)) {
        for (const auto &[path, share] : paths)
            addRow(QString::fromStdString(path), QString::number(share, 'g', 6));
    }
    if (m_table->rowCount() == 0)
        addRow(QStringLiteral("/api"), QStringLiteral("1"));

    auto *add = new QPushButton(tr("Add path"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        addRow(QStringLiteral("/"), QStringLiteral("1"));
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->currentItem());
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0)
            m_table->removeRow(m_table->currentRow());
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *rowButtons = new QHBoxLayout;
    rowButtons->addWidget(add);
    rowButtons->addWidget(remove);
    rowButtons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(rowButtons);
    layout->addWidget(buttons);
    resize(360, 300);
}

void PathSharesDialog::addRow(const QString &path, const QString &share)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(path));
    m_table->setItem(row, 1, new QTableWidgetItem(share));
}

QString PathSharesDialog::text() const
{
    QStringList parts;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QString path
            = m_table->item(r, 0) ? m_table->item(r, 0)->text().trimmed() : QString();
        const QString share
            = m_table->item(r, 1) ? m_table->item(r, 1)->text().trimmed() : QString();
        if (path.isEmpty() && share.isEmpty())
            continue;
        parts << QStringLiteral("%1: %2").arg(path, share);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace hld
