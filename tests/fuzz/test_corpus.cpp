// The fuzz corpus kept in the repository (extreme but valid designs, and every input the
// fuzzer ever crashed or hung on, minimised) and every shipped design, through the same
// check as the fuzz target; then each accepted design through a full 60-second run in the
// real hldsim under a 1 GiB memory limit, within a time proportional to its traffic.
#include "design_check.h"

#include "analysis/flow.h"
#include "io/design_reader.h"
#include "sim/network.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace fs = std::filesystem;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true; // reserves terabytes of address space: no ulimit -v
#else
constexpr bool kAddressSanitizer = false;
#endif

namespace {

std::vector<fs::path> corpus()
{
    std::vector<fs::path> files;
    for (const char *dir : {"tests/fuzz/corpus", "resources", "tests/data"}) {
        for (const auto &e : fs::recursive_directory_iterator(fs::path(HLD_SOURCE_DIR) / dir)) {
            if (e.is_regular_file())
                files.push_back(e.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string slurp(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// How many attempts one visit can become when every call fails and is retried: the largest
// product of (1 + retry.max) along any chain of calls from a client. Loops (async, which
// the drain limit bounds) count once. Capped, so a hang still ends the test in hours.
double worstRetryAmplification(const hld::Network &net)
{
    const std::size_t n = net.nodes.size();
    std::vector<double> memo(n, -1.0);
    std::vector<char> onPath(n, 0);
    auto visit = [&](auto &&self, std::uint32_t i) -> double {
        if (memo[i] >= 0)
            return memo[i];
        if (onPath[i])
            return 1.0;
        onPath[i] = 1;
        double worst = 1.0;
        const hld::NodeSpec &node = net.nodes[i];
        for (auto li = node.linkBegin; li < node.linkEnd; ++li) {
            const hld::OutLink &l = net.links[li];
            double tries = 1.0;
            if (l.policy < net.policies.size() && net.policies[l.policy].retry)
                tries += static_cast<double>(net.policies[l.policy].retry->max);
            worst = std::max(worst, tries * self(self, l.target));
        }
        onPath[i] = 0;
        return memo[i] = std::min(worst, 1000.0);
    };
    double worst = 1.0;
    for (std::uint32_t c : net.clients)
        worst = std::max(worst, visit(visit, c));
    return worst;
}

} // namespace

TEST(FuzzCorpus, EveryInputPassesTheDesignCheck)
{
    int n = 0;
    for (const auto &f : corpus()) {
        if (f.extension() != ".json" && f.parent_path().filename() != "corpus")
            continue;
        const std::string text = slurp(f);
        const std::string problem = hld::fuzz::checkDesignText(
            reinterpret_cast<const std::uint8_t *>(text.data()), text.size());
        EXPECT_EQ(problem, "") << f;
        ++n;
    }
    EXPECT_GT(n, 40);
}

// Every accepted design finishes `hldsim run --duration-s 60` under a 1 GiB address-space
// limit (ASan off: this is the release binary), in a time proportional to its traffic: the
// bound allows 200,000 component visits a second, far below what the engine does (millions),
// so it only catches hangs and runaway work, not slowness. Retries are traffic too: a design
// whose calls are each tried 101 times may take 101 times as long (one fuzz input did:
// 44,000 rps, 267 M attempts, 178 s), so the visits are multiplied by the worst retry
// amplification along any chain of calls.
TEST(FuzzCorpus, EveryAcceptedDesignRunsSixtySecondsInBoundedTimeAndMemory)
{
    int ran = 0;
    for (const auto &f : corpus()) {
        if (f.extension() != ".json" && f.parent_path().filename() != "corpus")
            continue;
        const hld::LoadResult loaded = hld::loadDesignFile(f.string());
        if (!loaded.ok())
            continue;
        const hld::Network net = hld::compileNetwork(*loaded.design);
        double visitsPerSecond = 0;
        for (const auto &flow : hld::analyseFlows(net))
            visitsPerSecond += flow.rps();
        visitsPerSecond *= worstRetryAmplification(net);
        const double budgetS
            = (10.0 + 60.0 * visitsPerSecond / 200000.0) * (kAddressSanitizer ? 20 : 1);
        const std::string cmd = std::string("sh -c '")
                                + (kAddressSanitizer ? "" : "ulimit -v 1048576; ") + "exec timeout "
                                + std::to_string(static_cast<int>(budgetS) + 1) + " "
                                + std::string(HLDSIM_PATH) + " run \"" + f.string()
                                + "\" --duration-s 60 --format json' > /dev/null 2>&1";
        const auto t0 = std::chrono::steady_clock::now();
        const int st = std::system(cmd.c_str());
        const double took
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0)
            << f << ": exit " << (WIFEXITED(st) ? WEXITSTATUS(st) : -1) << " after " << took
            << " s (budget " << budgetS << " s; 124 = out of time)";
        ++ran;
    }
    EXPECT_GT(ran, 20);
}
