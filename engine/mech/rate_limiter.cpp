#include "mech/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace hld {

RateLimiter::RateLimiter(const RateLimit &r)
    : m_r(r)
    , m_capacity(static_cast<std::uint32_t>(
          std::max<std::int64_t>(1, r.burst.value_or(std::int64_t(std::ceil(r.limit))))))
    , m_logCap(static_cast<std::uint32_t>(std::max(1.0, std::ceil(r.limit))))
{
    if (m_r.per != RateScope::User)
        addSlot(); // one state for all traffic
}

void RateLimiter::addSlot()
{
    Counter fresh;
    fresh.cur = m_r.algorithm == RateAlgorithm::TokenBucket ? double(m_capacity) : 0.0;
    m_counters.push_back(fresh);
    if (m_r.algorithm == RateAlgorithm::SlidingWindowLog) {
        m_rings.emplace_back();
        m_log.resize(m_log.size() + m_logCap);
    }
}

std::uint32_t RateLimiter::slot(std::uint32_t user)
{
    if (m_r.per != RateScope::User)
        return 0;
    const auto next = static_cast<std::uint32_t>(m_counters.size());
    const std::uint32_t s = m_userSlot.upsert(user, next);
    if (s == next)
        addSlot();
    return s;
}

std::size_t RateLimiter::bytes() const
{
    return m_userSlot.bytes() + m_counters.capacity() * sizeof(Counter)
           + m_rings.capacity() * sizeof(LogRing) + m_log.capacity() * sizeof(double);
}

bool RateLimiter::admitLog(double now, std::uint32_t s)
{
    LogRing &ring = m_rings[s];
    double *log = m_log.data() + std::size_t(s) * m_logCap;
    while (ring.size > 0 && log[ring.head] <= now - m_r.windowS) {
        ring.head = (ring.head + 1) % m_logCap;
        --ring.size;
    }
    if (double(ring.size) + 1 > m_r.limit)
        return false;
    log[(ring.head + ring.size) % m_logCap] = now;
    ++ring.size;
    return true;
}

bool RateLimiter::admit(double now, std::uint32_t user)
{
    const std::uint32_t s = slot(user);
    Counter &c = m_counters[s];
    switch (m_r.algorithm) {
    case RateAlgorithm::FixedWindow:
    case RateAlgorithm::SlidingWindowCounter: {
        const auto w = static_cast<std::int64_t>(std::floor(now / m_r.windowS));
        if (w != c.window) {
            c.prev = w == c.window + 1 ? c.cur : 0.0;
            c.cur = 0;
            c.window = w;
        }
        double estimate = c.cur;
        if (m_r.algorithm == RateAlgorithm::SlidingWindowCounter) {
            const double into = now / m_r.windowS - double(w); // 0..1 into this window
            estimate += c.prev * (1.0 - into);
        }
        if (estimate + 1 > m_r.limit)
            return false;
        c.cur += 1;
        return true;
    }
    case RateAlgorithm::SlidingWindowLog:
        return admitLog(now, s);
    case RateAlgorithm::TokenBucket:
        c.cur = std::min(double(m_capacity), c.cur + (now - c.last) * rate());
        c.last = now;
        if (c.cur < 1)
            return false;
        c.cur -= 1;
        return true;
    case RateAlgorithm::LeakyBucket:
        return true; // the simulator's queue decides
    }
    return true;
}

} // namespace hld
