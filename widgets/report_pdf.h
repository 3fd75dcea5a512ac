#pragma once

#include "report/report_document.h"

#include <QRectF>

#include <functional>

class QIODevice;
class QPainter;

namespace hld {

// Draws a named image of the report (the diagram) into a rectangle of the PDF page, as
// vectors where the source allows.
using ReportImagePainter = std::function<void(QPainter *, const QRectF &, const std::string &)>;

// The report as an A4 PDF, laid out here rather than by QTextDocument so that pagination is
// ours: a heading stays with what follows it, a table row is never cut, a table that moves
// on to a new page repeats its header, and a table whose header and first rows do not fit
// starts on the next page. Charts are vectors (the report's SVG), the diagram too. Returns
// the number of pages.
int writeReportPdf(const report::ReportDocument &doc,
                   QIODevice *device,
                   const ReportImagePainter &paintImage);

} // namespace hld
