#pragma once

#include <QHashFunctions>
#include <QString>

namespace hld {

// A link named by its ends: how the GUI addresses a link, in the document, on the canvas and
// in the snapshots of a running simulation. (The engine's dense link index never leaves the
// simulation thread.)
struct LinkRef
{
    QString from;
    QString to;

    bool isNull() const { return from.isEmpty() && to.isEmpty(); }
    friend bool operator==(const LinkRef &, const LinkRef &) = default;
};

inline size_t qHash(const LinkRef &l, size_t seed = 0) noexcept
{
    return qHashMulti(seed, l.from, l.to);
}

} // namespace hld
