// briefsearch-indexer: watches a drop folder and keeps the server's index equal to it.
//   briefsearch-indexer --drop-dir DIR --server ADDR [--state-dir DIR] [--once]
//   briefsearch-indexer parse FILE [--json]
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <thread>

#include "briefsearch/client.h"
#include "briefsearch/credentials.h"
#include "common/files.h"
#include "common/log.h"
#include "indexer/parse_command.h"
#include "indexer/parse_server.h"
#include "indexer/pipeline/pipeline.h"
#include "indexer/pipeline/state_store.h"
#include "indexer/watch/inotify_watcher.h"

namespace po = boost::program_options;
using namespace briefsearch;

namespace {

struct Flags {
  std::string drop_dir;
  std::string server = "127.0.0.1:7700";
  std::string state_dir = "data/indexer-state";
  bool once = false;
  int settle_ms = 500;
  int quick_settle_ms = 50;
  int parse_workers = 0;  // 0: two per core
  int max_file_mb = 64;
  int retry_max_ms = 2000;
  int give_up_after_s = -1;  // -1: never in watch mode, 300 s with --once
  int parse_memory_mb = 1024;
  int parse_cpu_seconds = 60;
  bool parse_in_process = false;
  int parse_child_max_files = 500;
  int parse_child_recycle_rss_mb = 512;
  bool parse_test_faults = false;
  int test_exit_after_acks = 0;
  CredentialFlags credentials;
};

int ParseFlags(int argc, char** argv, Flags* f) {
  po::options_description desc("briefsearch-indexer options");
  desc.add_options()("help,h", "show this help")("drop-dir", po::value(&f->drop_dir),
                                                 "folder to watch (required)")(
      "server", po::value(&f->server)->default_value(f->server), "briefsearchd address")(
      "state-dir", po::value(&f->state_dir)->default_value(f->state_dir),
      "where the indexer remembers what the server acknowledged")(
      "once", po::bool_switch(&f->once), "index what is there, wait for acknowledgements, exit")(
      "settle-ms", po::value(&f->settle_ms)->default_value(f->settle_ms),
      "a file counts once it has not changed for this long")(
      "quick-settle-ms", po::value(&f->quick_settle_ms)->default_value(f->quick_settle_ms),
      "a file renamed in or closed after writing counts after this long without further events "
      "(one written to again waits --settle-ms)")(
      "parse-workers", po::value(&f->parse_workers)->default_value(f->parse_workers),
      "files parsed and sent at once (0: two per core); one file's versions stay in order")(
      "max-file-mb", po::value(&f->max_file_mb)->default_value(f->max_file_mb),
      "larger files are quarantined")(
      "retry-max-ms", po::value(&f->retry_max_ms)->default_value(f->retry_max_ms),
      "longest wait between two attempts at a server call (the backoff doubles up to this)")(
      "give-up-after-s", po::value(&f->give_up_after_s)->default_value(f->give_up_after_s),
      "stop retrying the server after this long (-1: never; 300 with --once)")(
      "parse-memory-mb", po::value(&f->parse_memory_mb)->default_value(f->parse_memory_mb),
      "memory limit of each parse child (one per worker, parsing file after file)")(
      "parse-cpu-seconds", po::value(&f->parse_cpu_seconds)->default_value(f->parse_cpu_seconds),
      "CPU limit per file: a parse child past it is killed and the file quarantined")(
      "parse-in-process", po::bool_switch(&f->parse_in_process),
      "parse in the indexer itself (faster, but a hostile file can take the indexer down)")(
      "token-file", po::value(&f->credentials.token_file),
      "file holding a write bearer token, mode 600 (default $BRIEFSEARCH_TOKEN_FILE)")(
      "tls-ca", po::value(&f->credentials.tls_ca_file),
      "PEM CA certificates to check the server with; turns TLS on")(
      "tls-cert", po::value(&f->credentials.tls_cert_file), "PEM client certificate (mutual TLS)")(
      "tls-key", po::value(&f->credentials.tls_key_file), "PEM private key of --tls-cert");
  // Not in --help: for tests and for tuning the parse children's recycling.
  po::options_description hidden;
  hidden.add_options()(
      "parse-child-max-files",
      po::value(&f->parse_child_max_files)->default_value(f->parse_child_max_files),
      "a parse child is replaced after this many files")(
      "parse-child-recycle-rss-mb",
      po::value(&f->parse_child_recycle_rss_mb)->default_value(f->parse_child_recycle_rss_mb),
      "... or once its resident memory passed this after a file")(
      "parse-test-faults", po::bool_switch(&f->parse_test_faults),
      "tests only: files starting with 'briefsearch-test-fault: WHAT' make the child misbehave")(
      "test-exit-after-acks", po::value(&f->test_exit_after_acks)->default_value(0),
      "tests only: exit right after this many acknowledged upserts, before recording them");
  po::options_description all;
  all.add(desc).add(hidden);
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, all), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    std::cerr << "briefsearch-indexer: " << e.what() << "\n" << desc;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << "usage: briefsearch-indexer --drop-dir DIR [--server ADDR] [--state-dir DIR] "
                 "[--once]\n       briefsearch-indexer parse FILE [--json]\n\n"
              << desc;
    std::exit(0);
  }
  if (f->drop_dir.empty()) {
    std::cerr << "briefsearch-indexer: --drop-dir is required\n";
    return 2;
  }
  if (!std::filesystem::is_directory(f->drop_dir)) {
    std::cerr << "briefsearch-indexer: --drop-dir " << f->drop_dir << " is not a directory\n";
    return 2;
  }
  return 0;
}

