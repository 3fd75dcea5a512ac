#include "sim/histogram.h"

#include <algorithm>
#include <cmath>

namespace hld {

namespace {
constexpr std::int32_t kSlackBuckets = 4 << LogHistogram::kSubBits; // grow by 4 octaves

double bucketLow(std::int32_t idx)
{
    return std::bit_cast<double>(static_cast<std::uint64_t>(idx) << (52 - LogHistogram::kSubBits));
}
} // namespace

void LogHistogram::grow(std::int32_t idx)
{
    if (m_counts.empty()) {
        m_lo = idx - kSlackBuckets / 2;
        m_counts.assign(kSlackBuckets, 0);
        return;
    }
    const std::int32_t hi = m_lo + static_cast<std::int32_t>(m_counts.size());
    const std::int32_t newLo = std::min(m_lo, idx - (idx < m_lo ? kSlackBuckets : 0));
    const std::int32_t newHi = std::max(hi, idx + 1 + (idx >= hi ? kSlackBuckets : 0));
    std::vector<std::uint64_t> counts(static_cast<std::size_t>(newHi - newLo), 0);
    std::copy(m_counts.begin(), m_counts.end(), counts.begin() + (m_lo - newLo));
    m_counts = std::move(counts);
    m_lo = newLo;
}

void LogHistogram::merge(const LogHistogram &o)
{
    if (o.m_total == 0)
        return;
    if (!o.m_counts.empty()) {
        grow(o.m_lo);
        grow(o.m_lo + static_cast<std::int32_t>(o.m_counts.size()) - 1);
        for (std::size_t i = 0; i < o.m_counts.size(); ++i)
            m_counts[static_cast<std::size_t>(o.m_lo - m_lo) + i] += o.m_counts[i];
    }
    m_total += o.m_total;
    m_zeros += o.m_zeros;
    m_sum += o.m_sum;
    m_min = std::min(m_min, o.m_min);
    m_max = std::max(m_max, o.m_max);
}

void LogHistogram::clear()
{
    std::fill(m_counts.begin(), m_counts.end(), 0);
    m_total = m_zeros = 0;
    m_sum = 0;
    m_min = 1e300;
    m_max = -1e300;
}

double LogHistogram::quantile(double q) const
{
    if (m_total == 0)
        return 0.0;
    q = std::clamp(q, 0.0, 1.0);
    auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(m_total)));
    rank = std::clamp<std::uint64_t>(rank, 1, m_total);
    if (rank <= m_zeros)
        return std::max(0.0, m_min);
    std::uint64_t seen = m_zeros;
    for (std::size_t i = 0; i < m_counts.size(); ++i) {
        seen += m_counts[i];
        if (seen >= rank) {
            const auto idx = m_lo + static_cast<std::int32_t>(i);
            const double mid = 0.5 * (bucketLow(idx) + bucketLow(idx + 1));
            return std::clamp(mid, m_min, m_max);
        }
    }
    return m_max;
}

} // namespace hld
