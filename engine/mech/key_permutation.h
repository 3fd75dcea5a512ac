#pragma once

#include <cstdint>

namespace hld {

// A pseudo-random bijection of [0, n) onto itself, in O(1) memory: a 4-round Feistel network
// on the smallest power of two >= n (at least 4), with cycle walking (apply again until the
// result is below n; since the domain is under 2n that takes fewer than 2 rounds on
// average). Used to scatter Zipf ranks over the key space, so that the popular keys are not
// neighbours under range sharding.
class KeyPermutation
{
public:
    KeyPermutation() = default;
    KeyPermutation(std::uint64_t n, std::uint64_t seed);

    std::uint64_t n() const { return m_n; }
    std::uint64_t operator()(std::uint64_t x) const; // x < n

private:
    std::uint64_t round(std::uint64_t x) const; // one pass of the network over 2^bits

    std::uint64_t m_n = 1;
    int m_bits = 2;
    std::uint64_t m_keys[4] = {};
};

} // namespace hld
