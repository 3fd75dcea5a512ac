#include "design_document.h"

#include "model/component_kind.h"

#include <QSet>

namespace hld {

DesignDocument::DesignDocument(QObject *parent)
    : QObject(parent)
{}

const Component *DesignDocument::component(const QString &id) const
{
    return m_design.find(id.toStdString());
}

int DesignDocument::componentIndex(const QString &id) const
{
    return m_design.indexOf(id.toStdString());
}

int DesignDocument::linkIndex(const QString &from, const QString &to) const
{
    const std::string f = from.toStdString(), t = to.toStdString();
    for (std::size_t i = 0; i < m_design.links.size(); ++i) {
        if (m_design.links[i].from == f && m_design.links[i].to == t)
            return static_cast<int>(i);
    }
    return -1;
}

bool DesignDocument::wouldCloseCycle(const QString &from, const QString &to) const
{
    // A new link from -> to (carrying every request class) closes a cycle if `from` is
    // reachable from `to` over links that one class can travel. A queue passes every
    // message to every subscriber, whatever the link's filter.
    const std::string target = from.toStdString();
    for (const RequestFilter cls : {RequestFilter::Reads, RequestFilter::Writes}) {
        QSet<QString> seen;
        std::vector<std::string> stack{to.toStdString()};
        while (!stack.empty()) {
            const std::string n = stack.back();
            stack.pop_back();
            if (n == target)
                return true;
            if (seen.contains(QString::fromStdString(n)))
                continue;
            seen.insert(QString::fromStdString(n));
            const Component *c = component(QString::fromStdString(n));
            const bool queue = c && c->kind == ComponentKind::Queue;
            for (const auto &l : m_design.links) {
                const RequestFilter f = l.requests.value_or(RequestFilter::All);
                if (l.from == n && (queue || f == RequestFilter::All || f == cls))
                    stack.push_back(l.to);
            }
        }
    }
    return false;
}

std::optional<QString>
DesignDocument::linkRefusal(const QString &from, const QString &to, LinkMode mode) const
{
    const Component *a = component(from);
    const Component *b = component(to);
    if (!a || !b)
        return tr("No such component.");
    if (from == to)
        return tr("A component cannot call itself.");
    if (b->kind == ComponentKind::Client)
        return tr("'%1' is a client: clients send requests, they cannot receive them.").arg(to);
    if (linkIndex(from, to) >= 0)
        return tr("'%1' already calls '%2'.").arg(from, to);
    if (wouldCloseCycle(from, to)) {
        if (mode == LinkMode::Sync)
            return tr("A link from '%1' to '%2' would close a cycle: a request would wait "
                      "for itself.")
                .arg(from, to);
        return tr("An async link from '%1' to '%2' would close a loop: every message around "
                  "it would send the next one for ever.")
            .arg(from, to);
    }
    return std::nullopt;
}

QString DesignDocument::uniqueId(const QString &base) const
{
    QString stem = base;
    while (!stem.isEmpty() && stem.back().isDigit())
        stem.chop(1);
    if (stem.isEmpty())
        stem = QStringLiteral("c");
    if (!component(base) && !base.isEmpty())
        return base;
    for (int i = 2;; ++i) {
        const QString candidate = stem + QString::number(i);
        if (!component(candidate))
            return candidate;
    }
}

QString DesignDocument::uniqueRegionName(const QString &base) const
{
    auto taken = [&](const QString &n) {
        for (const auto &r : m_design.regions) {
            if (QString::fromStdString(r.name) == n)
                return true;
        }
        return false;
    };
    if (!taken(base))
        return base;
    for (int i = 2;; ++i) {
        const QString candidate = base + QLatin1Char(' ') + QString::number(i);
        if (!taken(candidate))
            return candidate;
    }
}

void DesignDocument::insertComponent(int index, const Component &c)
{
    index = std::clamp(index, 0, static_cast<int>(m_design.components.size()));
    m_design.components.insert(m_design.components.begin() + index, c);
    emit componentAdded(QString::fromStdString(c.id));
}

void DesignDocument::removeComponentAt(int index)
{
    const QString id = QString::fromStdString(m_design.components.at(index).id);
    m_design.components.erase(m_design.components.begin() + index);
    emit componentRemoved(id);
}

void DesignDocument::replaceComponent(int index, const Component &c)
{
    Component &slot = m_design.components.at(index);
    const std::string oldId = slot.id;
    const bool moved = slot.position != c.position;
    slot = c;
    if (oldId != c.id) {
        for (auto &l : m_design.links) {
            if (l.from == oldId)
                l.from = c.id;
            if (l.to == oldId)
                l.to = c.id;
        }
        emit componentRenamed(QString::fromStdString(oldId), QString::fromStdString(c.id));
    }
    emit componentChanged(QString::fromStdString(c.id));
    if (moved)
        emit componentMoved(QString::fromStdString(c.id));
}

void DesignDocument::setPosition(const QString &id, Point p)
{
    const int i = componentIndex(id);
    if (i < 0)
        return;
    m_design.components[static_cast<std::size_t>(i)].position = p;
    emit componentMoved(id);
}

void DesignDocument::insertLink(int index, const Link &l)
{
    index = std::clamp(index, 0, static_cast<int>(m_design.links.size()));
    m_design.links.insert(m_design.links.begin() + index, l);
    emit linkAdded(QString::fromStdString(l.from), QString::fromStdString(l.to));
}

void DesignDocument::removeLinkAt(int index)
{
    const Link l = m_design.links.at(index);
    m_design.links.erase(m_design.links.begin() + index);
    emit linkRemoved(QString::fromStdString(l.from), QString::fromStdString(l.to));
}

void DesignDocument::replaceLink(int index, const Link &l)
{
    m_design.links.at(index) = l;
    emit linkChanged(QString::fromStdString(l.from), QString::fromStdString(l.to));
}

void DesignDocument::setRegions(const std::vector<Region> &regions)
{
    m_design.regions = regions;
    emit regionsChanged();
}

void DesignDocument::setName(const QString &name)
{
    m_design.name = name.toStdString();
    emit nameChanged();
}

void DesignDocument::setInterview(const std::optional<Interview> &interview)
{
    m_design.interview = interview;
    emit interviewChanged();
}

void DesignDocument::storeInterviewElapsed(double elapsedS)
{
    if (!m_design.interview || m_design.interview->elapsedS == elapsedS)
        return;
    m_design.interview->elapsedS = elapsedS;
    m_undo.resetClean();
}

void DesignDocument::resetDesign(const Design &d)
{
    m_design = d;
    emit documentReset();
}

} // namespace hld
