#pragma once

#include "model/policies.h"

#include <array>
#include <cstdint>

namespace hld {

// A circuit breaker on one link, as the guide describes it (contract 5.6). Closed, it counts
// the outcomes of the calls that ended over the last window_s (in 20 buckets, so the window
// slides in steps of window_s / 20); when at least min_calls ended and a share of at least
// failure_rate failed, it opens. Open, every call fails at once. After open_s it lets
// half_open_calls trial calls through: all succeed and it closes, one fails and it opens.
class CircuitBreaker
{
public:
    enum class State : std::uint8_t { Closed, Open, HalfOpen };
    enum class Verdict : std::uint8_t { Pass, Trial, Refuse };

    explicit CircuitBreaker(const CircuitBreakerPolicy &p = {});

    Verdict allow(double now); // may a call go now?
    // A call that was let through has ended (`trial`: it was a half-open trial).
    void record(double now, bool ok, bool trial);
    State state(double now) const;                    // what a call arriving now would meet
    std::uint64_t opened() const { return m_opened; } // times it opened
    double failureShare(double now) const;            // over the window, for display

private:
    static constexpr std::size_t kBuckets = 20;
    struct Bucket
    {
        std::int64_t index = -1;
        std::uint32_t calls = 0, failures = 0;
    };
    void open(double now);
    void clear();
    std::int64_t bucketIndex(double now) const;

    CircuitBreakerPolicy m_p;
    double m_width;
    std::array<Bucket, kBuckets> m_buckets{};
    State m_state = State::Closed;
    double m_openedAt = 0;
    std::uint32_t m_trialsSent = 0, m_trialsOk = 0;
    std::uint64_t m_opened = 0;
};

} // namespace hld
