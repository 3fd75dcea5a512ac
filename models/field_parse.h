#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

namespace hld::field_parse {

// The inspector's reading of what a user typed; a refusal says what was wrong in words.
// Ranges are the loader's business (engine/io/validate_*.cpp), not these.

// An optional part of a design, created with its defaults when absent: editing one of its
// fields switches it on.
template<typename T>
T &made(std::optional<T> &part)
{
    if (!part)
        part.emplace();
    return *part;
}

inline bool blank(const QString &s)
{
    return s.trimmed().isEmpty();
}

inline std::optional<QString> number(const QString &s, double &out)
{
    bool ok = false;
    const double v = s.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return QObject::tr("'%1' is not a number").arg(s.trimmed());
    out = v;
    return std::nullopt;
}

inline std::optional<QString> whole(const QString &s, std::int64_t &out)
{
    bool ok = false;
    const qlonglong v = s.trimmed().toLongLong(&ok);
    if (!ok)
        return QObject::tr("'%1' is not a whole number").arg(s.trimmed());
    out = v;
    return std::nullopt;
}

// Empty clears the field; anything else must parse.
template<typename T>
std::optional<QString> optional(std::optional<T> &field, const QString &s)
{
    if (blank(s)) {
        field.reset();
        return std::nullopt;
    }
    T v{};
    std::optional<QString> why;
    if constexpr (std::is_same_v<T, double>)
        why = number(s, v);
    else
        why = whole(s, v);
    if (!why)
        field = v;
    return why;
}

inline std::optional<QString> flag(bool &field, const QString &s)
{
    if (s != QLatin1String("true") && s != QLatin1String("false"))
        return QObject::tr("must be true or false");
    field = s == QLatin1String("true");
    return std::nullopt;
}

inline QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

template<typename Table>
QStringList namesOf(const Table &t)
{
    QStringList out;
    for (const auto &row : t.rows)
        out << text(row.second);
    return out;
}

} // namespace hld::field_parse
