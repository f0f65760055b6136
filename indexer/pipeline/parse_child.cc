#include "indexer/pipeline/parse_child.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/log.h"
#include "indexer/pipeline/parse_frames.h"
#include "indexer/pipeline/parsed_issue_json.h"

extern char** environ;

namespace briefsearch::pipeline {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr size_t kMaxStderr = 64u << 10;  // per file; only its first line is ever used

// A child that exits before reading all its input must not kill the indexer with SIGPIPE; the
// write then fails with EPIPE, which the exchange handles.
void IgnoreSigpipe() {
  static std::once_flag once;
  std::call_once(once, [] { ::signal(SIGPIPE, SIG_IGN); });
}

// The CPU time (user + system) `pid` has used, from /proc/PID/stat; -1 when it cannot be read.
double CpuSecondsOf(pid_t pid) {
  char path[64], buf[1024];
  std::snprintf(path, sizeof(path), "/proc/%d/stat", static_cast<int>(pid));
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  const ssize_t n = ::read(fd, buf, sizeof(buf) - 1);
  ::close(fd);
  if (n <= 0) return -1;
  buf[n] = '\0';
  // The name (field 2) may hold spaces and parentheses: fields are counted from its last ')'.
  const char* p = std::strrchr(buf, ')');
  unsigned long long utime = 0, stime = 0;
  if (p == nullptr || std::sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
                                  &utime, &stime) != 2) {
    return -1;
  }
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// Resident memory of `pid` in MiB, from /proc/PID/statm; -1 when it cannot be read.
long RssMbOf(pid_t pid) {
  char path[64];
  std::snprintf(path, sizeof(path), "/proc/%d/statm", static_cast<int>(pid));
  FILE* f = std::fopen(path, "re");
  if (f == nullptr) return -1;
  long size = 0, resident = -1;
  if (std::fscanf(f, "%ld %ld", &size, &resident) != 2) resident = -1;
  std::fclose(f);
  return resident < 0 ? -1 : resident * (::sysconf(_SC_PAGESIZE) / 1024) / 1024;
}

enum class Ending { kAnswered, kClosed, kCpuLimit, kWallLimit, kBroken };

// One request and its answer: what is still to be written, what was read.
struct Transfer {
  uint64_t id = 0;
  std::array<std::string_view, 3> pieces;  // header, name, bytes: written in this order
  size_t piece = 0;
  std::string out, err;
  ResponseHeader response;
  bool have_header = false;
  bool trailing = false;  // bytes after the answer: the stream cannot be trusted any more
  std::string broken;     // why the answer was not taken

