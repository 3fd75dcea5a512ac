#pragma once

#include <QString>

namespace hld {

// The guide's "Numbers Every HLD Engineer Should Know" (latencies, throughputs, sizes and
// quick math) as an HTML table, kept at hand beside the estimator.
QString referenceNumbersHtml();

} // namespace hld
