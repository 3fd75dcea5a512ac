#include "mech/zipf_key_source.h"

#include <algorithm>

namespace hld {

namespace {

// Fixed, so that a design's key ids do not depend on the run seed: the same rank is the same
// key in every run, and a reader of the results can find it.
constexpr std::uint64_t kPermutationSeed = 0x5EEDC0DE15EA5E11ull;

} // namespace

ZipfKeySource::ZipfKeySource(const KeySourceConfig &config)
    : m_config(config)
{
    m_config.count = std::clamp<std::uint64_t>(m_config.count, 1, kMissingBit - 1);
    m_config.missingRatio = std::clamp(m_config.missingRatio, 0.0, 1.0);
    m_config.sourceIndex &= (1u << (63 - kMissingCounterBits)) - 1;
    m_zipf = ZipfSampler(m_config.count, m_config.skew);
    if (m_config.scramble)
        m_permutation = KeyPermutation(m_config.count, kPermutationSeed);
    m_nextNew = m_config.count;
}

std::uint64_t ZipfKeySource::keyOfRank(std::uint64_t rank) const
{
    return m_config.scramble ? m_permutation(rank - 1) : rank - 1;
}

std::uint64_t ZipfKeySource::nextRead(Rng &rng)
{
    // No draw for the missing share when there is none: a design without missing keys keeps
    // the same key sequence it would have had before the field existed.
    if (m_config.missingRatio > 0 && rng.uniform() < m_config.missingRatio) {
        const std::uint64_t counter = m_missing++ & ((1ull << kMissingCounterBits) - 1);
        return kMissingBit | (std::uint64_t(m_config.sourceIndex) << kMissingCounterBits) | counter;
    }
    return keyOfRank(m_zipf.sample(rng));
}

std::uint64_t ZipfKeySource::nextWrite(Rng &rng)
{
    if (m_config.writePattern == WritePattern::Sequential)
        return m_nextNew++;
    return keyOfRank(m_zipf.sample(rng));
}

} // namespace hld
