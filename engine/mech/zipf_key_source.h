#pragma once

#include "mech/key_permutation.h"
#include "model/design.h"
#include "sim/rng.h"
#include "sim/zipf.h"

#include <cstdint>

namespace hld {

// A client's `traffic.keys` (contract 5.1).
struct KeySourceConfig
{
    std::uint64_t count = 1; // N: the keys that exist at the start, ids 0..N-1
    double skew = 0;         // s: P(rank k) proportional to k^-s; 0 is uniform
    double missingRatio = 0; // m: the share of reads that ask for a key that does not exist
    WritePattern writePattern = WritePattern::Zipf;
    // Rank k -> id: scrambled (a fixed pseudo-random bijection of [0, N)), or k - 1. Scrambled
    // is the default: a key's popularity then says nothing about where it sits, so range
    // sharding does not put every hot key in its first shard.
    bool scramble = true;
    // Tells apart the missing keys of different sources: < 2^23.
    std::uint32_t sourceIndex = 0;
};

// The key each request of a client touches. Reads draw a rank from the Zipf law over 1..N
// and map it to an id in [0, N), except that with probability m they ask for a key that does
// not exist: a new id every time, with the top bit set, so it can never equal a real key
// (real ids stay below 2^63): kMissingBit | sourceIndex << 40 | counter. Writes update a
// Zipf-drawn key, or with the sequential pattern create the new ids N, N + 1, ..., which
// exist from then on (reads keep drawing from the first N: new keys are not yet popular).
// Deterministic: all randomness comes from the Rng the caller passes.
class ZipfKeySource
{
public:
    static constexpr std::uint64_t kMissingBit = 1ull << 63;
    static constexpr int kMissingCounterBits = 40;

    explicit ZipfKeySource(const KeySourceConfig &config);

    std::uint64_t nextRead(Rng &rng);
    std::uint64_t nextWrite(Rng &rng);

    std::uint64_t keyOfRank(std::uint64_t rank) const; // rank in 1..N -> its id
    static bool isMissing(std::uint64_t key) { return (key & kMissingBit) != 0; }

    const KeySourceConfig &config() const { return m_config; }
    std::uint64_t existingKeys() const { return m_nextNew; } // N plus sequential creations
    std::uint64_t missingIssued() const { return m_missing; }

private:
    KeySourceConfig m_config;
    ZipfSampler m_zipf;
    KeyPermutation m_permutation;
    std::uint64_t m_nextNew;     // the next sequential id
    std::uint64_t m_missing = 0; // missing ids handed out
};

} // namespace hld
