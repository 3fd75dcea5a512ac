#include "interview/session_report.h"

#include "analysis/estimator.h"
#include "io/interview_io.h"

#include <cstdio>

namespace hld {

namespace {

using report::Block;
using report::Section;
using report::Table;

Block text(std::string s, Block::Kind kind = Block::Kind::Paragraph)
{
    Block b;
    b.kind = kind;
    b.text = std::move(s);
    return b;
}

Block table(std::vector<std::string> header,
            std::vector<std::vector<std::string>> rows,
            std::vector<bool> numeric,
            std::vector<double> widths)
{
    Block b;
    b.kind = Block::Kind::Table;
    b.table.header = std::move(header);
    b.table.rows = std::move(rows);
    b.table.numeric = std::move(numeric);
    b.table.widths = std::move(widths);
    return b;
}

std::string fmt(const char *f, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

void notes(Section &s, const Interview &iv)
{
    const std::pair<const char *, const std::string *> parts[] = {
        {"Requirements and questions", &iv.requirements},
        {"Estimates", &iv.estimates},
        {"Deep dive", &iv.deepDive},
        {"Failure modes", &iv.failures},
        {"Trade-offs", &iv.tradeOffs},
    };
    for (const auto &[title, body] : parts)
        s.blocks.push_back(text(std::string(title) + ": "
                                    + (body->empty() ? std::string("(nothing written)") : *body),
                                body->empty() ? Block::Kind::Note : Block::Kind::Paragraph));
    if (iv.api.empty()) {
        s.blocks.push_back(text("API: no endpoints were defined.", Block::Kind::Note));
    } else {
        std::vector<std::vector<std::string>> rows;
        for (const auto &e : iv.api)
            rows.push_back({e.method, e.path, e.description});
        s.blocks.push_back(table({"method", "path", "description"},
                                 std::move(rows),
                                 {false, false, false},
                                 {0.8, 2, 4}));
    }
    if (iv.estimate) {
        const Estimate e = estimate(*iv.estimate);
        std::vector<std::vector<std::string>> rows;
        for (const auto &v : e.values) {
            std::string steps;
            for (const auto &st : v.steps)
                steps += (steps.empty() ? "" : "; ") + st;
            rows.push_back({v.name, fmt("%.4g", v.value) + " " + v.unit, steps});
        }
        s.blocks.push_back(table({"estimate", "value", "arithmetic"},
                                 std::move(rows),
                                 {false, true, false},
                                 {1.3, 1.2, 4}));
    }
}

} // namespace

report::SectionProvider interviewSection(std::shared_ptr<const InterviewReportData> data)
{
    return [data](const report::ReportInputs &in) -> std::optional<Section> {
        if (!in.design || !in.design->interview || !data)
            return std::nullopt;
        const Interview &iv = *in.design->interview;
        const Prompt &p = data->prompt;
        Section s{"interview", "Interview: " + p.title, {}};
        s.blocks.push_back(text(p.statement));
        s.blocks.push_back(text("Target load " + fmt("%.0f", p.targetRps()) + " requests/s ("
                                    + fmt("%.0f", p.scale.dau) + " daily users), P99 under "
                                    + fmt("%.0f", p.scale.p99Ms) + " ms, "
                                    + fmt("%.2f", p.scale.availability * 100) + "% available. "
                                    + "Time used: " + fmt("%.0f", iv.elapsedS / 60) + " minutes.",
                                Block::Kind::Note));
        notes(s, iv);
        if (!data->drills.empty()) {
            std::vector<std::vector<std::string>> rows;
            for (const auto &d : data->drills)
                rows.push_back({d.title,
                                d.faultAndEffect(),
                                d.applicable ? fmt("%.1f", d.p99Ms) : "-",
                                d.applicable ? fmt("%.2f%%", d.availability * 100) : "-",
                                d.busiest.empty()
                                    ? "-"
                                    : d.busiest + " " + fmt("%.0f%%", d.busiestUtilisation * 100),
                                !d.applicable ? "not drilled"
                                : d.passed    ? "passed"
                                              : "failed"});
            s.blocks.push_back(table({"drill", "fault", "P99 ms", "succeeded", "busiest", "result"},
                                     std::move(rows),
                                     {false, false, true, true, false, false},
                                     {2, 3, 0.8, 0.9, 1.4, 0.9}));
        }
        if (data->score) {
            const auto &sc = *data->score;
            s.blocks.push_back(
                text("Score: " + std::to_string(sc.total) + " / " + std::to_string(sc.max)));
            std::vector<std::vector<std::string>> rows;
            for (const auto &item : sc.items) {
                std::string fb;
                for (const auto &line : item.feedback)
                    fb += (fb.empty() ? "" : " ") + line;
                rows.push_back({item.heading,
                                std::to_string(item.points) + " / " + std::to_string(item.max),
                                fb});
            }
            s.blocks.push_back(table({"rubric", "points", "feedback"},
                                     std::move(rows),
                                     {false, true, false},
                                     {1.6, 0.7, 5}));
        }
        s.blocks.push_back(text(promptToMarkdown(p, true), Block::Kind::Note));
        return s;
    };
}

} // namespace hld
