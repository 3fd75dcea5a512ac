#pragma once

#include "interview/prompt.h"
#include "model/design.h"

#include <QList>
#include <QString>

#include <optional>

namespace hld {

// The interview prompts shipped in the resources (:/prompts/<id>.prompt.json, each with
// its reference design beside it), parsed once and sorted by title.
class PromptLibrary
{
public:
    struct Entry
    {
        QString path; // the resource path of the prompt
        Prompt prompt;
    };
    struct Problem
    {
        QString path;
        QString error;
    };

    explicit PromptLibrary(const QString &dir = QStringLiteral(":/prompts"));

    const QList<Entry> &entries() const { return m_entries; }
    const QList<Problem> &problems() const { return m_problems; } // prompts that did not parse
    const Prompt *find(const QString &id) const;
    // The reference design of a prompt (loaded through the design reader), or the reason.
    std::optional<Design> referenceDesign(const QString &id, QString *error = nullptr) const;
    // One line about a prompt for a list: the start of its statement.
    static QString summary(const Prompt &p);

    static const PromptLibrary &shipped(); // the resources', loaded on first use

private:
    QString m_dir;
    QList<Entry> m_entries;
    QList<Problem> m_problems;
};

} // namespace hld
