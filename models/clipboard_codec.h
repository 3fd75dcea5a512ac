#pragma once

#include "model/design.h"

#include <QString>
#include <QStringList>

namespace hld {

inline constexpr char kDesignMimeType[] = "application/x-hldstudio-design+json";

// The selection as a design document (components plus the links among them), so a copy
// pastes into another window, another instance, or a text editor.
QString encodeSelection(const Design &d, const QStringList &ids);

struct DecodedPaste
{
    std::vector<Component> components;
    std::vector<Link> links;
    QString error; // set when the text is not a design
};

// Parses clipboard text and makes it fit into `target`: ids that are taken get fresh ones
// (links follow), positions shift by `offset`.
DecodedPaste decodeForPaste(const QString &text, const Design &target, Point offset);

} // namespace hld
