#include "kind_style.h"

#include "palette_model.h"

#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QGuiApplication>
#include <QHash>
#include <QSvgRenderer>

#include <map>
#include <memory>

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

QSvgRenderer *kindIconRenderer(ComponentKind kind)
{
    // One renderer per kind for the whole process, released at exit.
    static std::map<int, std::unique_ptr<QSvgRenderer>> cache;
    auto &r = cache[int(kind)];
    if (!r)
        r = std::make_unique<QSvgRenderer>(PaletteModel::iconPath(kind));
    return r.get();
}

QPalette canvasPalette(const QGraphicsItem *item)
{
    return item && item->scene() ? item->scene()->palette() : QGuiApplication::palette();
}

QPalette exportPalette()
{
    QPalette p;
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Window, QColor(0xf4, 0xf4, 0xf4));
    p.setColor(QPalette::AlternateBase, QColor(0xf0, 0xf0, 0xf0));
    p.setColor(QPalette::Text, QColor(0x1a, 0x1a, 0x1a));
    p.setColor(QPalette::WindowText, QColor(0x1a, 0x1a, 0x1a));
    p.setColor(QPalette::PlaceholderText, QColor(0x5a, 0x5a, 0x5a));
    p.setColor(QPalette::Mid, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Button, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::ButtonText, QColor(0x1a, 0x1a, 0x1a));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6d, 0xb5));
    return p;
}

} // namespace hld
