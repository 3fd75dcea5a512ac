#pragma once

#include "model/design.h"
#include "sim/request_pool.h"

#include <cstdint>
#include <vector>

namespace hld {

// A queue as a real buffer (contract 5.5). Messages wait here, one FIFO per subscriber
// (every out-link of the queue is a subscription that gets its own copy), until a consumer
// replica has a free worker and takes one. The broker keeps the messages and their delivery
// state; the simulator decides which consumer replica can take one and moves the requests.
//
// Delivery: at_least_once keeps a message until its consumer finishes with it; if the
// consumer dies first, or does not finish within ack_timeout_s, the message is delivered
// again (work may then be done twice). at_most_once deletes it on delivery. In the log
// model, each subscription has P partitions read in order: one message of a partition at a
// time, each partition owned by one consumer replica.
class Broker
{
public:
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

    struct Config
    {
        Delivery delivery = Delivery::AtLeastOnce;
        double ackTimeoutS = 30;
        QueueModel model = QueueModel::Queue;
        std::uint32_t partitions = 1;
        std::int64_t maxBacklog = -1; // waiting messages, all subscriptions; -1 unbounded
    };
    struct Subscription
    {
        std::uint32_t link = 0;     // the queue's out-link
        std::uint32_t consumer = 0; // its target component
    };
    // One logical message: its copies (a redelivery while the first is still being worked
    // on makes a second) share it.
    struct Message
    {
        std::uint32_t generation = 0; // deliveries so far; the latest copy carries it
        std::uint32_t copies = 0;     // requests alive for it
        std::uint32_t applied = 0;    // consumer services completed
        bool acked = false;           // deleted from the broker (on delivery, for at_most_once)
        bool done = false;            // a consumer finished it
    };

    Broker() = default;
    Broker(const Config &config, std::vector<Subscription> subscriptions);

    const Config &config() const { return m_config; }
    const std::vector<Subscription> &subscriptions() const { return m_subs; }
    std::uint32_t waiting() const { return m_waiting; }
    bool full() const { return m_config.maxBacklog >= 0 && m_waiting >= m_config.maxBacklog; }

    // A new logical message (its id is kept in the request's `msg`).
    std::uint32_t newMessage();
    Message &message(std::uint32_t id) { return m_messages[id]; }
    void releaseCopy(std::uint32_t id); // a copy ended; the id is reused when none is left

    // Waiting messages: request r joins subscription `sub` (in its key's partition; a
    // redelivery in the log model goes back to the front, to keep the partition's order).
    void enqueue(std::uint32_t sub, std::uint32_t r, std::uint64_t key, RequestPool &pool);
    void requeue(std::uint32_t sub, std::uint32_t r, RequestPool &pool);
    // Queue model: the oldest waiting message of `sub`, or kNone.
    std::uint32_t pop(std::uint32_t sub, RequestPool &pool);
    // Log model: partition p of `sub`, if it has a message and none of it is in flight.
    bool partitionReady(std::uint32_t sub, std::uint32_t p) const;
    std::uint32_t popPartition(std::uint32_t sub, std::uint32_t p, RequestPool &pool);
    void partitionDone(std::uint32_t sub, std::uint32_t p) { m_subState[sub].busy[p] = 0; }
    std::uint32_t partitionOf(std::uint32_t r) const
    {
        return m_config.partitions > 1 ? m_partitionOf[r] : 0;
    }
    void copyPartition(std::uint32_t to, std::uint32_t from); // a redelivery's copy
    std::uint32_t partitions() const { return m_config.partitions; }
    bool hasWaiting(std::uint32_t sub) const { return m_subState[sub].waiting > 0; }

    // A topology change: the queue's subscriptions are now `subs`; from[i] is the old index
    // of subscription i (kNone: new). Waiting messages of dropped subscriptions stay put
    // (they are never delivered) until the design gets the link back.
    void resubscribe(std::vector<Subscription> subs, const std::vector<std::uint32_t> &from);

private:
    struct Fifo
    {
        std::uint32_t head = kNone, tail = kNone;
    };
    struct SubState
    {
        std::vector<Fifo> parts; // one, or the log's partitions
        std::vector<char> busy;  // log: a message of the partition is in flight
        std::uint32_t waiting = 0;
        std::uint64_t sequence = 0; // round robin over partitions for messages without keys
    };
    std::uint32_t popFrom(std::uint32_t sub, std::uint32_t p, RequestPool &pool);

    Config m_config;
    std::vector<Subscription> m_subs;
    std::vector<SubState> m_subState;
    std::uint32_t m_waiting = 0;
    std::vector<Message> m_messages;
    std::vector<std::uint32_t> m_freeMessages;
    std::vector<std::uint32_t> m_partitionOf; // by request index (log model only)
};

} // namespace hld
