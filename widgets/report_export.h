#pragma once

#include "report/report_document.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace hld {

enum class ReportFormat { Html, Markdown, Pdf };

// .html/.htm, .md/.markdown or .pdf; nothing for another extension.
std::optional<ReportFormat> reportFormatFor(const QString &path);

struct ReportFiles
{
    QString error;       // empty on success
    QStringList written; // every file written (Markdown writes its images beside it)
    int pages = 0;       // PDF
};

// Writes the report of a design and a finished run of it: HTML (one self-contained file),
// Markdown (with `<stem>_files/` beside it: the diagram as PNG, the charts as SVG) or PDF.
// Every file is written atomically. The report's sections come from report::buildReport,
// then from `providers` (where the interview section will plug in).
ReportFiles writeReportFiles(const Design &design,
                             const Results &results,
                             const report::RunSettings &settings,
                             const QString &path,
                             ReportFormat format,
                             const std::vector<report::SectionProvider> &providers = {});

} // namespace hld
