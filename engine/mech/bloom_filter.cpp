#include "mech/bloom_filter.h"

#include "sim/rng.h"

#include <algorithm>
#include <cmath>

namespace hld {

BloomFilter::BloomFilter(std::uint64_t expectedKeys, double falsePositiveRate)
{
    const double n = static_cast<double>(std::max<std::uint64_t>(1, expectedKeys));
    // A rate outside (0, 1) means nothing; clamp it to something a filter can offer.
    const double p = std::clamp(falsePositiveRate, 1e-9, 0.5);
    const double ln2 = std::log(2.0);
    const double bits = std::ceil(-n * std::log(p) / (ln2 * ln2));
    // Whole words; at least one.
    m_bits = std::clamp<std::uint64_t>(
        (static_cast<std::uint64_t>(bits) + 63) / 64 * 64, 64, kMaxBits);
    const double k = std::round(static_cast<double>(m_bits) / n * ln2);
    m_hashes = static_cast<int>(std::clamp(k, 1.0, 32.0));
    m_words.assign(m_bits / 64, 0);
}

template<typename F>
bool BloomFilter::forEachBit(std::uint64_t key, F &&f) const
{
    // splitmix64 twice, from two different starting points, gives two unrelated 64-bit
    // hashes even for sequential keys. h2 odd: its multiples never repeat mod 2^64.
    const std::uint64_t h1 = splitmix64(key);
    const std::uint64_t h2 = splitmix64(key ^ 0x6A09E667F3BCC909ull) | 1;
    std::uint64_t g = h1;
    for (int i = 0; i < m_hashes; ++i, g += h2) {
        const std::uint64_t bit = ((g >> 32) * m_bits) >> 32;
        if (!f(bit))
            return false;
    }
    return true;
}

void BloomFilter::add(std::uint64_t key)
{
    ++m_added;
    forEachBit(key, [this](std::uint64_t bit) {
        m_words[bit >> 6] |= 1ull << (bit & 63);
        return true;
    });
}

bool BloomFilter::mightContain(std::uint64_t key) const
{
    return forEachBit(key,
                      [this](std::uint64_t bit) { return (m_words[bit >> 6] >> (bit & 63)) & 1; });
}

void BloomFilter::clear()
{
    std::fill(m_words.begin(), m_words.end(), 0);
    m_added = 0;
}

double BloomFilter::expectedFalsePositiveRate(std::uint64_t keys) const
{
    const double k = m_hashes;
    const double fill = -std::expm1(-k * static_cast<double>(keys) / static_cast<double>(m_bits));
    return std::pow(fill, k);
}

} // namespace hld
