#include "component_properties_model.h"

#include "design_document.h"
#include "design_editor.h"
#include "row_morph.h"

#include <QCoreApplication>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace hld {

ComponentPropertiesModel::ComponentPropertiesModel(DesignEditor *editor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_editor(editor)
{
    auto *doc = editor->document();
    connect(doc, &DesignDocument::componentChanged, this, [this](const QString &id) {
        if (m_ids.contains(id)) {
            refreshRows();
            emit dataChanged(index(0, 0), index(rowCount() - 1, 1));
        }
    });
    connect(doc,
            &DesignDocument::componentRenamed,
            this,
            [this](const QString &oldId, const QString &newId) {
                const int i = m_ids.indexOf(oldId);
                if (i >= 0)
                    m_ids[i] = newId;
            });
    connect(doc, &DesignDocument::componentRemoved, this, [this](const QString &id) {
        if (m_ids.contains(id)) {
            m_ids.removeAll(id);
            rebuild();
        }
    });
    connect(doc, &DesignDocument::documentReset, this, [this] {
        m_ids.clear();
        rebuild();
    });
}

void ComponentPropertiesModel::setSelection(const QStringList &ids)
{
    m_ids = ids;
    rebuild();
}

std::vector<const Component *> ComponentPropertiesModel::selected() const
{
    std::vector<const Component *> out;
    for (const auto &id : m_ids) {
        if (const Component *c = m_editor->document()->component(id))
            out.push_back(c);
    }
    return out;
}

std::vector<ComponentPropertiesModel::Row> ComponentPropertiesModel::computeRows() const
{
    std::vector<Row> rows;
    const auto comps = selected();
    if (comps.empty())
        return rows;
    auto shown = [&](const ComponentField &f) {
        for (const Component *c : comps) {
            if (!f.applies(c->kind) || !fieldRelevant(f.key, *c))
                return false;
        }
        // An id is unique: it can only be edited one component at a time.
        return comps.size() == 1 || std::string_view(f.key) != "id";
    };
    for (FieldGroup g : fieldGroups()) {
        const std::size_t heading = rows.size();
        for (const FieldLayout &l : fieldLayout()) {
            if (l.group != g)
                continue;
            for (const auto &f : componentFields()) {
                if (std::string_view(f.key) == l.key && shown(f))
                    rows.push_back({&f, g});
            }
        }
        if (rows.size() > heading)
            rows.insert(rows.begin() + std::ptrdiff_t(heading), Row{nullptr, g});
    }
    return rows;
}

void ComponentPropertiesModel::rebuild()
{
    beginResetModel();
    m_rows = computeRows();
    endResetModel();
}

void ComponentPropertiesModel::refreshRows()
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

int ComponentPropertiesModel::rowOfField(const QString &key) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].field && QLatin1String(m_rows[i].field->key) == key)
            return static_cast<int>(i);
    }
    return -1;
}

bool ComponentPropertiesModel::isHeading(int row) const
{
    return row >= 0 && row < rowCount() && !m_rows[std::size_t(row)].field;
}

int ComponentPropertiesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ComponentPropertiesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 2;
}

QVariant ComponentPropertiesModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Property") : tr("Value");
}

QVariant ComponentPropertiesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    if (!row.field) {
        switch (role) {
        case Qt::DisplayRole:
            return index.column() == 0 ? fieldGroupTitle(row.group) : QVariant();
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
    const ComponentField &f = *row.field;
    const auto comps = selected();
    if (comps.empty())
        return {};
    if (role == FieldKeyRole)
        return QString::fromLatin1(f.key);
    if (role == ChoicesRole)
        return f.choices();
    if (role == IsHeadingRole)
        return false;
    if (role == PairListRole)
        return f.type == ComponentField::Type::PairList;
    if (role == Qt::ToolTipRole && (index.column() == 0 || !f.get(*comps.front()).isNull())) {
        const QString key = QString::fromLatin1(f.key);
        const bool clearable = f.type != ComponentField::Type::Choice && key != QLatin1String("id");
        QString tip = fieldHelp(f.key);
        tip += QStringLiteral("\n\n")
               + (clearable ? tr("In the file: %1. Leave it empty for the default.").arg(key)
                            : tr("In the file: %1.").arg(key));
        bool mixed = false;
        for (const Component *c : comps)
            mixed = mixed || f.get(*c) != f.get(*comps.front());
        if (mixed)
            tip += QLatin1Char('\n') + tr("Values differ across the selection.");
        return tip;
    }
    if (index.column() == 0) {
        if (role == Qt::DisplayRole)
            return QCoreApplication::translate("Inspector", f.label);
        return {};
    }
    const QVariant first = f.get(*comps.front());
    bool mixed = false;
    bool isDefault = true;
    for (const Component *c : comps) {
        mixed = mixed || f.get(*c) != first;
        isDefault = isDefault && !f.isSet(*c);
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return mixed ? QVariant(QString()) : first;
    case MixedRole:
        return mixed;
    case IsDefaultRole:
        return isDefault;
    case Qt::FontRole: {
        QFont font;
        font.setItalic(isDefault); // a default in force, not a value written in the file
        return font;
    }
    default:
        return {};
    }
}

Qt::ItemFlags ComponentPropertiesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (isHeading(index.row()))
        return Qt::ItemIsEnabled;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == 1)
        f |= Qt::ItemIsEditable;
    return f;
}

bool ComponentPropertiesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != 1 || index.row() >= rowCount()
        || isHeading(index.row()))
        return false;
    const ComponentField &f = *m_rows[std::size_t(index.row())].field;
    const QString text = value.toString();
    std::vector<std::pair<QString, Component>> edits;
    for (const Component *c : selected()) {
        Component changed = *c;
        if (auto why = f.set(changed, text)) {
            emit editRefused(QCoreApplication::translate("Inspector", f.label)
                             + QStringLiteral(": ") + *why);
            return false;
        }
        edits.emplace_back(QString::fromStdString(c->id), changed);
    }
    const QString label = QCoreApplication::translate("Inspector", f.label);
    const QString what
        = edits.size() == 1 ? edits.front().first : tr("%n components", nullptr, int(edits.size()));
    if (auto why = m_editor->editComponents(edits, tr("Set %1 of %2").arg(label, what))) {
        emit editRefused(*why);
        return false;
    }
    if (QLatin1String(f.key) == QLatin1String("id") && !m_ids.isEmpty())
        m_ids.front() = text.trimmed();
    emit dataChanged(this->index(0, 1), this->index(rowCount() - 1, 1));
    return true;
}

} // namespace hld
