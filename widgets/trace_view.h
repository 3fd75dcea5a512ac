#pragma once

#include "live_snapshot.h"

#include <QStringList>
#include <QWidget>

#include <map>
#include <vector>

namespace hld {

struct Design;

// Distributed tracing for one sampled request: a waterfall of the components it visited,
// each bar from its arrival to its response, nested by call depth, with the time spent at
// each. It follows a new completed request every few seconds, or holds one when paused.
class TraceView : public QWidget
{
    Q_OBJECT

public:
    explicit TraceView(QWidget *parent = nullptr);

    // `linkEnds[i]` names the from/to components of the engine's link i.
    void addHops(const std::vector<TraceHop> &hops,
                 const std::vector<std::pair<QString, QString>> &linkEnds);
    void clear();

    struct Span
    {
        QString component;
        int depth;
        double startMs; // from the request's creation
        double endMs;
    };
    const std::vector<Span> &spans() const { return m_spans; }
    QSize sizeHint() const override { return {500, 220}; }

protected:
    void paintEvent(QPaintEvent *e) override;

private:
    void build(const std::vector<TraceHop> &hops,
               const std::vector<std::pair<QString, QString>> &ends);

    std::map<std::uint32_t, std::vector<TraceHop>> m_pending; // by request serial
    std::vector<Span> m_spans;
    double m_totalMs = 0;
    std::uint8_t m_outcome = 0;
    double m_shownAtS = -1e9;
};

} // namespace hld
