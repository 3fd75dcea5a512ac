#include "live_policies.h"

#include <algorithm>

namespace hld {

namespace {
constexpr std::size_t kPerLink = 4;
constexpr std::size_t kMaxSamples = 256; // at 30 a second and 0.1x speed: the last 0.85 s
} // namespace

void LivePolicies::restart(const Simulator &sim, std::size_t nodes, std::size_t links)
{
    m_nodes = nodes;
    m_links = links;
    m_samples.clear();
    m_samples.push_back({sim.now(), countsNow(sim)});
}

std::vector<std::uint64_t> LivePolicies::countsNow(const Simulator &sim) const
{
    std::vector<std::uint64_t> c(m_links * kPerLink + m_nodes);
    for (std::uint32_t l = 0; l < m_links; ++l) {
        const Simulator::LinkView v = sim.linkViewAt(l);
        c[l * kPerLink + 0] = v.retries;
        c[l * kPerLink + 1] = v.timedOut;
        c[l * kPerLink + 2] = v.shortCircuited;
        c[l * kPerLink + 3] = v.rejected;
    }
    for (std::uint32_t n = 0; n < m_nodes; ++n)
        c[m_links * kPerLink + n] = sim.rateLimitedAt(n);
    return c;
}

void LivePolicies::fill(const Simulator &sim, LiveSnapshot &s)
{
    const double now = sim.now();
    std::vector<std::uint64_t> counts = countsNow(sim);
    // The reference: the newest sample at least a window old, else the oldest there is.
    const Sample *ref = nullptr;
    for (const Sample &old : m_samples) {
        if (old.t <= now - kRateWindowS || !ref)
            ref = &old;
    }
    const double dt = ref ? now - ref->t : 0.0;
    auto rate = [&](std::size_t i) {
        if (!ref || dt <= 0 || counts[i] < ref->counts[i])
            return 0.0;
        return double(counts[i] - ref->counts[i]) / dt;
    };

    s.linkStates.resize(m_links);
    for (std::uint32_t l = 0; l < m_links; ++l) {
        const Simulator::LinkView v = sim.linkViewAt(l);
        LiveLink &out = s.linkStates[l];
        out.guarded = v.guarded;
        out.breaker = static_cast<LiveLink::Breaker>(std::min<std::uint8_t>(v.breaker, 2));
        out.inProgress = v.inProgress;
        out.retries = v.retries;
        out.timedOut = v.timedOut;
        out.shortCircuited = v.shortCircuited;
        out.rejected = v.rejected;
        out.retriesPerS = rate(l * kPerLink + 0);
        out.timeoutsPerS = rate(l * kPerLink + 1);
        out.shortCircuitsPerS = rate(l * kPerLink + 2);
        out.rejectedPerS = rate(l * kPerLink + 3);
    }
    for (std::uint32_t n = 0; n < m_nodes && n < s.nodes.size(); ++n) {
        LiveNode &node = s.nodes[n];
        node.rateLimited = counts[m_links * kPerLink + n];
        node.rateLimitedPerS = rate(m_links * kPerLink + n);
        // Undetected replicas are among the dead ones: look until every dead one is found.
        node.undetected = 0;
        const std::uint32_t down = sim.downCount(n);
        for (std::uint32_t r = 0, seen = 0; seen < down && r < std::uint32_t(kMaxReplicas); ++r) {
            if (sim.isDown(n, r)) {
                ++seen;
                node.undetected += sim.undetected(n, r);
            }
        }
    }

    // Keep what a later reference may need: the newest sample a window old, and all after it.
    while (m_samples.size() > 1 && m_samples[1].t <= now - kRateWindowS)
        m_samples.pop_front();
    if (m_samples.empty() || now > m_samples.back().t)
        m_samples.push_back({now, std::move(counts)});
    if (m_samples.size() > kMaxSamples)
        m_samples.pop_front();
}

} // namespace hld
