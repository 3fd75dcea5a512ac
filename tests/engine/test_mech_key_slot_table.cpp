// KeySlotTable on its own, against std::unordered_map: growth, and clusters long enough to
// saturate the 4-bit displacement (where deletion must fall back to reading keys).
#include "mech/key_slot_table.h"
#include "sim/rng.h"

#include <gtest/gtest.h>

#include <unordered_map>
#include <vector>

using namespace hld;

namespace {

// The owner's side: keys by slot, with a free list, as KeyCache keeps them.
struct Slots
{
    std::vector<std::uint64_t> keys;
    std::vector<std::uint32_t> free;

    std::uint32_t take(std::uint64_t key)
    {
        if (!free.empty()) {
            const std::uint32_t s = free.back();
            free.pop_back();
            keys[s] = key;
            return s;
        }
        keys.push_back(key);
        return static_cast<std::uint32_t>(keys.size() - 1);
    }
};

class Harness
{
public:
    explicit Harness(std::uint32_t maxKeys) { table.setMaxKeys(maxKeys); }

    auto keyOf() const
    {
        return [this](std::uint32_t s) { return slots.keys.at(s); };
    }

    void insert(std::uint64_t key)
    {
        const std::uint32_t s = slots.take(key);
        table.insert(key, s, [this](auto &&place) {
            for (const auto &[k, slot] : model)
                place(k, slot);
        });
        model[key] = s;
    }
    void erase(std::uint64_t key)
    {
        const std::uint32_t s = model.at(key);
        table.erase(key, s, keyOf());
        model.erase(key);
        slots.free.push_back(s);
    }
    void check(const std::vector<std::uint64_t> &probes) const
    {
        ASSERT_EQ(table.size(), model.size());
        for (auto k : probes) {
            const auto it = model.find(k);
            const std::uint32_t want = it == model.end() ? KeySlotTable::kNone : it->second;
            ASSERT_EQ(table.find(k, keyOf()), want) << k;
        }
    }
    KeySlotTable table;
    Slots slots;
    std::unordered_map<std::uint64_t, std::uint32_t> model;
};

} // namespace

TEST(MechKeySlotTable, AgreesWithAHashMapWhileGrowingAndChurning)
{
    Harness h(5000);
    Rng rng(1);
    std::vector<std::uint64_t> universe(12'000);
    for (auto &k : universe)
        k = rng.next() >> (rng.below(4) * 16); // large and small keys
    for (int i = 0; i < 200'000; ++i) {
        const std::uint64_t k = universe[rng.below(std::uint32_t(universe.size()))];
        if (h.model.count(k))
            h.erase(k);
        else if (h.model.size() < 5000)
            h.insert(k);
        if (i % 20'000 == 0)
            h.check(universe);
    }
    h.check(universe);
    EXPECT_EQ(h.table.bucketCount(), 7501u) << "1.5 buckets per key at most";
}

// Fifty keys with the same home: a cluster far longer than 15, so most displacements
// saturate, shifted back again and again as its members are erased in random order.
TEST(MechKeySlotTable, SaturatedDisplacementsSurviveBackwardShifts)
{
    Harness h(1000);
    Rng rng(2);
    std::vector<std::uint64_t> background;
    while (h.table.bucketCount() < 1501) { // grow to full size first: homes then stay put
        background.push_back(rng.next());
        h.insert(background.back());
    }
    std::vector<std::uint64_t> colliding;
    const std::uint32_t target = h.table.homeOf(background.front());
    for (std::uint64_t k = 1; colliding.size() < 50; ++k) {
        if (h.table.homeOf(k) == target && !h.model.count(k))
            colliding.push_back(k);
    }
    std::vector<std::uint64_t> all = background;
    all.insert(all.end(), colliding.begin(), colliding.end());
    for (auto k : colliding)
        h.insert(k);
    h.check(all);
    for (int round = 0; round < 3; ++round) {
        std::vector<std::uint64_t> order = colliding;
        for (std::size_t i = order.size(); i > 1; --i)
            std::swap(order[i - 1], order[rng.below(std::uint32_t(i))]);
        for (auto k : order) {
            h.erase(k);
            h.check(all);
        }
        for (auto k : order)
            h.insert(k);
        h.check(all);
    }
}
