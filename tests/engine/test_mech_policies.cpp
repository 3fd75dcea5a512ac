// The policy mechanisms on their own: the circuit breaker's states, the rate limiters'
// decisions and the retry backoff (contract 5.6, 5.7).
#include "mech/circuit_breaker.h"
#include "mech/rate_limiter.h"
#include "mech/retry_backoff.h"

#include <gtest/gtest.h>

using namespace hld;

TEST(MechCircuitBreaker, OpensOnTheFailureShareAndClosesAfterSuccessfulTrials)
{
    CircuitBreakerPolicy p;
    p.failureRate = 0.5;
    p.minCalls = 10;
    p.windowS = 10;
    p.openS = 5;
    p.halfOpenCalls = 2;
    CircuitBreaker b(p);
    // Nine failures are not enough calls to judge; the tenth opens it.
    for (int i = 0; i < 9; ++i) {
        ASSERT_EQ(b.allow(1.0), CircuitBreaker::Verdict::Pass);
        b.record(1.0, false, false);
    }
    EXPECT_EQ(b.state(1.0), CircuitBreaker::State::Closed);
    b.record(1.0, false, false);
    EXPECT_EQ(b.state(1.0), CircuitBreaker::State::Open);
    EXPECT_EQ(b.allow(3.0), CircuitBreaker::Verdict::Refuse);
    // After open_s: two trials, then refusals until they answer.
    EXPECT_EQ(b.allow(6.0), CircuitBreaker::Verdict::Trial);
    EXPECT_EQ(b.allow(6.0), CircuitBreaker::Verdict::Trial);
    EXPECT_EQ(b.allow(6.0), CircuitBreaker::Verdict::Refuse);
    b.record(6.1, true, true);
    EXPECT_EQ(b.state(6.1), CircuitBreaker::State::HalfOpen);
    b.record(6.2, true, true);
    EXPECT_EQ(b.state(6.2), CircuitBreaker::State::Closed);
    EXPECT_EQ(b.opened(), 1u);
}

TEST(MechCircuitBreaker, AFailedTrialOpensItAgainAndOldFailuresLeaveTheWindow)
{
    CircuitBreakerPolicy p;
    p.failureRate = 0.5;
    p.minCalls = 4;
    p.windowS = 10;
    p.openS = 1;
    p.halfOpenCalls = 1;
    CircuitBreaker b(p);
    for (int i = 0; i < 4; ++i)
        b.record(0.0, false, false);
    ASSERT_EQ(b.state(0.0), CircuitBreaker::State::Open);
    ASSERT_EQ(b.allow(1.5), CircuitBreaker::Verdict::Trial);
    b.record(1.6, false, true);
    EXPECT_EQ(b.state(1.6), CircuitBreaker::State::Open);
    EXPECT_EQ(b.opened(), 2u);
    // Closed again; failures more than window_s old do not count.
    ASSERT_EQ(b.allow(3.0), CircuitBreaker::Verdict::Trial);
    b.record(3.0, true, true);
    ASSERT_EQ(b.state(3.0), CircuitBreaker::State::Closed);
    b.record(4.0, false, false);
    b.record(4.0, false, false);
    b.record(4.0, true, false);
    b.record(20.0, false, false); // the three at 4 s are out of the window
    EXPECT_EQ(b.state(20.0), CircuitBreaker::State::Closed);
}

TEST(MechRateLimiter, FixedWindowResetsAtTheBoundary)
{
    RateLimit r;
    r.algorithm = RateAlgorithm::FixedWindow;
    r.limit = 3;
    r.windowS = 1;
    RateLimiter l(r);
    int admitted = 0;
    for (int i = 0; i < 5; ++i)
        admitted += l.admit(0.9, 0);
    EXPECT_EQ(admitted, 3);
    for (int i = 0; i < 5; ++i)
        admitted += l.admit(1.05, 0);
    EXPECT_EQ(admitted, 6); // six within 0.15 s: the boundary burst
}

TEST(MechRateLimiter, SlidingLogNeverPassesTheLimitInAnyWindow)
{
    RateLimit r;
    r.algorithm = RateAlgorithm::SlidingWindowLog;
    r.limit = 3;
    r.windowS = 1;
    RateLimiter l(r);
    int admitted = 0;
    for (int i = 0; i < 5; ++i)
        admitted += l.admit(0.9, 0);
    for (int i = 0; i < 5; ++i)
        admitted += l.admit(1.05, 0);
    EXPECT_EQ(admitted, 3);
    EXPECT_TRUE(l.admit(1.95, 0)); // the three at 0.9 s have left the window
}

TEST(MechRateLimiter, TokenBucketRefillsAtItsRateUpToItsSize)
{
    RateLimit r;
    r.algorithm = RateAlgorithm::TokenBucket;
    r.limit = 10;
    r.windowS = 1;
    r.burst = 5;
    RateLimiter l(r);
    int admitted = 0;
    for (int i = 0; i < 20; ++i)
        admitted += l.admit(0.0, 0);
    EXPECT_EQ(admitted, 5); // the bucket's size
    for (int i = 0; i < 20; ++i)
        admitted += l.admit(0.3, 0);
    EXPECT_EQ(admitted, 8); // 0.3 s x 10/s
    for (int i = 0; i < 20; ++i)
        admitted += l.admit(100.0, 0);
    EXPECT_EQ(admitted, 13); // never more than the bucket
}

TEST(MechRateLimiter, PerUserStateIsSeparate)
{
    RateLimit r;
    r.algorithm = RateAlgorithm::FixedWindow;
    r.limit = 1;
    r.per = RateScope::User;
    RateLimiter l(r);
    EXPECT_TRUE(l.admit(0.1, 7));
    EXPECT_FALSE(l.admit(0.2, 7));
    EXPECT_TRUE(l.admit(0.2, 8));
}

// A fuzz finding: the state was sized by the largest user id, so the first request of user
// 999,999 through a per-user log of 10 cost 1,000,000 x 120 bytes. It follows the users seen.
TEST(MechRateLimiter, PerUserMemoryFollowsTheUsersSeen)
{
    RateLimit r;
    r.algorithm = RateAlgorithm::SlidingWindowLog;
    r.limit = 10;
    r.windowS = 1000;
    r.per = RateScope::User;
    RateLimiter l(r);
    for (std::uint32_t u = 0; u < 100; ++u) {
        for (int i = 0; i < 11; ++i)
            EXPECT_EQ(l.admit(0.001 * i, 999'999 - u * 9'973), i < 10) << "user " << u;
    }
    EXPECT_LT(l.bytes(), 100u * 1024); // 100 users, about 200 bytes each with the index
    EXPECT_GT(l.bytes(), 100u * 10 * sizeof(double)); // their logs are there
}

TEST(MechRetryBackoff, GrowsByTheMultiplierUpToTheCapThenJitters)
{
    RetryPolicy p;
    p.backoffMs = 100;
    p.multiplier = 2;
    p.maxBackoffMs = 500;
    EXPECT_DOUBLE_EQ(retryBackoffS(p, 1, 0.5), 0.1);
    EXPECT_DOUBLE_EQ(retryBackoffS(p, 3, 0.5), 0.4);
    EXPECT_DOUBLE_EQ(retryBackoffS(p, 4, 0.5), 0.5); // capped
    p.jitter = Jitter::Full;
    EXPECT_DOUBLE_EQ(retryBackoffS(p, 3, 0.25), 0.1);
    p.jitter = Jitter::Equal;
    EXPECT_DOUBLE_EQ(retryBackoffS(p, 3, 0.5), 0.3);
}
