// Queues as buffers with delivery guarantees (contract 5.5): each test asserts the effect
// in numbers, with the mechanism on and off.
#include "sim_stats.h"

#include <cmath>

using namespace hld;
using namespace hld::test;

namespace {

// 100 msg/s into a queue whose consumer (2 replicas x 4 workers, 10 ms) has 800/s of
// capacity. `queue` and `consumer` are extra fields of each.
std::string outageDesign(const std::string &queue,
                         const std::string &consumer,
                         const std::string &events,
                         double duration,
                         const std::string &service = R"({"dist": "exponential", "mean_ms": 10})")
{
    return withScenario(
        R"([{"id": "users", "kind": "client", "traffic": {"rps": 100}},
        {"id": "jobs", "kind": "queue", "service_time": {"dist": "constant", "mean_ms": 0})"
            + queue + R"(},
        {"id": "worker", "kind": "service", "replicas": 2, "service_time": )"
            + service + (consumer.find("workers") == std::string::npos ? R"(, "workers": 4)" : "")
            + consumer + "}]",
        R"([{"from": "users", "to": "jobs", "latency_ms": 0},
                            {"from": "jobs", "to": "worker", "latency_ms": 0}])",
        events,
        duration);
}

} // namespace

// The broker holds what the consumer cannot take: a 60 s outage at 100 msg/s leaves a
// backlog of about 6,000 messages (Poisson: sd 77), none lost, and the restored consumer
// drains it at its spare capacity (800 - 100 = 700/s, about 8.6 s).
TEST(Broker, AConsumerOutageBuildsABacklogThatDrainsAfterwards)
{
    const auto r = runScenario(outageDesign("",
                                            "",
                                            R"([{"at_s": 20, "action": "kill", "target": "worker"},
                               {"at_s": 80, "action": "restore", "target": "worker"}])",
                                            120));
    const NodeResult &jobs = node(r, "jobs");
    EXPECT_NEAR(double(jobs.backlogMax), 6000.0, 400.0);
    EXPECT_EQ(r.endToEnd.failed, 0u);
    EXPECT_EQ(jobs.lost, 0u);
    EXPECT_EQ(jobs.messagesDone, jobs.enqueued);
    const NodeSeries &q = seriesOf(r, "jobs");
    // During the outage the chart shows the backlog growing at 100/s ...
    EXPECT_NEAR(meanOver(r.series, q.queue, 49, 50), 100.0 * 29.5, 300.0);
    // ... and after the restore it falls at 700/s, to nothing by 80 + 8.6 s.
    EXPECT_NEAR(meanOver(r.series, q.queue, 83, 84), 6000.0 - 700.0 * 3.5, 400.0);
    EXPECT_LT(meanOver(r.series, q.queue, 92, 120), 5.0);
    // Only the few messages being worked on at the kill (about one) are delivered again.
    EXPECT_LE(jobs.redelivered, 10u);
}

// Off: the same outage without a queue fails every request sent to the dead service.
TEST(Broker, WithoutTheQueueTheSameOutageFailsEveryRequest)
{
    const auto json = withScenario(
        R"([{"id": "users", "kind": "client", "traffic": {"rps": 100}},
            {"id": "worker", "kind": "service", "replicas": 2, "workers": 4,
             "service_time": {"dist": "exponential", "mean_ms": 10}}])",
        R"([{"from": "users", "to": "worker", "latency_ms": 0}])",
        R"([{"at_s": 20, "action": "kill", "target": "worker"},
            {"at_s": 80, "action": "restore", "target": "worker"}])",
        120);
    const auto r = runScenario(json);
    EXPECT_NEAR(double(r.endToEnd.failed), 6000.0, 400.0);
}

// Scaling consumers out drains the backlog already there. One replica serving 80/s under
// 100/s builds about 20/s x 60 s = 1,200; three replicas then drain at 240 - 100 = 140/s.
TEST(Broker, ScalingConsumersOutDrainsTheExistingBacklog)
{
    const auto json = withScenario(
        R"([{"id": "users", "kind": "client", "traffic": {"rps": 100, "arrival": "constant"}},
            {"id": "jobs", "kind": "queue", "service_time": {"dist": "constant", "mean_ms": 0}},
            {"id": "worker", "kind": "service", "workers": 1,
             "service_time": {"dist": "constant", "mean_ms": 12.5}}])",
        R"([{"from": "users", "to": "jobs", "latency_ms": 0},
            {"from": "jobs", "to": "worker", "latency_ms": 0}])",
        R"([{"at_s": 60, "action": "set_replicas", "target": "worker", "value": 3}])",
        100);
    const auto r = runScenario(json);
    const NodeSeries &q = seriesOf(r, "jobs");
    EXPECT_NEAR(meanOver(r.series, q.queue, 59, 60), 1190.0, 30.0);
    EXPECT_NEAR(double(node(r, "jobs").backlogMax), 1200.0, 30.0);
    // Half-drained about 4.3 s after the scale-out, empty after 8.6 s (plus the new
    // replicas' start-up).
    EXPECT_LT(meanOver(r.series, q.queue, 75, 100), 2.0);
    EXPECT_EQ(r.endToEnd.failed, 0u);
}

