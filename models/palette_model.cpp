#include "palette_model.h"

#include "model/component_kind.h"

#include <QFont>
#include <QIcon>
#include <QMimeData>

namespace hld {

namespace {

struct Group
{
    const char *title;
    std::initializer_list<ComponentKind> kinds;
};

} // namespace

QString PaletteModel::iconPath(ComponentKind kind)
{
    return QStringLiteral(":/icons/%1.svg")
        .arg(QString::fromUtf8(traits(kind).name.data(), qsizetype(traits(kind).name.size())));
}

QString PaletteModel::whatItIsFor(ComponentKind kind)
{
    switch (kind) {
    case ComponentKind::Client:
        return tr("Users or devices sending requests. Set requests per second and the read share: "
                  "the read/write ratio decides the whole architecture.");
    case ComponentKind::Cdn:
        return tr("Edge servers near users that serve static content from cache. Use it when users "
                  "are far away or content is heavy (images, video): hits answer in milliseconds, "
                  "misses go to the origin.");
    case ComponentKind::LoadBalancer:
        return tr("Spreads requests over replicas and routes around failed ones. Needed as soon as "
                  "one server is not enough or must not be a single point of failure.");
    case ComponentKind::ApiGateway:
        return tr("One front door for many services: authentication, rate limiting, routing. Use "
                  "it with microservices so clients do not know every service.");
    case ComponentKind::Service:
        return tr("Application servers running your logic. Keep them stateless so they scale "
                  "horizontally behind a load balancer.");
    case ComponentKind::Cache:
        return tr("In-memory store (Redis, Memcached) that answers repeated reads in under a "
                  "millisecond and takes load off the database. Stale data is the price.");
    case ComponentKind::Database:
        return tr("The system of record (PostgreSQL, MySQL, Cassandra). Usually the first "
                  "bottleneck: add replicas for reads, shards for writes.");
    case ComponentKind::Queue:
        return tr("Message queue (Kafka, RabbitMQ, SQS): acknowledges at once and lets consumers "
                  "work through the backlog. Decouples slow work from the user's request.");
    case ComponentKind::ObjectStorage:
        return tr("Blob store (S3, GCS) for files, images and video: cheap and durable, slower "
                  "than a database; put a CDN in front for reads.");
    }
    return {};
}

PaletteModel::PaletteModel(QObject *parent)
    : QStandardItemModel(parent)
{
    const Group groups[] = {
        {QT_TR_NOOP("Edge"),
         {ComponentKind::Client,
          ComponentKind::Cdn,
          ComponentKind::LoadBalancer,
          ComponentKind::ApiGateway}},
        {QT_TR_NOOP("Compute"), {ComponentKind::Service}},
        {QT_TR_NOOP("Data"),
         {ComponentKind::Cache, ComponentKind::Database, ComponentKind::ObjectStorage}},
        {QT_TR_NOOP("Messaging"), {ComponentKind::Queue}},
    };
    for (const auto &g : groups) {
        auto *group = new QStandardItem(tr(g.title));
        group->setFlags(Qt::ItemIsEnabled);
        QFont bold;
        bold.setBold(true);
        group->setFont(bold);
        QStringList all;
        for (ComponentKind k : g.kinds) {
            const auto &t = traits(k);
            auto *item = new QStandardItem(
                QIcon(iconPath(k)), QString::fromUtf8(t.title.data(), qsizetype(t.title.size())));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
            item->setData(QString::fromUtf8(t.name.data(), qsizetype(t.name.size())), KindRole);
            item->setToolTip(whatItIsFor(k));
            item->setData(item->text() + QLatin1Char(' ') + item->toolTip(), SearchTextRole);
            all << item->data(SearchTextRole).toString();
            group->appendRow(item);
        }
        group->setData(all.join(QLatin1Char(' ')), SearchTextRole);
        appendRow(group);
    }
}

QStringList PaletteModel::mimeTypes() const
{
    return {QString::fromLatin1(kKindMimeType)};
}

QMimeData *PaletteModel::mimeData(const QModelIndexList &indexes) const
{
    for (const auto &i : indexes) {
        const QString kind = i.data(KindRole).toString();
        if (!kind.isEmpty()) {
            auto *m = new QMimeData;
            m->setData(QString::fromLatin1(kKindMimeType), kind.toUtf8());
            return m;
        }
    }
    return nullptr;
}

} // namespace hld
