// The report document: its sections, the extension hook, and the HTML and Markdown writers'
// escaping (the Qt side's tests parse the files back).
#include "io/design_reader.h"
#include "report/report_document.h"
#include "report/svg_chart.h"
#include "sim/run.h"

#include <gtest/gtest.h>

using namespace hld;

namespace {

struct Fixture
{
    Design design;
    Results results;
    report::ReportInputs in;
};

Fixture make()
{
    Fixture f;
    f.design = *loadDesignFile(std::string(HLD_SOURCE_DIR)
                               + "/resources/templates/url-shortener.hld.json")
                    .design;
    f.design.components[0].label = "<script>alert('x')</script>";
    RunOptions opt;
    opt.sim.durationS = 5;
    opt.sim.recordSeries = true;
    opt.replications = 2;
    f.results = runDesign(f.design, opt);
    f.in.design = &f.design;
    f.in.results = &f.results;
    f.in.settings = {opt, false};
    f.in.date = "2024-05-14 09:30";
    f.in.diagram = {"diagram", "the diagram", 800, 300};
    return f;
}

} // namespace

TEST(Report, SectionsInOrderAndTheHookForLaterOnes)
{
    Fixture f = make();
    // The interview issue adds its section through a provider like this one.
    const report::SectionProvider interview
        = [](const report::ReportInputs &in) -> std::optional<report::Section> {
        report::Section s{"interview", "Interview", {}};
        report::Block b;
        b.text = "Prompt: design " + in.design->name;
        s.blocks.push_back(b);
        return s;
    };
    const report::SectionProvider nothing
        = [](const report::ReportInputs &) { return std::optional<report::Section>{}; };
    const auto doc = report::buildReport(f.in, {interview, nothing});
    std::vector<std::string> ids;
    for (const auto &s : doc.sections)
        ids.push_back(s.id);
    EXPECT_EQ(ids,
              (std::vector<std::string>{"diagram",
                                        "components",
                                        "settings",
                                        "results",
                                        "per-component",
                                        "charts",
                                        "findings",
                                        "interview"}));
    const std::string html = report::reportToHtml(doc, {{"diagram", {"image/png", "PNG\x01"}}});
    EXPECT_NE(html.find("Prompt: design URL shortener"), std::string::npos);
    EXPECT_NE(html.find("data:image/png;base64,UE5HAQ=="), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find(" ± "), std::string::npos); // two replications: intervals
}

TEST(Report, MarkdownEscapesTextAndLinksItsFiles)
{
    Fixture f = make();
    const auto doc = report::buildReport(f.in);
    const std::string md
        = report::reportToMarkdown(doc, "my report (v2)_files", {{"diagram", "png"}});
    EXPECT_NE(md.find("](my%20report%20%28v2%29_files/diagram.png)"), std::string::npos);
    EXPECT_NE(md.find("](my%20report%20%28v2%29_files/chart-latency.svg)"), std::string::npos);
    EXPECT_EQ(md.find("<script"), std::string::npos);
    EXPECT_NE(md.find("&lt;script&gt;"), std::string::npos);
    EXPECT_NE(md.find("| component | kind |"), std::string::npos);
}

TEST(Report, ChartsEscapeTheirText)
{
    report::LineChart c;
    c.title = "a <b> & \"c\"";
    c.x = {1, 2, 3};
    c.series = {{"s<1>", "#000000", {1, NAN, 3}}};
    const std::string svg = report::lineChartSvg(c, false);
    EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
    EXPECT_NE(svg.find("a &lt;b&gt; &amp; &quot;c&quot;"), std::string::npos);
    EXPECT_NE(svg.find("s&lt;1&gt;"), std::string::npos);
    EXPECT_EQ(report::lineChartSvg(c, true).find("xmlns"), std::string::npos);
    // A gap for the missing point: two path pieces.
    const auto path = svg.find("<path d=\"");
    ASSERT_NE(path, std::string::npos);
    const std::string d = svg.substr(path, svg.find('"', path + 9) - path);
    EXPECT_EQ(std::count(d.begin(), d.end(), 'M'), 2);
}

// The findings section listed the review only: a run cut short at its drain limit, or one
// that hit the in-flight cap, said so in hldsim's output but not in its report.
TEST(Report, FindingsIncludeWhatTheRunItselfFound)
{
    Fixture f = make();
    EXPECT_EQ(
        report::reportToMarkdown(report::buildReport(f.in), "r_files", {}).find("found by the run"),
        std::string::npos); // a run that settled adds nothing
    f.results.findings.push_back({Severity::Warning,
                                  "",
                                  "drain_cut",
                                  "the run was cut at t = 70 s with work still in flight"});
    const std::string md = report::reportToMarkdown(report::buildReport(f.in), "r_files", {});
    EXPECT_NE(md.find("| warning | drain\\_cut |  | the run was cut at t = 70 s"),
              std::string::npos)
        << md.substr(md.find("## Design review"));
    EXPECT_NE(md.find("Seed 1, 2 replications,"), std::string::npos); // not "replication(s)"
}
