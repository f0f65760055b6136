// bs-fresh: how soon a file renamed into a watched drop folder can be found. Writes small issues,
// each holding one made-up word, under a hidden temp name and renames them into the drop folder of
// a running briefsearch-indexer; a poller searches every pending word about every 10 ms and
// records the time from rename to the first search that finds it. One JSON object on stdout.
//
//   bs-fresh --server ADDR --drop DIR [--count 30] [--rate 1] [--burst] [--timeout 30]
//
// The paced run renames --count files at --rate per second; --burst adds a second run that
// renames --count files at once.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>

#include "bench/common/flags.h"
#include "bench/load/server_calls.h"

namespace bs = briefsearch;
namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

namespace {

// Letters no English stemming step removes (no vowels, no s or y), so each word is kept whole.
std::string Letters(uint64_t n, int width) {
  static constexpr char kAlphabet[] = "bcfghjklmnpqrtvwxz";
  std::string out;
  for (int i = 0; i < width; ++i, n /= 18) out.push_back(kAlphabet[n % 18]);
  return out;
}

std::string IssueText(const std::string& word) {
  return "# 신선도 측정 메모\n\n## 측정 결과\n\n중국 반도체 정책 동향을 정리한다. " + word +
         " 관련 내용을 확인했다.\n";
}

struct Drop {
  std::string word;
  Clock::time_point renamed;
  double seconds = -1;  // until found; -1 while pending or missed
};

// Renames `count` files (paced at `rate`/s, or all at once when rate <= 0) and polls until each is
// found or `timeout` passes after its rename. Returns the run object.
nlohmann::ordered_json Run(const std::shared_ptr<grpc::Channel>& channel, const std::string& drop,
                           const std::string& prefix, int count, double rate,
                           std::chrono::seconds timeout) {
  std::vector<Drop> drops(count);
  std::mutex mu;
  int renamed = 0;  // guarded by mu: drops[0, renamed) are on disk
  std::atomic<bool> writing{true};
  std::thread writer([&] {
    const auto start = Clock::now();
    for (int i = 0; i < count; ++i) {
      if (rate > 0) {
        std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(
                                                  std::chrono::duration<double>(i / rate)));
      }
      const std::string name = prefix + "-" + std::to_string(i) + ".md";
      const std::string word = "zq" + Letters(std::hash<std::string>()(prefix), 6) + Letters(i, 4);
      const std::string temp = drop + "/." + name + ".tmp";
      std::ofstream(temp) << IssueText(word);
      const auto t0 = Clock::now();
      std::filesystem::rename(temp, drop + "/" + name);
      std::lock_guard<std::mutex> lock(mu);
      drops[i] = {word, t0};
      ++renamed;
    }
    writing = false;
  });
  while (true) {
    int visible;
    {
      std::lock_guard<std::mutex> lock(mu);
      visible = renamed;
    }
    bool pending = writing.load();
    for (int i = 0; i < visible; ++i) {
      Drop& d = drops[i];
      if (d.seconds >= 0 || Clock::now() - d.renamed > timeout) continue;
      pending = true;
      auto hits = bs::bench::CountHits(channel, d.word);
      if (hits.ok() && *hits > 0) {
        d.seconds = std::chrono::duration<double>(Clock::now() - d.renamed).count();
      }
    }
    if (!pending) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  writer.join();
  std::vector<double> found;
  for (const Drop& d : drops) {
    if (d.seconds >= 0) found.push_back(d.seconds);
  }
  std::sort(found.begin(), found.end());
  auto at = [&](double p) { return found[std::min(found.size() - 1, size_t(p * found.size()))]; };
  nlohmann::ordered_json out = {{"count", count},
                                {"rate", rate},
                                {"found", found.size()},
                                {"missed", count - int(found.size())}};
  if (!found.empty()) {
    out["seconds"] = {
        {"p50", at(0.5)}, {"p95", at(0.95)}, {"p99", at(0.99)}, {"max", found.back()}};
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string server, drop;
  int count = 30, timeout = 30;
  double rate = 1;
  bool burst = false;
  po::options_description desc("bs-fresh");
  desc.add_options()("help", "this text")("server", po::value(&server)->required(),
                                          "briefsearchd address")(
      "drop", po::value(&drop)->required(), "drop folder watched by briefsearch-indexer")(
      "count", po::value(&count)->default_value(30), "files per run")(
      "rate", po::value(&rate)->default_value(1), "files per second in the paced run")(
      "burst", po::bool_switch(&burst), "also rename --count files at once")(
      "timeout", po::value(&timeout)->default_value(30), "seconds before a drop counts as missed");
  if (auto code = bs::bench::ParseFlags(argc, argv, desc, "bs-fresh")) return *code;
  auto channel = bs::bench::ConnectChannel(server);
  if (!channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(10))) {
    std::cerr << "bs-fresh: cannot connect to " << server << "\n";
    return 1;
  }
  // A prefix unique to this run, so words from earlier runs in the same folder never match.
  const std::string prefix =
      "fresh-" + std::to_string(getpid()) + "-" + std::to_string(std::random_device()());
  nlohmann::ordered_json out = {{"tool", "bs-fresh"}};
  out["paced"] = Run(channel, drop, prefix + "-p", count, rate, std::chrono::seconds(timeout));
  if (burst) {
    out["burst"] = Run(channel, drop, prefix + "-b", count, 0, std::chrono::seconds(timeout));
  }
  std::cout << out.dump() << std::endl;
  bool missed =
      out["paced"]["missed"].get<int>() > 0 || (burst && out["burst"]["missed"].get<int>() > 0);
  return missed ? 1 : 0;
}
