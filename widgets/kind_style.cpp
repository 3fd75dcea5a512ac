#include "kind_style.h"

#include "palette_model.h"

#include <QHash>

namespace hld {

QColor kindAccent(ComponentKind kind)
{
    switch (kind) {
    case ComponentKind::Client:
        return QColor(0x3a, 0x5a, 0x8c);
    case ComponentKind::Cdn:
        return QColor(0x2e, 0x8b, 0x57);
    case ComponentKind::LoadBalancer:
        return QColor(0x7b, 0x4f, 0xb8);
    case ComponentKind::ApiGateway:
        return QColor(0xc0, 0x62, 0x1a);
    case ComponentKind::Service:
        return QColor(0x2f, 0x6d, 0xb5);
    case ComponentKind::Cache:
        return QColor(0xc6, 0x28, 0x28);
    case ComponentKind::Database:
        return QColor(0x1f, 0x7a, 0x8c);
    case ComponentKind::Queue:
        return QColor(0xb0, 0x8a, 0x00);
    case ComponentKind::ObjectStorage:
        return QColor(0x8b, 0x5e, 0x34);
    }
    return Qt::gray;
}

const QIcon &kindIcon(ComponentKind kind)
{
    static QHash<int, QIcon> cache;
    auto it = cache.find(int(kind));
    if (it == cache.end())
        it = cache.insert(int(kind), QIcon(PaletteModel::iconPath(kind)));
    return *it;
}

} // namespace hld
