// The two ways bs-load drives the server through AsyncSearcher:
//  - closed loop: `concurrency` calls always outstanding, each replaced as soon as it returns
//    (finds the saturation rate);
//  - open loop: calls start at Poisson arrival times whatever the server does, and latency is
//    counted from the *intended* start, so a stall is charged to every call it delays (no
//    coordinated omission).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/load/async_search.h"

namespace briefsearch::bench {

struct LoadQuery {
  std::string query_class;
  v1::SearchRequest request;
};

// Returns the run object of bench/FORMAT.md ("threads" = concurrency) plus "server_latency_us"
// (SearchResponse.took_micros) and "errors_by_code". Runs until `finished()` returns true; it is
// polled every few milliseconds from the calling thread.
nlohmann::ordered_json RunAsyncClosedLoop(AsyncSearcher& searcher,
                                          const std::vector<LoadQuery>& queries, int concurrency,
                                          const std::function<bool()>& finished);

// Poisson arrivals at `rate` per second for `seconds`, then waits for the calls in flight.
// Returns "target_qps", "achieved_qps", "late_starts" (arrivals the scheduler started more than
// 1 ms late) and the same latency fields as the closed loop, measured from the intended start.
nlohmann::ordered_json RunOpenLoop(AsyncSearcher& searcher, const std::vector<LoadQuery>& queries,
                                   double rate, double seconds, uint64_t seed);

}  // namespace briefsearch::bench
