// Clients: arrival processes, rate profiles (thinning) and request creation.
#include "sim/simulator.h"

#include <cmath>

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

void Simulator::scheduleNextArrival(std::uint32_t c)
{
    const NodeSpec &client = m_netp->nodes[c];
    NodeState &s = m_nodes[c];
    s.nextArrival = -1;
    if (m_stopArrivals || (m_cfg.requestLimit >= 0 && m_created >= m_cfg.requestLimit))
        return;
    if (s.rps <= 0 || client.linkBegin == client.linkEnd)
        return; // nothing to send, or nowhere to send it (the review reports it)
    // Time-varying rates by thinning: candidates at the peak rate, each kept with
    // probability rate(t) / peak (Lewis and Shedler).
    const double peak = s.rps * s.maxFactor;
    const double gap = client.arrival == ArrivalProcess::Poisson
                           ? -std::log(m_rng[c].uniformOpen0()) / peak
                           : 1.0 / (s.rps * rateFactor(c, m_now));
    if (m_cfg.durationS >= 0 && m_now + gap >= m_cfg.durationS)
        return;
    s.nextArrival = m_now + gap;
    push(s.nextArrival, ClientArrival, c);
}

void Simulator::onClientArrival(std::uint32_t c)
{
    NodeState &s = m_nodes[c];
    if (m_now != s.nextArrival)
        return; // superseded by a rate change
    if (m_stopArrivals || (m_cfg.requestLimit >= 0 && m_created >= m_cfg.requestLimit))
        return;
    const NodeSpec &client = m_netp->nodes[c];
    Rng &rng = m_rng[c];
    if (client.profile && client.arrival == ArrivalProcess::Poisson && s.maxFactor > 1
        && rng.uniform() * s.maxFactor >= rateFactor(c, m_now)) {
        scheduleNextArrival(c); // a thinned-out candidate
        return;
    }
    const std::uint32_t r = allocRequest();
    if (r == kNone)
        return;
    ++m_created;
    Request &q = m_req[r];
    q.created = m_now;
    q.cls = (client.readRatio >= 1.0 || rng.uniform() < client.readRatio) ? 0 : 1;
    q.user = client.users > 1 ? rng.below(client.users) : 0;
    q.flags = m_now >= m_cfg.warmupS ? Measured : 0;
    q.serial = m_serial++;
    if (m_traceEvery && q.serial % m_traceEvery == 0)
        q.flags |= Traced;
    q.depth = 1;
    q.nextInQueue = kNone;
    Frame &origin = frame(r, 0);
    origin.node = c;
    origin.flags = 0;
    scheduleNextArrival(c);

    std::uint32_t link = client.linkBegin;
    if (client.linkEnd - client.linkBegin > 1) {
        double x = rng.uniform() * client.totalLinkWeight;
        while (link + 1 < client.linkEnd && x >= m_netp->links[link].weight) {
            x -= m_netp->links[link].weight;
            ++link;
        }
    }
    send(r, link, kNone);
}

} // namespace hld
