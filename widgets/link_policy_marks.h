#pragma once

#include "live_snapshot.h"

#include <QColor>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <optional>

class QPainter;
class QPalette;

namespace hld {

struct Link;

// What a link shows of the caller's policies (contract 5.6). Before a run: what they are
// ("timeout 200 ms", "retry ×3", "≤ 50 at once") and a grey breaker glyph.
// While running: the glyph in the breaker's state (green closed, red open, amber
// half-open) and what the policies are doing now ("retries 12/s · short-circuited 40/s").
// Built from the document's link and the snapshot's LiveLink, so painting does no work.
class LinkPolicyMarks
{
public:
    LinkPolicyMarks(const Link &l, const std::optional<LiveLink> &live);

    bool isEmpty() const { return !m_breaker && m_summary.isEmpty() && m_activity.isEmpty(); }
    bool hasBreaker() const { return m_breaker; }
    // Closed before a run; the live state while running.
    LiveLink::Breaker breakerState() const { return m_state; }
    QString breakerText() const;                    // "breaker open", ...
    QString summary() const { return m_summary; }   // the policies; empty while running
    QString activity() const { return m_activity; } // what they do now; empty before a run
    // What the canvas writes under the link's label, a line each so that it fits between
    // two boxes: the policies before a run (the breaker is its glyph), what they do while
    // running.
    QStringList lines() const { return m_lines; }
    QString toolTip() const;

    static QColor breakerColour(LiveLink::Breaker state);
    // The glyph: a switch in a disc, closed (a line across), open (the line lifted) or
    // half-open (a dotted line). Without live state it is drawn in grey.
    static void paintBreaker(QPainter *p,
                             QPointF centre,
                             double radius,
                             const std::optional<LiveLink::Breaker> &state,
                             const QPalette &pal);

private:
    bool m_breaker = false;
    bool m_live = false;
    LiveLink::Breaker m_state = LiveLink::Closed;
    QString m_summary;
    QString m_activity;
    QStringList m_lines;
    QString m_counts; // since the run started, for the tooltip
};

} // namespace hld
