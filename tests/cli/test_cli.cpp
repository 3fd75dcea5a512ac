#include "cli_run.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <vector>

using hld::test::hldsim;
using hld::test::kDemo;
using hld::test::writeTemp;

TEST(Cli, RunsTheDemoAndPrintsTheContractJson)
{
    const auto r = hldsim("run " + kDemo + " --duration-s 60 --warmup-s 5 --seed 3 --format json");
    ASSERT_EQ(r.status, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["format"], "hld-results");
    EXPECT_EQ(j["version"], 1);
    EXPECT_EQ(j["seed"], 3);
    EXPECT_EQ(j["replications"], 1);
    EXPECT_GT(j["sim_time_s"].get<double>(), 60.0);
    const auto &e = j["end_to_end"];
    for (const char *k : {"count",
                          "ok",
                          "failed",
                          "error_rate",
                          "throughput_rps",
                          "mean_ms",
                          "p50_ms",
                          "p90_ms",
                          "p95_ms",
                          "p99_ms",
                          "p999_ms",
                          "max_ms"})
        EXPECT_TRUE(e.contains(k)) << k;
    EXPECT_EQ(e["count"].get<long>(), e["ok"].get<long>() + e["failed"].get<long>());
    // 1,200 rps offered for 55 measured seconds.
    EXPECT_NEAR(e["throughput_rps"].get<double>(), 1200, 30);
    EXPECT_LT(e["p50_ms"].get<double>(), e["p99_ms"].get<double>());
    EXPECT_TRUE(j["ci95"].contains("mean_ms"));
    const auto &api = j["nodes"]["api"];
    for (const char *k : {"replicas",
                          "arrivals",
                          "rejected",
                          "completed",
                          "blocking_probability",
                          "utilization",
                          "mean_in_system",
                          "mean_wait_ms",
                          "mean_sojourn_ms",
                          "p50_ms",
                          "p99_ms"})
        EXPECT_TRUE(api.contains(k)) << k;
    EXPECT_EQ(api["replicas"], 3);
    // 1,200 rps x 8 ms over 3 replicas x 4 workers.
    EXPECT_NEAR(api["utilization"].get<double>(), 0.8, 0.03);
    EXPECT_NEAR(j["nodes"]["cache"]["hit_ratio"].get<double>(), 0.85, 0.01);
    EXPECT_GT(j["cost_per_hour"].get<double>(), 0.0);
}

TEST(Cli, ReplicationsGiveConfidenceIntervalsAndThreadsChangeNothing)
{
    const std::string base = "run " + kDemo + " --duration-s 20 --replications 4 --format json";
    const auto one = hldsim(base + " --threads 1");
    const auto two = hldsim(base + " --threads 2");
    ASSERT_EQ(one.status, 0);
    EXPECT_EQ(one.out, two.out);
    const auto j = nlohmann::json::parse(one.out);
    EXPECT_EQ(j["replications"], 4);
    EXPECT_GT(j["ci95"]["mean_ms"].get<double>(), 0.0);
    EXPECT_GT(j["ci95"]["p99_ms"].get<double>(), 0.0);
}

TEST(Cli, TextAndCsvFormats)
{
    const auto text = hldsim("run " + kDemo + " --requests 20000");
    ASSERT_EQ(text.status, 0);
    EXPECT_NE(text.out.find("URL shortener"), std::string::npos);
    EXPECT_NE(text.out.find("end to end"), std::string::npos);
    EXPECT_NE(text.out.find("api"), std::string::npos);
    const auto csv = hldsim("run " + kDemo + " --requests 20000 --format csv");
    ASSERT_EQ(csv.status, 0);
    EXPECT_EQ(csv.out.rfind("scope,kind,replicas,count,ok,failed,error_rate", 0), 0u);
    EXPECT_NE(csv.out.find("\nend_to_end,,,20000,"), std::string::npos);
    EXPECT_NE(csv.out.find("\n\"db\",database,"), std::string::npos);
}

TEST(Cli, OutFileReceivesTheResults)
{
    const auto path = std::filesystem::temp_directory_path() / "hldsim_out_test.json";
    std::filesystem::remove(path);
    const auto r = hldsim("run " + kDemo + " --requests 5000 --format json --out " + path.string());
    ASSERT_EQ(r.status, 0);
    EXPECT_TRUE(r.out.empty());
    std::ifstream in(path);
    const auto j = nlohmann::json::parse(in);
    EXPECT_EQ(j["end_to_end"]["count"], 5000);
}

