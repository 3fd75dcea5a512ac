#include "fault_actions.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QInputDialog>
#include <QMenu>
#include <QPushButton>
#include <QWidget>

namespace hld {

FaultActions::FaultActions(FaultInjector *faults, QWidget *window)
    : QObject(window)
    , m_faults(faults)
    , m_window(window)
{}

void FaultActions::addTo(const QString &id, QMenu *menu)
{
    menu->addSeparator();
    const auto faults = m_faults->applicable(id);
    if (faults.isEmpty()) {
        QAction *none = menu->addAction(tr("Faults: run the simulation first"));
        none->setEnabled(false);
        return;
    }
    for (const auto fault : faults) {
        QAction *a = menu->addAction(m_faults->title(fault, id));
        connect(a, &QAction::triggered, this, [this, fault, id] { inject(fault, {id}); });
    }
}

void FaultActions::inject(FaultInjector::Fault fault, const QStringList &ids)
{
    double value = 0;
    bool ok = true;
    if (fault == FaultInjector::Fault::AddLatency) {
        value = QInputDialog::getDouble(
            m_window,
            tr("Add latency"),
            tr("Extra latency per request through %1 (ms):").arg(ids.join(QStringLiteral(", "))),
            100,
            0,
            100000,
            1,
            &ok);
    } else if (fault == FaultInjector::Fault::SetErrorRate) {
        value
            = QInputDialog::getDouble(
                  m_window,
                  tr("Error rate"),
                  tr("Share of requests that fail at %1 (%):").arg(ids.join(QStringLiteral(", "))),
                  10,
                  0,
                  100,
                  1,
                  &ok)
              / 100.0;
    }
    if (ok)
        emit message(m_faults->inject(fault, ids, value));
}

void FaultActions::partition()
{
    const QStringList regions = m_faults->regions();
    if (regions.size() < 2) {
        emit message(
            tr("A partition needs two regions: group components into regions first (Ctrl+G)."));
        return;
    }
    // One dialog, both sides (it took two, the second one even with only two regions).
    QDialog dialog(m_window);
    dialog.setWindowTitle(tr("Partition two regions"));
    auto *form = new QFormLayout(&dialog);
    auto *a = new QComboBox(&dialog);
    auto *b = new QComboBox(&dialog);
    a->setObjectName(QStringLiteral("partitionA"));
    b->setObjectName(QStringLiteral("partitionB"));
    a->addItems(regions);
    b->addItems(regions);
    b->setCurrentIndex(1);
    form->addRow(tr("Cut off region:"), a);
    form->addRow(tr("From region:"), b);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Partition"));
    form->addRow(buttons);
    const auto distinct = [a, b, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(a->currentText() != b->currentText());
    };
    connect(a, &QComboBox::currentTextChanged, &dialog, distinct);
    connect(b, &QComboBox::currentTextChanged, &dialog, distinct);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() == QDialog::Accepted)
        emit message(m_faults->partition(a->currentText(), b->currentText()));
}

void FaultActions::healAll()
{
    emit message(m_faults->healAll());
}

} // namespace hld