// at_least_once vs at_most_once: a consumer killed with 100 messages in hand (100/s of
// 1 s jobs) loses them under at_most_once and gets them again under at_least_once.
TEST(Broker, AtMostOnceLosesWhatADeadConsumerHeldAtLeastOnceDeliversItAgain)
{
    const std::string kill = R"([{"at_s": 30, "action": "kill", "target": "worker"},
                                 {"at_s": 40, "action": "restore", "target": "worker"}])";
    const std::string slow = R"({"dist": "constant", "mean_ms": 1000})";
    const std::string wide = R"(, "workers": 200)";
    const auto least = runScenario(outageDesign(R"(, "ack_timeout_s": 5)", wide, kill, 90, slow));
    const auto most
        = runScenario(outageDesign(R"(, "delivery": "at_most_once")", wide, kill, 90, slow));
    const NodeResult &l = node(least, "jobs"), &m = node(most, "jobs");
    // Poisson: about 100 in hand (sd 10).
    EXPECT_NEAR(double(m.lost), 100.0, 40.0);
    EXPECT_EQ(m.redelivered, 0u);
    EXPECT_EQ(l.lost, 0u);
    EXPECT_NEAR(double(l.redelivered), 100.0, 40.0);
    EXPECT_EQ(l.messagesDone, l.enqueued);
    EXPECT_EQ(m.messagesDone + m.lost, m.enqueued);
    // The producers never see either: the queue acknowledged them at enqueue.
    EXPECT_EQ(least.endToEnd.failed, 0u);
    EXPECT_EQ(most.endToEnd.failed, 0u);
}

// An ack timeout shorter than the work: every message is delivered again while the first
// delivery is still being worked on, and both finish. A plain consumer applies it twice; an
// idempotent one recognises the duplicate.
TEST(Broker, AShortAckTimeoutDuplicatesWorkThatIdempotentConsumersIgnore)
{
    const std::string slow = R"({"dist": "constant", "mean_ms": 100})";
    const std::string wide = R"(, "workers": 64)";
    const auto plain
        = runScenario(outageDesign(R"(, "ack_timeout_s": 0.06)", wide, "[]", 60, slow));
    const auto idem = runScenario(outageDesign(
        R"(, "ack_timeout_s": 0.06)", wide + R"(, "idempotent": true)", "[]", 60, slow));
    const auto ok = runScenario(outageDesign(R"(, "ack_timeout_s": 1)", wide, "[]", 60, slow));
    const NodeResult &p = node(plain, "jobs"), &i = node(idem, "jobs"), &o = node(ok, "jobs");
    // Timeout at 60 ms, finish at 100 ms: exactly one extra delivery per message (the copy
    // starts at 60 ms and its own timer, at 120 ms, finds the message acknowledged).
    EXPECT_NEAR(double(p.redelivered) / double(p.enqueued), 1.0, 0.01);
    EXPECT_NEAR(double(p.duplicatesApplied) / double(p.enqueued), 1.0, 0.01);
    EXPECT_EQ(p.duplicatesIgnored, 0u);
    EXPECT_NEAR(double(i.duplicatesIgnored) / double(i.enqueued), 1.0, 0.01);
    EXPECT_EQ(i.duplicatesApplied, 0u);
    // The consumer did twice the work when duplicates were applied.
    EXPECT_NEAR(node(plain, "worker").utilization / node(ok, "worker").utilization, 2.0, 0.05);
    EXPECT_EQ(o.redelivered, 0u);
    EXPECT_EQ(o.duplicatesApplied, 0u);
}

