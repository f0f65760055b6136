// Small measurements every bench/ tool reports the same way (bench/FORMAT.md): resident memory,
// bytes on disk, CPU time, latency percentiles.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace briefsearch::bench {

// Peak resident set of this process (getrusage), in KiB.
int64_t PeakRssKb();
// Current resident set of process `pid` (from /proc/PID/status VmRSS), KiB; -1 if unreadable.
int64_t CurrentRssKb(int pid);
// Sum of regular file sizes under `dir`, recursively; 0 if it does not exist.
int64_t DirectoryBytes(const std::string& dir);
// CPU seconds consumed by the calling thread.
double ThreadCpuSeconds();
// {"p50":…, "p90":…, "p99":…, "p999":…} of `values` (nearest rank); {} when empty.
nlohmann::ordered_json Percentiles(std::vector<int64_t> values);

}  // namespace briefsearch::bench
