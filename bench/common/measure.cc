#include "bench/common/measure.h"

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace briefsearch::bench {

int64_t PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

int64_t CurrentRssKb(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (in >> key) {
    if (key == "VmRSS:") {
      int64_t kb = -1;
      in >> kb;
      return kb;
    }
    in.ignore(1 << 12, '\n');
  }
  return -1;
}

int64_t DirectoryBytes(const std::string& dir) {
  int64_t total = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) total += int64_t(it->file_size(ec));
  }
  return total;
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
  auto at = [&](double p) { return values[std::min(values.size() - 1, size_t(p * values.size()))]; };
  j["p50"] = at(0.5);
  j["p90"] = at(0.9);
  j["p99"] = at(0.99);
  j["p999"] = at(0.999);
  return j;
}

}  // namespace briefsearch::bench
