#include "mech/circuit_breaker.h"

#include <cmath>

namespace hld {

CircuitBreaker::CircuitBreaker(const CircuitBreakerPolicy &p)
    : m_p(p)
    , m_width(p.windowS / double(kBuckets))
{}

std::int64_t CircuitBreaker::bucketIndex(double now) const
{
    return static_cast<std::int64_t>(std::floor(now / m_width));
}

void CircuitBreaker::clear()
{
    m_buckets.fill(Bucket{});
}

void CircuitBreaker::open(double now)
{
    m_state = State::Open;
    m_openedAt = now;
    ++m_opened;
    clear();
}

CircuitBreaker::Verdict CircuitBreaker::allow(double now)
{
    if (m_state == State::Open && now >= m_openedAt + m_p.openS) {
        m_state = State::HalfOpen;
        m_trialsSent = m_trialsOk = 0;
    }
    switch (m_state) {
    case State::Closed:
        return Verdict::Pass;
    case State::Open:
        return Verdict::Refuse;
    case State::HalfOpen:
        if (m_trialsSent < std::uint64_t(m_p.halfOpenCalls)) {
            ++m_trialsSent;
            return Verdict::Trial;
        }
        return Verdict::Refuse;
    }
    return Verdict::Refuse;
}

void CircuitBreaker::record(double now, bool ok, bool trial)
{
    if (trial) {
        if (m_state != State::HalfOpen)
            return; // a trial that ended after the breaker moved on
        if (!ok) {
            open(now);
        } else if (++m_trialsOk >= std::uint64_t(m_p.halfOpenCalls)) {
            m_state = State::Closed;
            clear();
        }
        return;
    }
    if (m_state != State::Closed)
        return; // a call sent while closed that ended after it opened: already judged
    const std::int64_t idx = bucketIndex(now);
    Bucket &b = m_buckets[std::size_t(idx % std::int64_t(kBuckets))];
    if (b.index != idx)
        b = Bucket{idx, 0, 0};
    ++b.calls;
    b.failures += !ok;
    if (ok)
        return;
    std::uint64_t calls = 0, failures = 0;
    for (const Bucket &x : m_buckets) {
        if (x.index > idx - std::int64_t(kBuckets)) {
            calls += x.calls;
            failures += x.failures;
        }
    }
    if (calls >= std::uint64_t(m_p.minCalls) && double(failures) >= m_p.failureRate * double(calls))
        open(now);
}

CircuitBreaker::State CircuitBreaker::state(double now) const
{
    if (m_state == State::Open && now >= m_openedAt + m_p.openS)
        return State::HalfOpen;
    return m_state;
}

double CircuitBreaker::failureShare(double now) const
{
    const std::int64_t idx = bucketIndex(now);
    std::uint64_t calls = 0, failures = 0;
    for (const Bucket &x : m_buckets) {
        if (x.index > idx - std::int64_t(kBuckets)) {
            calls += x.calls;
            failures += x.failures;
        }
    }
    return calls ? double(failures) / double(calls) : 0.0;
}

} // namespace hld
