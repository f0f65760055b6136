#include "tests/integration/harness.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <thread>

extern char** environ;

namespace briefsearch::testing {
namespace {

std::vector<char*> Argv(const std::vector<std::string>& args) {
  std::vector<char*> out;
  for (const std::string& a : args) out.push_back(const_cast<char*>(a.c_str()));
  out.push_back(nullptr);
  return out;
}

int DecodeStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

pid_t Spawn(const std::vector<std::string>& argv, int out_fd, int err_fd,
            const std::vector<std::string>& extra_env = {}) {
  std::vector<std::string> env = extra_env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view var(*e);
    const std::string_view name = var.substr(0, var.find('='));
    bool overridden = false;
    for (const std::string& x : extra_env) overridden |= x.rfind(std::string(name) + "=", 0) == 0;
    if (!overridden) env.emplace_back(var);
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_fd, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = -1;
  auto args = Argv(argv);
  auto envp = Argv(env);
  if (posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data()) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

}  // namespace

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/briefsearch-test-XXXXXX";
  char* made = mkdtemp(tmpl.data());
  path_ = made ? made : "";
}

TempDir::~TempDir() {
  std::error_code ec;
  // BRIEFSEARCH_KEEP_TEMP=1 keeps data dirs and logs for debugging a failed test.
  if (std::getenv("BRIEFSEARCH_KEEP_TEMP") != nullptr) return;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

Subprocess::Subprocess(const std::vector<std::string>& argv, const std::string& log_path,
                       const std::vector<std::string>& extra_env) {
  const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  pid_ = Spawn(argv, fd, fd, extra_env);
  ::close(fd);
}

Subprocess::~Subprocess() {
  if (running()) {
    Signal(SIGKILL);
    Wait(std::chrono::seconds(10));
  }
}

void Subprocess::Signal(int sig) {
  if (pid_ > 0 && !status_) ::kill(pid_, sig);
}

bool Subprocess::running() {
  if (pid_ <= 0 || status_) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    status_ = DecodeStatus(status);
    return false;
  }
  return true;
}

std::optional<int> Subprocess::Wait(std::chrono::milliseconds timeout) {
  WaitUntil([this] { return !running(); }, timeout);
  return status_;
}

int RunCommand(const std::vector<std::string>& argv, std::string* out, std::string* err,
               std::chrono::milliseconds timeout) {
  TempDir dir;
  const std::string out_path = dir / "out", err_path = dir / "err";
  const int out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  const int err_fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  const pid_t pid = Spawn(argv, out_fd, err_fd);
  ::close(out_fd);
  ::close(err_fd);
  if (pid <= 0) return -1;
  int status = 0;
  int code = -1;
  const bool done = WaitUntil([&] { return ::waitpid(pid, &status, WNOHANG) == pid; }, timeout);
  if (done) {
    code = DecodeStatus(status);
  } else {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }
  if (out) *out = ReadFile(out_path);
  if (err) *err = ReadFile(err_path);
  return code;
}

std::string BinPath(const std::string& program) { return std::string(BRIEFSEARCH_BIN_DIR) + "/" + program; }
std::string SourcePath(const std::string& relative) {
  return std::string(BRIEFSEARCH_SOURCE_DIR) + "/" + relative;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

bool WaitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

ServerProcess::ServerProcess(std::string data_dir, std::vector<std::string> extra_args,
                             std::string listen)
    : data_dir_(std::move(data_dir)),
      extra_args_(std::move(extra_args)),
      listen_(std::move(listen)),
      log_path_(data_dir_ + ".server.log") {}

ServerProcess::~ServerProcess() { Kill(); }

void ServerProcess::SetEnv(const std::string& name, const std::string& value) {
  const std::string prefix = name + "=";
  std::erase_if(env_, [&](const std::string& e) { return e.rfind(prefix, 0) == 0; });
  env_.push_back(prefix + value);
}

bool ServerProcess::Start(std::string* error) {
  const std::string port_file = data_dir_ + ".port";
  std::filesystem::remove(port_file);
  std::vector<std::string> argv = {BinPath("briefsearchd"), "--listen", listen_,
                                   "--data-dir", data_dir_, "--port-file", port_file};
  argv.insert(argv.end(), extra_args_.begin(), extra_args_.end());
  process_ = std::make_unique<Subprocess>(argv, log_path_, env_);
  const bool bound = WaitUntil([&] { return std::filesystem::exists(port_file) || !process_->running(); });
  if (!bound || !process_->running()) {
    if (error) *error = "server did not start: " + log();
    return false;
  }
  address_ = ReadFile(port_file);
  while (!address_.empty() && address_.back() == '\n') address_.pop_back();
  ClientOptions options = client_options_;
  options.server = address_;
  auto client = Client::Connect(options);
  if (!client.ok()) {
    if (error) *error = "cannot connect: " + client.status().ToString();
    return false;
  }
  client_ = std::move(*client);
  if (!client_->WaitForReady(std::chrono::seconds(20)).ok()) {
    if (error) *error = "server not ready: " + log();
    return false;
  }
  return true;
}

void ServerProcess::Kill() {
  if (process_) {
    process_->Signal(SIGKILL);
    process_->Wait(std::chrono::seconds(10));
    process_.reset();
  }
}

int ServerProcess::Stop() {
  if (!process_) return -1;
  // An idle client only answers the server's GOAWAY from gRPC's 5 s backup poller; closing our
  // channel first lets the server stop at once.
  client_.reset();
  process_->Signal(SIGTERM);
  auto code = process_->Wait(std::chrono::seconds(30));
  process_.reset();
  return code.value_or(-1);
}

void ServerProcess::Signal(int sig) {
  if (process_) process_->Signal(sig);
}

std::string ServerProcess::log() const { return ReadFile(log_path_); }

IndexerProcess::IndexerProcess(std::string drop_dir, std::string state_dir, std::string server)
    : drop_dir_(std::move(drop_dir)),
      state_dir_(std::move(state_dir)),
      server_(std::move(server)),
      log_path_(state_dir_ + ".indexer.log") {}

IndexerProcess::~IndexerProcess() { Kill(); }

void IndexerProcess::Start(std::vector<std::string> extra_args) {
  std::vector<std::string> argv = {BinPath("briefsearch-indexer"), "--drop-dir", drop_dir_,
                                   "--server", server_, "--state-dir", state_dir_};
  // Short by default so tests run quickly; a test may set its own (the flag is accepted once).
  if (std::find(extra_args.begin(), extra_args.end(), "--settle-ms") == extra_args.end()) {
    argv.insert(argv.end(), {"--settle-ms", "200"});
  }
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  process_ = std::make_unique<Subprocess>(argv, log_path_);
}

int IndexerProcess::Stop() {
  if (!process_) return -1;
  process_->Signal(SIGTERM);
  auto code = process_->Wait(std::chrono::seconds(30));
  process_.reset();
  return code.value_or(-1);
}

int IndexerProcess::WaitForExit(std::chrono::seconds timeout) {
  if (!process_) return -1;
  auto code = process_->Wait(timeout);
  if (!code) return -1;
  process_.reset();
  return *code;
}

void IndexerProcess::Kill() {
  if (process_) {
    process_->Signal(SIGKILL);
    process_->Wait(std::chrono::seconds(10));
    process_.reset();
  }
}

void IndexerProcess::Signal(int sig) {
  if (process_) process_->Signal(sig);
}

std::string IndexerProcess::log() const { return ReadFile(log_path_); }

std::string FreeLoopbackAddress() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);
  ::close(fd);
  return "127.0.0.1:" + std::to_string(port);
}

Issue MakeIssue(const std::string& id, int articles, const std::string& marker) {
  Issue issue;
  issue.issue_id = id;
  issue.publisher = Publisher::kKostec;
  issue.issue_number = "7";
  issue.published = "2024-05-01";
  issue.title = "중국 과학기술 정책 주간동향";
  issue.origin = id;
  issue.format = "txt";
  for (int i = 1; i <= articles; ++i) {
    Article a;
    a.title = "기사 " + std::to_string(i) + " 반도체 정책";
    a.section = "정책동향";
    a.body = "베이징시는 반도체 산업 지원 정책을 발표했다. " + marker + " 항목 " + std::to_string(i);
    issue.articles.push_back(a);
  }
  return issue;
}

int64_t CountHits(Client& client, const std::string& query) {
  auto r = client.Search({.query = query, .limit = 1});
  return r.ok() ? r->total_hits : -1;
}

}  // namespace briefsearch::testing
