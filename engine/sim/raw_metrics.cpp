#include "sim/raw_metrics.h"

#include <algorithm>

namespace hld {

void ClassRaw::merge(const ClassRaw &o)
{
    count += o.count;
    ok += o.ok;
    failed += o.failed;
    timedOut += o.timedOut;
    unfinished += o.unfinished;
    failedTimeSumS += o.failedTimeSumS;
    latencyMs.merge(o.latencyMs);
}

void NodeRaw::merge(const NodeRaw &o)
{
    arrivals += o.arrivals;
    rejected += o.rejected;
    completed += o.completed;
    hits += o.hits;
    reads += o.reads;
    waitSumS += o.waitSumS;
    sojournSumS += o.sojournSumS;
    sojournMs.merge(o.sojournMs);
    busyArea += o.busyArea;
    presentArea += o.presentArea;
    backlogArea += o.backlogArea;
    backlogMax = std::max(backlogMax, o.backlogMax);
    peakQueued = std::max(peakQueued, o.peakQueued);
    enqueued += o.enqueued;
    enqueueRejected += o.enqueueRejected;
    messagesDone += o.messagesDone;
    messagesFailed += o.messagesFailed;
    messagesUnfinished += o.messagesUnfinished;
    delivered += o.delivered;
    redelivered += o.redelivered;
    lost += o.lost;
    duplicatesApplied += o.duplicatesApplied;
    duplicatesIgnored += o.duplicatesIgnored;
    messageAgeMs.merge(o.messageAgeMs);
    arrivalsAll += o.arrivalsAll;
    consistencyReads += o.consistencyReads;
    staleReads += o.staleReads;
    consistencyFailed += o.consistencyFailed;
    rywViolations += o.rywViolations;
    failovers += o.failovers;
    conflicts += o.conflicts;
    writeUnavailableS += o.writeUnavailableS;
    misses += o.misses;
    evictions += o.evictions;
    expirations += o.expirations;
    coalesced += o.coalesced;
    lostWrites += o.lostWrites;
    bloomRejected += o.bloomRejected;
    negativeHits += o.negativeHits;
    auto add = [](auto &to, const auto &from) {
        if (to.size() < from.size())
            to.resize(from.size());
        for (std::size_t i = 0; i < from.size(); ++i)
            to[i] += from[i];
    };
    add(shardArrivals, o.shardArrivals);
    add(edgeReads, o.edgeReads);
    add(edgeHits, o.edgeHits);
    add(shardBusyArea, o.shardBusyArea);
    add(shardCapacityArea, o.shardCapacityArea);
    lastReshardMoved = std::max(lastReshardMoved, o.lastReshardMoved);
    scaleEvents += o.scaleEvents;
    failedHere += o.failedHere;
    rateLimited += o.rateLimited;
    sessionLost += o.sessionLost;
    sessionRequests += o.sessionRequests;
    misrouted += o.misrouted;
    unhealthyHits += o.unhealthyHits;
    sagas += o.sagas;
    sagasCompleted += o.sagasCompleted;
    sagasCompensated += o.sagasCompensated;
    sagasInconsistent += o.sagasInconsistent;
    sagasAborted += o.sagasAborted;
    compensations += o.compensations;
    workerArea += o.workerArea;
    if (replicaArrivals.size() < o.replicaArrivals.size())
        replicaArrivals.resize(o.replicaArrivals.size());
    for (std::size_t i = 0; i < o.replicaArrivals.size(); ++i)
        replicaArrivals[i] += o.replicaArrivals[i];
}

void LinkRaw::merge(const LinkRaw &o)
{
    calls += o.calls;
    attempts += o.attempts;
    retries += o.retries;
    failed += o.failed;
    timedOut += o.timedOut;
    shortCircuited += o.shortCircuited;
    bulkheadRejected += o.bulkheadRejected;
    wasted += o.wasted;
    breakerOpened += o.breakerOpened;
}

void RawMetrics::merge(const RawMetrics &o)
{
    simTimeS += o.simTimeS;
    measuredTimeS += o.measuredTimeS;
    for (int c = 0; c < 2; ++c)
        classes[c].merge(o.classes[c]);
    if (nodes.size() < o.nodes.size())
        nodes.resize(o.nodes.size());
    for (std::size_t i = 0; i < o.nodes.size(); ++i)
        nodes[i].merge(o.nodes[i]);
    if (links.size() < o.links.size())
        links.resize(o.links.size());
    for (std::size_t i = 0; i < o.links.size(); ++i)
        links[i].merge(o.links[i]);
    events += o.events;
    created += o.created;
    if (o.overloaded && !overloaded)
        overloadedAtS = o.overloadedAtS;
    overloaded = overloaded || o.overloaded;
    if (o.keyStateFull && !keyStateFull) {
        keyStateFull = true;
        keyStateFullAtS = o.keyStateFullAtS;
        keyStateNode = o.keyStateNode;
    }
    inFlightCap = std::max(inFlightCap, o.inFlightCap);
    if (o.cutRuns && !cutRuns)
        cutAtS = o.cutAtS;
    cutRuns += o.cutRuns;
    cutUnanswered += o.cutUnanswered;
    cutAbandoned += o.cutAbandoned;
    cutMessages += o.cutMessages;
    costArea += o.costArea;
    if (series.tS.empty())
        series = o.series;
}

} // namespace hld