// One indexer per state dir: two would each think the other's work is theirs.
bool LockStateDir(const std::string& dir) {
  const std::string path = dir + "/LOCK";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0 || ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    LogError("state directory %s is in use by another briefsearch-indexer", dir);
    return false;
  }
  return true;  // held until exit
}

int RunIndexer(const Flags& flags) {
  if (absl::Status s = MakeDirs(flags.state_dir); !s.ok() || !LockStateDir(flags.state_dir)) {
    return 1;
  }
  auto state = pipeline::StateStore::Open(flags.state_dir);
  if (!state.ok()) {
    LogError("cannot open state: %s", state.status().ToString());
    return 1;
  }
  ClientOptions client_options{.server = flags.server, .timeout = std::chrono::seconds(60)};
  if (absl::Status s = ApplyCredentialFlags(flags.credentials, &client_options); !s.ok()) {
    LogError("%s", s.ToString());
    return 2;
  }
  auto client = Client::Connect(client_options);
  if (!client.ok()) {
    LogError("%s", client.status().ToString());
    return 1;
  }
  pipeline::PipelineOptions options;
  options.drop_dir = std::filesystem::absolute(flags.drop_dir).lexically_normal().string();
  if (options.drop_dir.size() > 1 && options.drop_dir.back() == '/') options.drop_dir.pop_back();
  options.settle = std::chrono::milliseconds(flags.settle_ms);
  options.quick_settle = std::chrono::milliseconds(std::max(flags.quick_settle_ms, 0));
  // Two per core: while one worker's upsert waits for the server's log fsync, another parses,
  // and concurrent upserts share one fsync (10k drop folder: 2 workers 236-250 articles/s, 4
  // workers 316, 8 workers 292 on 2 cores).
  options.parse_workers =
      flags.parse_workers > 0
          ? flags.parse_workers
          : std::max(1, 2 * static_cast<int>(std::thread::hardware_concurrency()));
  options.max_file_bytes = static_cast<uint64_t>(flags.max_file_mb) << 20;
  options.retry_max = std::chrono::milliseconds(std::max(flags.retry_max_ms, 1));
  options.test_exit_after_acks = flags.test_exit_after_acks;
  const int give_up = flags.give_up_after_s >= 0 ? flags.give_up_after_s : (flags.once ? 300 : 0);
  options.give_up_after = std::chrono::seconds(give_up);
  if (!flags.parse_in_process) {
    std::error_code ec;
    options.parser_exe = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    options.child_limits.memory_mb = flags.parse_memory_mb;
    options.child_limits.cpu_seconds = flags.parse_cpu_seconds;
    options.child_limits.max_files = std::max(flags.parse_child_max_files, 1);
    options.child_limits.recycle_rss_mb = flags.parse_child_recycle_rss_mb;
    options.child_limits.test_faults = flags.parse_test_faults;
  }
  auto folder = pipeline::DropFolder::Open(options.drop_dir);
  if (!folder.ok()) {
    LogError("%s", folder.status().ToString());
    return 1;
  }
  pipeline::Pipeline pipe(options, folder->get(), client->get(), state->get());

  if (flags.once) {
    pipe.RequestScan();
    pipe.RunUntilIdle();
  } else {
    boost::asio::io_context io;
    watch::InotifyWatcher watcher(&io, options.drop_dir);
    if (absl::Status s = watcher.Start([&](const watch::FileEvent& e) { pipe.OnEvent(e); }); !s.ok()) {
      LogError("cannot watch %s: %s", options.drop_dir, s.ToString());
      return 1;
    }
    pipe.RequestScan();  // after the watch is in place, so nothing slips between the two
    std::thread worker([&] { pipe.Run(); });
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int sig) {
      LogInfo("signal %d: stopping", sig);
      watcher.Stop();
      pipe.Stop();
    });
    LogInfo("watching %s, sending to %s", options.drop_dir, flags.server);
    io.run();
    worker.join();
  }
  const pipeline::PipelineSummary s = pipe.summary();
  LogInfo(
      "done: %d indexed, %d deleted, %d quarantined, %d duplicates, %d unchanged, %d failed, "
      "%d parse children started",
      s.indexed, s.deleted, s.quarantined, s.duplicates, s.unchanged, s.failed,
      s.parse_children_started);
  return s.failed > 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  SetLogProgramName("briefsearch-indexer");
  if (argc >= 2 && std::string(argv[1]) == "parse-server") {
    SetLogProgramName("briefsearch-indexer parse-server");
    int memory_mb = 1024, cpu_seconds = 60;
    bool test_faults = false;
    for (int i = 2; i < argc; ++i) {
      const std::string a = argv[i];
      if ((a == "--memory-mb" || a == "--cpu-seconds") && i + 1 < argc) {
        (a == "--memory-mb" ? memory_mb : cpu_seconds) = std::atoi(argv[++i]);
      } else if (a == "--test-faults") {
        test_faults = true;
      }
    }
    return indexer::RunParseServer(memory_mb, cpu_seconds, test_faults);
  }
  if (argc >= 2 && std::string(argv[1]) == "parse") {
    std::string file, name;
    bool json = false;
    int memory_mb = 0, cpu_seconds = 0;
    for (int i = 2; i < argc; ++i) {
      const std::string a = argv[i];
      if (a == "--json") {
        json = true;
      } else if (a == "--name" && i + 1 < argc) {
        name = argv[++i];
      } else if ((a == "--memory-mb" || a == "--cpu-seconds") && i + 1 < argc) {
        (a == "--memory-mb" ? memory_mb : cpu_seconds) = std::atoi(argv[++i]);
      } else if (file.empty()) {
        file = a;
      }
    }
    if (file.empty()) {
      std::cerr << "usage: briefsearch-indexer parse FILE|- [--name NAME] [--json]\n";
      return 2;
    }
    return indexer::RunParseCommand(file, json, memory_mb, cpu_seconds, name);
  }
  Flags flags;
  if (int rc = ParseFlags(argc, argv, &flags); rc != 0) return rc;
  return RunIndexer(flags);
}
