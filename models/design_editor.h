#pragma once

#include "alignment.h"
#include "link_ref.h"
#include "model/design.h"

#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace hld {

class DesignDocument;

// Turns user intentions into undo commands on the document. Views call this; they never
// build commands or touch the document themselves. Each method is one undo step and returns
// a reason when it refuses.
class DesignEditor : public QObject
{
    Q_OBJECT

public:
    explicit DesignEditor(DesignDocument *doc, QObject *parent = nullptr);

    DesignDocument *document() const { return m_doc; }

    // A new component of `kind` centred at `at`; returns its id.
    QString addComponent(ComponentKind kind, Point at);
    std::optional<QString>
    connect(const QString &from, const QString &to, LinkMode mode = LinkMode::Sync);
    void remove(const QStringList &ids, const std::vector<LinkRef> &links);
    // Positions after a drag (centres). Region membership follows the new place.
    void move(const QMap<QString, Point> &centres, const QString &text = {});
    void alignSelection(const QStringList &ids, Alignment how);
    std::optional<QString> autoLayout();

    // Copy / paste through design JSON text.
    QString copy(const QStringList &ids) const;
    // Pasted components get fresh ids where taken; returns the new ids, or the refusal.
    std::optional<QString> paste(const QString &text, Point offset, QStringList *newIds = nullptr);
    QStringList duplicate(const QStringList &ids);

    // Inspector edits: every candidate is checked with the loader's rules first.
    // `edits` pairs a current id with the component's new value (which may rename it).
    std::optional<QString> editComponents(const std::vector<std::pair<QString, Component>> &edits,
                                          const QString &text);
    std::optional<QString> editLink(int index, const Link &after, const QString &text);

    // Region frames.
    QString addRegion(const QStringList &members, const QString &name = {});
    std::optional<QString> setRegionFrame(const QString &name, const Region &frame);
    void removeRegion(const QString &name);
    void removeRegions(const QStringList &names); // one undo step
    void moveOutOfRegion(const QStringList &ids);

    std::optional<QString> replaceDesign(const Design &d, const QString &text);
    // The mock interview: any edit of it, one undo step; edits of the same `mergeField`
    // (>= 0) in a row merge into one.
    void setInterview(const std::optional<Interview> &interview,
                      const QString &text,
                      int mergeField = -1);
    // The estimator's result on the clients (estimate_apply.h), one undo step.
    std::optional<QString> applyEstimate(double peakRps, double readRatio);
    void renameDesign(const QString &name);
    std::optional<QString> renameRegion(const QString &from, const QString &to);

private:
    std::optional<std::string> regionAt(Point p) const;
    std::optional<std::string> regionAt(Point p, const std::vector<Region> &regions) const;
    // Membership after a move to p: the frame under p, or a region that has no frame (a
    // plain label from the file) kept as it was.
    std::optional<std::string> regionAfterMove(const Component &c, Point p) const;

    DesignDocument *m_doc;
};

} // namespace hld
