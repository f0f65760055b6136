// Small measurements every bench/ tool reports the same way (bench/FORMAT.md): resident memory,
// bytes on disk, CPU time, latency percentiles.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace briefsearch::bench {

// Peak resident set of this process (getrusage), in KiB.
int64_t PeakRssKb();
// Current resident set of process `pid` (from /proc/PID/status VmRSS), KiB; -1 if unreadable.
int64_t CurrentRssKb(int pid);
// Sum of regular file sizes under `dir`, recursively; 0 if it does not exist.
int64_t DirectoryBytes(const std::string& dir);
// Peak resident set of process `pid` (VmHWM), KiB; -1 if unreadable.
int64_t PeakRssKb(int pid);
// Wall-clock seconds since `from`.
double SecondsSince(std::chrono::steady_clock::time_point from);
// CPU seconds consumed by the calling thread.
double ThreadCpuSeconds();
// {"p50":…, "p90":…, "p99":…, "p999":…} of `values` (nearest rank); {} when empty.
nlohmann::ordered_json Percentiles(std::vector<int64_t> values);

// One timed query: its index in the caller's query list and how long it took.
struct LatencySample {
  size_t query;
  int64_t micros;
};
// Adds "latency_us" (Percentiles of all samples) and "by_class" ({class: {p50.., qps}}, with
// `query_classes[sample.query]` naming the class) to `run`; `seconds` is the run's length.
void AddLatencies(const std::vector<std::string>& query_classes,
                  const std::vector<LatencySample>& samples, double seconds,
                  nlohmann::ordered_json* run);

}  // namespace briefsearch::bench
