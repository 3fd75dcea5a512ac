#pragma once

#include <QStyledItemDelegate>

namespace hld {

// Edits a property value: a combo box when the model offers choices, otherwise a line edit;
// for a list of pairs (a client's request paths) the line edit has a button that opens the
// list as a table. The model validates; this only collects text.
class PropertyDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent,
                          const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor,
                      QAbstractItemModel *model,
                      const QModelIndex &index) const override;

private:
    static QIcon listIcon(const QWidget *w);
};

} // namespace hld
