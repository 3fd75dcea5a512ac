#include "wrapping_delegate.h"

#include <QHeaderView>
#include <QTimer>
#include <QTreeView>

#include <algorithm>

namespace hld {

WrappingDelegate::WrappingDelegate(QTreeView *view)
    : QStyledItemDelegate(view)
    , m_view(view)
{
    view->setWordWrap(true);
    view->setUniformRowHeights(false);
    view->setTextElideMode(Qt::ElideNone);
    // Row heights are measured once and kept: a wider or narrower column measures again.
    auto *relayout = new QTimer(this);
    relayout->setSingleShot(true);
    relayout->setInterval(0);
    connect(relayout, &QTimer::timeout, view, &QTreeView::doItemsLayout);
    connect(view->header(), &QHeaderView::sectionResized, relayout, qOverload<>(&QTimer::start));
}

QSize WrappingDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    int width = m_view->header()->sectionSize(index.column());
    if (index.column() == m_view->header()->logicalIndex(0)) {
        int depth = m_view->rootIsDecorated() ? 1 : 0;
        for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
            ++depth;
        width -= depth * m_view->indentation();
    }
    // The style wraps only within a valid rectangle: any height will do, it measures.
    opt.rect = QRect(0, 0, std::max(40, width), std::max(1, opt.rect.height()));
    opt.features |= QStyleOptionViewItem::WrapText;
    return QStyledItemDelegate::sizeHint(opt, index);
}

} // namespace hld
