#include "sim/event_queue.h"
#include "sim/rng.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

TEST(EventQueue, PopsInTimeThenInsertionOrder)
{
    hld::EventQueue q;
    hld::Rng rng(1);
    struct Item
    {
        double t;
        std::uint32_t id;
    };
    std::vector<Item> items;
    for (std::uint32_t i = 0; i < 10000; ++i) {
        // Few distinct times, so most comparisons are ties broken by sequence.
        const double t = static_cast<double>(rng.below(50));
        items.push_back({t, i});
        q.push(t, 0, i);
    }
    std::stable_sort(items.begin(), items.end(), [](auto &a, auto &b) { return a.t < b.t; });
    for (const auto &it : items) {
        ASSERT_FALSE(q.empty());
        const auto e = q.pop();
        ASSERT_EQ(e.time, it.t);
        ASSERT_EQ(e.handle, it.id);
    }
    EXPECT_TRUE(q.empty());
}

TEST(EventQueue, InterleavedPushPopStaysOrdered)
{
    hld::EventQueue q;
    hld::Rng rng(2);
    double now = 0;
    for (int i = 0; i < 1000; ++i)
        q.push(rng.uniform(), 0, 0);
    for (int i = 0; i < 100000; ++i) {
        const auto e = q.pop();
        ASSERT_GE(e.time, now);
        now = e.time;
        q.push(now + rng.uniform(), 0, 0);
    }
    EXPECT_EQ(q.size(), 1000u);
}
