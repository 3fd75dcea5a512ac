#include "palette_widget.h"

#include "model/component_kind.h"
#include "palette_model.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace hld {

PaletteWidget::PaletteWidget(QWidget *parent)
    : QWidget(parent)
    , m_model(new PaletteModel(this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_search(new QLineEdit(this))
    , m_tree(new QTreeView(this))
{
    m_filter->setSourceModel(m_model);
    m_filter->setFilterRole(PaletteModel::SearchTextRole);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setRecursiveFilteringEnabled(true);

    m_search->setPlaceholderText(tr("Search components…"));
    m_search->setClearButtonEnabled(true);
    m_tree->setModel(m_filter);
    m_tree->setHeaderHidden(true);
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    m_tree->setIconSize(QSize(28, 28));
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->expandAll();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_search);
    layout->addWidget(m_tree);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterFixedString(text);
        m_tree->expandAll();
        fitRows();
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        // Enter in the search box places the first match.
        for (int g = 0; g < m_filter->rowCount(); ++g) {
            const QModelIndex group = m_filter->index(g, 0);
            if (m_filter->rowCount(group) > 0) {
                activate(m_filter->index(0, 0, group));
                return;
            }
        }
    });
    connect(m_tree, &QTreeView::activated, this, &PaletteWidget::activate);
}

void PaletteWidget::resizeEvent(QResizeEvent *e)
{
    QWidget::resizeEvent(e);
    fitRows();
}

void PaletteWidget::fitRows()
{
    int rows = m_filter->rowCount();
    for (int g = 0; g < m_filter->rowCount(); ++g)
        rows += m_filter->rowCount(m_filter->index(g, 0));
    const int text = fontMetrics().height();
    const int available = m_tree->viewport()->height();
    int icon = 28;
    while (icon > 16 && rows * (std::max(icon, text) + 4) > available)
        icon -= 4;
    if (m_tree->iconSize().height() != icon)
        m_tree->setIconSize(QSize(icon, icon));
}

int PaletteWidget::visibleKindCount() const
{
    int n = 0;
    for (int g = 0; g < m_filter->rowCount(); ++g)
        n += m_filter->rowCount(m_filter->index(g, 0));
    return n;
}

void PaletteWidget::activate(const QModelIndex &index)
{
    const auto kind = kindFromName(index.data(PaletteModel::KindRole).toString().toStdString());
    if (kind)
        emit placeRequested(*kind);
}

} // namespace hld
