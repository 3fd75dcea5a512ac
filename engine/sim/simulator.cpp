// The kernel: construction, the event loop and dispatch.
#include "sim/simulator.h"

#include "sim/observer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hld {

Simulator::Simulator(const Network &net,
                     const SimConfig &cfg,
                     std::uint64_t seed,
                     SimObserver *observer,
                     int replication)
    : m_netp(&net)
    , m_cfg(cfg)
    , m_observer(observer)
    , m_replication(replication)
    , m_seed(seed)
    , m_pool(net.maxDepth)
{
    const std::size_t n = net.nodes.size();
    m_nodes.resize(n);
    m_stores.resize(n);
    m_rng.resize(n);
    for (std::uint32_t i = 0; i < n; ++i)
        initNode(i);
    computeFeeds();
    for (std::uint32_t i = 0; i < n; ++i) {
        rebuildRotation(i);
        recomputeCost(i);
    }
    m_linkSends.assign(net.links.size(), 0);
    initLinkState();
    m_partition.assign(net.regions.size() * net.regions.size(), 0);
    m_metrics.nodes.resize(n);
    m_windows.configure(cfg.recordSeries,
                        cfg.windowS,
                        cfg.seriesOverflow == SimConfig::SeriesOverflow::Widen
                            ? WindowRecorder::Overflow::Widen
                            : WindowRecorder::Overflow::DropOldest,
                        n);
    computeLimits();
    if (cfg.durationS >= 0)
        arrivalsEnded(cfg.durationS);

    if (cfg.warmupS > 0)
        push(cfg.warmupS, WarmupEnd, 0);
    armHousekeeping();
    for (std::uint32_t c : net.clients)
        scheduleNextArrival(c);
}

void Simulator::initNode(std::uint32_t i)
{
    const NodeSpec &spec = m_netp->nodes[i];
    NodeState &s = m_nodes[i];
    m_rng[i] = Rng::forStream(m_seed, spec.id);
    s.sampler = spec.sampler;
    s.workers = spec.workers;
    s.hitRatio = spec.hitRatio;
    s.client.rps = spec.rps;
    s.costPerReplicaHour = spec.replicas ? spec.costPerHour / spec.replicas : 0;
    s.capacityLast = s.backlogLast = m_now;
    if (spec.kind != ComponentKind::Client) {
        s.reps.resize(spec.replicas);
        for (auto &rep : s.reps) {
            rep.workers = spec.workers;
            rep.last = m_now;
        }
    }
    if (spec.profile) {
        const auto &p = *spec.profile;
        s.client.maxFactor = p.shape == ProfileShape::Diurnal    ? 1 + p.amplitude
                             : p.shape == ProfileShape::Constant ? 1.0
                                                                 : std::max(1.0, p.factor);
    }
    if (spec.replication) {
        m_stores[i] = ReplicatedStore(*spec.replication, spec.replicas);
        if (spec.shards) { // one leader per shard: its first replica
            for (std::uint32_t g = 0; g < spec.shards->count; ++g)
                m_stores[i].group(g).leader = g * spec.shardReplicas;
        }
    }
    if (spec.kind == ComponentKind::LoadBalancer) {
        s.lb = static_cast<std::uint32_t>(m_lb.size());
        m_lb.emplace_back(spec.algorithm);
    }
    s.errorRate = spec.errorRate;
    s.tableRows = double(std::max<std::int64_t>(spec.tableRows, 0));
    s.table = spec.tableRows >= 0;
    retraffic(i, nullptr);
    if (spec.keys) {
        KeySourceConfig k;
        k.count = static_cast<std::uint64_t>(spec.keys->count);
        k.skew = spec.keys->skew;
        k.missingRatio = spec.keys->missingRatio;
        k.writePattern = spec.keys->writePattern;
        k.sourceIndex = i;
        s.client.keys.emplace(k);
    }
    if (spec.kind == ComponentKind::Queue)
        s.broker = std::make_unique<Broker>(brokerConfig(spec), subscriptionsOf(i));
    if (spec.shards) {
        s.shards.emplace(spec.shards->strategy,
                         static_cast<std::uint32_t>(spec.shards->count),
                         std::max<std::uint64_t>(existingKeys(), 1),
                         static_cast<std::uint32_t>(spec.shards->virtualNodes));
        s.shardArrivals.assign(s.shards->count(), 0);
    }
    if (spec.keyCache) {
        s.cache = std::make_unique<CacheStore>(spec, Rng::forStream(m_seed, spec.id + "/evict"));
        if (s.cache->writeBehind())
            push(m_now + spec.flushIntervalS, CacheFlush, i);
    }
}

