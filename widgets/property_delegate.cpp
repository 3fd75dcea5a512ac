#include "property_delegate.h"

#include "path_shares_dialog.h"
#include "property_roles.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QPainter>

namespace hld {

namespace {
constexpr int kChoicesRole = ChoicesRoleId;
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
    auto *line = new QLineEdit(parent);
    if (index.data(PairListRoleId).toBool()) {
        // Typing "/api: 0.7, /static: 0.3" works; the button opens the same list as a table.
        auto *edit = line->addAction(QIcon::fromTheme(QStringLiteral("document-edit")),
                                     QLineEdit::TrailingPosition);
        edit->setText(tr("Edit as a list…"));
        line->setPlaceholderText(QStringLiteral("/api: 0.7, /static: 0.3"));
        edit->setToolTip(tr("Edit the paths and their shares as a list"));
        if (edit->icon().isNull())
            edit->setIcon(listIcon(line));
        connect(edit, &QAction::triggered, this, [this, line] {
            // The dialog is the editor's child, so the editor keeps its edit open meanwhile.
            PathSharesDialog dialog(line->text(), line);
            if (dialog.exec() != QDialog::Accepted)
                return;
            line->setText(dialog.text());
            emit const_cast<PropertyDelegate *>(this)->commitData(line);
            emit const_cast<PropertyDelegate *>(this)->closeEditor(line);
        });
    }
    return line;
}

QIcon PropertyDelegate::listIcon(const QWidget *w)
{
    // Three lines, drawn in the text colour: a list.
    QPixmap pm(16, 16);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setPen(QPen(w->palette().color(QPalette::Text), 1.6));
    for (int y : {4, 8, 12})
        p.drawLine(3, y, 13, y);
    return QIcon(pm);
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
