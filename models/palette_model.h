#pragma once

#include "model/design.h"

#include <QStandardItemModel>

namespace hld {

inline constexpr char kKindMimeType[] = "application/x-hldstudio-kind";

// The palette: kinds grouped as Edge, Compute, Data, Messaging, each with its icon and a
// tooltip that says what the component is for. Dragging an entry carries its kind name.
class PaletteModel : public QStandardItemModel
{
    Q_OBJECT

public:
    enum Role { KindRole = Qt::UserRole + 1, SearchTextRole };

    explicit PaletteModel(QObject *parent = nullptr);

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;

    static QString iconPath(ComponentKind kind);
    static QString whatItIsFor(ComponentKind kind);
};

} // namespace hld
