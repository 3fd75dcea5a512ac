#pragma once

#include "model/policies.h"
#include "sim/flat_map.h"

#include <cstdint>
#include <vector>

namespace hld {

// The admission decision of a rate limit (contract 5.7), for all traffic or per user. The
// leaky bucket is not decided here: it delays instead of refusing (the simulator queues up
// to `burst` requests and lets one out every window_s / limit).
//   fixed_window: at most `limit` in each window [kW, (k+1)W); a burst straddling two
//     windows can pass 2 x limit in one window's time.
//   sliding_window_log: at most `limit` admitted in any window_s (a log of their times).
//   sliding_window_counter: the previous window's count, weighted by how much of it the
//     sliding window still covers, plus this window's count, stays below `limit`.
//   token_bucket: a bucket of `burst` tokens refilled at limit / window_s a second.
// Per-user state grows with the users seen, not with the largest user id: a user's slot is
// made on its first request (validation bounds the users and, for the log, users x limit).
class RateLimiter
{
public:
    explicit RateLimiter(const RateLimit &r = {});

    bool admit(double now, std::uint32_t user);
    double rate() const { return m_r.limit / m_r.windowS; } // refill or leak rate, per second
    std::uint32_t capacity() const { return m_capacity; }   // token or leaky bucket size
    std::size_t bytes() const;                              // the memory its state holds

private:
    struct Counter // fixed and sliding window counter, token bucket
    {
        std::int64_t window = -1;
        double prev = 0, cur = 0; // counts; the token bucket keeps tokens in `cur`
        double last = 0;          // token bucket: when it was last refilled
    };
    struct LogRing // sliding window log: the admitted times, oldest first
    {
        std::uint32_t head = 0, size = 0;
    };
    std::uint32_t slot(std::uint32_t user); // the user's state, made on first sight
    void addSlot();
    bool admitLog(double now, std::uint32_t s);

    RateLimit m_r;
    std::uint32_t m_capacity;
    std::uint32_t m_logCap; // entries a log needs: ceil(limit)
    FlatMap m_userSlot;     // per user: user -> slot
    std::vector<Counter> m_counters;
    std::vector<LogRing> m_rings;
    std::vector<double> m_log; // m_logCap times per ring
};

} // namespace hld