std::uint64_t Simulator::existingKeys() const
{
    std::uint64_t n = 0;
    for (std::uint32_t c : m_netp->clients) {
        if (m_netp->nodes[c].keys)
            n = std::max<std::uint64_t>(n,
                                        static_cast<std::uint64_t>(m_netp->nodes[c].keys->count));
    }
    return n;
}

Broker::Config Simulator::brokerConfig(const NodeSpec &spec)
{
    Broker::Config c;
    c.delivery = spec.delivery;
    c.ackTimeoutS = spec.ackTimeoutS;
    c.model = spec.queueModel;
    c.partitions = spec.partitions;
    c.maxBacklog = spec.maxBacklog;
    return c;
}

std::vector<Broker::Subscription> Simulator::subscriptionsOf(std::uint32_t queue) const
{
    const NodeSpec &spec = m_netp->nodes[queue];
    std::vector<Broker::Subscription> subs;
    for (auto li = spec.linkBegin; li < spec.linkEnd; ++li)
        subs.push_back({li, m_netp->links[li].target});
    return subs;
}

void Simulator::computeFeeds()
{
    for (auto &s : m_nodes) {
        s.feeds.clear();
        s.feeders.clear();
    }
    for (std::uint32_t i = 0; i < m_nodes.size(); ++i) {
        const NodeSpec &spec = m_netp->nodes[i];
        for (auto li = spec.linkBegin; li < spec.linkEnd; ++li) {
            NodeState &target = m_nodes[m_netp->links[li].target];
            if (spec.kind == ComponentKind::LoadBalancer)
                target.feeds.push_back(i);
            else if (spec.kind == ComponentKind::Queue
                     && std::find(target.feeders.begin(), target.feeders.end(), i)
                            == target.feeders.end())
                target.feeders.push_back(i);
        }
    }
}

bool Simulator::step()
{
    return stepBefore(std::numeric_limits<double>::infinity());
}

bool Simulator::stepBefore(double limitS)
{
    std::uint32_t kind, handle;
    if (m_fes.hasImmediate()) {
        const auto item = m_fes.popImmediate();
        kind = item.kind;
        handle = item.handle;
    } else {
        // Timed events. Housekeeping and deferred events keep the run going only while
        // there is work ahead; otherwise they lapse without moving the clock, so a scenario
        // event at 1e9 s cannot stretch a 60 s run.
        for (;;) {
            if (!m_fes.hasTimed() || m_fes.nextTime() > limitS)
                return false;
            if (m_fes.nextTime() > m_stopAtS) [[unlikely]] {
                cutDrain();
                return false;
            }
            const FutureEventSet::Next e = m_fes.popTimed();
            kind = e.kind;
            handle = e.handle;
            if (e.cls == EventClass::Deferred) {
                if (m_fes.pending(EventClass::Work) == 0 && m_pool.live() == 0
                    && !arrivalsPossible(e.time))
                    continue; // nothing it could affect
            } else if (e.cls == EventClass::Housekeeping && !workAhead(e.time)) {
                if (kind == WindowEnd) // apply() re-arms housekeeping
                    m_windowArmed = false;
                else if (kind == AutoscaleTick)
                    m_nodes[handle].autoscaler.armed = false;
                continue;
            }
            m_now = e.time;
            break;
        }
    }
    dispatch(kind, handle);
    if ((++m_events & (kProgressEvents - 1)) == 0 && m_observer) [[unlikely]]
        m_observer->onProgress(m_replication, m_now, static_cast<std::uint64_t>(m_created));
    return true;
}

void Simulator::run()
{
    while (step()) {
    }
}

void Simulator::runUntil(double timeS)
{
    while (stepBefore(timeS)) {
    }
    m_now = std::max(m_now, timeS);
}

bool Simulator::runUntil(double timeS, std::uint64_t maxEvents)
{
    for (std::uint64_t k = 0; k < maxEvents; ++k) {
        if (!stepBefore(timeS)) {
            m_now = std::max(m_now, timeS);
            return true;
        }
    }
    return false;
}

