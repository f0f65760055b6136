#include "bench/load/load_loops.h"

#include <atomic>
#include <mutex>
#include <random>
#include <thread>

#include "bench/common/measure.h"
#include "bench/load/error_counts.h"

namespace briefsearch::bench {
namespace {

int64_t Micros(Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
}

// Collects outcomes from the client threads. Thread-safe.
class Recorder {
 public:
  explicit Recorder(const std::vector<LoadQuery>& queries) {
    for (const auto& q : queries) classes_.push_back(q.query_class);
  }
  // `micros` is the client-side latency the caller chose to charge (from send or intended start).
  void Add(const SearchOutcome& o, int64_t micros) {
    std::lock_guard<std::mutex> lock(mu_);
    if (o.code != grpc::StatusCode::OK) {
      errors_.Add(o.code);
      return;
    }
    client_.push_back({o.query, micros});
    server_.push_back(o.server_micros);
  }
  nlohmann::ordered_json Summary(double seconds) {
    std::lock_guard<std::mutex> lock(mu_);
    nlohmann::ordered_json out;
    out["seconds"] = seconds;
    out["queries_run"] = client_.size();
    out["qps"] = seconds > 0 ? client_.size() / seconds : 0.0;
    out["errors"] = errors_.total();
    out["errors_by_code"] = errors_.ToJson();
    AddLatencies(classes_, client_, seconds, &out);
    out["server_latency_us"] = Percentiles(server_);
    return out;
  }

 private:
  std::vector<std::string> classes_;
  std::mutex mu_;
  std::vector<LatencySample> client_;  // guarded by mu_
  std::vector<int64_t> server_;        // guarded by mu_
  ErrorCounts errors_;                 // guarded by mu_
};

}  // namespace

nlohmann::ordered_json RunAsyncClosedLoop(AsyncSearcher& searcher,
                                          const std::vector<LoadQuery>& queries, int concurrency,
                                          const std::function<bool()>& finished) {
  Recorder recorder(queries);
  std::atomic<bool> stop{false};
  std::atomic<size_t> next{0};
  const size_t n = queries.size();
  // Each completion records itself and starts the next query in its slot until told to stop.
  std::function<void(const SearchOutcome&)> on_done = [&](const SearchOutcome& o) {
    recorder.Add(o, Micros(o.done - o.sent));
    if (stop.load()) return;
    const size_t q = next++ % n;
    searcher.Start(q, queries[q].request, on_done);
  };
  const auto start = Clock::now();
  for (int slot = 0; slot < concurrency && n > 0; ++slot) {
    const size_t q = (slot * n / concurrency + next++) % n;  // slots start spread over the list
    searcher.Start(q, queries[q].request, on_done);
  }
  while (!finished()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  stop = true;
  const double took = std::chrono::duration<double>(Clock::now() - start).count();
  searcher.WaitIdle();  // calls that end after `took` are recorded but not in the rate's span
  nlohmann::ordered_json out;
  out["threads"] = concurrency;
  out.update(recorder.Summary(took));
  return out;
}

nlohmann::ordered_json RunOpenLoop(AsyncSearcher& searcher, const std::vector<LoadQuery>& queries,
                                   double rate, double seconds, uint64_t seed) {
  Recorder recorder(queries);
  std::mt19937_64 random(seed);
  std::exponential_distribution<double> gap(rate);
  int64_t late = 0, started = 0;
  const auto start = Clock::now();
  const auto end =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  auto intended = start;
  for (size_t i = 0; !queries.empty(); ++i) {
    intended +=
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(gap(random)));
    if (intended >= end) break;
    std::this_thread::sleep_until(intended);
    if (Clock::now() - intended > std::chrono::milliseconds(1)) ++late;
    const size_t q = i % queries.size();
    searcher.Start(q, queries[q].request, [&recorder, intended](const SearchOutcome& o) {
      recorder.Add(o, Micros(o.done - intended));
    });
    ++started;
  }
  searcher.WaitIdle();
  const double took = std::chrono::duration<double>(Clock::now() - start).count();
  nlohmann::ordered_json out;
  out["target_qps"] = rate;
  out["started"] = started;
  out["late_starts"] = late;
  nlohmann::ordered_json summary = recorder.Summary(took);
  out["achieved_qps"] = summary["qps"];
  out.update(summary);
  return out;
}

}  // namespace briefsearch::bench
