#pragma once

#include "model/design.h"

#include <QList>
#include <QString>

#include <optional>

namespace hld {

// One number that shows a concept's effect: a field of the results JSON, by its path
// ("nodes.cache.hit_ratio", "consistency.db.stale_reads", "classes.write.p50_ms").
struct ConceptCounter
{
    enum class Better { Higher, Lower, Either };
    QString path;
    QString label;
    Better better = Better::Either;
    QString name() const { return path.section(QLatin1Char('.'), -1); }
};

// A concept of the guide with two designs: the mechanism on, and the same design with it off.
struct Concept
{
    QString id;  // also the stem of its files
    QString dir; // where its files are: the index's directory
    QString title;
    QString guideSection;
    QString summary;
    QString onLabel;  // what the "on" design does
    QString offLabel; // and the "off" one
    QList<ConceptCounter> counters;

    enum class Variant { On, Off };
    QString designPath(Variant v) const; // a resource path
    QString explanationPath() const;     // Markdown
};

// The concept library in the resources (resources/concepts/concepts.json and, per concept,
// <id>.on.hld.json, <id>.off.hld.json and <id>.md). Loads without any widget.
class ConceptLibrary
{
public:
    static constexpr const char *kIndex = ":/concepts/concepts.json";

    // Reads the index; on failure the library is empty and error() says why.
    explicit ConceptLibrary(const QString &indexPath = QString::fromLatin1(kIndex));

    const QList<Concept> &concepts() const { return m_concepts; }
    const Concept *find(const QString &id) const;
    QString error() const { return m_error; }

    static std::optional<Design>
    loadDesign(const Concept &c, Concept::Variant v, QString *error = nullptr);
    static QString explanation(const Concept &c); // Markdown; empty if missing

private:
    QString m_dir;
    QList<Concept> m_concepts;
    QString m_error;
};

} // namespace hld