bool Simulator::arrivalsPossible(double atS) const
{
    return !m_stopArrivals && (m_cfg.requestLimit < 0 || m_created < m_cfg.requestLimit)
           && (m_cfg.durationS < 0 || atS < m_cfg.durationS);
}

bool Simulator::workAhead(double atS) const
{
    return m_fes.pending(EventClass::Work) > 0 || m_fes.hasImmediate()
           || (m_fes.pending(EventClass::Deferred) > 0
               && (m_pool.live() > 0 || arrivalsPossible(atS)));
}

void Simulator::dispatch(std::uint32_t kind, std::uint32_t handle)
{
    switch (kind) {
    case ClientArrival:
        onClientArrival(handle);
        break;
    case Arrive:
        onArrive(handle);
        break;
    case ServiceDone:
        onServiceDone(handle);
        break;
    case Return:
        onReturn(handle);
        break;
    case WarmupEnd:
        onWarmupEnd();
        break;
    case WindowEnd:
        onWindowEnd();
        break;
    case AutoscaleTick:
        onAutoscaleTick(handle);
        break;
    case ReplicaReady:
        onReplicaReady(handle);
        break;
    case ReplicaRestarted:
        onReplicaRestarted(handle);
        break;
    case ClientTimeout:
        onClientTimeout(handle);
        break;
    case CacheFlush:
        onCacheFlush(handle);
        break;
    case Elect:
        onElect(handle);
        break;
    case AckTimeout:
        onAckTimeout(handle);
        break;
    case ControlEvent:
        apply(m_controls[handle]);
        break;
    case Nop:
        break;
    case ReplicaApply:
        onReplicaApply(handle);
        break;
    case CallTimeout:
        onCallTimeout(handle);
        break;
    case CallRetry:
        attemptCall(handle);
        break;
    case LeakRelease:
        onLeakRelease(handle);
        break;
    case HealthDetect:
        onHealthDetect(handle);
        break;
    }
}

std::uint32_t Simulator::allocRequest()
{
    const std::uint32_t r = m_pool.alloc(m_inFlightCap);
    if (r == kNone) [[unlikely]] {
        if (!m_metrics.overloaded) {
            m_metrics.overloaded = true;
            m_metrics.overloadedAtS = m_now;
        }
        m_stopArrivals = true;
        arrivalsEnded(m_now);
    }
    return r;
}

void Simulator::keyStateGrew(std::uint32_t node, std::size_t bytes)
{
    m_keyStateBytes += bytes;
    if (m_keyStateBytes <= m_cfg.keyStateBytes || m_metrics.keyStateFull)
        return;
    m_metrics.keyStateFull = true;
    m_metrics.keyStateFullAtS = m_now;
    m_metrics.keyStateNode = node;
    m_stopArrivals = true;
    arrivalsEnded(m_now);
}

void Simulator::arrivalsEnded(double atS)
{
    if (m_cfg.drainS >= 0)
        m_stopAtS = std::min(m_stopAtS, atS + std::max(m_cfg.drainS, atS));
}

void Simulator::cutDrain()
{
    // Only work in flight makes it a cut; lapsing housekeeping does not.
    if (m_pool.live() == 0 || m_cut)
        return;
    m_cut = true;
    m_now = std::max(m_now, m_stopAtS);
}

void Simulator::computeLimits()
{
    m_inFlightCap = static_cast<std::uint32_t>(std::clamp<std::size_t>(
        m_cfg.requestMemoryBytes / RequestPool::bytesPerRequest(m_pool.depth()),
        16,
        m_cfg.maxInFlight));
    m_metrics.inFlightCap = m_inFlightCap;
    std::size_t columns = 7;
    for (const auto &n : m_netp->nodes)
        columns += n.replication ? 9 : 5;
    const std::size_t byMemory = m_cfg.seriesMemoryBytes / (columns * sizeof(double));
    std::size_t cap = std::max<std::size_t>(
        8, m_cfg.maxSeriesPoints ? std::min(m_cfg.maxSeriesPoints, byMemory) : byMemory);
    cap &= ~std::size_t(1); // even, so widening merges whole pairs
    m_windows.setPointCap(cap);
}

std::vector<TraceHop> Simulator::takeTraceHops()
{
    std::vector<TraceHop> out;
    out.swap(m_hops);
    return out;
}

} // namespace hld
