#include "bench/common/measure.h"

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

namespace briefsearch::bench {

int64_t PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

namespace {

// A "Key:  123 kB" line of /proc/PID/status, in KiB; -1 if absent.
int64_t ProcStatusKb(int pid, const std::string& wanted) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (in >> key) {
    if (key == wanted) {
      int64_t kb = -1;
      in >> kb;
      return kb;
    }
    in.ignore(1 << 12, '\n');
  }
  return -1;
}

}  // namespace

int64_t CurrentRssKb(int pid) { return ProcStatusKb(pid, "VmRSS:"); }

int64_t PeakRssKb(int pid) { return ProcStatusKb(pid, "VmHWM:"); }

int64_t DirectoryBytes(const std::string& dir) {
  int64_t total = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) total += int64_t(it->file_size(ec));
  }
  return total;
}

double SecondsSince(std::chrono::steady_clock::time_point from) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - from).count();
}

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

nlohmann::ordered_json Percentiles(std::vector<int64_t> values) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  if (values.empty()) return j;
  std::sort(values.begin(), values.end());
  auto at = [&](double p) {
    return values[std::min(values.size() - 1, size_t(p * values.size()))];
  };
  j["p50"] = at(0.5);
  j["p90"] = at(0.9);
  j["p99"] = at(0.99);
  j["p999"] = at(0.999);
  return j;
}

void AddLatencies(const std::vector<std::string>& query_classes,
                  const std::vector<LatencySample>& samples, double seconds,
                  nlohmann::ordered_json* run) {
  std::vector<int64_t> all;
  std::map<std::string, std::vector<int64_t>> by_class;
  for (const LatencySample& x : samples) {
    all.push_back(x.micros);
    by_class[query_classes[x.query]].push_back(x.micros);
  }
  (*run)["latency_us"] = Percentiles(std::move(all));
  nlohmann::ordered_json classes = nlohmann::ordered_json::object();
  for (auto& [name, us] : by_class) {
    const double qps = seconds > 0 ? us.size() / seconds : 0.0;
    nlohmann::ordered_json c = Percentiles(std::move(us));
    c["qps"] = qps;
    classes[name] = c;
  }
  (*run)["by_class"] = classes;
}

}  // namespace briefsearch::bench
