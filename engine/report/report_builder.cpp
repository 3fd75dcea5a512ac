// What a report says about a design and a run of it.
#include "model/component_kind.h"
#include "report/report_document.h"

#include "report/svg_chart.h"
#include "review/review.h"
#include "review/rule_catalog.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hld::report {

namespace {

std::string f(double v, int decimals = 2)
{
    if (!std::isfinite(v))
        return "-";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string pm(double v, const std::optional<double> &ci, int decimals = 2)
{
    return ci ? f(v, decimals) + " ± " + f(*ci, decimals) : f(v, decimals);
}

std::string pct(double share, int decimals = 1)
{
    return f(100.0 * share, decimals) + "%";
}

std::string count(std::uint64_t n)
{
    std::string s = std::to_string(n);
    for (int i = int(s.size()) - 3; i > 0; i -= 3)
        s.insert(std::size_t(i), ",");
    return s;
}

std::string serviceTimeText(const Component &c)
{
    if (c.kind == ComponentKind::Client)
        return "-";
    const ServiceTime st = effectiveServiceTime(c);
    std::string s
        = std::string(toString(st.dist)) + " " + f(st.meanMs, st.meanMs < 1 ? 2 : 1) + " ms";
    if (st.cv)
        s += ", cv " + f(*st.cv, 1);
    return s;
}

Block paragraph(std::string text, Block::Kind kind = Block::Kind::Paragraph)
{
    Block b;
    b.kind = kind;
    b.text = std::move(text);
    return b;
}

Block tableBlock(Table t)
{
    Block b;
    b.kind = Block::Kind::Table;
    b.table = std::move(t);
    return b;
}

Block chartBlock(const std::string &key, LineChart c)
{
    Block b;
    b.kind = Block::Kind::Chart;
    b.chart.key = key;
    b.chart.title = c.title;
    b.chart.width = c.width;
    b.chart.height = c.height;
    b.chart.svg = lineChartSvg(c, false);
    b.chart.inlineSvg = lineChartSvg(c, true);
    return b;
}

Section components(const Design &d)
{
    Section s{"components", "Components", {}};
    Table t;
    t.header = {"component",
                "kind",
                "replicas",
                "instance",
                "workers",
                "service time",
                "$/hour",
                "justification"};
    t.numeric = {false, false, true, false, true, false, true, false};
    t.widths = {1.3, 1.0, 0.9, 0.9, 0.9, 1.4, 0.8, 3.0};
    for (const auto &c : d.components) {
        const bool client = c.kind == ComponentKind::Client;
        std::string name = c.id;
        if (c.label && *c.label != c.id)
            name = *c.label + " (" + c.id + ")";
        t.rows.push_back(
            {name,
             std::string(traits(c.kind).title)
                 + (client && c.traffic ? ", " + f(c.traffic->rps, 0) + " rps" : ""),
             client ? "-" : std::to_string(effectiveReplicas(c)),
             client ? "-" : c.instance.value_or(std::string(traits(c.kind).defaultInstance)),
             client ? "-" : std::to_string(effectiveWorkers(c)),
             serviceTimeText(c),
             client ? "-" : f(instanceCostPerHour(c) * effectiveReplicas(c), 3),
             c.justification.value_or("")});
    }
    s.blocks.push_back(tableBlock(std::move(t)));
    s.blocks.push_back(paragraph("Design cost: $" + f(designCostPerHour(d), 2)
                                 + " per hour with every replica as configured ("
                                 + std::to_string(d.components.size()) + " components, "
                                 + std::to_string(d.links.size()) + " links)."));
    return s;
}

Section settings(const ReportInputs &in)
{
    const auto &o = in.settings.options;
    const Results &r = *in.results;
    Section s{"settings", "Run settings", {}};
    Table t;
    t.header = {"setting", "value"};
    t.numeric = {false, false};
    t.widths = {1, 2};
    t.rows.push_back({"seed", std::to_string(o.seed)});
    t.rows.push_back(
        in.settings.byRequests
            ? std::vector<std::string>{"length",
                                       count(std::uint64_t(o.sim.requestLimit)) + " requests"}
            : std::vector<std::string>{"length",
                                       f(o.sim.durationS, 0) + " simulated seconds of arrivals"});
    t.rows.push_back({"warm-up", f(o.sim.warmupS, 1) + " s (left out of every statistic)"});
    t.rows.push_back({"replications",
                      std::to_string(r.replications)
                          + (r.replications > 1 ? " (pooled; 95% intervals)" : " (no intervals)")});
    t.rows.push_back({"simulated time", f(r.simTimeS, 1) + " s per replication"});
    t.rows.push_back({"events", count(r.events)});
    t.rows.push_back({"status", r.status});
    s.blocks.push_back(tableBlock(std::move(t)));
    return s;
}

Section endToEnd(const Results &r)
{
    Section s{"results", "End-to-end results", {}};
    Table t;
    t.header = {"requests",
                "count",
                "errors",
                "rps",
                "mean ms",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "p99.9 ms",
                "max ms"};
    t.numeric = std::vector<bool>(10, true);
    t.numeric[0] = false;
    auto row = [&](const std::string &name, const LatencySummary &l, bool ci) {
        t.rows.push_back({name,
                          count(l.count),
                          pct(l.errorRate, 3),
                          pm(l.throughputRps, ci ? r.ciThroughputRps : std::nullopt, 1),
                          pm(l.meanMs, ci ? r.ciMeanMs : std::nullopt, 3),
                          f(l.p50Ms, 3),
                          f(l.p95Ms, 3),
                          pm(l.p99Ms, ci ? r.ciP99Ms : std::nullopt, 3),
                          f(l.p999Ms, 3),
                          f(l.maxMs, 3)});
    };
    row("end to end", r.endToEnd, true);
    if (r.reads.count)
        row("reads", r.reads, false);
    if (r.writes.count)
        row("writes", r.writes, false);
    s.blocks.push_back(tableBlock(std::move(t)));
    s.blocks.push_back(paragraph(
        r.replications > 1
            ? "± is the 95% confidence half-width over " + std::to_string(r.replications)
                  + " independent replications (Student t). Cost over the run: $"
                  + f(r.costPerHour, 2) + " per hour."
            : "One replication: run with --replications 2 or more for confidence intervals. "
              "Cost over the run: $"
                  + f(r.costPerHour, 2) + " per hour.",
        Block::Kind::Note));
    return s;
}

Section perComponent(const Results &r)
{
    Section s{"per-component", "Per-component results", {}};
    Table t;
    t.header = {"component",
                "kind",
                "repl",
                "util",
                "rps",
                "blocked",
                "wait ms",
                "sojourn ms",
                "p50 ms",
                "p99 ms",
                "hit ratio"};
    t.numeric = std::vector<bool>(11, true);
    t.numeric[0] = t.numeric[1] = false;
    for (const auto &n : r.nodes) {
        const bool client = n.kind == "client";
        t.rows.push_back({n.id,
                          n.kind,
                          client ? "-" : std::to_string(n.replicas),
                          client ? "-" : pct(n.utilization),
                          f(client ? n.offeredRps : n.throughputRps, 1),
                          client ? "-" : pct(n.blockingProbability, 3),
                          client ? "-" : f(n.meanWaitMs, 3),
                          client ? "-" : f(n.meanSojournMs, 3),
                          client ? "-" : f(n.p50Ms, 3),
                          client ? "-" : f(n.p99Ms, 3),
                          n.hitRatio ? f(*n.hitRatio, 3) : "-"});
    }
    s.blocks.push_back(tableBlock(std::move(t)));
    return s;
}

// The series while arrivals last: the drain after them is a few stragglers, not the load.
TimeSeries arrivalsOnly(const TimeSeries &in, double endS)
{
    TimeSeries ts = in;
    if (endS <= 0)
        return ts;
    std::size_t keep = 0;
    while (keep < ts.tS.size() && ts.tS[keep] <= endS + 1e-9)
        ++keep;
    ts.forEachColumn([keep](std::vector<double> &v) { v.resize(std::min(v.size(), keep)); });
    return ts;
}

Section charts(const ReportInputs &in)
{
    Section s{"charts", "Over time", {}};
    const Results &r = *in.results;
    const TimeSeries ts
        = arrivalsOnly(r.series, in.settings.byRequests ? 0.0 : in.settings.options.sim.durationS);
    if (ts.size() < 2) {
        s.blocks.push_back(
            paragraph("The run was too short for series (under two seconds).", Block::Kind::Note));
        return s;
    }
    const auto &pal = seriesPalette();
    LineChart lat{"Latency percentiles", "ms", ts.tS, {}, false};
    lat.series = {
        {"p50", "#2e8b57", ts.p50Ms}, {"p95", "#c0621a", ts.p95Ms}, {"p99", "#d62c2c", ts.p99Ms}};
    s.blocks.push_back(chartBlock("chart-latency", lat));
    LineChart tput{"Throughput", "requests per second", ts.tS, {{"ok", pal[0], ts.throughputRps}}};
    s.blocks.push_back(chartBlock("chart-throughput", tput));
    LineChart err{
        "Errors", "share of requests", ts.tS, {{"errors", "#d62c2c", ts.errorRate}}, true};
    s.blocks.push_back(chartBlock("chart-errors", err));

    // The five busiest components by mean utilisation.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < r.nodes.size() && i < ts.nodes.size(); ++i) {
        if (r.nodes[i].kind != "client")
            order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return r.nodes[a].utilization > r.nodes[b].utilization;
    });
    order.resize(std::min<std::size_t>(order.size(), 5));
    LineChart util{"Utilisation of the busiest components", "busy workers", ts.tS, {}, true};
    for (std::size_t k = 0; k < order.size(); ++k)
        util.series.push_back(
            {r.nodes[order[k]].id, pal[k % pal.size()], ts.nodes[order[k]].utilization});
    if (!util.series.empty())
        s.blocks.push_back(chartBlock("chart-utilisation", util));

