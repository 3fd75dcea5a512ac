#include "inspector_widget.h"

#include "component_properties_model.h"
#include "design_document.h"
#include "design_editor.h"
#include "link_properties_model.h"
#include "model/component_kind.h"
#include "property_delegate.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace hld {

namespace {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *t = new QTableView(parent);
    t->setModel(model);
    t->setItemDelegateForColumn(1, new PropertyDelegate(t));
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    t->horizontalHeader()->resizeSection(0, 150);
    t->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    t->setTextElideMode(Qt::ElideRight);
    t->setEditTriggers(QAbstractItemView::AllEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setAlternatingRowColors(true);
    t->setWordWrap(false);
    // Compact rows: a whole component's properties fit without scrolling.
    t->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 9);
    return t;
}

class JustificationEdit : public QPlainTextEdit
{
public:
    std::function<void()> onFocusOut;

protected:
    void focusOutEvent(QFocusEvent *e) override
    {
        QPlainTextEdit::focusOutEvent(e);
        if (onFocusOut)
            onFocusOut();
    }
};

} // namespace

InspectorWidget::InspectorWidget(DesignEditor *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_componentModel(new ComponentPropertiesModel(editor, this))
    , m_linkModel(new LinkPropertiesModel(editor, this))
    , m_title(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_error(new QLabel(this))
    , m_empty(new QLabel(tr("Select a component or a link to edit it.\n\nTip: drag from the "
                            "dot on a component's right edge to another component to connect "
                            "them (hold Alt for an async link)."),
                         this))
{
    m_componentTable = makeTable(m_componentModel, this);
    m_componentTable->horizontalHeader()->hide(); // the group headings say enough
    m_linkTable = makeTable(m_linkModel, this);
    m_linkTable->horizontalHeader()->hide(); // the group headings say enough
    auto *justification = new JustificationEdit;
    justification->onFocusOut = [this] { commitJustification(); };
    m_justification = justification;
    m_justification->setPlaceholderText(tr("Why this component? \"I chose X because Y; the "
                                           "trade-off is Z.\""));
    m_justification->setMaximumHeight(90);

    auto *componentPage = new QWidget;
    auto *cl = new QVBoxLayout(componentPage);
    cl->setContentsMargins(0, 0, 0, 0);
    cl->addWidget(m_componentTable, 1);
    cl->addWidget(new QLabel(tr("Justification")));
    cl->addWidget(m_justification);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    // With nothing selected: the design itself.
    auto *designPage = new QWidget;
    auto *dl = new QVBoxLayout(designPage);
    dl->setContentsMargins(0, 0, 0, 0);
    dl->addWidget(new QLabel(tr("Design name")));
    m_designName = new QLineEdit(designPage);
    m_designName->setObjectName(QStringLiteral("designName"));
    dl->addWidget(m_designName);
    dl->addSpacing(12);
    dl->addWidget(m_empty, 1);
    m_pages->addWidget(designPage);
    auto syncName = [this] {
        if (!m_designName->hasFocus()) {
            m_designName->setText(QString::fromStdString(m_editor->document()->design().name));
            m_designName->setCursorPosition(0); // a long name reads from its start
        }
    };
    connect(editor->document(), &DesignDocument::nameChanged, this, syncName);
    connect(editor->document(), &DesignDocument::documentReset, this, syncName);
    connect(m_designName, &QLineEdit::editingFinished, this, [this] {
        m_editor->renameDesign(m_designName->text());
    });
    m_pages->addWidget(componentPage);
    m_pages->addWidget(m_linkTable);

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_title);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_error);

    connect(m_componentModel,
            &ComponentPropertiesModel::editRefused,
            this,
            &InspectorWidget::showError);
    connect(m_linkModel, &LinkPropertiesModel::editRefused, this, &InspectorWidget::showError);
    connect(m_componentModel, &QAbstractItemModel::dataChanged, this, [this] {
        m_error->hide();
        refreshTitle();
    });
    connect(m_linkModel, &QAbstractItemModel::dataChanged, this, [this] { m_error->hide(); });
    // Group headings span the table; the justification has its own editor below it.
    auto layoutRows = [this] {
        const int justification = m_componentModel->rowOfField(QStringLiteral("justification"));
        for (int r = 0; r < m_componentModel->rowCount(); ++r) {
            m_componentTable->setRowHidden(r, r == justification);
            const int span = m_componentModel->isHeading(r) ? 2 : 1;
            if (m_componentTable->columnSpan(r, 0) != span)
                m_componentTable->setSpan(r, 0, 1, span);
        }
    };
    connect(m_componentModel, &QAbstractItemModel::modelReset, this, layoutRows);
    connect(m_componentModel, &QAbstractItemModel::rowsInserted, this, layoutRows);
    connect(m_componentModel, &QAbstractItemModel::rowsRemoved, this, layoutRows);
    auto layoutLinkRows = [this] {
        for (int r = 0; r < m_linkModel->rowCount(); ++r) {
            const int span = m_linkModel->isHeading(r) ? 2 : 1;
            if (m_linkTable->columnSpan(r, 0) != span)
                m_linkTable->setSpan(r, 0, 1, span);
        }
    };
    connect(m_linkModel, &QAbstractItemModel::modelReset, this, layoutLinkRows);
    connect(m_linkModel, &QAbstractItemModel::rowsInserted, this, layoutLinkRows);
    connect(m_linkModel, &QAbstractItemModel::rowsRemoved, this, layoutLinkRows);
    connect(editor->document(), &DesignDocument::componentChanged, this, [this](const QString &id) {
        if (m_componentModel->selection().contains(id) && !m_justification->hasFocus()) {
            const Component *c = m_editor->document()->component(id);
            if (c && m_componentModel->selection().size() == 1)
                m_justification->setPlainText(
                    QString::fromStdString(c->justification.value_or("")));
        }
    });
    showNothing();
}

