#include "trace_waterfall.h"

#include <QCoreApplication>

#include <algorithm>
#include <map>

namespace hld {

namespace {

using Kind = WaterfallSpan::Kind;

const TraceHopRecord *lastOnFirstLink(const std::vector<TraceHopRecord> &hops)
{
    if (hops.empty())
        return nullptr;
    const LinkRef &first = hops.front().link;
    for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
        if (it->link == first)
            return &*it;
    }
    return nullptr;
}

} // namespace

QString traceOutcomeName(std::uint8_t outcome)
{
    static const char *names[] = {QT_TRANSLATE_NOOP("Trace", "ok"),
                                  QT_TRANSLATE_NOOP("Trace", "cache hit"),
                                  QT_TRANSLATE_NOOP("Trace", "error"),
                                  QT_TRANSLATE_NOOP("Trace", "stale read"),
                                  QT_TRANSLATE_NOOP("Trace", "timed out"),
                                  QT_TRANSLATE_NOOP("Trace", "short-circuited"),
                                  QT_TRANSLATE_NOOP("Trace", "retry backoff"),
                                  QT_TRANSLATE_NOOP("Trace", "rejected by the bulkhead")};
    return QCoreApplication::translate("Trace", names[std::min<int>(outcome, 7)]);
}

bool traceComplete(const std::vector<TraceHopRecord> &hops, double nowS)
{
    if (hops.empty() || hops.front().back)
        return false; // the late answer of a request already finished: not a request
    const TraceHopRecord *last = lastOnFirstLink(hops);
    if (last->back)
        return last->arriveS <= nowS; // a retry's wait would follow the answer's arrival
    return isPolicyMark(last->outcome) && last->outcome != std::uint8_t(TraceOutcome::Backoff);
}

std::uint8_t traceOutcome(const std::vector<TraceHopRecord> &hops)
{
    const TraceHopRecord *last = lastOnFirstLink(hops);
    return last ? last->outcome : 0;
}

std::vector<WaterfallSpan> layoutWaterfall(const std::vector<TraceHopRecord> &input)
{
    std::vector<WaterfallSpan> spans;
    if (input.empty())
        return spans;
    std::vector<TraceHopRecord> hops = input;
    std::stable_sort(hops.begin(), hops.end(), [](const auto &a, const auto &b) {
        return a.departS < b.departS;
    });
    const double t0 = hops.front().departS;
    auto ms = [t0](double s) { return (s - t0) * 1000; };

    // A call's row by its span, and what ended it: its answer, or the caller's deadline.
    std::map<std::uint32_t, std::size_t> rowOf;
    std::vector<double> answeredMs, deadlineMs;
    auto depthUnder = [&](std::uint32_t parent) {
        const auto it = rowOf.find(parent);
        return it == rowOf.end() ? 0 : spans[it->second].depth + 1;
    };
    auto add = [&](WaterfallSpan s) {
        spans.push_back(std::move(s));
        answeredMs.push_back(-1);
        deadlineMs.push_back(-1);
        return spans.size() - 1;
    };

    // A call's way there departs before its answer, its deadline and the calls it makes, so
    // in order of departure every row's parent comes first.
    for (const TraceHopRecord &h : hops) {
        WaterfallSpan s;
        s.component = h.link.to;
        s.caller = h.link.from;
        s.depth = depthUnder(h.parent);
        s.startMs = ms(h.departS);
        s.endMs = ms(h.arriveS);
        s.attempt = std::max<int>(h.attempt, 1);
        const auto row = rowOf.find(h.span);
        switch (TraceOutcome(std::min<std::uint8_t>(h.outcome, 7))) {
        case TraceOutcome::TimedOut:
            if (row != rowOf.end())
                deadlineMs[row->second] = ms(h.departS);
            break;
        case TraceOutcome::Backoff:
            s.kind = Kind::Backoff;
            add(s);
            break;
        case TraceOutcome::ShortCircuited:
        case TraceOutcome::Rejected:
            s.kind = h.outcome == std::uint8_t(TraceOutcome::Rejected) ? Kind::Rejected
                                                                       : Kind::ShortCircuited;
            s.endMs = s.startMs;
            add(s);
            break;
        default:
            if (!h.back) {
                s.sentMs = s.startMs;
                s.startMs = ms(h.arriveS); // from its arrival at the callee
                rowOf[h.span] = add(s);
            } else if (row != rowOf.end()) {
                answeredMs[row->second] = ms(h.departS); // when the answer left the callee
                spans[row->second].outcome = h.outcome;
            }
            break;
        }
    }
    for (std::size_t i = 0; i < spans.size(); ++i) {
        WaterfallSpan &s = spans[i];
        if (s.kind != Kind::Call)
            continue;
        s.timedOut = deadlineMs[i] >= 0;
        if (s.timedOut) {
            s.endMs = deadlineMs[i];
            s.wastedEndMs = answeredMs[i];
            s.outcome = 0;
        } else {
            s.endMs = answeredMs[i] >= 0 ? answeredMs[i] : s.startMs; // async, or cut short
        }
    }
    return spans;
}

} // namespace hld
