#pragma once

#include <cstdint>
#include <vector>

namespace hld {

// A Bloom filter over 64-bit keys: "might this key exist?" with no false negatives. Sized for
// n expected keys and a false-positive rate p: m = -n ln p / (ln 2)^2 bits and
// k = (m / n) ln 2 hash functions, which gives p when n keys are in. The k bit positions come
// from double hashing (Kirsch and Mitzenmacher): g_i = h1 + i h2 over 64 bits, where h1 and
// h2 are two independent 64-bit mixes of the key, each g_i mapped onto [0, m) by its top 32
// bits (fastrange), so m is limited to 2^32 bits (about 450 million keys at 1%).
class BloomFilter
{
public:
    static constexpr std::uint64_t kMaxBits = 1ull << 32;

    explicit BloomFilter(std::uint64_t expectedKeys, double falsePositiveRate = 0.01);

    void add(std::uint64_t key);
    bool mightContain(std::uint64_t key) const;
    void clear();

    std::uint64_t bitCount() const { return m_bits; }
    int hashCount() const { return m_hashes; }
    std::uint64_t added() const { return m_added; } // add() calls, repeats included
    // The false-positive rate expected with `keys` distinct keys in: (1 - e^(-k n / m))^k.
    double expectedFalsePositiveRate(std::uint64_t keys) const;
    std::size_t bytes() const { return m_words.capacity() * sizeof(std::uint64_t); }

private:
    template<typename F>
    bool forEachBit(std::uint64_t key, F &&f) const;

    std::vector<std::uint64_t> m_words;
    std::uint64_t m_bits = 64;
    int m_hashes = 1;
    std::uint64_t m_added = 0;
};

} // namespace hld
