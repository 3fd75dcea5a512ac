#include "io/design_reader.h"
#include "io/design_writer.h"
#include "model/component_kind.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace hld;
namespace fs = std::filesystem;

namespace {
std::vector<fs::path> shippedDesigns()
{
    std::vector<fs::path> out;
    for (const auto &e : fs::recursive_directory_iterator(fs::path(HLD_SOURCE_DIR) / "resources")) {
        if (e.path().string().ends_with(".hld.json"))
            out.push_back(e.path());
    }
    return out;
}
} // namespace

TEST(DesignIo, ContractExampleLoadsWithItsValues)
{
    const auto r = loadDesignFile(std::string(HLD_SOURCE_DIR)
                                  + "/resources/examples/url-shortener.hld.json");
    ASSERT_TRUE(r.ok()) << r.describe("url-shortener");
    const Design &d = *r.design;
    EXPECT_EQ(d.name, "URL shortener");
    ASSERT_EQ(d.components.size(), 5u);
    const auto *api = d.find("api");
    ASSERT_NE(api, nullptr);
    EXPECT_EQ(api->kind, ComponentKind::Service);
    EXPECT_EQ(effectiveReplicas(*api), 3);
    EXPECT_EQ(effectiveWorkers(*api), 4); // instance "m" has 4 vCPUs
    EXPECT_EQ(api->queueCapacity, 200);
    const auto *db = d.find("db");
    EXPECT_EQ(effectiveServiceTime(*db).dist, ServiceDist::Lognormal);
    EXPECT_EQ(effectiveServiceTime(*db).cv, 1.5);
    EXPECT_EQ(d.find("lb")->algorithm, LbAlgorithm::RoundRobin);
    EXPECT_DOUBLE_EQ(effectiveLatencyMs(d, d.links[0]), kSameRegionLatencyMs);
}

TEST(DesignIo, EveryShippedDesignRoundTripsExactly)
{
    const auto files = shippedDesigns();
    ASSERT_FALSE(files.empty());
    for (const auto &f : files) {
        const auto first = loadDesignFile(f.string());
        ASSERT_TRUE(first.ok()) << first.describe(f.string());
        const auto second = parseDesign(designToText(*first.design));
        ASSERT_TRUE(second.ok()) << second.describe("re-saved " + f.string());
        EXPECT_EQ(*first.design, *second.design) << f;
        EXPECT_EQ(designToText(*first.design), designToText(*second.design)) << f;
    }
}

TEST(DesignIo, AtomicSaveReplacesTheFileWhole)
{
    const auto dir = fs::temp_directory_path() / "hld_io_test";
    fs::create_directories(dir);
    const auto path = (dir / "d.hld.json").string();
    auto d = *loadDesignFile(std::string(HLD_SOURCE_DIR)
                             + "/resources/examples/url-shortener.hld.json")
                  .design;
    std::string err;
    ASSERT_TRUE(saveDesignFile(d, path, &err)) << err;
    d.name = "changed";
    ASSERT_TRUE(saveDesignFile(d, path, &err)) << err;
    EXPECT_FALSE(fs::exists(path + ".tmp"));
    const auto back = loadDesignFile(path);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.design->name, "changed");
    EXPECT_FALSE(saveDesignFile(d, (dir / "no-such-dir" / "x.hld.json").string(), &err));
    EXPECT_NE(err.find("cannot write"), std::string::npos);
    fs::remove_all(dir);
}

TEST(DesignIo, RegionsSetDefaultLatency)
{
    const auto r = parseDesign(R"({"format": "hld-design", "version": 1, "components": [
        {"id": "u", "kind": "client", "traffic": {"rps": 1}, "region": "eu"},
        {"id": "a", "kind": "service", "region": "eu"},
        {"id": "b", "kind": "service", "region": "us"}],
        "links": [{"from": "u", "to": "a"}, {"from": "a", "to": "b"}]})");
    ASSERT_TRUE(r.ok()) << r.describe("x");
    EXPECT_DOUBLE_EQ(effectiveLatencyMs(*r.design, r.design->links[0]), 0.5);
    EXPECT_DOUBLE_EQ(effectiveLatencyMs(*r.design, r.design->links[1]), 75.0);
}
