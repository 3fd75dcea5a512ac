#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace hld {

// One call a request is making: where, since when, and how it returns. Frame 0 is the origin
// (a client, or the sender of a message); each sync call pushes one.
struct Frame
{
    double arrival;
    double serviceStart;
    double backLatencyS;
    std::uint32_t node;
    std::uint32_t replica;  // local to the node
    std::uint32_t nextLink; // the caller's next out-link to try
    std::uint32_t inLink;
    std::uint16_t flags;
    std::uint16_t epoch; // the replica's epoch when service started
    std::uint32_t span;  // a traced request: the id of the call that pushed it (0: the origin)
};
static_assert(sizeof(Frame) == 48, "the span fills the frame's padding: no memory per frame");

inline constexpr std::uint64_t kNoKey = ~0ull; // the client gives no keys
inline constexpr std::uint8_t kNoPath = 0xFF;  // the client gives no paths

struct Request
{
    double created;
    std::uint64_t key; // the data item it touches (kNoKey: none given)
    std::uint32_t nextInQueue;
    std::uint32_t user;
    std::uint32_t serial; // request number, for trace sampling
    std::uint32_t msg;    // a queue's message: its id at the broker (else kNone)
    std::uint32_t call;   // an attempt of a guarded call: the call's record (else kNone)
    std::uint16_t depth;  // frames in use; 0 = free
    std::uint8_t cls;     // 0 read, 1 write
    std::uint8_t path;    // index into Network::paths; kNoPath: none given
    std::uint16_t flags;
    std::uint16_t retries; // retries made so far for it and every call it caused
};

// Requests and their call frames, reused in steady state (no allocation per request). Every
// request has room for `depth` frames, the deepest call chain of the network. The cap on
// requests alive at once keeps requests x frames within a memory budget. Frames live in
// blocks of 1,024 requests that are never moved: growing the pool allocates one block and
// copies nothing, so the memory in use is the live high-water mark, never twice it (a
// doubling vector of 64-deep frames asked for 805 MB to hold 400 MB; a fuzz finding).
class RequestPool
{
public:
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
    static constexpr std::uint32_t kBlockShift = 10;
    static constexpr std::uint32_t kBlock = 1u << kBlockShift;

    explicit RequestPool(std::uint32_t depth = 2)
        : m_depth(depth)
    {
        m_req.reserve(kBlock);
    }

    // A free request, or kNone if `cap` are alive.
    std::uint32_t alloc(std::uint32_t cap)
    {
        if (m_live >= cap) [[unlikely]]
            return kNone;
        ++m_live;
        if (!m_free.empty()) {
            const std::uint32_t r = m_free.back();
            m_free.pop_back();
            return r;
        }
        const auto r = static_cast<std::uint32_t>(m_req.size());
        m_req.push_back({});
        if ((r & (kBlock - 1)) == 0) [[unlikely]]
            m_blocks.push_back(std::make_unique<Frame[]>(std::size_t(kBlock) * m_depth));
        return r;
    }
    void free(std::uint32_t r)
    {
        m_req[r].depth = 0; // a late timer for it sees no request
        --m_live;
        m_free.push_back(r);
    }

    Request &operator[](std::uint32_t r) { return m_req[r]; }
    const Request &operator[](std::uint32_t r) const { return m_req[r]; }
    Frame &frame(std::uint32_t r, std::uint32_t d)
    {
        return m_blocks[r >> kBlockShift][std::size_t(r & (kBlock - 1)) * m_depth + d];
    }
    const Frame &frame(std::uint32_t r, std::uint32_t d) const
    {
        return m_blocks[r >> kBlockShift][std::size_t(r & (kBlock - 1)) * m_depth + d];
    }
    Frame &top(std::uint32_t r) { return frame(r, m_req[r].depth - 1u); }

    std::uint32_t live() const { return m_live; }
    std::uint32_t depth() const { return m_depth; }
    std::size_t allocated() const { return m_req.size(); }
    bool isFree(std::uint32_t r) const { return m_req[r].depth == 0; }
    static constexpr std::size_t bytesPerRequest(std::uint32_t depth)
    {
        return sizeof(Request) + std::size_t(depth) * sizeof(Frame);
    }
    // Bytes held for frames: whole blocks, so at most one block beyond the high-water mark.
    std::size_t frameBytes() const
    {
        return m_blocks.size() * std::size_t(kBlock) * m_depth * sizeof(Frame);
    }

    // A deeper call chain (a topology change) needs a wider stride: frames are copied over,
    // one block at a time.
    void widen(std::uint32_t depth)
    {
        if (depth <= m_depth)
            return;
        for (auto &block : m_blocks) {
            auto wider = std::make_unique<Frame[]>(std::size_t(kBlock) * depth);
            for (std::size_t r = 0; r < kBlock; ++r) {
                for (std::uint32_t d = 0; d < m_depth; ++d)
                    wider[r * depth + d] = block[r * m_depth + d];
            }
            block = std::move(wider);
        }
        m_depth = depth;
    }

private:
    std::vector<Request> m_req;
    std::vector<std::unique_ptr<Frame[]>> m_blocks;
    std::vector<std::uint32_t> m_free;
    std::uint32_t m_live = 0;
    std::uint32_t m_depth;
};

} // namespace hld
