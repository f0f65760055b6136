// Real processes for integration tests: briefsearchd on a free loopback port with its own temp data
// dir, briefsearch-indexer on a temp drop folder. No mocks: what users run is what is tested.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "briefsearch/client.h"

namespace briefsearch::testing {

// A fresh directory under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A child process; killed with SIGKILL on destruction if still running.
class Subprocess {
 public:
  // stdout and stderr go to `log_path`. `extra_env` ("NAME=value") is added to this process's
  // environment, overriding variables of the same name.
  Subprocess(const std::vector<std::string>& argv, const std::string& log_path,
             const std::vector<std::string>& extra_env = {});
  ~Subprocess();
  void Signal(int sig);
  // The exit code (128+signal when killed), or nullopt when still running after `timeout`.
  std::optional<int> Wait(std::chrono::milliseconds timeout);
  bool running();

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
};

// Runs a command to completion; returns exit code, and stdout/stderr in the out-params.
int RunCommand(const std::vector<std::string>& argv, std::string* out, std::string* err,
               std::chrono::milliseconds timeout = std::chrono::seconds(60));

std::string BinPath(const std::string& program);  // build/bin/<program>
std::string SourcePath(const std::string& relative);
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& content);

// Polls `condition` every 20 ms until true or the deadline; returns its last value.
bool WaitUntil(const std::function<bool()>& condition,
               std::chrono::milliseconds timeout = std::chrono::seconds(20));

class ServerProcess {
 public:
  explicit ServerProcess(std::string data_dir, std::vector<std::string> extra_args = {},
                         std::string listen = "127.0.0.1:0");
  ~ServerProcess();
  // Credentials for client() (its server field is replaced by the bound address); set before Start.
  void set_client_options(ClientOptions options) { client_options_ = std::move(options); }
  // Sets an environment variable for the next Start (e.g. LD_PRELOAD for the fault shim).
  void SetEnv(const std::string& name, const std::string& value);
  // Starts and waits until it answers. Returns false (with the log in `error`) on failure.
  bool Start(std::string* error = nullptr);
  void Kill();          // SIGKILL, then reap
  int Stop();           // SIGTERM; returns the exit code
  void Signal(int sig);
  const std::string& address() const { return address_; }
  Client& client() { return *client_; }
  std::string log() const;

 private:
  std::string data_dir_;
  std::vector<std::string> extra_args_;
  std::string listen_;
  ClientOptions client_options_{.timeout = std::chrono::seconds(20)};
  std::vector<std::string> env_;  // "NAME=value"
  std::string address_;
  std::string log_path_;
  std::unique_ptr<Subprocess> process_;
  std::unique_ptr<Client> client_;
};

class IndexerProcess {
 public:
  IndexerProcess(std::string drop_dir, std::string state_dir, std::string server);
  ~IndexerProcess();
  void Start(std::vector<std::string> extra_args = {});
  int Stop();  // SIGTERM; returns the exit code
  // Waits for it to exit on its own; the exit code, or -1 when it is still running after `timeout`.
  int WaitForExit(std::chrono::seconds timeout);
  void Kill();
  void Signal(int sig);  // e.g. SIGSTOP/SIGCONT to freeze it while its inotify queue fills
  std::string log() const;

 private:
  std::string drop_dir_, state_dir_, server_, log_path_;
  std::unique_ptr<Subprocess> process_;
};

// A loopback address with a port that was free a moment ago (for restarts on the same address).
std::string FreeLoopbackAddress();

// A small issue for direct upserts: `articles` articles whose body contains `marker`.
Issue MakeIssue(const std::string& id, int articles, const std::string& marker);

// Total hits for `query`, or -1 on error.
int64_t CountHits(Client& client, const std::string& query);

}  // namespace briefsearch::testing
