#include "prompt_library.h"

#include "file_controller.h"

#include <QDir>
#include <QFile>
#include <QObject>

#include <algorithm>

namespace hld {

PromptLibrary::PromptLibrary(const QString &dir)
    : m_dir(dir)
{
    const QDir d(dir);
    for (const QString &name : d.entryList({QStringLiteral("*.prompt.json")}, QDir::Files)) {
        const QString path = d.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            m_problems.append({path, QObject::tr("cannot be read")});
            continue;
        }
        PromptLoad r = parsePrompt(f.readAll().toStdString());
        if (!r.prompt) {
            m_problems.append({path, QString::fromStdString(r.error)});
            continue;
        }
        m_entries.append({path, std::move(*r.prompt)});
    }
    // By subject: "Design a URL shortener" sorts under U.
    auto key = [](const Prompt &p) {
        QString t = QString::fromStdString(p.title);
        for (const char *lead : {"Design an ", "Design a ", "Design "}) {
            if (t.startsWith(QLatin1String(lead)))
                return t.mid(int(qstrlen(lead)));
        }
        return t;
    };
    std::sort(m_entries.begin(), m_entries.end(), [&key](const Entry &a, const Entry &b) {
        return key(a.prompt).compare(key(b.prompt), Qt::CaseInsensitive) < 0;
    });
}

const PromptLibrary &PromptLibrary::shipped()
{
    static const PromptLibrary library;
    return library;
}

const Prompt *PromptLibrary::find(const QString &id) const
{
    const std::string key = id.toStdString();
    for (const Entry &e : m_entries) {
        if (e.prompt.id == key)
            return &e.prompt;
    }
    return nullptr;
}

std::optional<Design> PromptLibrary::referenceDesign(const QString &id, QString *error) const
{
    const Prompt *p = find(id);
    if (!p) {
        if (error)
            *error = QObject::tr("No prompt '%1'.").arg(id);
        return std::nullopt;
    }
    const QString file = p->reference.empty() ? id + QStringLiteral(".hld.json")
                                              : QString::fromStdString(p->reference);
    return FileController::loadTemplate(QDir(m_dir).filePath(file), error);
}

QString PromptLibrary::summary(const Prompt &p)
{
    QString s = QString::fromStdString(p.statement).simplified();
    const int stop = s.indexOf(QLatin1String(". "));
    if (stop > 0)
        s.truncate(stop + 1);
    if (s.size() > 140)
        s = s.left(137) + QStringLiteral("…");
    return s;
}

} // namespace hld
