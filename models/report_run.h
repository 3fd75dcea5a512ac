#pragma once

#include "model/design.h"
#include "sim/run.h"

#include <atomic>
#include <functional>
#include <optional>

namespace hld {

// The run behind a report: runDesign's replications with time series, driven slice by slice
// so that it reports progress (0..1, from any thread) and stops within milliseconds when
// `cancel` is set. Same seeds, same pooling, same numbers as `hldsim run`.
std::optional<Results> runForReport(const Design &d,
                                    RunOptions opt,
                                    const std::function<void(double)> &progress = {},
                                    const std::atomic<bool> *cancel = nullptr);

} // namespace hld
