#pragma once

#include <QStyledItemDelegate>

class QTreeView;

namespace hld {

// Wraps a tree's long lines at words instead of eliding them. QTreeView asks its delegate
// for a row's height without the column's width, so word wrap alone never makes a row
// taller; this delegate measures with the width the text has (the column less the
// indentation), and the tree lays its rows out again when a column is resized.
class WrappingDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit WrappingDelegate(QTreeView *view);

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    QTreeView *m_view;
};

} // namespace hld
