#include "link_actions.h"

#include "design_document.h"
#include "design_editor.h"

#include <QActionGroup>
#include <QMenu>

namespace hld {

LinkActions::LinkActions(DesignEditor *editor, QObject *parent)
    : QObject(parent)
    , m_editor(editor)
{}

void LinkActions::addTo(const QString &from, const QString &to, QMenu *menu)
{
    const DesignDocument *doc = m_editor->document();
    const int index = doc->linkIndex(from, to);
    if (index < 0)
        return;
    const Link link = doc->design().links[std::size_t(index)];
    // Applies `change` to a copy of the link as one undoable edit named `text`.
    auto edit = [this, from, to](const QString &text, auto change) {
        const int at = m_editor->document()->linkIndex(from, to);
        if (at < 0)
            return;
        Link after = m_editor->document()->design().links[std::size_t(at)];
        change(after);
        if (auto why = m_editor->editLink(at, after, text))
            emit message(*why);
    };

    menu->addSeparator();
    QAction *async = menu->addAction(tr("&Asynchronous (Fire and Forget)"));
    async->setObjectName(QStringLiteral("linkAsync"));
    async->setCheckable(true);
    async->setChecked(link.mode == LinkMode::Async);
    async->setToolTip(tr("The caller hands the request on and answers at once, without "
                         "waiting for %1.")
                          .arg(to));
    connect(async, &QAction::triggered, this, [edit, from, to](bool on) {
        edit(on ? tr("Make %1 → %2 asynchronous").arg(from, to)
                : tr("Make %1 → %2 synchronous").arg(from, to),
             [on](Link &l) { l.mode = on ? std::optional(LinkMode::Async) : std::nullopt; });
    });

    QMenu *carries = menu->addMenu(tr("&Carries"));
    auto *group = new QActionGroup(carries);
    const RequestFilter now = link.requests.value_or(RequestFilter::All);
    const std::pair<RequestFilter, QString> choices[] = {
        {RequestFilter::All, tr("All Requests")},
        {RequestFilter::Reads, tr("Reads Only")},
        {RequestFilter::Writes, tr("Writes Only")},
    };
    for (const auto &[filter, text] : choices) {
        QAction *a = carries->addAction(text);
        a->setCheckable(true);
        a->setChecked(filter == now);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [edit, from, to, filter = filter, text = text] {
            edit(tr("%1 → %2 carries %3").arg(from, to, text.toLower()), [filter](Link &l) {
                l.requests = filter == RequestFilter::All ? std::nullopt : std::optional(filter);
            });
        });
    }
}

} // namespace hld
