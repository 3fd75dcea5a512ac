// hldsim export | import | report as a user runs them: real processes, exit codes, files.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace {

struct Proc
{
    int status = -1;
    std::string out; // stdout and stderr
};

Proc sh(const std::string &cmd)
{
    Proc r;
    FILE *p = popen((cmd + " 2>&1").c_str(), "r");
    if (!p)
        return r;
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0)
        r.out.append(buf.data(), n);
    const int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

Proc hldsim(const std::string &args)
{
    return sh(std::string(HLDSIM_PATH) + " " + args);
}

const std::string kSrc = HLD_SOURCE_DIR;
const std::string kShop = kSrc + "/resources/templates/ecommerce-checkout.hld.json";
const std::string kData = kSrc + "/tests/data/interchange/";

fs::path tmp(const std::string &name)
{
    const fs::path dir = fs::temp_directory_path() / "hldsim-interchange-test";
    fs::create_directories(dir);
    fs::remove_all(dir / name);
    return dir / name;
}

std::string slurp(const fs::path &p)
{
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// Width and height from a PNG's IHDR chunk.
std::pair<int, int> pngSize(const fs::path &p)
{
    const std::string s = slurp(p);
    if (s.size() < 24 || s.compare(1, 3, "PNG") != 0)
        return {-1, -1};
    auto be = [&](std::size_t at) {
        return int((unsigned char)s[at] << 24 | (unsigned char)s[at + 1] << 16
                   | (unsigned char)s[at + 2] << 8 | (unsigned char)s[at + 3]);
    };
    return {be(16), be(20)};
}

} // namespace

TEST(CliInterchange, ExportsEveryFormat)
{
    for (const char *fmt : {"png", "svg", "pdf", "mermaid", "dot", "drawio"}) {
        const fs::path out = tmp(std::string("shop.") + fmt);
        const Proc r = hldsim("export " + kShop + " --format " + fmt + " --out " + out.string());
        ASSERT_EQ(r.status, 0) << fmt << ": " << r.out;
        ASSERT_TRUE(fs::exists(out)) << fmt;
        const std::string body = slurp(out);
        EXPECT_NE(body.find(fmt == std::string("mermaid")  ? "flowchart LR"
                            : fmt == std::string("dot")    ? "digraph"
                            : fmt == std::string("drawio") ? "<mxfile"
                            : fmt == std::string("svg")    ? "<svg"
                            : fmt == std::string("pdf")    ? "%PDF"
                                                           : "PNG"),
                  std::string::npos)
            << fmt;
    }
    // The format follows the extension when --format is left out; the scale sets the size.
    const fs::path one = tmp("one.png"), two = tmp("two.png"), four = tmp("four.png");
    ASSERT_EQ(hldsim("export " + kShop + " --out " + one.string()).status, 0);
    ASSERT_EQ(hldsim("export " + kShop + " --out " + two.string() + " --scale 2").status, 0);
    ASSERT_EQ(hldsim("export " + kShop + " --out " + four.string() + " --scale 4").status, 0);
    const auto [w, h] = pngSize(one);
    EXPECT_GT(w, 500);
    EXPECT_EQ(pngSize(two), std::make_pair(2 * w, 2 * h));
    EXPECT_EQ(pngSize(four), std::make_pair(4 * w, 4 * h));
    // A run at a chosen second, a selection, a paper size.
    const fs::path run = tmp("run.svg");
    EXPECT_EQ(hldsim("export " + kShop + " --out " + run.string() + " --simulate 30").status, 0);
    EXPECT_NE(slurp(run).find(" rps"), std::string::npos);
    EXPECT_EQ(hldsim("export " + kShop + " --out " + tmp("a4.pdf").string()
                     + " --page a4 --landscape --only checkout,payments")
                  .status,
              0);
}

