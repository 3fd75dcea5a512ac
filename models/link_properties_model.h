#pragma once

#include <QAbstractTableModel>

namespace hld {

class DesignEditor;

// The inspector's rows for one selected link: from, to, latency, mode, weight, requests.
class LinkPropertiesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role { ChoicesRole = Qt::UserRole + 1 };

    explicit LinkPropertiesModel(DesignEditor *editor, QObject *parent = nullptr);

    void setLink(const QString &from, const QString &to); // empty = none
    bool hasLink() const { return !m_from.isEmpty(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

signals:
    void editRefused(const QString &reason);

private:
    int linkIndex() const;

    DesignEditor *m_editor;
    QString m_from;
    QString m_to;
};

} // namespace hld
