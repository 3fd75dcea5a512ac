#pragma once

#include "link_policy_marks.h"

#include <QGraphicsObject>

#include <optional>

namespace hld {

class ComponentItem;
class DesignDocument;

// An arrow from one component to another: solid for sync, dashed for async, labelled with
// its one-way latency (its throughput while running) and the caller's policies; a circuit
// breaker shows as a glyph near the caller, in its live state while running. It follows its
// two endpoint items.
class LinkItem : public QGraphicsObject
{
    Q_OBJECT

public:
    enum { Type = UserType + 2 };

    LinkItem(const DesignDocument *doc, ComponentItem *from, ComponentItem *to);

    int type() const override { return Type; }
    QString fromId() const;
    QString toId() const;
    ComponentItem *fromItem() const { return m_from; }
    ComponentItem *toItem() const { return m_to; }

    void updateGeometry();              // an endpoint moved or the link changed
    void refresh();                     // the link's fields changed
    void setRate(double rps);           // < 0: not running, show the latency
    void setLive(const LiveLink &live); // the policies' state in a running design
    void clearLive();
    const std::optional<LiveLink> &live() const { return m_live; }
    LinkPolicyMarks policyMarks() const;
    QPointF breakerCentre() const; // where the breaker glyph is drawn, in item coordinates
    void setForExport(bool on) { m_export = on; } // labels at any zoom
    QLineF line() const { return QLineF(m_a, m_b); }
    QRectF labelRect() const; // centred on the link, as wide as the label's text
    QRectF marksRect() const; // the policies' lines under the label, clear of the callee
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    QString labelText() const; // the latency, or the rate while running

private:
    // The latency to a replica in the caller's region, when the callee is a replicated store
    // that keeps one there and the link's own (cross-region) latency is the default.
    std::optional<double> nearReplicaLatencyMs() const;
    void refreshMarks();         // the policies' line and tooltip, once per change
    bool showsBreaker() const;   // has one, and the link is long enough to draw it
    QPointF labelCentre() const; // where the label and the policies' lines are centred
    void refreshLabel();         // the label's text may have changed: measure it again
    void restack(); // above the boxes while its label or policies would be hidden under them

    const DesignDocument *m_doc;
    ComponentItem *m_from;
    ComponentItem *m_to;
    QPointF m_a, m_b; // endpoints on the two boxes' edges
    double m_rate = -1;
    bool m_export = false;
    std::optional<LiveLink> m_live;
    QStringList m_marksLines; // the policies, or what they do while running
    bool m_marksAlert = false;
    bool m_hasBreaker = false;
    double m_marksWidth = 0;
    double m_labelWidth = 0; // 0: no label
};

} // namespace hld
