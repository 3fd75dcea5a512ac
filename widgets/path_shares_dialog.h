#pragma once

#include <QDialog>

class QTableWidget;

namespace hld {

// A client's request paths as a list to edit: one row per path with its share, rows added
// and removed with buttons. It reads and writes the inspector's text form
// ("/api: 0.7, /static: 0.3"), so the model checks the result as if it had been typed.
class PathSharesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PathSharesDialog(const QString &text, QWidget *parent = nullptr);

    QString text() const;
    QTableWidget *table() const { return m_table; }

private:
    void addRow(const QString &path, const QString &share);

    QTableWidget *m_table;
};

} // namespace hld
