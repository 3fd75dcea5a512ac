#include "design_editor.h"

#include "auto_layout.h"
#include "canvas_geometry.h"
#include "clipboard_codec.h"
#include "commands/interview_commands.h"
#include "commands/item_commands.h"
#include "commands/layout_commands.h"
#include "design_document.h"
#include "estimate_apply.h"
#include "io/design_validate.h"
#include "model/component_kind.h"
#include "refusal_text.h"

#include <QSet>

namespace hld {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

QString describe(const std::vector<DesignError> &errors)
{
    QStringList lines;
    for (const auto &e : errors)
        lines << (e.path.empty() ? q(e.message) : q(e.path) + QStringLiteral(": ") + q(e.message));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

DesignEditor::DesignEditor(DesignDocument *doc, QObject *parent)
    : QObject(parent)
    , m_doc(doc)
{}

std::optional<std::string> DesignEditor::regionAt(Point p, const std::vector<Region> &regions) const
{
    // The innermost (smallest) frame wins when frames nest.
    const Region *best = nullptr;
    for (const auto &r : regions) {
        if (geometry::regionContains(r, p)
            && (!best || r.width * r.height < best->width * best->height))
            best = &r;
    }
    return best ? std::optional(best->name) : std::nullopt;
}

std::optional<std::string> DesignEditor::regionAfterMove(const Component &c, Point p) const
{
    if (auto r = regionAt(p))
        return r;
    const auto &regions = m_doc->design().regions;
    const bool framed
        = c.region && std::any_of(regions.begin(), regions.end(), [&](const Region &r) {
              return r.name == *c.region;
          });
    return framed ? std::nullopt : c.region;
}

std::optional<std::string> DesignEditor::regionAt(Point p) const
{
    return regionAt(p, m_doc->design().regions);
}

QString DesignEditor::addComponent(ComponentKind kind, Point at)
{
    Component c;
    c.kind = kind;
    c.id
        = m_doc->uniqueId(q(std::string(traits(kind).name)).replace(QStringLiteral("_"), QString()))
              .toStdString();
    c.position = Point{geometry::snap(at.x), geometry::snap(at.y)};
    c.region = regionAt(*c.position);
    if (kind == ComponentKind::Client) {
        c.traffic = Traffic{};
        c.traffic->rps = 100;
        c.traffic->readRatio = 0.9;
    }
    const QString id = q(c.id);
    m_doc->undoStack()->push(new AddItemsCommand(m_doc, {c}, {}, tr("Add %1").arg(id)));
    return id;
}

std::optional<QString> DesignEditor::connect(const QString &from, const QString &to, LinkMode mode)
{
    if (auto why = m_doc->linkRefusal(from, to, mode))
        return why;
    Link l;
    l.from = from.toStdString();
    l.to = to.toStdString();
    if (mode == LinkMode::Async)
        l.mode = LinkMode::Async;
    m_doc->undoStack()->push(
        new AddItemsCommand(m_doc, {}, {l}, tr("Connect %1 → %2").arg(from, to)));
    return std::nullopt;
}

void DesignEditor::remove(const QStringList &ids, const std::vector<LinkRef> &links)
{
    auto *cmd = new RemoveItemsCommand(m_doc, ids, links);
    if (cmd->isObsolete()) {
        delete cmd;
        return;
    }
    m_doc->undoStack()->push(cmd);
}

void DesignEditor::move(const QMap<QString, Point> &centres, const QString &text)
{
    QMap<QString, PositionChange> moves;
    std::vector<Component> before, after;
    for (auto it = centres.cbegin(); it != centres.cend(); ++it) {
        const Component *c = m_doc->component(it.key());
        if (!c)
            continue;
        moves.insert(it.key(), {c->position.value_or(Point{}), *it});
        const auto region = regionAfterMove(*c, *it);
        if (region != c->region) {
            before.push_back(*c);
            after.push_back(*c);
            after.back().region = region;
        }
    }
    const QString label = text.isEmpty()
                              ? (moves.size() == 1 ? tr("Move 1 component")
                                                   : tr("Move %1 components").arg(moves.size()))
                              : text;
    if (after.empty()) {
        auto *cmd = new MoveComponentsCommand(m_doc, moves, label, text.isEmpty());
        if (cmd->isObsolete()) {
            delete cmd;
            return;
        }
        m_doc->undoStack()->push(cmd);
        return;
    }
    // Moving into or out of a frame changes region membership too: one undo step for both.
    m_doc->undoStack()->beginMacro(label);
    // Membership first: the edit carries whole components, positions as they were.
    m_doc->undoStack()->push(new EditComponentsCommand(m_doc, before, after, tr("Change region")));
    m_doc->undoStack()->push(new MoveComponentsCommand(m_doc, moves, label, false));
    m_doc->undoStack()->endMacro();
}

void DesignEditor::alignSelection(const QStringList &ids, Alignment how)
{
    QMap<QString, Point> centres;
    for (const auto &id : ids) {
        if (const Component *c = m_doc->component(id))
            centres.insert(id, c->position.value_or(Point{}));
    }
    move(align(centres, how),
         (centres.size() == 1 ? tr("Align 1 component")
                              : tr("Align %1 components").arg(centres.size())));
}

std::optional<QString> DesignEditor::autoLayout()
{
    const LayoutResult r = layeredLayout(m_doc->design());
    if (!r.ok)
        return r.error;
    QMap<QString, PositionChange> moves;
    for (auto it = r.centres.cbegin(); it != r.centres.cend(); ++it)
        moves.insert(it.key(), {m_doc->component(it.key())->position.value_or(Point{}), *it});
    m_doc->undoStack()->beginMacro(tr("Auto-layout"));
    m_doc->undoStack()->push(new MoveComponentsCommand(m_doc, moves, tr("Auto-layout"), false));
    m_doc->undoStack()->push(
        new SetRegionsCommand(m_doc, m_doc->design().regions, r.regions, tr("Fit regions")));
    m_doc->undoStack()->endMacro();
    return std::nullopt;
}

QString DesignEditor::copy(const QStringList &ids) const
{
    return encodeSelection(m_doc->design(), ids);
}

std::optional<QString> DesignEditor::paste(const QString &text, Point offset, QStringList *newIds)
{
    DecodedPaste p = decodeForPaste(text, m_doc->design(), offset);
    if (!p.error.isEmpty())
        return p.error;
    if (p.components.empty())
        return tr("The clipboard holds no components.");
    QStringList ids;
    for (auto &c : p.components) {
        ids << q(c.id);
        if (c.position)
            c.region = regionAt(*c.position);
    }
    m_doc->undoStack()->push(new AddItemsCommand(
        m_doc,
        p.components,
        p.links,
        (p.components.size() == 1 ? tr("Paste 1 component")
                                  : tr("Paste %1 components").arg(p.components.size()))));
    if (newIds)
        *newIds = ids;
    return std::nullopt;
}

QStringList DesignEditor::duplicate(const QStringList &ids)
{
    QStringList out;
    paste(copy(ids), Point{2 * geometry::kGrid, 2 * geometry::kGrid}, &out);
    return out;
}

std::optional<QString>
DesignEditor::editComponents(const std::vector<std::pair<QString, Component>> &edits,
                             const QString &text)
{
    std::vector<Component> before, after;
    Design candidate = m_doc->design();
    std::vector<DesignError> errors;
    for (const auto &[id, c] : edits) {
        const int index = m_doc->componentIndex(id);
        if (index < 0)
            return tr("No component '%1'.").arg(id);
        before.push_back(candidate.components[std::size_t(index)]);
        after.push_back(c);
        validateComponent(c, "/components/" + std::to_string(index), errors);
        const std::string oldId = candidate.components[std::size_t(index)].id;
        candidate.components[std::size_t(index)] = c;
        for (auto &l : candidate.links) {
            if (l.from == oldId)
                l.from = c.id;
            if (l.to == oldId)
                l.to = c.id;
        }
    }
    if (errors.empty())
        errors = validateDesign(candidate);
    if (!errors.empty())
        return describeForPeople(errors, candidate, edits.size() > 1);
    auto *cmd = new EditComponentsCommand(m_doc, before, after, text);
    if (cmd->isObsolete()) {
        delete cmd;
        return std::nullopt;
    }
    m_doc->undoStack()->push(cmd);
    return std::nullopt;
}

std::optional<QString> DesignEditor::editLink(int index, const Link &after, const QString &text)
{
    const auto &links = m_doc->design().links;
    if (index < 0 || index >= static_cast<int>(links.size()))
        return tr("No such link.");
    std::vector<DesignError> errors;
    validateLink(after, "/links/" + std::to_string(index), errors);
    Design candidate = m_doc->design();
    candidate.links[static_cast<std::size_t>(index)] = after;
    if (errors.empty())
        errors = validateDesign(candidate);
    if (!errors.empty())
        return describeForPeople(errors, candidate, true);
    m_doc->undoStack()->push(
        new EditLinkCommand(m_doc, index, links[std::size_t(index)], after, text));
    return std::nullopt;
}

QString DesignEditor::addRegion(const QStringList &members, const QString &name)
{
    const QString regionName = m_doc->uniqueRegionName(name.isEmpty() ? tr("Region") : name);
    Region r;
    r.name = regionName.toStdString();
    double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
    std::vector<Component> before, after;
    for (const auto &id : members) {
        const Component *c = m_doc->component(id);
        if (!c)
            continue;
        const Point p = c->position.value_or(Point{});
        minX = std::min(minX, p.x);
        maxX = std::max(maxX, p.x);
        minY = std::min(minY, p.y);
        maxY = std::max(maxY, p.y);
        before.push_back(*c);
        after.push_back(*c);
        after.back().region = r.name;
    }
    const double pad = 40;
    if (after.empty()) {
        r.x = 0;
        r.y = 0;
    } else {
        r.x = minX - geometry::kComponentWidth / 2 - pad;
        r.y = minY - geometry::kComponentHeight / 2 - pad;
        r.width = maxX - minX + geometry::kComponentWidth + 2 * pad;
        r.height = maxY - minY + geometry::kComponentHeight + 2 * pad;
    }
    auto regions = m_doc->design().regions;
    regions.push_back(r);
    m_doc->undoStack()->beginMacro(tr("Group into region %1").arg(regionName));
    m_doc->undoStack()->push(
        new SetRegionsCommand(m_doc, m_doc->design().regions, regions, tr("Add region")));
    if (!after.empty())
        m_doc->undoStack()->push(new EditComponentsCommand(m_doc, before, after, tr("Set region")));
    m_doc->undoStack()->endMacro();
    return regionName;
}

std::optional<QString> DesignEditor::setRegionFrame(const QString &name, const Region &frame)
{
    auto regions = m_doc->design().regions;
    auto it = std::find_if(
        regions.begin(), regions.end(), [&](const Region &r) { return q(r.name) == name; });
    if (it == regions.end())
        return tr("No region named '%1'.").arg(name);
    const Region old = *it;
    *it = frame;
    Design candidate = m_doc->design();
    candidate.regions = regions;
    if (auto errors = validateDesign(candidate); !errors.empty())
        return describeForPeople(errors, candidate, true);
    // Renaming a frame carries its members; moving one carries them along; resizing it
    // changes who is inside.
    const double dx = frame.x - old.x, dy = frame.y - old.y;
    const bool translate = frame.width == old.width && frame.height == old.height;
    std::vector<Component> before, after;
    QMap<QString, PositionChange> moves;
    for (const auto &c : m_doc->design().components) {
        Component changed = c;
        const Point p = c.position.value_or(Point{});
        const bool member = c.region == old.name;
        if (translate) {
            // A moved (or renamed) frame carries its members; it slides over others.
            if (member) {
                changed.region = frame.name;
                if (dx != 0 || dy != 0) {
                    changed.position = Point{p.x + dx, p.y + dy};
                    moves.insert(q(c.id), {p, *changed.position});
                }
            }
        } else {
            // A resize changes who is inside.
            const auto inside = regionAt(p, regions);
            if (member || inside == frame.name)
                changed.region = inside;
        }
        changed.position = c.position; // positions change through the move command
        if (!(changed == c)) {
            before.push_back(c);
            after.push_back(changed);
        }
    }
    m_doc->undoStack()->beginMacro(tr("Change region %1").arg(name));
    m_doc->undoStack()->push(
        new SetRegionsCommand(m_doc, m_doc->design().regions, regions, tr("Change region frame")));
    if (!after.empty())
        m_doc->undoStack()->push(new EditComponentsCommand(m_doc, before, after, tr("Set region")));
    if (!moves.isEmpty())
        m_doc->undoStack()->push(
            new MoveComponentsCommand(m_doc, moves, tr("Move members"), false));
    m_doc->undoStack()->endMacro();
    return std::nullopt;
}

void DesignEditor::removeRegion(const QString &name)
{
    removeRegions({name});
}

void DesignEditor::removeRegions(const QStringList &names)
{
    if (names.isEmpty())
        return;
    auto regions = m_doc->design().regions;
    std::erase_if(regions, [&](const Region &r) { return names.contains(q(r.name)); });
    std::vector<Component> before, after;
    for (const auto &c : m_doc->design().components) {
        if (c.region && names.contains(q(*c.region))) {
            before.push_back(c);
            after.push_back(c);
            after.back().region.reset();
        }
    }
    m_doc->undoStack()->beginMacro(names.size() == 1
                                       ? tr("Remove region %1").arg(names.front())
                                       : tr("Remove %n regions", nullptr, int(names.size())));
    m_doc->undoStack()->push(
        new SetRegionsCommand(m_doc, m_doc->design().regions, regions, tr("Remove region")));
    if (!after.empty())
        m_doc->undoStack()->push(
            new EditComponentsCommand(m_doc, before, after, tr("Clear region")));
    m_doc->undoStack()->endMacro();
}

void DesignEditor::moveOutOfRegion(const QStringList &ids)
{
    // Out of the frame geometrically too, just right of it, so membership and picture agree.
    QMap<QString, Point> centres;
    for (const auto &id : ids) {
        const Component *c = m_doc->component(id);
        if (!c || !c->region)
            continue;
        const auto &regions = m_doc->design().regions;
        auto frame = std::find_if(
            regions.begin(), regions.end(), [&](const Region &r) { return r.name == *c->region; });
        Point p = c->position.value_or(Point{});
        if (frame != regions.end())
            p.x = geometry::snap(frame->x + frame->width + geometry::kComponentWidth);
        centres.insert(id, p);
    }
    if (centres.isEmpty())
        return;
    // Components whose region is only a label (no frame) just lose the label.
    std::vector<Component> before, after;
    for (auto it = centres.cbegin(); it != centres.cend(); ++it) {
        const Component *c = m_doc->component(it.key());
        before.push_back(*c);
        after.push_back(*c);
        after.back().position = *it;
        after.back().region = regionAt(*it);
    }
    m_doc->undoStack()->push(
        new EditComponentsCommand(m_doc, before, after, tr("Move out of region")));
}

void DesignEditor::renameDesign(const QString &name)
{
    auto *cmd = new RenameDesignCommand(m_doc, name.trimmed());
    if (cmd->isObsolete()) {
        delete cmd;
        return;
    }
    m_doc->undoStack()->push(cmd);
}

std::optional<QString> DesignEditor::renameRegion(const QString &from, const QString &to)
{
    const auto &regions = m_doc->design().regions;
    auto it = std::find_if(
        regions.begin(), regions.end(), [&](const Region &r) { return q(r.name) == from; });
    if (it == regions.end())
        return tr("No region named '%1'.").arg(from);
    Region renamed = *it;
    renamed.name = to.trimmed().toStdString();
    return setRegionFrame(from, renamed);
}

void DesignEditor::setInterview(const std::optional<Interview> &interview,
                                const QString &text,
                                int mergeField)
{
    m_doc->undoStack()->push(new SetInterviewCommand(m_doc, interview, text, mergeField));
}

std::optional<QString> DesignEditor::applyEstimate(double peakRps, double readRatio)
{
    const auto edits = clientsAtEstimate(m_doc->design(), peakRps, readRatio);
    if (edits.empty())
        return tr("The design has no client to apply the estimate to: add one from the "
                  "palette.");
    return editComponents(edits,
                          tr("Apply estimate: %1 requests/s at peak").arg(qRound64(peakRps)));
}

std::optional<QString> DesignEditor::replaceDesign(const Design &d, const QString &text)
{
    if (auto errors = validateDesign(d); !errors.empty())
        return describe(errors);
    // A template leaves its layout to Graphviz: placed here, or every component lands on
    // the origin, as when Apply to This Design stacked the seven of a template in one spot.
    Design placed = d;
    placeUnpositioned(placed);
    m_doc->undoStack()->push(new ReplaceDesignCommand(m_doc, std::move(placed), text));
    return std::nullopt;
}

} // namespace hld
