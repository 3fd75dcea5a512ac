#pragma once

#include "interchange/imported_graph.h"

#include <QDialog>

#include <map>

class QLabel;
class QTableWidget;

namespace hld {

// File → Import, second step: what the importer made of another tool's diagram. One row per
// component with the kind it guessed and why; the guesses it is unsure of come first,
// highlighted, for the user to confirm or change. OK builds the design with those kinds.
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    ImportDialog(const interchange::ImportedGraph &graph,
                 const QString &fileName,
                 QWidget *parent = nullptr);

    // The design with the kinds as the table shows them, laid out and valid.
    Design design() const;
    int unsureCount() const { return m_unsure; }
    QTableWidget *table() const { return m_table; }

private:
    std::map<std::string, ComponentKind> overrides() const;

    interchange::ImportedGraph m_graph;
    QTableWidget *m_table;
    int m_unsure = 0;
};

} // namespace hld
