#include "clipboard_codec.h"

#include "io/design_reader.h"
#include "io/design_writer.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace hld {

QString encodeSelection(const Design &d, const QStringList &ids)
{
    Design part;
    part.name = d.name;
    const QSet<QString> chosen(ids.begin(), ids.end());
    for (const auto &c : d.components) {
        if (chosen.contains(QString::fromStdString(c.id)))
            part.components.push_back(c);
    }
    for (const auto &l : d.links) {
        if (chosen.contains(QString::fromStdString(l.from))
            && chosen.contains(QString::fromStdString(l.to)))
            part.links.push_back(l);
    }
    return QString::fromStdString(designToText(part));
}

DecodedPaste decodeForPaste(const QString &text, const Design &target, Point offset)
{
    DecodedPaste out;
    const LoadResult r = parseDesign(text.toStdString());
    if (!r.ok()) {
        out.error = QObject::tr("The clipboard does not hold an HLD Studio design:\n%1")
                        .arg(QString::fromStdString(r.describe("clipboard")).trimmed());
        return out;
    }
    QSet<QString> taken;
    for (const auto &c : target.components)
        taken.insert(QString::fromStdString(c.id));
    QHash<QString, QString> rename;
    for (Component c : r.design->components) {
        const QString old = QString::fromStdString(c.id);
        QString id = old;
        if (taken.contains(id)) {
            QString stem = id;
            while (!stem.isEmpty() && stem.back().isDigit())
                stem.chop(1);
            for (int i = 2; taken.contains(id); ++i)
                id = stem + QString::number(i);
        }
        taken.insert(id);
        rename.insert(old, id);
        c.id = id.toStdString();
        const Point p = c.position.value_or(Point{});
        c.position = Point{p.x + offset.x, p.y + offset.y};
        out.components.push_back(std::move(c));
    }
    for (Link l : r.design->links) {
        l.from = rename.value(QString::fromStdString(l.from)).toStdString();
        l.to = rename.value(QString::fromStdString(l.to)).toStdString();
        out.links.push_back(std::move(l));
    }
    return out;
}

} // namespace hld