// The log model: each partition is read in order, one message at a time, by one consumer
// replica. 150 msg/s of 10 ms jobs: one partition caps the consumer at 100/s however many
// replicas it has; two partitions carry it; replicas beyond the partitions sit idle.
TEST(Broker, ALogsPartitionsCapParallelismAndExtraConsumersSitIdle)
{
    auto design = [](int partitions, int replicas) {
        return withScenario(
            R"([{"id": "users", "kind": "client", "traffic": {"rps": 150}},
                {"id": "events", "kind": "queue", "model": "log", "partitions": )"
                + std::to_string(partitions) + R"(,
                 "service_time": {"dist": "constant", "mean_ms": 0}},
                {"id": "reader", "kind": "service", "workers": 8, "replicas": )"
                + std::to_string(replicas) + R"(,
                 "service_time": {"dist": "constant", "mean_ms": 10}}])",
            R"([{"from": "users", "to": "events", "latency_ms": 0},
                {"from": "events", "to": "reader", "latency_ms": 0}])",
            "[]",
            60);
    };
    const auto one = runScenario(design(1, 4));
    const auto two = runScenario(design(2, 4));
    // One partition: 100/s out of 150/s offered, the backlog grows by about 50/s.
    EXPECT_NEAR(double(node(one, "events").backlogMax), 50.0 * 60, 300.0);
    EXPECT_NEAR(node(one, "reader").throughputRps, 100.0, 2.0);
    // Two partitions keep up.
    EXPECT_LT(node(two, "events").backlogMax, 100u);
    EXPECT_NEAR(node(two, "reader").throughputRps, 150.0, 6.0);
    // Only two of the four replicas ever received a message.
    const auto &arrivals = node(two, "reader").replicaArrivals;
    ASSERT_EQ(arrivals.size(), 4u);
    int idle = 0;
    for (auto a : arrivals)
        idle += a == 0;
    EXPECT_EQ(idle, 2);
}

// The queue model with the same consumer: competing consumers use every replica and keep up.
TEST(Broker, CompetingConsumersUseEveryReplica)
{
    const auto r = runScenario(withScenario(
        R"([{"id": "users", "kind": "client", "traffic": {"rps": 150}},
            {"id": "events", "kind": "queue", "service_time": {"dist": "constant", "mean_ms": 0}},
            {"id": "reader", "kind": "service", "workers": 1, "replicas": 4,
             "service_time": {"dist": "constant", "mean_ms": 10}}])",
        R"([{"from": "users", "to": "events", "latency_ms": 0},
            {"from": "events", "to": "reader", "latency_ms": 0}])",
        "[]",
        60));
    EXPECT_LT(node(r, "events").backlogMax, 100u);
    for (auto a : node(r, "reader").replicaArrivals)
        EXPECT_GT(a, 1000u);
}

// Every subscriber gets its own copy of each message (a queue's out-links are
// subscriptions), and a slow one does not hold back a fast one.
TEST(Broker, EachSubscriptionGetsEveryMessage)
{
    const auto r = runScenario(withScenario(
        R"([{"id": "users", "kind": "client", "traffic": {"rps": 50}},
            {"id": "topic", "kind": "queue", "service_time": {"dist": "constant", "mean_ms": 0}},
            {"id": "fast", "kind": "service", "workers": 4,
             "service_time": {"dist": "constant", "mean_ms": 1}},
            {"id": "slow", "kind": "service", "workers": 4,
             "service_time": {"dist": "constant", "mean_ms": 50}}])",
        R"([{"from": "users", "to": "topic", "latency_ms": 0},
            {"from": "topic", "to": "fast", "latency_ms": 0},
            {"from": "topic", "to": "slow", "latency_ms": 0}])",
        "[]",
        60));
    const NodeResult &topic = node(r, "topic");
    // Two copies of each producer's request, each consumed once.
    EXPECT_EQ(topic.enqueued, 2 * r.endToEnd.count);
    EXPECT_NEAR(double(node(r, "fast").completed), double(r.endToEnd.count), 2.0);
    EXPECT_NEAR(double(node(r, "slow").completed), double(r.endToEnd.count), 8.0);
    EXPECT_EQ(topic.messagesDone + 0, topic.delivered);
}

// A replicated store consuming a queue: it chooses its replica by role (writes to the
// leader), so the broker hands it every message and the leader's queue holds them.
TEST(Broker, AReplicatedStoreConsumesEveryMessage)
{
    const auto r = runScenario(withScenario(
        R"([{"id": "users", "kind": "client", "traffic": {"rps": 200, "read_ratio": 0}},
            {"id": "events", "kind": "queue", "service_time": {"dist": "constant", "mean_ms": 0}},
            {"id": "db", "kind": "database", "replicas": 3, "workers": 4,
             "replication": {"consistency": "CP"},
             "service_time": {"dist": "exponential", "mean_ms": 5}}])",
        R"([{"from": "users", "to": "events", "latency_ms": 0},
            {"from": "events", "to": "db", "latency_ms": 0}])",
        "[]",
        60));
    const NodeResult &events = node(r, "events"), &db = node(r, "db");
    EXPECT_EQ(events.messagesDone, events.enqueued);
    EXPECT_EQ(db.completed, events.enqueued);
    EXPECT_LT(events.backlogMax, 5u);
    // Writes go to the leader only.
    EXPECT_EQ(db.replicaArrivals[1] + db.replicaArrivals[2], 0u);
}
