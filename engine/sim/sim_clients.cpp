// Clients: arrival processes, rate profiles (thinning) and request creation.
#include "sim/simulator.h"

#include <cmath>
#include <limits>

namespace hld {

double Simulator::rateFactor(std::uint32_t c, double t) const
{
    const auto &profile = m_netp->nodes[c].profile;
    if (!profile)
        return 1.0;
    const auto &p = *profile;
    switch (p.shape) {
    case ProfileShape::Constant:
        return 1.0;
    case ProfileShape::Ramp:
        if (t <= p.startS)
            return 1.0;
        return 1.0 + (p.factor - 1.0) * std::min(1.0, (t - p.startS) / p.durationS);
    case ProfileShape::Spike:
        return (t >= p.startS && t < p.startS + p.durationS) ? p.factor : 1.0;
    case ProfileShape::Diurnal:
        return 1.0 + p.amplitude * std::sin(2 * M_PI * t / p.periodS);
    }
    return 1.0;
}

double Simulator::nextPositiveRate(std::uint32_t c, double t) const
{
    // The first time at or after t when the profile's rate is above zero; infinity if it
    // never is again (a ramp down to 0 stays there).
    const auto &profile = m_netp->nodes[c].profile;
    if (!profile || rateFactor(c, t) > 0)
        return t;
    const auto &p = *profile;
    switch (p.shape) {
    case ProfileShape::Spike:
        return p.startS + p.durationS; // a spike to 0 is an outage that ends
    case ProfileShape::Diurnal:
        return t + p.periodS * 1e-6; // amplitude 1 touches 0 at one instant only
    case ProfileShape::Constant:
    case ProfileShape::Ramp:
        break;
    }
    return std::numeric_limits<double>::infinity();
}

void Simulator::scheduleNextArrival(std::uint32_t c)
{
    const NodeSpec &client = m_netp->nodes[c];
    ClientState &s = m_nodes[c].client;
    s.nextArrival = -1;
    if (m_stopArrivals || (m_cfg.requestLimit >= 0 && m_created >= m_cfg.requestLimit))
        return;
    if (s.rps <= 0 || client.linkBegin == client.linkEnd)
        return; // nothing to send, or nowhere to send it (the review reports it)
    // While the profile's rate is 0 nothing is sent: start again where it rises.
    const double from = nextPositiveRate(c, m_now);
    if (!std::isfinite(from))
        return;
    // Time-varying rates by thinning: candidates at the peak rate, each kept with
    // probability rate(t) / peak (Lewis and Shedler).
    const double peak = s.rps * s.maxFactor;
    const double gap = client.arrival == ArrivalProcess::Poisson
                           ? -std::log(m_rng[c].uniformOpen0()) / peak
                           : 1.0 / (s.rps * rateFactor(c, from));
    if (m_cfg.durationS >= 0 && from + gap >= m_cfg.durationS)
        return;
    s.nextArrival = from + gap;
    push(s.nextArrival, ClientArrival, c);
}

void Simulator::onClientArrival(std::uint32_t c)
{
    ClientState &s = m_nodes[c].client;
    if (m_now != s.nextArrival)
        return; // superseded by a rate change
    if (m_stopArrivals || (m_cfg.requestLimit >= 0 && m_created >= m_cfg.requestLimit))
        return;
    const NodeSpec &client = m_netp->nodes[c];
    Rng &rng = m_rng[c];
    if (client.profile && client.arrival == ArrivalProcess::Poisson
        && client.profile->shape != ProfileShape::Constant
        && rng.uniform() * s.maxFactor >= rateFactor(c, m_now)) {
        scheduleNextArrival(c); // a thinned-out candidate
        return;
    }
    const std::uint32_t r = allocRequest();
    if (r == kNone)
        return;
    if (++m_created == m_cfg.requestLimit)
        arrivalsEnded(m_now);
    Request &q = m_pool[r];
    q.created = m_now;
    q.cls = (client.readRatio >= 1.0 || rng.uniform() < client.readRatio) ? 0 : 1;
    q.user = client.users > 1 ? rng.below(client.users) : 0;
    q.key = !s.keys ? kNoKey : q.cls == 0 ? s.keys->nextRead(rng) : s.keys->nextWrite(rng);
    q.msg = kNone;
    q.call = kNone;
    q.retries = 0;
    q.path = kNoPath;
    if (!client.pathCdf.empty()) {
        const double u = rng.uniform();
        std::size_t i = 0;
        while (i + 1 < client.pathCdf.size() && u >= client.pathCdf[i].first)
            ++i;
        q.path = client.pathCdf[i].second;
    }
    q.flags = m_now >= m_cfg.warmupS ? Measured : 0;
    q.serial = m_serial++;
    if (m_traceEvery && q.serial % m_traceEvery == 0)
        q.flags |= Traced;
    q.depth = 1;
    q.nextInQueue = kNone;
    Frame &origin = frame(r, 0);
    origin.node = c;
    origin.flags = 0;
    origin.span = 0;
    scheduleNextArrival(c);
    if (client.timeoutS > 0)
        push(q.created + client.timeoutS, ClientTimeout, r);

    std::uint32_t link = client.linkBegin;
    if (q.path != kNoPath) {
        // Only the links that take the request's path (weights among them).
        double total = 0;
        for (auto i = client.linkBegin; i < client.linkEnd; ++i)
            total += pathMatches(m_netp->links[i], r) ? m_netp->links[i].weight : 0.0;
        if (total <= 0) {
            ++m_metrics.nodes[c].misrouted; // nothing serves this path
            q.flags |= Failed;
            complete(r);
            return;
        }
        double x = rng.uniform() * total;
        link = kNone;
        for (auto i = client.linkBegin; i < client.linkEnd && link == kNone; ++i) {
            if (!pathMatches(m_netp->links[i], r))
                continue;
            if (x < m_netp->links[i].weight)
                link = i;
            x -= m_netp->links[i].weight;
        }
        if (link == kNone) { // rounding: the last matching link
            for (auto i = client.linkBegin; i < client.linkEnd; ++i)
                link = pathMatches(m_netp->links[i], r) ? i : link;
        }
    } else if (client.linkEnd - client.linkBegin > 1) {
        double x = rng.uniform() * client.totalLinkWeight;
        while (link + 1 < client.linkEnd && x >= m_netp->links[link].weight) {
            x -= m_netp->links[link].weight;
            ++link;
        }
    }
    call(r, link, kNone);
}

} // namespace hld
