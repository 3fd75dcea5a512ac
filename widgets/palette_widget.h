#pragma once

#include "model/design.h"

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace hld {

class PaletteModel;

// The component palette: a search box over the grouped kinds. Drag an entry onto the
// canvas, or press Enter / double-click to place it in the middle of the view. In a short
// window the icons shrink so that every entry stays in sight (then the list scrolls).
class PaletteWidget : public QWidget
{
    Q_OBJECT

public:
    explicit PaletteWidget(QWidget *parent = nullptr);

    QLineEdit *searchBox() const { return m_search; }
    QTreeView *tree() const { return m_tree; }
    int visibleKindCount() const;

signals:
    void placeRequested(ComponentKind kind);

protected:
    void resizeEvent(QResizeEvent *e) override;

private:
    void activate(const QModelIndex &index);
    void fitRows();

    PaletteModel *m_model;
    QSortFilterProxyModel *m_filter;
    QLineEdit *m_search;
    QTreeView *m_tree;
};

} // namespace hld
