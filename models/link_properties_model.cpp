#include "link_properties_model.h"

#include "design_document.h"
#include "design_editor.h"
#include "row_morph.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace hld {

LinkPropertiesModel::LinkPropertiesModel(DesignEditor *editor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_editor(editor)
{
    auto *doc = editor->document();
    auto refresh = [this] {
        if (hasLink() && linkIndex() < 0) {
            setLink({}, {});
            return;
        }
        refreshRows();
        if (rowCount() > 0)
            emit dataChanged(index(0, 1), index(rowCount() - 1, 1));
    };
    connect(doc, &DesignDocument::linkChanged, this, refresh);
    connect(doc, &DesignDocument::linkRemoved, this, refresh);
    connect(doc, &DesignDocument::componentChanged, this, refresh); // regions set latency
    connect(doc,
            &DesignDocument::componentRenamed,
            this,
            [this](const QString &oldId, const QString &newId) {
                if (m_from == oldId)
                    m_from = newId;
                if (m_to == oldId)
                    m_to = newId;
            });
    connect(doc, &DesignDocument::documentReset, this, [this] { setLink({}, {}); });
}

void LinkPropertiesModel::setLink(const QString &from, const QString &to)
{
    m_from = from;
    m_to = to;
    rebuild();
}

int LinkPropertiesModel::linkIndex() const
{
    return m_editor->document()->linkIndex(m_from, m_to);
}

const Link *LinkPropertiesModel::link() const
{
    const int i = linkIndex();
    return i < 0 ? nullptr : &m_editor->document()->design().links[std::size_t(i)];
}

std::vector<LinkPropertiesModel::Row> LinkPropertiesModel::computeRows() const
{
    std::vector<Row> rows;
    const Link *l = link();
    if (!l)
        return rows;
    const Design &d = m_editor->document()->design();
    for (const LinkField &f : linkFields()) {
        if (!f.relevant(d, *l))
            continue;
        if (rows.empty() || rows.back().group != f.group)
            rows.push_back({nullptr, f.group});
        rows.push_back({&f, f.group});
    }
    return rows;
}

void LinkPropertiesModel::rebuild()
{
    beginResetModel();
    m_rows = computeRows();
    endResetModel();
}

void LinkPropertiesModel::refreshRows()
{
    const std::vector<Row> next = computeRows();
    if (next == m_rows)
        return;
    morphRows(
        m_rows,
        next,
        [this](int i, auto apply) {
            beginRemoveRows({}, i, i);
            apply();
            endRemoveRows();
        },
        [this](int j, auto apply) {
            beginInsertRows({}, j, j);
            apply();
            endInsertRows();
        });
}

int LinkPropertiesModel::rowOfField(const QString &key) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].field && QLatin1String(m_rows[i].field->key) == key)
            return int(i);
    }
    return -1;
}

bool LinkPropertiesModel::isHeading(int row) const
{
    return row >= 0 && row < rowCount() && !m_rows[std::size_t(row)].field;
}

int LinkPropertiesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LinkPropertiesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 2;
}

QVariant LinkPropertiesModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Property") : tr("Value");
}

QVariant LinkPropertiesModel::data(const QModelIndex &index, int role) const
{
    const Link *l = link();
    if (!index.isValid() || !l || index.row() >= rowCount())
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    if (!row.field) {
        switch (role) {
        case Qt::DisplayRole:
            return index.column() == 0 ? linkFieldGroupTitle(row.group) : QVariant();
        case IsHeadingRole:
            return true;
        case Qt::FontRole: {
            QFont font;
            font.setBold(true);
            return font;
        }
        case Qt::BackgroundRole:
            return QGuiApplication::palette().brush(QPalette::Midlight);
        default:
            return {};
        }
    }
    const LinkField &f = *row.field;
    const Design &d = m_editor->document()->design();
    switch (role) {
    case FieldKeyRole:
        return QString::fromLatin1(f.key);
    case IsHeadingRole:
        return false;
    case ChoicesRole:
        return f.choices();
    case IsDefaultRole:
        return !f.isSet(*l);
    case Qt::ToolTipRole: {
        QString tip = linkFieldHelp(f);
        const QString key = QString::fromLatin1(f.key);
        if (f.type == LinkField::Type::ReadOnly)
            return tip;
        const bool clearable = f.type != LinkField::Type::Choice;
        tip += QStringLiteral("\n\n")
               + (clearable ? tr("In the file: %1. Leave it empty for the default.").arg(key)
                            : tr("In the file: %1.").arg(key));
        return tip;
    }
    default:
        break;
    }
    if (index.column() == 0)
        return role == Qt::DisplayRole ? linkFieldLabel(f) : QVariant();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return f.get(d, *l);
    case Qt::FontRole: {
        QFont font;
        font.setItalic(!f.isSet(*l)); // a default in force, not a value written in the file
        return font;
    }
    default:
        return {};
    }
}

Qt::ItemFlags LinkPropertiesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (isHeading(index.row()))
        return Qt::ItemIsEnabled;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const LinkField *field = m_rows[std::size_t(index.row())].field;
    if (index.column() == 1 && field->type != LinkField::Type::ReadOnly)
        f |= Qt::ItemIsEditable;
    return f;
}

bool LinkPropertiesModel::setField(const QString &key, const QString &value)
{
    const int row = rowOfField(key);
    return row >= 0 && setData(index(row, 1), value, Qt::EditRole);
}

bool LinkPropertiesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const int li = linkIndex();
    if (role != Qt::EditRole || index.column() != 1 || li < 0 || index.row() >= rowCount()
        || isHeading(index.row()))
        return false;
    const LinkField &f = *m_rows[std::size_t(index.row())].field;
    if (!f.set)
        return false;
    const Link before = m_editor->document()->design().links[std::size_t(li)];
    Link after = before;
    if (auto why = f.set(after, value.toString())) {
        emit editRefused(tr("Link %1 → %2: %3: %4").arg(m_from, m_to, linkFieldLabel(f), *why));
        return false;
    }
    if (after == before)
        return true; // nothing to do: no empty step in the undo history
    const QString text = tr("Set %1 of link %2 → %3").arg(linkFieldLabel(f), m_from, m_to);
    if (auto why = m_editor->editLink(li, after, text)) {
        emit editRefused(*why);
        return false;
    }
    return true;
}

} // namespace hld