    // CAP view: per replicated store, stale reads and failed requests as shares.
    LineChart cap{"CAP view: replicated stores", "share of reads / requests", ts.tS, {}, true};
    int stores = 0;
    for (std::size_t i = 0; i < r.nodes.size() && i < ts.nodes.size(); ++i) {
        if (!r.nodes[i].replicated)
            continue;
        const NodeSeries &ns = ts.nodes[i];
        std::vector<double> stale(ts.size(), NAN), failed(ts.size(), NAN);
        for (std::size_t k = 0; k < ts.size(); ++k) {
            if (k < ns.reads.size() && k < ns.staleReads.size() && ns.reads[k] > 0)
                stale[k] = ns.staleReads[k] / ns.reads[k];
            if (k < ns.failed.size() && k < ns.requests.size() && ns.requests[k] > 0)
                failed[k] = ns.failed[k] / ns.requests[k];
        }
        cap.series.push_back(
            {r.nodes[i].id + " stale reads", pal[(2 * stores) % pal.size()], stale});
        cap.series.push_back(
            {r.nodes[i].id + " failed", pal[(2 * stores + 1) % pal.size()], failed});
        ++stores;
    }
    if (stores > 0)
        s.blocks.push_back(chartBlock("chart-cap", cap));
    else
        s.blocks.push_back(
            paragraph("CAP view: the design has no replicated store.", Block::Kind::Note));
    LineChart cost{"Cost", "$ per hour", ts.tS, {{"cost", "#7b4fb8", ts.costPerHour}}};
    s.blocks.push_back(chartBlock("chart-cost", cost));
    return s;
}