TEST(Cli, ValidateReportsPathAndExitsThree)
{
    EXPECT_EQ(hldsim("validate " + kDemo).status, 0);
    const auto bad = writeTemp("hldsim_bad.hld.json",
                               R"({"format": "hld-design", "version": 1, "components": [
        {"id": "a", "kind": "service"}, {"id": "b", "kind": "service", "replicas": 0}]})");
    const auto r = hldsim("validate " + bad, true);
    EXPECT_EQ(r.status, 3);
    EXPECT_NE(r.out.find(bad + ": /components/1/replicas: is 0; must be between 1 and 10000"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(hldsim("run " + bad).status, 3);
    EXPECT_EQ(hldsim("validate /no/such/file.hld.json").status, 3);
}

TEST(Cli, BadUsageExitsTwo)
{
    const std::vector<std::string> cases = {"",
                                            "frobnicate x",
                                            "run",
                                            "run " + kDemo + " --requests 0",
                                            "run x.json --seed banana",
                                            "run x.json --format xml",
                                            "run x.json --requests 5 --duration-s 5",
                                            "run x.json --bogus 1"};
    for (const auto &args : cases) {
        const auto r = hldsim(args, true);
        EXPECT_EQ(r.status, 2) << args;
        EXPECT_NE(r.out.find("hldsim: "), std::string::npos) << args;
    }
}

TEST(Cli, HelpHasExamples)
{
    const auto r = hldsim("--help");
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.out.find("examples:"), std::string::npos);
    EXPECT_NE(r.out.find("--replications"), std::string::npos);
}

// `hldsim estimate` (contract 6): the fixed fields as numbers, with their steps; bad usage
// exits 2 and names the option.
TEST(Cli, EstimateGivesTheContractsFieldsWithTheirSteps)
{
    const auto r = hldsim("estimate --dau 10000000 --requests-per-user 2 --read-ratio 0.9 "
                          "--peak-factor 3 --payload-bytes 300 --retention-days 365 --format json");
    ASSERT_EQ(r.status, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out);
    for (const char *f : {"avg_rps",
                          "peak_rps",
                          "reads_rps",
                          "writes_rps",
                          "storage_per_day_bytes",
                          "storage_total_bytes",
                          "bandwidth_bytes_per_s"}) {
        ASSERT_TRUE(j.contains(f) && j[f].is_number()) << f;
        ASSERT_TRUE(j["steps"].contains(f) && !j["steps"][f].empty()) << f;
    }
    EXPECT_NEAR(j["avg_rps"].get<double>(), 20e6 / 86400, 1e-6);
    EXPECT_NEAR(j["writes_rps"].get<double>(), 0.1 * 20e6 / 86400, 1e-6);
    EXPECT_DOUBLE_EQ(j["storage_per_day_bytes"].get<double>(), 2e6 * 300);
    const auto text = hldsim("estimate --dau 10000000 --requests-per-user 2");
    EXPECT_EQ(text.status, 0);
    EXPECT_NE(text.out.find("20,000,000 requests a day"), std::string::npos);
    const auto missing = hldsim("estimate --dau 10000000", true);
    EXPECT_EQ(missing.status, 2);
    EXPECT_NE(missing.out.find("--requests-per-user"), std::string::npos);
    const auto bad = hldsim("estimate --dau lots --requests-per-user 2", true);
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.out.find("--dau needs a number"), std::string::npos);
}

// The acceptance check of the engine: 10 replications of 1e6 requests through the real
// command line, on designs no parameter was tuned on, against exact results. Tolerance: twice
// hldsim's own 95% half-width (about 4.5 standard errors), plus 0.4% histogram bucket width
// for percentiles.
TEST(CliAcceptance, MM3AgreesWithErlangCAtOneMillionRequests)
{
    const auto r = hldsim("run " + std::string(HLD_SOURCE_DIR)
                          + "/tests/data/mm3-erlang-c.hld.json --requests 1000000"
                            " --replications 10 --threads 2 --warmup-s 20 --format json");
    ASSERT_EQ(r.status, 0);
    const auto j = nlohmann::json::parse(r.out);
    const double lambda = 250, mu = 100;
    const int c = 3;
    // Erlang C by its textbook sum, independent of the engine's own formula code.
    const double a = lambda / mu, rho = a / c;
    double sum = 0, term = 1;
    for (int k = 0; k < c; ++k) {
        sum += term;
        term *= a / (k + 1);
    }
    const double tail = term / (1 - rho);
    const double pWait = tail / (sum + tail);
    const double wq = pWait / (c * mu - lambda);
    const double link = 2 * 0.00025;
    const double mean = 1000 * (wq + 1 / mu + link);
    EXPECT_NEAR(
        j["end_to_end"]["mean_ms"].get<double>(), mean, 2 * j["ci95"]["mean_ms"].get<double>());
    EXPECT_LT(j["ci95"]["mean_ms"].get<double>(), 0.01 * mean);
    EXPECT_NEAR(j["nodes"]["api"]["mean_wait_ms"].get<double>(), 1000 * wq, 0.02 * 1000 * wq);
    EXPECT_NEAR(j["nodes"]["api"]["utilization"].get<double>(), rho, 0.003);
    EXPECT_NEAR(j["nodes"]["api"]["mean_in_system"].get<double>(),
                lambda * (wq + 1 / mu),
                0.02 * lambda * (wq + 1 / mu));
}

