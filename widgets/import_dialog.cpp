#include "import_dialog.h"

#include "design_import.h"
#include "kind_style.h"
#include "model/component_kind.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hld {

ImportDialog::ImportDialog(const interchange::ImportedGraph &graph,
                           const QString &fileName,
                           QWidget *parent)
    : QDialog(parent)
    , m_graph(graph)
    , m_table(new QTableWidget(this))
{
    setWindowTitle(tr("Import %1").arg(fileName));
    const DesignImport first = importGraph(m_graph);
    const auto &comps = first.result.components;
    for (const auto &c : comps)
        m_unsure += c.guess.sure ? 0 : 1;

    auto *summary = new QLabel(this);
    summary->setWordWrap(true);
    summary->setTextFormat(Qt::PlainText);
    // (No translator is installed, so "%n x(s)" would print its "(s)".)
    auto count = [](std::size_t n, const QString &one, const QString &many) {
        return n == 1 ? one : many.arg(n);
    };
    QString text = count(comps.size(), tr("1 component"), tr("%1 components"))
                   + QStringLiteral(", ")
                   + count(first.result.design.links.size(), tr("1 link"), tr("%1 links"))
                   + QStringLiteral(", ")
                   + count(first.result.design.regions.size(), tr("1 region"), tr("%1 regions"))
                   + QLatin1Char('.');
    if (m_unsure > 0)
        text += QLatin1Char(' ')
                + count(std::size_t(m_unsure),
                        tr("1 kind guessed without certainty comes first: check it."),
                        tr("%1 kinds guessed without certainty come first: check them."));
    for (const auto &n : first.result.notes)
        text += QStringLiteral("\n• ") + QString::fromStdString(n);
    summary->setText(text);

    m_table->setObjectName(QStringLiteral("kinds"));
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Component"), tr("Kind"), tr("Why")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->setRowCount(int(comps.size()));
    std::vector<std::size_t> order(comps.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_partition(
        order.begin(), order.end(), [&](std::size_t i) { return !comps[i].guess.sure; });
    int row = 0;
    for (std::size_t i : order) {
        const auto &c = comps[i];
        const Component *comp = first.result.design.find(c.id);
        auto *name = new QTableWidgetItem(
            QString::fromStdString(comp && comp->label ? *comp->label + " (" + c.id + ")" : c.id));
        name->setData(Qt::UserRole, QString::fromStdString(c.key));
        name->setFlags(name->flags() & ~Qt::ItemIsEditable);
        auto *why = new QTableWidgetItem(QString::fromStdString(c.guess.reason));
        why->setFlags(why->flags() & ~Qt::ItemIsEditable);
        auto *kind = new QComboBox(m_table);
        for (const auto &k : allKinds())
            kind->addItem(kindIcon(k.kind),
                          QString::fromUtf8(k.title.data(), qsizetype(k.title.size())),
                          int(k.kind));
        kind->setCurrentIndex(kind->findData(int(c.guess.kind)));
        if (!c.guess.sure) {
            const QColor unsure(0xff, 0xf1, 0xc2);
            name->setBackground(unsure);
            why->setBackground(unsure);
            name->setToolTip(tr("A guess: check the kind"));
        }
        m_table->setItem(row, 0, name);
        m_table->setCellWidget(row, 1, kind);
        m_table->setItem(row, 2, why);
        ++row;
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(640, 480);
}

std::map<std::string, ComponentKind> ImportDialog::overrides() const
{
    std::map<std::string, ComponentKind> out;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const auto *combo = qobject_cast<QComboBox *>(m_table->cellWidget(r, 1));
        const QString key = m_table->item(r, 0)->data(Qt::UserRole).toString();
        if (combo)
            out[key.toStdString()] = ComponentKind(combo->currentData().toInt());
    }
    return out;
}

Design ImportDialog::design() const
{
    return importGraph(m_graph, overrides()).result.design;
}

} // namespace hld
