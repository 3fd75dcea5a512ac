// hldsim misused the way the fuzz campaign misused it: bad --out paths, options where values
// belong, absurd thread counts, runs that measure nothing, hostile names.
#include "cli_run.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

using namespace hld::test;

namespace {

std::string slurp(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace

TEST(CliHardening, AnOptionWhereAValueBelongsIsRefused)
{
    const auto dir = std::filesystem::temp_directory_path() / "hld_cli_opt";
    std::filesystem::create_directories(dir);
    const auto r = hldsim("run " + kDemo + " --out --timeseries", true);
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_NE(r.out.find("--out needs a value"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists("--timeseries"));
}

TEST(CliHardening, AnUnwritableOutIsFoundBeforeTheRun)
{
    // A long run that would take minutes: refused at once, before it starts.
    const auto r = hldsim("run " + kDemo + " --requests 100000000 --out /no/such/dir/r.json", true);
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_NE(r.out.find("/no/such/dir does not exist"), std::string::npos) << r.out;
}

TEST(CliHardening, OutNeverOverwritesTheDesign)
{
    const std::string design = writeTemp("hld_cli_self.hld.json", slurp(kDemo));
    const auto r = hldsim("run " + design + " --duration-s 5 --out " + design, true);
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_NE(r.out.find("is the design file itself"), std::string::npos) << r.out;
    EXPECT_EQ(slurp(design), slurp(kDemo));
}

TEST(CliHardening, OutIsReplacedWholeOrNotAtAll)
{
    const std::string out = writeTemp("hld_cli_out.json", "previous results\n");
    const auto r = hldsim("run " + kDemo + " --duration-s 5 --format json --out " + out);
    ASSERT_EQ(r.status, 0);
    EXPECT_EQ(nlohmann::json::parse(slurp(out))["format"], "hld-results");
    // No temporary file is left beside it.
    int siblings = 0;
    for (const auto &e :
         std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
        siblings += e.path().filename().string().rfind(".hld_cli_out.json.", 0) == 0;
    EXPECT_EQ(siblings, 0);
}

TEST(CliHardening, ThreadCountsBeyondTheCoresAreClamped)
{
    // 1,024 threads under a 1 GiB address-space limit used to abort on std::system_error.
    const auto r
        = hldsim("run " + kDemo + " --duration-s 2 --replications 6 --threads 1024 --format json");
    ASSERT_EQ(r.status, 0);
#if defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "AddressSanitizer reserves terabytes of address space: no ulimit -v";
#endif
    const std::string limited = "sh -c 'ulimit -v 1048576; " + std::string(HLDSIM_PATH) + " run "
                                + kDemo + " --duration-s 2 --replications 6 --threads 1024 "
                                + "--format json' 2>&1";
    FILE *p = popen(limited.c_str(), "r");
    ASSERT_TRUE(p);
    std::string out;
    char buf[4096];
    while (std::size_t n = fread(buf, 1, sizeof buf, p))
        out.append(buf, n);
    const int st = pclose(p);
    EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << out.substr(0, 300);
    EXPECT_EQ(out, r.out); // and the numbers do not depend on the threads
}

TEST(CliHardening, WarmupLongerThanTheRunIsAUsageError)
{
    const auto r = hldsim("run " + kDemo + " --warmup-s 100 --duration-s 10", true);
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("no request would be measured"), std::string::npos) << r.out;
}

TEST(CliHardening, ARunThatMeasuresNothingSaysSoInsteadOfPrintingZeros)
{
    const std::string design = writeTemp("hld_cli_idle.hld.json", R"({"format": "hld-design",
        "version": 1, "components": [{"id": "users", "kind": "client", "traffic": {"rps": 0}},
        {"id": "a", "kind": "service"}], "links": [{"from": "users", "to": "a"}]})");
    const auto j = hldsim("run " + design + " --format json");
    ASSERT_EQ(j.status, 0);
    const auto doc = nlohmann::json::parse(j.out);
    EXPECT_EQ(doc["status"], "empty");
    EXPECT_TRUE(doc["end_to_end"]["p99_ms"].is_null());
    EXPECT_TRUE(doc["end_to_end"]["throughput_rps"].is_null());
    const auto text = hldsim("run " + design);
    EXPECT_NE(text.out.find("nothing measured"), std::string::npos) << text.out;
    EXPECT_EQ(text.out.find("0.000     0.000"), std::string::npos) << text.out;
}

TEST(CliHardening, HostileNamesAreEscapedInTextOutput)
{
    const std::string design = writeTemp("hld_cli_name.hld.json", R"({"format": "hld-design",
        "version": 1, "name": "shop\n/x.hld.json: valid\u001b[2J",
        "components": [{"id": "users", "kind": "client", "traffic": {"rps": 10}},
        {"id": "a", "kind": "service"}], "links": [{"from": "users", "to": "a"}]})");
    const auto r = hldsim("run " + design + " --duration-s 2");
    ASSERT_EQ(r.status, 0);
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
    EXPECT_EQ(r.out.rfind("shop\\n/x.hld.json: valid\\x1b[2J: ok", 0), 0u) << r.out.substr(0, 80);
}
