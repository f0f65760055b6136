#include "indexer/pipeline/child_parser.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

extern char** environ;

namespace briefsearch::pipeline {
namespace {

constexpr size_t kMaxOutput = 256u << 20;

void FillFromJson(const nlohmann::json& j, parse::ParsedIssue* out);

// Feeds `input` to the child's stdin while reading both of its output pipes, until the outputs
// close or the deadline passes; false on timeout or too much output. Writing and reading together
// means a child that prints before it has read everything cannot deadlock us; a child that exits
// without reading (EPIPE) just stops the feeding.
bool Exchange(int in_fd, std::string_view input, int out_fd, int err_fd,
              std::chrono::steady_clock::time_point deadline, std::string* out, std::string* err) {
  pollfd fds[3] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}, {in_fd, POLLOUT, 0}};
  std::string* sinks[2] = {out, err};
  int open = 2;
  char buf[65536];
  if (input.empty()) {
    ::close(fds[2].fd);
    fds[2].fd = -1;
  }
  while (open > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    if (::poll(fds, 3, static_cast<int>(left.count())) < 0 && errno != EINTR) break;
    if (fds[2].fd >= 0 && fds[2].revents != 0) {
      const ssize_t n = ::write(fds[2].fd, input.data(), input.size());
      if (n > 0) input.remove_prefix(static_cast<size_t>(n));
      if (input.empty() || (n < 0 && errno != EINTR && errno != EAGAIN)) {
        ::close(fds[2].fd);
        fds[2].fd = -1;
      }
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = ::read(fds[i].fd, buf, sizeof(buf));
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
        if (out->size() + err->size() > kMaxOutput) open = -1;
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open;
      }
    }
  }
  if (fds[2].fd >= 0) ::close(fds[2].fd);
  return open == 0;
}

// A child that exits before reading all its input must not kill the indexer with SIGPIPE; the
// write then fails with EPIPE, which Exchange handles.
void IgnoreSigpipe() {
  static std::once_flag once;
  std::call_once(once, [] { ::signal(SIGPIPE, SIG_IGN); });
}

}  // namespace

void ApplyChildLimits(int memory_mb, int cpu_seconds) {
  const rlimit memory{static_cast<rlim_t>(memory_mb) << 20, static_cast<rlim_t>(memory_mb) << 20};
  const rlimit cpu{static_cast<rlim_t>(cpu_seconds), static_cast<rlim_t>(cpu_seconds) + 5};
  ::setrlimit(RLIMIT_AS, &memory);
  ::setrlimit(RLIMIT_CPU, &cpu);
}

absl::StatusOr<parse::ParsedIssue> ParseInChild(const std::string& exe, const std::string& name,
                                                std::string_view bytes, const ChildLimits& limits) {
  IgnoreSigpipe();
  int in_pipe[2] = {-1, -1}, out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
  if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 ||
      ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1]}) {
      if (fd >= 0) ::close(fd);
    }
    return absl::InternalError("pipe failed");
  }
  ::fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  const std::string mem = std::to_string(limits.memory_mb), cpu = std::to_string(limits.cpu_seconds);
  std::vector<std::string> args = {exe, "parse", "-", "--name", name, "--json",
                                   "--memory-mb", mem, "--cpu-seconds", cpu};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  std::string out, err;
  bool drained = false;
  if (spawned == 0) {
    drained = Exchange(in_pipe[1], bytes, out_pipe[0], err_pipe[0],
                       std::chrono::steady_clock::now() + limits.wall, &out, &err);
  } else {
    ::close(in_pipe[1]);
  }
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  if (spawned != 0) return absl::InternalError(absl::StrCat("cannot run the parser: ", std::strerror(spawned)));
  if (!drained) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!drained || WIFSIGNALED(status)) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "parser stopped: over its limits of ", limits.memory_mb, " MiB memory, ", limits.cpu_seconds,
        " s CPU or ", limits.wall.count(), " s in all",
        WIFSIGNALED(status) ? absl::StrCat(" (signal ", WTERMSIG(status), ")") : ""));
  }
  if (WEXITSTATUS(status) != 0) {
    // "briefsearch-indexer: FILE: would be quarantined: REASON" -> REASON
    std::string reason = err.substr(0, err.find('\n'));
    const size_t at = reason.find("would be quarantined: ");
    if (at != std::string::npos) reason = reason.substr(at + 22);
    if (reason.empty()) reason = "parser failed";
    return absl::InvalidArgumentError(reason);
  }
  return ParsedIssueFromJson(out);
}

absl::StatusOr<parse::ParsedIssue> ParsedIssueFromJson(const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || !j.contains("articles")) {
    return absl::InternalError("parser output is not the expected JSON");
  }
  parse::ParsedIssue issue;
  try {
    FillFromJson(j, &issue);
  } catch (const std::exception& e) {
    return absl::InternalError(std::string("parser output does not fit: ") + e.what());
  }
  return issue;
}

namespace {
void FillFromJson(const nlohmann::json& j, parse::ParsedIssue* out) {
  parse::ParsedIssue& issue = *out;
  const std::string publisher = j.value("publisher", "OTHER");
  for (auto p : {parse::Publisher::kKostec, parse::Publisher::kKic, parse::Publisher::kKiep}) {
    if (publisher == parse::PublisherName(p)) issue.publisher = p;
  }
  issue.issue_number = j.value("issue_number", "");
  issue.published = j.value("published", "");
  issue.title = j.value("title", "");
  issue.format = j.value("format", "");
  for (const auto& a : j["articles"]) {
    parse::ParsedArticle article;
    article.title = a.value("title", "");
    article.section = a.value("section", "");
    article.body = a.value("body", "");
    if (a.contains("links")) article.links = a["links"].get<std::vector<std::string>>();
    if (a.contains("pages") && a["pages"].size() == 2) {
      article.page_start = a["pages"][0].get<int>();
      article.page_end = a["pages"][1].get<int>();
    }
    issue.articles.push_back(std::move(article));
  }
}
}  // namespace

}  // namespace briefsearch::pipeline
