#include "property_delegate.h"

#include <QComboBox>
#include <QLineEdit>

namespace hld {

namespace {
constexpr int kChoicesRole = Qt::UserRole + 1;
}

QWidget *PropertyDelegate::createEditor(QWidget *parent,
                                        const QStyleOptionViewItem &,
                                        const QModelIndex &index) const
{
    const QStringList choices = index.data(kChoicesRole).toStringList();
    if (!choices.isEmpty()) {
        auto *combo = new QComboBox(parent);
        combo->addItems(choices);
        // Commit as soon as a choice is made, like a property grid should.
        connect(combo, &QComboBox::activated, this, [this, combo] {
            emit const_cast<PropertyDelegate *>(this)->commitData(combo);
            emit const_cast<PropertyDelegate *>(this)->closeEditor(combo);
        });
        return combo;
    }
    return new QLineEdit(parent);
}

void PropertyDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    const QString value = index.data(Qt::EditRole).toString();
    if (auto *combo = qobject_cast<QComboBox *>(editor))
        combo->setCurrentText(value);
    else if (auto *line = qobject_cast<QLineEdit *>(editor))
        line->setText(value);
}

void PropertyDelegate::setModelData(QWidget *editor,
                                    QAbstractItemModel *model,
                                    const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor))
        model->setData(index, combo->currentText(), Qt::EditRole);
    else if (auto *line = qobject_cast<QLineEdit *>(editor))
        model->setData(index, line->text(), Qt::EditRole);
}

} // namespace hld