TEST(CliAcceptance, MG1LognormalAgreesWithPollaczekKhinchine)
{
    const auto r = hldsim("run " + std::string(HLD_SOURCE_DIR)
                          + "/tests/data/mg1-lognormal.hld.json --requests 1000000"
                            " --replications 10 --threads 2 --warmup-s 50 --format json");
    ASSERT_EQ(r.status, 0);
    const auto j = nlohmann::json::parse(r.out);
    const double lambda = 70, es = 0.010, cv = 1.5;
    const double wq = lambda * es * es * (1 + cv * cv) / (2 * (1 - lambda * es));
    const double mean = 1000 * (wq + es);
    EXPECT_NEAR(
        j["end_to_end"]["mean_ms"].get<double>(), mean, 2 * j["ci95"]["mean_ms"].get<double>());
    EXPECT_LT(j["ci95"]["mean_ms"].get<double>(), 0.02 * mean);
}

TEST(Cli, ReviewAndRulesFollowTheContract)
{
    const std::string root = HLD_SOURCE_DIR;
    const auto clean
        = hldsim("review " + root + "/resources/templates/url-shortener.hld.json --format json");
    ASSERT_EQ(clean.status, 0) << clean.out;
    EXPECT_EQ(nlohmann::json::parse(clean.out)["format"], "hld-review");
    // An overloaded database is an error: exit 1, and the finding names it.
    const auto overloaded = writeTemp("hldsim_review.hld.json",
                                      R"({"format": "hld-design", "version": 1, "components": [
        {"id": "users", "kind": "client", "traffic": {"rps": 5000}},
        {"id": "db", "kind": "database", "service_time": {"dist": "exponential", "mean_ms": 5}}],
        "links": [{"from": "users", "to": "db"}]})");
    const auto r = hldsim("review " + overloaded + " --format json");
    EXPECT_EQ(r.status, 1) << r.out;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_FALSE(j["findings"].empty());
    EXPECT_EQ(j["findings"][0]["rule"], "unstable");
    EXPECT_EQ(j["findings"][0]["severity"], "error");
    EXPECT_EQ(j["findings"][0]["components"], nlohmann::json::array({"db"}));
    EXPECT_FALSE(j["findings"][0]["fix"].get<std::string>().empty());
    const auto text = hldsim("review " + overloaded);
    EXPECT_EQ(text.status, 1);
    EXPECT_NE(text.out.find("error [unstable]"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("fix: "), std::string::npos);
    EXPECT_EQ(hldsim("review /no/such/design.hld.json", true).status, 3);
    EXPECT_EQ(hldsim("review", true).status, 2);

    const auto rules = hldsim("rules --format json");
    ASSERT_EQ(rules.status, 0);
    const auto list = nlohmann::json::parse(rules.out)["rules"];
    EXPECT_GE(list.size(), 25u);
    for (const auto &rule : list)
        for (const char *key : {"id", "severity", "title", "why", "fix"})
            EXPECT_TRUE(rule.contains(key)) << key;
    EXPECT_EQ(hldsim("rules --format yaml", true).status, 2);
}

TEST(Cli, DrillRunsThePromptsDrillsAndScores)
{
    const std::string root = HLD_SOURCE_DIR;
    const auto r
        = hldsim("drill " + root + "/resources/prompts/url-shortener.hld.json --prompt " + root
                 + "/resources/prompts/url-shortener.prompt.json --duration-s 10 --format json");
    ASSERT_EQ(r.status, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["format"], "hld-drills");
    ASSERT_GE(j["drills"].size(), 3u);
    EXPECT_EQ(j["drills"][0]["drill"], "target_load");
    EXPECT_TRUE(j["drills"][0]["passed"].get<bool>()) << j["drills"][0].dump();
    EXPECT_EQ(j["drills"][1]["drill"], "load_10x");
    EXPECT_EQ(j["score"]["max"], 100);
    EXPECT_EQ(j["score"]["items"].size(), 7u);
    const auto missing
        = hldsim("drill " + root + "/resources/prompts/url-shortener.hld.json", true);
    EXPECT_EQ(missing.status, 2);
    const auto badPrompt = writeTemp("hldsim_bad.prompt.json", R"({"format": "hld-prompt"})");
    EXPECT_EQ(
        hldsim("drill " + root + "/resources/prompts/url-shortener.hld.json --prompt " + badPrompt,
               true)
            .status,
        3);
}