  bool written() const { return piece == pieces.size(); }
  std::string_view payload() const {
    return std::string_view(out).substr(kFrameHeaderSize, response.payload_size);
  }
};

// Writes what the pipe takes; false once the child stopped reading (EPIPE) or on an error.
bool WriteSome(int fd, Transfer* t) {
  while (!t->written()) {
    std::string_view& p = t->pieces[t->piece];
    if (p.empty()) {
      ++t->piece;
      continue;
    }
    const ssize_t n = ::write(fd, p.data(), p.size());
    if (n < 0) return errno == EINTR || errno == EAGAIN;
    p.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// After more of the child's stdout arrived: kAnswered once a whole answer to t->id is in,
// kBroken when what arrived cannot be one, else nullopt (wait for more).
std::optional<Ending> CheckAnswer(Transfer* t) {
  if (!t->have_header && t->out.size() >= kFrameHeaderSize) {
    if (absl::Status s = DecodeResponseHeader(t->out, &t->response); !s.ok()) {
      t->broken = std::string(s.message());
      return Ending::kBroken;
    }
    if (t->response.id != t->id) {
      t->broken =
          absl::StrCat("answer to request ", t->response.id, " while ", t->id, " was asked");
      return Ending::kBroken;
    }
    t->have_header = true;
  }
  if (!t->have_header || t->out.size() < kFrameHeaderSize + t->response.payload_size) {
    return std::nullopt;
  }
  if (!t->written()) {
    t->broken = "answered before it had read the whole file";
    return Ending::kBroken;
  }
  t->trailing = t->out.size() > kFrameHeaderSize + t->response.payload_size;
  return Ending::kAnswered;
}

// Feeds the request while reading the child's stdout (the answer) and stderr (kept for a reason
// should it die), until an answer is in, stdout closes (the child died), or a limit passes. The
// CPU limit is checked only once the file has run `cpu_seconds` of wall time (a single thread
// cannot have used more), then again as its CPU time could reach the limit; a file that parses
// within that time costs no /proc read at all.
Ending RunExchange(pid_t pid, int in_fd, int out_fd, int err_fd, const ChildLimits& limits,
                   Transfer* t) {
  const auto start = Clock::now();
  const auto wall_deadline = start + limits.wall;
  const double cpu_at_start = CpuSecondsOf(pid);
  auto cpu_check = start + std::chrono::seconds(limits.cpu_seconds);
  bool writing = true;
  char buf[65536];
  for (;;) {
    const auto now = Clock::now();
    if (now >= wall_deadline) return Ending::kWallLimit;
    if (now >= cpu_check) {
      const double cpu = CpuSecondsOf(pid);
      const double used = cpu >= 0 && cpu_at_start >= 0
                              ? cpu - cpu_at_start
                              : std::chrono::duration<double>(now - start).count();
      if (used >= limits.cpu_seconds) return Ending::kCpuLimit;
      cpu_check = now + std::clamp(std::chrono::duration_cast<milliseconds>(
                                       std::chrono::duration<double>(limits.cpu_seconds - used)),
                                   milliseconds(50), milliseconds(1000));
    }
    const auto wait = std::chrono::ceil<milliseconds>(std::min(wall_deadline, cpu_check) - now);
    pollfd fds[3] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}, {writing ? in_fd : -1, POLLOUT, 0}};
    if (::poll(fds, 3, static_cast<int>(std::max<int64_t>(wait.count(), 1))) < 0 &&
        errno != EINTR) {
      t->broken = std::string("poll: ") + std::strerror(errno);
      return Ending::kBroken;
    }
    if (fds[2].revents != 0) writing = WriteSome(in_fd, t) && !t->written();
    if (fds[1].revents != 0) {
      const ssize_t n = ::read(err_fd, buf, sizeof(buf));
      if (n > 0 && t->err.size() < kMaxStderr) t->err.append(buf, static_cast<size_t>(n));
      if (n == 0) err_fd = -1;  // not ours to close; poll skips it from now on
    }
    if (fds[0].revents != 0) {
      const ssize_t n = ::read(out_fd, buf, sizeof(buf));
      if (n == 0) return Ending::kClosed;
      if (n < 0) continue;  // EINTR, EAGAIN
      t->out.append(buf, static_cast<size_t>(n));
      if (std::optional<Ending> e = CheckAnswer(t)) return *e;
    }
  }
}

}  // namespace

ParseChild::ParseChild(std::string exe, ChildLimits limits)
    : exe_(std::move(exe)), limits_(limits) {}

ParseChild::~ParseChild() { Stop(); }

absl::StatusOr<parse::ParsedIssue> ParseChild::Parse(const std::string& name,
                                                     std::string_view bytes) {
  bool retry = false;
  auto result = Attempt(name, bytes, &retry);
  // The stream broke (an answer for another request, bytes that are not a frame): not the
  // file's doing, as far as we can tell, so it gets one more try in a fresh child.
  if (retry) result = Attempt(name, bytes, &retry);
  return result;
}

absl::StatusOr<parse::ParsedIssue> ParseChild::Attempt(const std::string& name,
                                                       std::string_view bytes, bool* retry) {
  *retry = false;
  if (absl::Status s = EnsureRunning(); !s.ok()) return s;
  Transfer t;
  t.id = next_id_++;
  const std::string header = EncodeRequestHeader(t.id, name, bytes);
  t.pieces = {header, name, bytes};
  switch (RunExchange(pid_, in_fd_, out_fd_, err_fd_, limits_, &t)) {
    case Ending::kAnswered:
      ++files_;
      if (t.trailing) replace_why_ = "it wrote past its answer";
      NoteAnswered();
      if (t.response.code == absl::StatusCode::kOk) {
        return ParsedIssueFromJson(std::string(t.payload()));
      }
      // Out of memory, caught: the answer is good, but the child's heap is not to be trusted.
      if (t.response.code == absl::StatusCode::kResourceExhausted) {
        replace_why_ = "it ran out of memory";
      }
      return absl::InvalidArgumentError(std::string(t.payload()));
    case Ending::kClosed:
      return DiedUnder(t.err);
    case Ending::kCpuLimit:
      Stop();
      return absl::ResourceExhaustedError(
          absl::StrCat("parse took longer than ", limits_.cpu_seconds, " s of CPU"));
    case Ending::kWallLimit:
      Stop();
      return absl::ResourceExhaustedError(
          absl::StrCat("parse took longer than ", limits_.wall.count(), " s"));
    case Ending::kBroken:
      LogWarning("parse child %d: %s; killed", pid_, t.broken);
      Stop();
      *retry = true;
      return absl::InternalError("parse child answered out of turn: " + t.broken);
  }
  return absl::InternalError("unreachable");
}

