#pragma once

#include "link_ref.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace hld {

// What a trace hop's outcome says (Simulator::TraceHop::outcome). 0-3 end a hop; from 4 on
// the hop is a mark of what a guarded call's policies did, at the caller, on the link.
enum class TraceOutcome : std::uint8_t {
    Ok = 0,
    CacheHit = 1,
    Error = 2,
    StaleRead = 3,
    TimedOut = 4,       // the caller stopped waiting (zero length, at the deadline)
    ShortCircuited = 5, // an open breaker failed the call at once (zero length)
    Backoff = 6,        // the wait before a retry (depart..arrive)
    Rejected = 7,       // the bulkhead was full (zero length)
};

inline bool isPolicyMark(std::uint8_t outcome)
{
    return outcome >= std::uint8_t(TraceOutcome::TimedOut);
}
// A request that ended this way failed.
inline bool isFailure(std::uint8_t outcome)
{
    return outcome == std::uint8_t(TraceOutcome::Error)
           || (isPolicyMark(outcome) && outcome != std::uint8_t(TraceOutcome::Backoff));
}
QString traceOutcomeName(std::uint8_t outcome); // "ok", "timed out", ...

// One hop of a sampled request as the GUI keeps it: the link by its ends, and the call it
// belongs to (Simulator's TraceHop: the call's span, its caller's span, its attempt).
struct TraceHopRecord
{
    LinkRef link;
    double departS = 0;
    double arriveS = 0;
    bool back = false;
    std::uint8_t outcome = 0;
    std::uint32_t span = 0;
    std::uint32_t parent = 0;
    std::uint8_t attempt = 1;
};

// The hops of one request, in the order the engine emitted them, tell whether it has ended
// by `nowS`: its first link's last event is a response that has arrived, or a timeout,
// short circuit or bulkhead rejection with no retry after it. A retry's wait keeps it open.
bool traceComplete(const std::vector<TraceHopRecord> &hops, double nowS);
// How it ended: the outcome of its last response (0-3), or the mark that failed it (4, 5, 7).
std::uint8_t traceOutcome(const std::vector<TraceHopRecord> &hops);

// One row of the waterfall.
struct WaterfallSpan
{
    enum class Kind : std::uint8_t {
        Call,           // an attempt at the callee, from its arrival to its response
        Backoff,        // the caller waiting before its next attempt
        ShortCircuited, // an attempt an open breaker refused: a mark at startMs
        Rejected,       // an attempt the bulkhead refused: a mark at startMs
    };
    QString component; // the callee
    QString caller;
    int depth = 0;
    double startMs = 0; // from the request's creation
    double endMs = 0;
    double sentMs = 0; // a Call: when the caller sent it (startMs is its arrival)
    Kind kind = Kind::Call;
    int attempt = 1;          // of the call over caller -> component; a Backoff: the next one
    bool timedOut = false;    // a Call the caller gave up on at endMs
    double wastedEndMs = -1;  // a timed-out Call: when its late answer left the callee
    std::uint8_t outcome = 0; // a Call's response (0-3)
};

// The request's hops as rows: each call under the call that made it (by span), every attempt
// of a guarded call on its own row, the backoff before each retry, and the marks of
// timeouts, short circuits and bulkhead rejections. A timed-out attempt ends at its
// deadline, and its late answer, if it came, is wasted work. The hops may come in any order.
std::vector<WaterfallSpan> layoutWaterfall(const std::vector<TraceHopRecord> &hops);

} // namespace hld
