#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;
class QTableView;

namespace hld {

class ComponentPropertiesModel;
class DesignEditor;
class LinkPropertiesModel;

// The right-hand panel: every field of the selected component(s) or link, edited in place
// with the loader's rules, and the designer's justification. A refused value is not
// written; the reason shows under the table.
class InspectorWidget : public QWidget
{
    Q_OBJECT

public:
    explicit InspectorWidget(DesignEditor *editor, QWidget *parent = nullptr);

    void showComponents(const QStringList &ids);
    void showLink(const QString &from, const QString &to);
    void showNothing();

    ComponentPropertiesModel *componentModel() const { return m_componentModel; }
    LinkPropertiesModel *linkModel() const { return m_linkModel; }
    QTableView *componentTable() const { return m_componentTable; }
    QString errorText() const;

private:
    void showError(const QString &text);
    void commitJustification();
    void refreshTitle();

    DesignEditor *m_editor;
    ComponentPropertiesModel *m_componentModel;
    LinkPropertiesModel *m_linkModel;
    QLabel *m_title;
    QStackedWidget *m_pages;
    QTableView *m_componentTable;
    QTableView *m_linkTable;
    QPlainTextEdit *m_justification;
    QLabel *m_error;
    QLabel *m_empty;
    QLineEdit *m_designName;
};

} // namespace hld
