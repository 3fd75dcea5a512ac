#pragma once

#include "live_snapshot.h"
#include "trace_waterfall.h"

#include <QWidget>

#include <deque>
#include <map>
#include <optional>
#include <vector>

class QLabel;
class QToolButton;

namespace hld {

// Distributed tracing for one sampled request: a waterfall of the components it visited,
// each bar from its arrival to its response, nested by call depth, with the time spent at
// each; a guarded call shows every attempt, the backoff before each retry (hatched), and
// timeouts, short circuits and bulkhead rejections as marks, with a legend. Which request: a new
// one every few seconds (Auto), or one the user picks — a dot clicked on the canvas, the slowest of
// the last simulated second, or the last failure — which then stays until the user picks again.
class TraceView : public QWidget
{
    Q_OBJECT

public:
    explicit TraceView(QWidget *parent = nullptr);

    void addHops(const LiveSnapshot &snapshot);
    void clear();

    void followAutomatically();
    void follow(std::uint32_t request); // a request seen on the canvas
    void showSlowest();                 // of the last simulated second
    void showLastFailure();

    using Span = WaterfallSpan;
    const std::vector<Span> &spans() const { return m_spans; }
    std::optional<std::uint32_t> shownRequest() const { return m_shownRequest; }
    double shownTotalMs() const { return m_totalMs; }
    std::uint8_t shownOutcome() const { return m_outcome; }
    QString status() const;
    QStringList legend() const; // the marks the shown request has, as the legend names them
    QSize sizeHint() const override { return {500, 220}; }

private:
    using Hop = TraceHopRecord;
    struct Trace
    {
        std::uint32_t request;
        std::vector<Hop> hops;
        double totalMs;
        std::uint8_t outcome;
        double doneAtS;
    };
    enum class Mode { Auto, Request, Slowest, LastFailure };

    void setMode(Mode mode, std::uint32_t request = 0);
    void show(const Trace &t, const QString &why);
    void paintWaterfall(QPainter &p, const QRect &area) const;
    void updateButtons();
    const Trace *slowestRecent() const;
    const Trace *lastFailure() const;

    class Waterfall;
    class Legend;
    Waterfall *m_chart;
    Legend *m_legend;
    QToolButton *m_auto;
    QToolButton *m_slowest;
    QToolButton *m_failure;
    QLabel *m_status;

    std::map<std::uint32_t, std::vector<Hop>> m_pending; // by request serial
    std::deque<Trace> m_done;                            // recent completed requests
    double m_nowS = 0;
    Mode m_mode = Mode::Auto;
    std::uint32_t m_wanted = 0; // Mode::Request
    std::vector<Span> m_spans;
    std::optional<std::uint32_t> m_shownRequest;
    QString m_why;
    double m_totalMs = 0;
    std::uint8_t m_outcome = 0;
    double m_shownAtS = -1e9;
    bool m_waitingForFailure = false;
};

} // namespace hld
