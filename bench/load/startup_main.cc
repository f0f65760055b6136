// bs-startup: how long briefsearchd takes to open an existing index and answer, cold (its pages
// evicted first, see page_cache.h) and warm (right after). Each start is timed from posix_spawn to
// the first successful Search answer; RSS is read right after that answer. One JSON object.
//
//   bs-startup --data-dir DIR [--server-bin PATH] [--query 반도체] [--warm-runs 2]
//              [--evict auto|fadvise]
//
// --evict auto drops the whole machine's page cache when permitted (the truest cold start, but it
// slows everything else running); fadvise evicts only the data directory's files.
// The data directory must not be in use: briefsearchd takes its lock.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "absl/status/statusor.h"
#include "bench/common/flags.h"
#include "bench/common/measure.h"
#include "bench/load/page_cache.h"
#include "bench/load/server_calls.h"

extern char** environ;

namespace bs = briefsearch;
namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

namespace {

pid_t Spawn(const std::vector<std::string>& argv, const std::string& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

// SIGTERM, then SIGKILL if it has not exited within a minute (a clean stop commits).
void Stop(pid_t pid) {
  ::kill(pid, SIGTERM);
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (Clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// One start: spawn, wait for the port file, then search until an answer comes back.
absl::StatusOr<nlohmann::ordered_json> TimeStart(const std::string& server_bin,
                                                 const std::string& data_dir,
                                                 const std::string& query) {
  const std::string port_file = data_dir + ".bs-startup.port";
  std::filesystem::remove(port_file);
  const auto t0 = Clock::now();
  const pid_t pid = Spawn(
      {server_bin, "--listen", "127.0.0.1:0", "--data-dir", data_dir, "--port-file", port_file},
      data_dir + ".bs-startup.log");
  if (pid <= 0) return absl::InternalError("cannot start " + server_bin);
  const auto deadline = t0 + std::chrono::seconds(120);
  nlohmann::ordered_json out;
  std::string address;
  while (Clock::now() < deadline && address.empty()) {
    if (std::ifstream in(port_file); in && std::getline(in, address) && !address.empty()) break;
    address.clear();
    if (::waitpid(pid, nullptr, WNOHANG) == pid) {
      return absl::InternalError("briefsearchd exited; see " + data_dir + ".bs-startup.log");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  out["listening_seconds"] = bs::bench::SecondsSince(t0);
  absl::StatusOr<int64_t> hits = absl::DeadlineExceededError("no answer");
  {
    // Closed before the stop: an idle client answers the server's GOAWAY only from gRPC's 5 s
    // backup poller, which would hold the server's shutdown up.
    auto channel = bs::bench::ConnectChannel(address);
    while (!address.empty() && Clock::now() < deadline) {
      hits = bs::bench::CountHits(channel, query);
      if (hits.ok()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    out["first_answer_seconds"] = bs::bench::SecondsSince(t0);
    out["rss_kb_after_open"] = bs::bench::CurrentRssKb(pid);
    if (hits.ok()) {
      out["total_hits"] = *hits;
      if (auto stats = bs::bench::GetStats(channel); stats.ok()) {
        out["articles"] = stats->articles();
      }
    }
  }
  Stop(pid);
  std::filesystem::remove(port_file);
  if (!hits.ok()) return hits.status();
  return out;
}

std::string DefaultServerBin(const char* argv0) {
  // bs-startup is built next to briefsearchd (build/bin/).
  std::error_code ec;
  auto self = std::filesystem::canonical("/proc/self/exe", ec);
  if (ec) self = argv0;
  return (self.parent_path() / "briefsearchd").string();
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir, server_bin, query;
  std::string evict = "auto";
  int warm_runs = 2;
  po::options_description desc("bs-startup");
  desc.add_options()("help", "this text")("data-dir", po::value(&data_dir)->required(),
                                          "an existing briefsearchd data directory")(
      "server-bin", po::value(&server_bin)->default_value(DefaultServerBin(argv[0])),
      "briefsearchd to start")("query", po::value(&query)->default_value("반도체"),
                               "the first search")(
      "warm-runs", po::value(&warm_runs)->default_value(2), "warm starts after the cold one")(
      "evict", po::value(&evict)->default_value("auto"),
      "cold start: auto (drop_caches if permitted) or fadvise (the data dir's files only)");
  if (auto code = bs::bench::ParseFlags(argc, argv, desc, "bs-startup")) return *code;
  while (!data_dir.empty() && data_dir.back() == '/') data_dir.pop_back();
  auto fail = [](const absl::Status& s) {
    std::cerr << "bs-startup: " << s << "\n";
    return 1;
  };
  nlohmann::ordered_json out = {{"tool", "bs-startup"}, {"data_dir", data_dir}, {"query", query}};
  out["index_bytes"] = bs::bench::DirectoryBytes(data_dir + "/index");
  if (evict != "auto" && evict != "fadvise") {
    std::cerr << "bs-startup: --evict is auto or fadvise\n";
    return 2;
  }
  auto method = bs::bench::EvictPageCache(data_dir, evict == "auto");
  if (!method.ok()) return fail(method.status());
  auto cold = TimeStart(server_bin, data_dir, query);
  if (!cold.ok()) return fail(cold.status());
  (*cold)["method"] = *method;
  out["cold"] = *cold;
  nlohmann::ordered_json warm = nlohmann::ordered_json::array();
  for (int i = 0; i < warm_runs; ++i) {
    auto run = TimeStart(server_bin, data_dir, query);
    if (!run.ok()) return fail(run.status());
    warm.push_back(*run);
  }
  out["warm"] = warm;
  std::cout << out.dump() << std::endl;
  return 0;
}
