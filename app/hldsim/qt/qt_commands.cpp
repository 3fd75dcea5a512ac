#include "qt_commands.h"

#include "auto_layout.h"
#include "cli_main.h"
#include "design_import.h"
#include "diagram_export.h"
#include "interchange/text_interchange.h"
#include "interchange_options.h"
#include "io/design_reader.h"
#include "io/design_writer.h"
#include "io/display_text.h"
#include "model/component_kind.h"
#include "output_file.h"
#include "report_export.h"
#include "report_run.h"
#include "run_snapshot.h"

#include <QFileInfo>

#include <chrono>
#include <cstdio>
#include <ostream>
#include <set>

namespace hld::cli {

namespace {

using Clock = std::chrono::steady_clock;

std::string str(const QString &s)
{
    return printable(s.toStdString(), 2000);
}

// Loads a design for export or report; prints the loader's message on failure.
std::optional<Design> loadDesign(const InterchangeOptions &o, std::ostream &err)
{
    const LoadResult loaded = loadDesignFile(o.input);
    if (!loaded.ok()) {
        err << loaded.describe(o.input);
        return std::nullopt;
    }
    Design d = *loaded.design;
    placeUnpositioned(d);
    return d;
}

// Checks --out before any work: writable, not a directory, not the input itself.
std::optional<OutputFile> prepareOutput(const InterchangeOptions &o, std::ostream &err)
{
    std::string why;
    auto output = OutputFile::prepare(o.out, o.input, why);
    if (!output)
        err << "hldsim: " << why << "\n";
    return output;
}

int exportDiagram(const InterchangeOptions &o, std::ostream &err)
{
    const auto output = prepareOutput(o, err);
    if (!output)
        return kExitUsage;
    auto design = loadDesign(o, err);
    if (!design)
        return kExitInvalidDesign;
    Design &d = *design;
    QStringList only;
    for (const auto &id : o.only) {
        if (!d.find(id)) {
            err << "hldsim: --only: " << printable(o.input) << " has no component '"
                << printable(id) << "'\n";
            return kExitUsage;
        }
        only << QString::fromStdString(id);
    }
    QByteArray data;
    if (o.format == "drawio") {
        if (!o.only.empty()) {
            const std::set<std::string> keep(o.only.begin(), o.only.end());
            std::erase_if(d.components, [&](const Component &c) { return !keep.count(c.id); });
            std::erase_if(d.links,
                          [&](const Link &l) { return !keep.count(l.from) || !keep.count(l.to); });
        }
        data = QByteArray::fromStdString(interchange::designToDrawio(d));
    } else {
        DiagramRenderer renderer(d);
        renderer.showOnly(only);
        if (o.simulateS) {
            const auto snap = simulateSnapshot(d, *o.simulateS, o.run.seed);
            if (snap)
                renderer.setRun(*snap);
        }
        DiagramExportOptions eo;
        eo.format = o.format == "png"   ? DiagramFormat::Png
                    : o.format == "svg" ? DiagramFormat::Svg
                                        : DiagramFormat::Pdf;
        eo.scale = o.scale;
        eo.transparent = o.transparent;
        eo.page = o.page == "a4"       ? PageSize::A4
                  : o.page == "letter" ? PageSize::Letter
                                       : PageSize::Fit;
        eo.landscape = o.landscape;
        if (auto why = renderer.refusal(eo)) {
            err << "hldsim: --scale " << shortNumber(o.scale) << ": " << str(*why) << "\n";
            return kExitUsage;
        }
        data = renderer.encode(eo, QString::fromStdString(d.name));
    }
    std::string why;
    if (!output->write(data.toStdString(), why)) {
        err << "hldsim: " << why << "\n";
        return kExitIo;
    }
    return kExitOk;
}

int importDiagram(const InterchangeOptions &o, std::ostream &out, std::ostream &err)
{
    const auto output = prepareOutput(o, err);
    if (!output)
        return kExitUsage;
    DiagramRead read = readDiagramFile(QString::fromStdString(o.input));
    if (!read.graph) {
        err << "hldsim: " << str(read.error) << "\n";
        return kExitInvalidDesign;
    }
    const DesignImport imported = importGraph(*read.graph);
    if (!imported.error.isEmpty()) {
        err << "hldsim: " << printable(o.input)
            << ": the imported design does not validate: " << str(imported.error) << "\n";
        return kExitInvalidDesign;
    }
    const Design &d = imported.result.design;
    std::string why;
    if (!output->write(designToText(d), why)) {
        err << "hldsim: " << why << "\n";
        return kExitIo;
    }
    out << printable(o.input) << ": imported " << d.components.size() << " components, "
        << d.links.size() << " links, " << d.regions.size() << " regions into " << printable(o.out)
        << "\n";
    for (const auto &n : imported.result.notes)
        out << "note: " << printable(n, 2000) << "\n";
    for (const auto &c : imported.result.components) {
        if (!c.guess.sure)
            out << "check: " << printable(c.id) << " taken as " << traits(c.guess.kind).name << " ("
                << printable(c.guess.reason, 2000) << ")\n";
    }
    return kExitOk;
}

int makeReport(const InterchangeOptions &o, std::ostream &out, std::ostream &err, bool terminal)
{
    if (!prepareOutput(o, err))
        return kExitUsage;
    auto design = loadDesign(o, err);
    if (!design)
        return kExitInvalidDesign;
    const Design &d = *design;
    report::RunSettings settings;
    settings.options = o.run;
    settings.byRequests = o.requestsGiven;
    if (!o.requestsGiven && !o.durationGiven)
        settings.options.sim.durationS
            = d.scenario && d.scenario->durationS ? *d.scenario->durationS : 60.0;
    const auto start = Clock::now();
    auto last = start;
    bool printed = false;
    auto progress = [&](double f) {
        const auto now = Clock::now();
        if (!terminal || now - last < std::chrono::milliseconds(200))
            return;
        last = now;
        char buf[96];
        std::snprintf(buf, sizeof buf, "\rrunning the design: %5.1f%% ", 100 * f);
        err << buf << std::flush;
        printed = true;
    };
    const auto results = runForReport(d, settings.options, progress);
    if (printed)
        err << "\r" << std::string(40, ' ') << "\r" << std::flush;
    const QString path = QString::fromStdString(o.out);
    const ReportFormat format = o.format == "html" ? ReportFormat::Html
                                : o.format == "md" ? ReportFormat::Markdown
                                                   : ReportFormat::Pdf;
    const ReportFiles files = writeReportFiles(d, *results, settings, path, format);
    if (!files.error.isEmpty()) {
        err << "hldsim: " << str(files.error) << "\n";
        return kExitIo;
    }
    const double s = std::chrono::duration<double>(Clock::now() - start).count();
    char buf[96];
    std::snprintf(
        buf, sizeof buf, "%d x %.1f simulated s", results->replications, results->simTimeS);
    out << printable(o.out) << ": report of " << printable(d.name) << " (" << buf;
    if (files.pages > 0)
        out << ", " << files.pages << " pages";
    std::snprintf(buf, sizeof buf, "%.2f", s);
    out << ") in " << buf << " s\n";
    return kExitOk;
}

} // namespace

int runQtCommand(const std::vector<std::string> &args,
                 std::ostream &out,
                 std::ostream &err,
                 bool progressToTerminal)
{
    if (args.empty() || !isInterchangeCommand(args[0])) {
        err << "hldsim-qt: started by hldsim for export, import and report\n";
        return kExitUsage;
    }
    auto parsed = parseInterchange(args);
    if (auto *e = std::get_if<std::string>(&parsed)) {
        err << "hldsim: " << printable(*e, 2000) << "\ntry 'hldsim --help'\n";
        return kExitUsage;
    }
    const InterchangeOptions &o = std::get<InterchangeOptions>(parsed);
    switch (o.command) {
    case InterchangeOptions::Command::Export:
        return exportDiagram(o, err);
    case InterchangeOptions::Command::Import:
        return importDiagram(o, out, err);
    case InterchangeOptions::Command::Report:
        return makeReport(o, out, err, progressToTerminal);
    }
    return kExitUsage;
}

} // namespace hld::cli
