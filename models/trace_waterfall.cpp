#include "trace_waterfall.h"

#include <QCoreApplication>

#include <algorithm>
#include <map>
#include <tuple>

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

    std::vector<std::size_t> open;      // calls waiting for their answer, innermost last
    std::vector<std::size_t> abandoned; // timed-out calls whose answer has not come yet
    // Attempts per call, by (caller, callee, depth): the next one's number, the last one's.
    using Key = std::tuple<QString, QString, int>;
    std::map<Key, int> next, last;
    auto attempt = [&](const Key &k) {
        const auto it = next.find(k);
        const int n = it == next.end() ? 1 : it->second;
        next.erase(k); // a later call over the same link starts at 1 again
        last[k] = n;
        return n;
    };
    auto innermostOpen = [&](const QString &component) -> std::ptrdiff_t {
        for (auto it = open.rbegin(); it != open.rend(); ++it) {
            if (spans[*it].component == component)
                return std::distance(open.begin(), std::next(it).base());
        }
        return -1;
    };

    for (const TraceHopRecord &h : hops) {
        const QString &to = h.link.to;
        const int depth = int(open.size());
        const Key key{h.link.from, to, depth};
        WaterfallSpan s;
        s.component = to;
        s.caller = h.link.from;
        s.depth = depth;
        s.startMs = ms(h.departS);
        s.endMs = ms(h.arriveS);
        switch (TraceOutcome(std::min<std::uint8_t>(h.outcome, 7))) {
        case TraceOutcome::TimedOut: {
            // The caller stops waiting for its innermost attempt at this callee.
            const std::ptrdiff_t i = innermostOpen(to);
            if (i < 0)
                break;
            WaterfallSpan &call = spans[open[std::size_t(i)]];
            call.endMs = ms(h.departS);
            call.timedOut = true;
            abandoned.push_back(open[std::size_t(i)]);
            open.erase(open.begin() + i);
            break;
        }
        case TraceOutcome::Backoff: {
            const auto it = last.find(key);
            s.kind = Kind::Backoff;
            s.attempt = (it == last.end() ? 1 : it->second) + 1;
            next[key] = s.attempt;
            spans.push_back(s);
            break;
        }
        case TraceOutcome::ShortCircuited:
        case TraceOutcome::Rejected:
            s.kind = h.outcome == std::uint8_t(TraceOutcome::Rejected) ? Kind::Rejected
                                                                       : Kind::ShortCircuited;
            s.attempt = attempt(key);
            s.endMs = s.startMs;
            spans.push_back(s);
            break;
        default:
            if (!h.back) {
                s.startMs = ms(h.arriveS); // from its arrival at the callee
                s.endMs = -1;              // until its answer leaves
                s.attempt = attempt(key);
                spans.push_back(s);
                open.push_back(spans.size() - 1);
                break;
            }
            // An answer leaves the callee. Answers come first in, first out: an attempt the
            // caller gave up on, sent before the one now open, answers first.
            const std::ptrdiff_t i = innermostOpen(to);
            auto late = std::find_if(abandoned.begin(), abandoned.end(), [&](std::size_t a) {
                return spans[a].component == to && spans[a].wastedEndMs < 0
                       && (i < 0
                           || (spans[a].depth == spans[open[std::size_t(i)]].depth
                               && spans[a].startMs < spans[open[std::size_t(i)]].startMs));
            });
            if (late != abandoned.end()) {
                spans[*late].wastedEndMs = ms(h.departS);
            } else if (i >= 0) {
                WaterfallSpan &call = spans[open[std::size_t(i)]];
                call.endMs = ms(h.departS);
                call.outcome = h.outcome;
                open.erase(open.begin() + i);
            }
            break;
        }
    }
    // An attempt left unanswered while an earlier, abandoned one took an answer that came
    // after it started: the abandoned one's answer never came, that answer was this one's.
    for (std::size_t o : open) {
        WaterfallSpan &call = spans[o];
        for (std::size_t a : abandoned) {
            WaterfallSpan &gone = spans[a];
            if (gone.component == call.component && gone.depth == call.depth
                && gone.wastedEndMs >= call.startMs) {
                call.endMs = gone.wastedEndMs;
                gone.wastedEndMs = -1;
                break;
            }
        }
    }
    for (auto &s : spans) {
        if (s.endMs < 0)
            s.endMs = s.startMs; // async, or cut short
    }
    return spans;
}

} // namespace hld
