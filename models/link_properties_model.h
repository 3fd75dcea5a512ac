#pragma once

#include "link_fields.h"
#include "property_roles.h"

#include <QAbstractTableModel>

#include <vector>

namespace hld {

class DesignEditor;

// The inspector's rows for one selected link, under group headings: the link itself (ends,
// latency, mode, weight, requests, path prefix), then the caller's policies for calls over
// it: timeout and retries, circuit breaker, bulkhead. A policy's own rows appear when it is
// switched on. Each edit is one undoable command, after the loader's rules accept it; a
// refused edit changes nothing and says why through editRefused(), in words.
class LinkPropertiesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        ChoicesRole = ChoicesRoleId,
        FieldKeyRole = FieldKeyRoleId,
        IsDefaultRole = IsDefaultRoleId,
        IsHeadingRole = IsHeadingRoleId,
    };

    explicit LinkPropertiesModel(DesignEditor *editor, QObject *parent = nullptr);

    void setLink(const QString &from, const QString &to); // empty = none
    bool hasLink() const { return !m_from.isEmpty(); }
    int rowOfField(const QString &key) const; // -1: not shown
    bool isHeading(int row) const;
    // Sets a field by its file name, as typing into its row would.
    bool setField(const QString &key, const QString &value);

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
        const LinkField *field; // null: the heading of `group`
        LinkFieldGroup group;
        friend bool operator==(const Row &, const Row &) = default;
    };
    int linkIndex() const;
    const Link *link() const;
    std::vector<Row> computeRows() const;
    void rebuild();
    void refreshRows(); // the link changed: show or hide rows in place

    DesignEditor *m_editor;
    QString m_from;
    QString m_to;
    std::vector<Row> m_rows;
};

} // namespace hld
