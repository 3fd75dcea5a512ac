#include "concept_library.h"

#include "io/design_reader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hld {

namespace {

QString tr(const char *s)
{
    return QCoreApplication::translate("ConceptLibrary", s);
}

ConceptCounter::Better betterFromName(const QString &s)
{
    if (s == QLatin1String("higher"))
        return ConceptCounter::Better::Higher;
    if (s == QLatin1String("lower"))
        return ConceptCounter::Better::Lower;
    return ConceptCounter::Better::Either;
}

QString text(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

} // namespace

QString Concept::designPath(Variant v) const
{
    return QStringLiteral("%1/%2.%3.hld.json")
        .arg(dir, id, v == Variant::On ? QStringLiteral("on") : QStringLiteral("off"));
}

QString Concept::explanationPath() const
{
    return QStringLiteral("%1/%2.md").arg(dir, id);
}

ConceptLibrary::ConceptLibrary(const QString &indexPath)
{
    QFile f(indexPath);
    if (!f.open(QIODevice::ReadOnly)) {
        m_error = tr("Cannot open the concept index %1").arg(indexPath);
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (doc.isNull()) {
        m_error = tr("The concept index is not JSON: %1").arg(parseError.errorString());
        return;
    }
    const QJsonObject root = doc.object();
    if (text(root, "format") != QLatin1String("hld-concepts")) {
        m_error = tr("%1 is not a concept index").arg(indexPath);
        return;
    }
    const QString dir = QFileInfo(indexPath).path();
    for (const QJsonValue &v : root.value(QLatin1String("concepts")).toArray()) {
        const QJsonObject o = v.toObject();
        Concept c;
        c.id = text(o, "id");
        c.dir = dir;
        c.title = text(o, "title");
        c.guideSection = text(o, "guide_section");
        c.summary = text(o, "summary");
        c.onLabel = text(o, "on");
        c.offLabel = text(o, "off");
        for (const QJsonValue &cv : o.value(QLatin1String("counters")).toArray()) {
            const QJsonObject co = cv.toObject();
            c.counters.append(
                {text(co, "path"), text(co, "label"), betterFromName(text(co, "better"))});
        }
        if (c.id.isEmpty() || c.title.isEmpty()) {
            m_error = tr("A concept in %1 has no id or title").arg(indexPath);
            m_concepts.clear();
            return;
        }
        m_concepts.append(c);
    }
}

const Concept *ConceptLibrary::find(const QString &id) const
{
    for (const Concept &c : m_concepts) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

std::optional<Design>
ConceptLibrary::loadDesign(const Concept &c, Concept::Variant v, QString *error)
{
    const QString path = c.designPath(v);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot open %1").arg(path);
        return std::nullopt;
    }
    const LoadResult r = parseDesign(f.readAll().toStdString());
    if (!r.ok()) {
        if (error)
            *error = QString::fromStdString(r.describe(path.toStdString()));
        return std::nullopt;
    }
    return r.design;
}

QString ConceptLibrary::explanation(const Concept &c)
{
    QFile f(c.explanationPath());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

} // namespace hld