QString InspectorWidget::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void InspectorWidget::showError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
}

void InspectorWidget::refreshTitle()
{
    const QStringList ids = m_componentModel->selection();
    if (ids.size() == 1) {
        if (const Component *c = m_editor->document()->component(ids.front())) {
            const auto &t = traits(c->kind);
            m_title->setText(QStringLiteral("%1 · %2").arg(
                ids.front(), QString::fromUtf8(t.title.data(), qsizetype(t.title.size()))));
        }
    } else {
        m_title->setText(tr("%n components", nullptr, int(ids.size())));
    }
}

void InspectorWidget::showComponents(const QStringList &ids)
{
    commitJustification();
    m_error->hide();
    if (ids.isEmpty()) {
        showNothing();
        return;
    }
    m_componentModel->setSelection(ids);
    m_linkModel->setLink({}, {});
    refreshTitle();
    m_justification->setEnabled(ids.size() == 1);
    const Component *c = m_editor->document()->component(ids.front());
    m_justification->setPlainText(
        ids.size() == 1 && c ? QString::fromStdString(c->justification.value_or("")) : QString());
    m_pages->setCurrentIndex(1);
}

void InspectorWidget::showLink(const QString &from, const QString &to)
{
    commitJustification();
    m_error->hide();
    m_componentModel->setSelection({});
    m_linkModel->setLink(from, to);
    m_title->setText(tr("Link %1 → %2").arg(from, to));
    m_pages->setCurrentIndex(2);
}

void InspectorWidget::showNothing()
{
    commitJustification();
    m_componentModel->setSelection({});
    m_linkModel->setLink({}, {});
    m_title->setText(tr("Inspector"));
    m_pages->setCurrentIndex(0);
}

void InspectorWidget::commitJustification()
{
    const QStringList ids = m_componentModel->selection();
    if (ids.size() != 1)
        return;
    const int row = m_componentModel->rowOfField(QStringLiteral("justification"));
    if (row < 0)
        return;
    const QModelIndex index = m_componentModel->index(row, 1);
    if (index.data(Qt::EditRole).toString() != m_justification->toPlainText())
        m_componentModel->setData(index, m_justification->toPlainText(), Qt::EditRole);
}

} // namespace hld