TEST(CliInterchange, BadUsageIsTwoAndABadDesignIsThree)
{
    const std::string out = " --out " + tmp("x.png").string();
    EXPECT_EQ(hldsim("export " + kShop).status, 2);
    EXPECT_EQ(hldsim("export " + kShop + " --format gif" + out).status, 2);
    EXPECT_EQ(hldsim("export " + kShop + " --scale 0" + out).status, 2);
    EXPECT_EQ(hldsim("export " + kShop + " --page a3" + out).status, 2);
    EXPECT_EQ(hldsim("export " + kShop + " --requests 5" + out).status, 2);
    EXPECT_EQ(hldsim("report " + kShop + " --out " + tmp("r.txt").string()).status, 2);
    EXPECT_EQ(hldsim("report " + kShop + " --requests 5 --duration-s 5 --out r.html").status, 2);
    EXPECT_EQ(hldsim("import --out x.hld.json").status, 2);
    EXPECT_EQ(hldsim("export " + kShop + " --only nobody" + out).status, 2);
    const Proc bad = hldsim("export " + kSrc + "/tests/data/invalid/zero-replicas.hld.json" + out);
    EXPECT_EQ(bad.status, 3);
    EXPECT_NE(bad.out.find("zero-replicas.hld.json: /components/"), std::string::npos) << bad.out;
    EXPECT_FALSE(fs::exists(tmp("x.png")));
    EXPECT_EQ(hldsim("export --help").status, 0);
}

TEST(CliInterchange, ImportsDrawioAndMermaidIntoDesignsThatRun)
{
    for (const char *file : {"shop-plain.drawio", "shop-compressed.drawio", "checkout.mmd"}) {
        const fs::path out = tmp(std::string(file) + ".hld.json");
        const Proc r = hldsim("import " + kData + file + " --out " + out.string());
        ASSERT_EQ(r.status, 0) << r.out;
        EXPECT_NE(r.out.find("imported"), std::string::npos);
        const Proc v = hldsim("validate " + out.string());
        EXPECT_EQ(v.status, 0) << v.out;
        const Proc run = hldsim("run " + out.string() + " --duration-s 5 --format json");
        EXPECT_EQ(run.status, 0) << run.out;
        EXPECT_NE(run.out.find("\"count\""), std::string::npos);
    }
    const Proc pages
        = hldsim("import " + kData + "shop-compressed.drawio --out " + tmp("p.hld.json").string());
    EXPECT_NE(pages.out.find("2 pages; only the first"), std::string::npos) << pages.out;
    EXPECT_NE(pages.out.find("check: Orders taken as database"), std::string::npos) << pages.out;
}

TEST(CliInterchange, MalformedOrHostileFilesAreThreeAndWriteNothing)
{
    for (const char *file :
         {"xxe.drawio", "bomb.drawio", "truncated.drawio", "truncated.mmd", "sequence.mmd"}) {
        const fs::path out = tmp(std::string(file) + ".hld.json");
        const Proc r = hldsim("import " + kData + file + " --out " + out.string());
        EXPECT_EQ(r.status, 3) << file << ": " << r.out;
        EXPECT_NE(r.out.find(file), std::string::npos) << r.out; // names the file
        EXPECT_FALSE(fs::exists(out)) << file;
    }
    // Control characters in user text never reach the terminal raw.
    const fs::path evil = tmp("evil\x1b[31m.mmd");
    std::ofstream(evil) << "flowchart LR\n  A[\x1b]0;pwned\x07] -->\n";
    const Proc r = hldsim("import '" + evil.string() + "' --out " + tmp("e.hld.json").string());
    EXPECT_EQ(r.status, 3);
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find('\x07'), std::string::npos);
}

TEST(CliInterchange, ReportsInEveryFormat)
{
    const fs::path html = tmp("r.html"), md = tmp("r.md"), pdf = tmp("r.pdf");
    for (const auto &out : {html, md, pdf}) {
        const Proc r = hldsim("report " + kSrc
                              + "/resources/templates/url-shortener.hld.json "
                                "--duration-s 10 --seed 7 --out "
                              + out.string());
        ASSERT_EQ(r.status, 0) << r.out;
        ASSERT_TRUE(fs::exists(out));
    }
    EXPECT_NE(slurp(html).find("data:image/png;base64,"), std::string::npos);
    EXPECT_NE(slurp(md).find("](r_files/diagram.png)"), std::string::npos);
    EXPECT_TRUE(fs::exists(html.parent_path() / "r_files" / "chart-latency.svg"));
    EXPECT_EQ(slurp(pdf).rfind("%PDF", 0), 0u);
}

TEST(CliInterchange, HldsimItselfLoadsNoQt)
{
    // The run command must start as fast as ever: the Qt half lives in hldsim-qt.
    const Proc r = sh("readelf -d " + std::string(HLDSIM_PATH));
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("NEEDED"), std::string::npos);
    EXPECT_EQ(r.out.find("libQt"), std::string::npos) << r.out;
}