void ParseChild::NoteAnswered() {
  if (files_ >= limits_.max_files) {
    replace_why_ = absl::StrCat("after ", files_, " files");
  } else if (const long rss = RssMbOf(pid_); rss > limits_.recycle_rss_mb) {
    replace_why_ = absl::StrCat("resident memory ", rss, " MiB over ", limits_.recycle_rss_mb);
  }
}

absl::Status ParseChild::DiedUnder(const std::string& err) {
  // Its stdout closed: it is exiting or killed. Give it a moment to finish, so the status is the
  // real one (a SIGKILL of ours would hide the signal that killed it).
  const int status = Stop(milliseconds(2000));
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU) {
    return absl::ResourceExhaustedError(
        absl::StrCat("parse took longer than ", limits_.cpu_seconds, " s of CPU"));
  }
  if (WIFSIGNALED(status)) {
    return absl::ResourceExhaustedError(
        absl::StrCat("parser stopped: over its limits of ", limits_.memory_mb, " MiB memory, ",
                     limits_.cpu_seconds, " s CPU or ", limits_.wall.count(), " s in all (signal ",
                     WTERMSIG(status), ")"));
  }
  // "briefsearch-indexer: FILE: would be quarantined: REASON" -> REASON
  std::string reason = err.substr(0, err.find('\n'));
  const size_t at = reason.find("would be quarantined: ");
  if (at != std::string::npos) reason = reason.substr(at + 22);
  if (reason.empty()) reason = "parser failed";
  return absl::InvalidArgumentError(reason);
}

absl::Status ParseChild::EnsureRunning() {
  if (pid_ > 0 && !replace_why_.empty()) {
    LogInfo("parse child %d replaced: %s", pid_, replace_why_);
    Stop();
  }
  int status = 0;
  if (pid_ > 0 && ::waitpid(pid_, &status, WNOHANG) == pid_) {
    LogWarning("parse child %d ended while idle (status %d); starting another", pid_, status);
    pid_ = -1;
    Stop();  // closes the pipes
  }
  return pid_ > 0 ? absl::OkStatus() : Start();
}

absl::Status ParseChild::Start() {
  IgnoreSigpipe();
  int in_pipe[2] = {-1, -1}, out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
  if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 ||
      ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
      if (fd >= 0) ::close(fd);
    }
    return absl::InternalError(std::string("pipe failed: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  std::vector<std::string> args = {exe_,
                                   "parse-server",
                                   "--memory-mb",
                                   std::to_string(limits_.memory_mb),
                                   "--cpu-seconds",
                                   std::to_string(limits_.cpu_seconds)};
  if (limits_.test_faults) args.push_back("--test-faults");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, exe_.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  for (int fd : {in_pipe[0], out_pipe[1], err_pipe[1]}) ::close(fd);
  if (spawned != 0) {
    for (int fd : {in_pipe[1], out_pipe[0], err_pipe[0]}) ::close(fd);
    return absl::InternalError(absl::StrCat("cannot run the parser: ", std::strerror(spawned)));
  }
  pid_ = pid;
  in_fd_ = in_pipe[1];
  out_fd_ = out_pipe[0];
  err_fd_ = err_pipe[0];
  for (int fd : {in_fd_, out_fd_, err_fd_}) ::fcntl(fd, F_SETFL, O_NONBLOCK);
  files_ = 0;
  replace_why_.clear();
  ++starts_;
  LogInfo("parse child started (pid %d)", pid_);
  return absl::OkStatus();
}

int ParseChild::Stop(milliseconds grace) {
  int status = 0;
  if (pid_ > 0) {
    const auto deadline = Clock::now() + grace;
    pid_t reaped = 0;
    while ((reaped = ::waitpid(pid_, &status, WNOHANG)) == 0 && Clock::now() < deadline) {
      std::this_thread::sleep_for(milliseconds(2));
    }
    if (reaped == 0) {
      ::kill(pid_, SIGKILL);
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
    }
  }
  for (int* fd : {&in_fd_, &out_fd_, &err_fd_}) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
  }
  pid_ = -1;
  files_ = 0;
  replace_why_.clear();
  return status;
}

}  // namespace briefsearch::pipeline
