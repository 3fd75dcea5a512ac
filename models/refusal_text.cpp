#include "refusal_text.h"

#include "component_fields.h"
#include "link_fields.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace hld {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// "hit_ratio" -> "Hit ratio" (the inspector's label); an unknown key in plain words.
QString fieldName(const QString &key, bool ofLink)
{
    if (ofLink) {
        if (const LinkField *f = linkField(key.toStdString()))
            return linkFieldLabel(*f);
    } else {
        for (const auto &f : componentFields()) {
            if (key == QLatin1String(f.key))
                return QCoreApplication::translate("Inspector", f.label);
        }
    }
    QString words = key.section(QLatin1Char('.'), -1);
    words.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (words.endsWith(QLatin1String(" ms")))
        words = words.chopped(3) + QStringLiteral(" (ms)");
    else if (words.endsWith(QLatin1String(" s")))
        words = words.chopped(2) + QStringLiteral(" (s)");
    if (!words.isEmpty())
        words[0] = words[0].toUpper();
    return words;
}

// "is 1.5; must be between 0 and 1" -> "must be between 0 and 1 (got 1.5)".
QString sentence(const QString &message)
{
    static const QRegularExpression isMust(QStringLiteral("^is (.+?); (must .*)$"));
    const auto m = isMust.match(message);
    if (m.hasMatch())
        return QStringLiteral("%1 (got %2)").arg(m.captured(2), m.captured(1));
    return message;
}

QString describeOne(const DesignError &e, const Design &d, bool nameTheComponent)
{
    const QString message = sentence(q(e.message));
    const QStringList parts = q(e.path).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.size() < 2)
        return message;
    const std::size_t index = parts[1].toULongLong();
    const QString rest = QStringList(parts.mid(2)).join(QLatin1Char('.'));
    QString owner;
    if (parts[0] == QLatin1String("components") && index < d.components.size()) {
        if (nameTheComponent)
            owner = q(d.components[index].id) + QStringLiteral(": ");
    } else if (parts[0] == QLatin1String("links") && index < d.links.size()) {
        owner = QCoreApplication::translate("Refusal", "Link %1 → %2: ")
                    .arg(q(d.links[index].from), q(d.links[index].to));
    } else if (parts[0] == QLatin1String("regions") && index < d.regions.size()) {
        owner = QCoreApplication::translate("Refusal", "Region %1: ").arg(q(d.regions[index].name));
    } else {
        return message;
    }
    if (rest.isEmpty()) {
        QString text = message;
        // A sentence starts with a capital, unless it starts with a file name ("timeout_ms").
        if (!text.isEmpty() && !text.section(QLatin1Char(' '), 0, 0).contains(QLatin1Char('_')))
            text[0] = text[0].toUpper();
        return owner + text;
    }
    return owner + fieldName(rest, parts[0] == QLatin1String("links")) + QLatin1Char(' ') + message;
}

} // namespace

QString describeForPeople(const std::vector<DesignError> &errors,
                          const Design &design,
                          bool nameTheComponent)
{
    QStringList lines;
    for (const auto &e : errors)
        lines << describeOne(e, design, nameTheComponent);
    lines.removeDuplicates();
    return lines.join(QLatin1Char('\n'));
}

} // namespace hld
