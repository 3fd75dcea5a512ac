#pragma once

#include <bit>
#include <cstdint>
#include <vector>

namespace hld {

// Log-bucket histogram of positive values (HdrHistogram's idea on IEEE-754 bits): the bucket
// of v is its exponent plus the top 7 mantissa bits, so every bucket spans 1/128 of its octave
// and reporting the bucket's midpoint is off by at most 1/256 ≈ 0.39% of the true value.
// Buckets cover only the octaves actually seen; merging adds counts.
class LogHistogram
{
public:
    static constexpr int kSubBits = 7;
    // Values at or below count as zero: a nanosecond (in ms) is below anything the model
    // resolves, and a floor keeps the buckets to the octaves that matter.
    static constexpr double kTiny = 1e-6;

    void record(double v)
    {
        ++m_total;
        m_sum += v;
        if (v > m_max)
            m_max = v;
        if (v < m_min)
            m_min = v;
        if (v <= kTiny) {
            ++m_zeros;
            return;
        }
        const auto idx
            = static_cast<std::int32_t>(std::bit_cast<std::uint64_t>(v) >> (52 - kSubBits));
        if (idx < m_lo || idx >= m_lo + static_cast<std::int32_t>(m_counts.size())) [[unlikely]]
            grow(idx);
        ++m_counts[static_cast<std::size_t>(idx - m_lo)];
    }

    void merge(const LogHistogram &other);
    void clear();

    std::uint64_t count() const { return m_total; }
    double sum() const { return m_sum; }
    double mean() const { return m_total ? m_sum / static_cast<double>(m_total) : 0.0; }
    double min() const { return m_total ? m_min : 0.0; }
    double max() const { return m_total ? m_max : 0.0; }
    // The q-quantile (0 < q <= 1): the value of rank ceil(q * n), to within 0.39%.
    double quantile(double q) const;

private:
    void grow(std::int32_t idx);

    std::vector<std::uint64_t> m_counts;
    std::int32_t m_lo = 0;
    std::uint64_t m_total = 0;
    std::uint64_t m_zeros = 0;
    double m_sum = 0;
    double m_min = 1e300;
    double m_max = -1e300;
};

} // namespace hld
