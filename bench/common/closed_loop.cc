#include "bench/common/closed_loop.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <numeric>
#include <random>
#include <thread>

#include "bench/common/measure.h"

namespace briefsearch::bench {

using Clock = std::chrono::steady_clock;

nlohmann::ordered_json RunClosedLoop(const std::vector<std::string>& query_classes, int threads,
                                     double seconds, const RunQuery& run) {
  std::vector<std::vector<LatencySample>> samples(threads);
  std::vector<double> cpu_seconds(threads);
  std::atomic<int64_t> errors{0};
  const size_t n = query_classes.size();
  const auto start = Clock::now();
  const auto until =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads && n > 0; ++t) {
    pool.emplace_back([&, t] {
      // Each worker runs the list in its own seeded shuffle, so workers do not walk the same
      // postings in lockstep (which would flatter caches) and runs are repeatable.
      std::vector<size_t> order(n);
      std::iota(order.begin(), order.end(), size_t{0});
      std::shuffle(order.begin(), order.end(), std::mt19937(t + 1));
      const double cpu0 = ThreadCpuSeconds();
      for (size_t i = 0; Clock::now() < until; ++i) {
        const size_t q = order[i % n];
        const auto t0 = Clock::now();
        if (!run(t, q).ok()) ++errors;
        samples[t].push_back(
            {q, std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count()});
      }
      cpu_seconds[t] = ThreadCpuSeconds() - cpu0;
    });
  }
  for (auto& th : pool) th.join();
  const double took = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<LatencySample> all;
  for (const auto& s : samples) all.insert(all.end(), s.begin(), s.end());
  double cpu = 0;
  for (double c : cpu_seconds) cpu += c;
  nlohmann::ordered_json out;
  out["threads"] = threads;
  out["seconds"] = took;
  out["queries_run"] = all.size();
  out["qps"] = all.size() / took;
  out["errors"] = errors.load();
  out["cpu_us_per_query"] = all.empty() ? 0.0 : cpu * 1e6 / all.size();
  AddLatencies(query_classes, all, took, &out);
  return out;
}

}  // namespace briefsearch::bench
