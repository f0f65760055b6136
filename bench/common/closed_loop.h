// The closed loop every engine harness runs (bench/FORMAT.md "runs" entries): `threads` workers
// each issue the next query as soon as the previous one returns, until `seconds` pass. Each worker
// runs the query list in its own order, a shuffle seeded by its thread number.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"

namespace briefsearch::bench {

// Runs one query (index into the caller's query list) on worker `thread`; a non-OK status counts
// as an error. The callable must be safe to call from `threads` threads at once.
using RunQuery = std::function<absl::Status(int thread, size_t query)>;

// `query_classes[i]` is query i's class (for the by_class breakdown). Returns the run object:
// threads, seconds, queries_run, qps, errors, cpu_us_per_query (CPU time of the calling workers:
// steadier than wall-clock figures on a shared machine), latency_us, by_class.
nlohmann::ordered_json RunClosedLoop(const std::vector<std::string>& query_classes, int threads,
                                     double seconds, const RunQuery& run);

}  // namespace briefsearch::bench