Section findings(const ReportInputs &in)
{
    Section s{"findings", "Design review and scenario", {}};
    const Results &r = *in.results;
    const Design &d = *in.design;
    // The whole review, with the run's utilisation for the "hot" rule.
    ReviewOptions measured;
    measured.measuredUtilisation.assign(d.components.size(), 0.0);
    // Results list the nodes in the design's order.
    for (std::size_t i = 0; i < r.nodes.size() && i < d.components.size(); ++i)
        if (r.nodes[i].id == d.components[i].id)
            measured.measuredUtilisation[i] = r.nodes[i].utilization;
    const auto review = reviewDesignRules(d, measured);
    if (review.empty()) {
        s.blocks.push_back(paragraph("No findings: the review's "
                                     + std::to_string(ruleCatalog().size())
                                     + " rules found nothing to fix."));
    } else {
        Table t;
        t.header = {"severity", "rule", "components", "finding and fix"};
        t.numeric = {false, false, false, false};
        t.widths = {0.8, 1.4, 1.2, 5};
        for (const auto &x : review) {
            std::string ids;
            for (const auto &id : x.components)
                ids += (ids.empty() ? "" : ", ") + id;
            t.rows.push_back({std::string(severityName(x.severity)),
                              x.code,
                              ids,
                              x.message + (x.fix.empty() ? "" : ". Fix: " + x.fix)});
        }
        s.blocks.push_back(tableBlock(std::move(t)));
    }
    // What the run itself found that no review rule says: the in-flight cap, a drain cut
    // short, nothing measured.
    std::vector<const Finding *> runOwn;
    for (const auto &x : r.findings) {
        if (std::none_of(
                review.begin(), review.end(), [&](const auto &y) { return y.code == x.code; }))
            runOwn.push_back(&x);
    }
    if (!runOwn.empty()) {
        Table t;
        t.header = {"severity", "found by the run", "component", "finding"};
        t.numeric = {false, false, false, false};
        t.widths = {0.8, 1.4, 1.2, 5};
        for (const Finding *x : runOwn)
            t.rows.push_back(
                {std::string(severityName(x->severity)), x->code, x->component, x->message});
        s.blocks.push_back(tableBlock(std::move(t)));
    }
    if (!d.scenario || d.scenario->events.empty()) {
        s.blocks.push_back(paragraph("No scenario events: the load and the design stay as "
                                     "configured for the whole run.",
                                     Block::Kind::Note));
        return s;
    }
    Table t;
    t.header = {"at s", "event", "target", "value"};
    t.numeric = {true, false, false, false};
    t.widths = {0.6, 1.3, 2, 2};
    for (const auto &e : d.scenario->events) {
        std::string value = e.value ? f(*e.value, 3) : "";
        if (e.other)
            value += (value.empty() ? "" : " ") + std::string("with ") + *e.other;
        if (e.replica)
            value += (value.empty() ? "" : " ") + std::string("replica ")
                     + std::to_string(*e.replica);
        if (e.text)
            value += (value.empty() ? "" : " ") + *e.text;
        t.rows.push_back({f(e.atS, 1), e.action, e.target, value});
    }
    s.blocks.push_back(tableBlock(std::move(t)));
    return s;
}

} // namespace

ReportDocument buildReport(const ReportInputs &in, const std::vector<SectionProvider> &providers)
{
    const Design &d = *in.design;
    const Results &r = *in.results;
    ReportDocument doc;
    doc.title = d.name.empty() ? "Design report" : d.name;
    doc.subtitle = "HLD Studio report, " + in.date + ". Seed " + std::to_string(r.seed) + ", "
                   + std::to_string(r.replications)
                   + (r.replications == 1 ? " replication" : " replications") + ", status "
                   + r.status + ".";
    Section overview{"diagram", "Diagram", {}};
    Block img;
    img.kind = Block::Kind::Image;
    img.image = in.diagram;
    overview.blocks.push_back(img);
    doc.sections.push_back(std::move(overview));
    doc.sections.push_back(components(d));
    doc.sections.push_back(settings(in));
    doc.sections.push_back(endToEnd(r));
    doc.sections.push_back(perComponent(r));
    doc.sections.push_back(charts(in));
    doc.sections.push_back(findings(in));
    for (const auto &provide : providers) {
        if (auto s = provide(in))
            doc.sections.push_back(std::move(*s));
    }
    return doc;
}

} // namespace hld::report
