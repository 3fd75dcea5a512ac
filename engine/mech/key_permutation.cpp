#include "mech/key_permutation.h"

#include "sim/rng.h"

#include <algorithm>
#include <bit>

namespace hld {

KeyPermutation::KeyPermutation(std::uint64_t n, std::uint64_t seed)
    : m_n(std::max<std::uint64_t>(1, n))
{
    // Two halves of at least one bit each; at most 64 bits in all.
    m_bits = std::max(2, static_cast<int>(std::bit_width(m_n - 1)));
    std::uint64_t s = seed;
    for (auto &k : m_keys) {
        s = splitmix64(s);
        k = s;
    }
}

std::uint64_t KeyPermutation::round(std::uint64_t x) const
{
    // An unbalanced Feistel network: split x into hi (bits - w) and lo (w) bits, replace hi
    // by hi ^ F(lo) and swap the parts; the next round splits the other way. Each round is
    // invertible whatever F is, so the whole is a permutation of [0, 2^bits).
    auto mask = [](int w) { return (1ull << w) - 1; }; // w <= 32
    int w = m_bits / 2;
    for (const std::uint64_t key : m_keys) {
        const int hiBits = m_bits - w;
        const std::uint64_t lo = x & mask(w);
        // F: the top hiBits of a multiplicative hash (one multiply; splitmix64 here cost
        // 50 ns a key over four rounds and the walk).
        const std::uint64_t f = ((lo ^ key) * 0x9E3779B97F4A7C15ull) >> (64 - hiBits);
        const std::uint64_t hi = (x >> w) ^ f;
        x = (lo << hiBits) | hi;
        w = hiBits;
    }
    return x;
}

std::uint64_t KeyPermutation::operator()(std::uint64_t x) const
{
    // Cycle walking: x < n lies on a cycle of the permutation that comes back to x, so the
    // walk ends below n; keeping to the cycle keeps the map a bijection of [0, n).
    do {
        x = round(x);
    } while (x >= m_n);
    return x;
}

} // namespace hld
