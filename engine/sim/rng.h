#pragma once

#include <cstdint>
#include <string_view>

namespace hld {

inline std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

inline std::uint64_t fnv1a64(std::string_view s)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

// xoshiro256++ (Blackman & Vigna): small state, fast, and its output is fixed by its
// definition, so runs replay bit for bit on any platform (std:: distributions do not).
class Rng
{
public:
    Rng()
        : Rng(0)
    {}
    explicit Rng(std::uint64_t seed)
    {
        std::uint64_t x = seed;
        for (auto &w : m_s) {
            x = splitmix64(x);
            w = x;
        }
    }
    // One stream per component: derived from the run seed and the component's stable id, so
    // adding a component leaves every other component's draws unchanged.
    static Rng forStream(std::uint64_t runSeed, std::string_view streamId)
    {
        return Rng(splitmix64(runSeed) ^ fnv1a64(streamId));
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[0] + m_s[3], 23) + m_s[0];
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    // Uniform on (0, 1]: never 0, so -log(u) is always finite.
    double uniformOpen0() { return (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53; }
    // Uniform on [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; bias below 2^-32 for n < 2^32).
    std::uint32_t below(std::uint32_t n)
    {
        return static_cast<std::uint32_t>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4];
};

} // namespace hld
