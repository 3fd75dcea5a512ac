#pragma once

#include "model/policies.h"

#include <algorithm>
#include <cmath>

namespace hld {

// The wait before retry number `retry` (1 for the first), in seconds: backoff_ms x
// multiplier^(retry-1), capped at max_backoff_ms, then jittered with a uniform draw u in
// [0, 1): full jitter waits u x wait, equal jitter wait/2 + u x wait/2 (contract 5.6).
inline double retryBackoffS(const RetryPolicy &p, std::uint32_t retry, double u)
{
    const double wait
        = std::min(p.maxBackoffMs, p.backoffMs * std::pow(p.multiplier, double(retry) - 1.0));
    double ms = wait;
    if (p.jitter == Jitter::Full)
        ms = u * wait;
    else if (p.jitter == Jitter::Equal)
        ms = wait / 2 + u * wait / 2;
    return ms / 1000.0;
}

} // namespace hld
