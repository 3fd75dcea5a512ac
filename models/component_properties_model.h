#pragma once

#include "component_fields.h"
#include "field_help.h"
#include "property_roles.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace hld {

class DesignEditor;

// The inspector's rows for the selected components: the fields every selected kind has,
// under group headings (identity, scale, timing, behaviour, then the data mechanisms), important
// ones first; the fields of a feature that is off appear when it is switched on. A value shared by
// all shows; differing values show as empty with a "mixed" hint. An edit applies to all of them,
// after the loader's rules accept it; a refused edit changes nothing and says why through
// editRefused(), in words rather than JSON paths.
class ComponentPropertiesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        ChoicesRole = ChoicesRoleId,
        FieldKeyRole = FieldKeyRoleId,
        IsDefaultRole = IsDefaultRoleId,
        MixedRole = MixedRoleId,
        IsHeadingRole = IsHeadingRoleId, // a group's heading row, not a field
        PairListRole = PairListRoleId,   // a list of "name: number" pairs
    };

    explicit ComponentPropertiesModel(DesignEditor *editor, QObject *parent = nullptr);

    void setSelection(const QStringList &ids);
    QStringList selection() const { return m_ids; }
    int rowOfField(const QString &key) const;
    bool isHeading(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

signals:
    void editRefused(const QString &reason);

private:
    struct Row
    {
        const ComponentField *field; // null: the heading of `group`
        FieldGroup group;
        friend bool operator==(const Row &, const Row &) = default;
    };
    std::vector<Row> computeRows() const;
    void rebuild();     // another selection
    void refreshRows(); // the same selection changed: show or hide rows in place
    std::vector<const Component *> selected() const;

    DesignEditor *m_editor;
    QStringList m_ids;
    std::vector<Row> m_rows;
};

} // namespace hld
