// LD_PRELOAD fault shim for durability tests: makes fsync, writes and file growth fail on chosen
// files of a real briefsearchd, the way a dying disk or a full file system would.
//
// $BRIEFSEARCH_FAULTS names a control file, re-read whenever its inode, size or mtime changes (so a
// test can change the faults while the server runs: write a new file and rename it over the old).
// One rule a line; '#' starts a comment:
// clang-format off
//   fsync_eio <path-substring> [count]   fsync/fdatasync of a matching file fail with EIO
//   write_eio <path-substring> [count]   write/writev/pwrite/fwrite to a matching file fail with EIO
//   disk_quota <dir> <bytes>             any write, ftruncate or fallocate that grows a file under
//                                        <dir> while the files there already hold <bytes> or more
//                                        (plus the growth) fails with ENOSPC
// clang-format on
// `count` caps how many calls the rule fails (unlimited when absent); counters restart when the
// file changes. Every injected fault is appended to "<control file>.log" as "<rule> <path>\n", so
// a test can count them.
//
// The real functions come from dlsym(RTLD_NEXT). Lucene++'s SimpleFSIndexOutput writes through
// std::ofstream, which libstdc++ turns into write/writev calls through libc's exported symbols; the
// server's CheckedDirectory and write-ahead log use pwrite/fdatasync/fsync directly. fwrite is
// wrapped too because glibc's stdio writes through an internal, non-interposable write.
//
// Thread-safety: every entry point may be called from any thread; the rule table is guarded by one
// mutex, and no entry point calls another interposed function while holding it.
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

namespace {

// What an intercepted call does: kSync (fsync_eio), kWrite (write_eio and disk_quota), kGrow
// (ftruncate/fallocate: disk_quota only, so a write_eio rule never blocks cutting a file back).
enum class Op { kSync, kWrite, kGrow };
enum class Kind { kFsyncEio, kWriteEio, kDiskQuota };

struct Rule {
  Kind kind;
  std::string arg;     // path substring, or the quota directory with a trailing '/'
  int64_t limit = -1;  // fault count cap (-1: unlimited), or the quota in bytes
  int64_t fired = 0;
};

template <typename F>
F Real(const char* name) {
  return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

using WriteFn = ssize_t (*)(int, const void*, size_t);
using WritevFn = ssize_t (*)(int, const struct iovec*, int);
using PwriteFn = ssize_t (*)(int, const void*, size_t, off_t);
using Pwrite64Fn = ssize_t (*)(int, const void*, size_t, off64_t);
using SyncFn = int (*)(int);
using TruncFn = int (*)(int, off_t);
using Trunc64Fn = int (*)(int, off64_t);
using FallocFn = int (*)(int, int, off_t, off_t);
using Falloc64Fn = int (*)(int, int, off64_t, off64_t);
using PosixFallocFn = int (*)(int, off_t, off_t);
using FwriteFn = size_t (*)(const void*, size_t, size_t, FILE*);

pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
std::vector<Rule>* g_rules = nullptr;  // guarded by g_mu; leaked on purpose (used until exit)
struct stat g_seen {};                 // guarded by g_mu: the control file as last read

const char* ControlPath() {
  static const char* path = std::getenv("BRIEFSEARCH_FAULTS");
  return path != nullptr && *path != '\0' ? path : nullptr;
}

std::vector<Rule> Parse(const std::string& text) {
  std::vector<Rule> rules;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::string kind, arg;
    int64_t number = -1;
    if (!(words >> kind >> arg)) continue;
    if (!(words >> number)) number = -1;
    if (kind == "fsync_eio") {
      rules.push_back({Kind::kFsyncEio, arg, number});
    } else if (kind == "write_eio") {
      rules.push_back({Kind::kWriteEio, arg, number});
    } else if (kind == "disk_quota" && number >= 0) {
      if (arg.back() != '/') arg.push_back('/');
      rules.push_back({Kind::kDiskQuota, arg, number});
    }
  }
  return rules;
}

// Re-reads the control file when it changed. Called with g_mu held; uses only open/read/close,
// which the shim does not wrap.
void RefreshLocked() {
  if (g_rules == nullptr) g_rules = new std::vector<Rule>();
  const char* path = ControlPath();
  struct stat st {};
  if (path == nullptr || ::stat(path, &st) != 0) {
    g_rules->clear();
    g_seen = {};
    return;
  }
  if (st.st_ino == g_seen.st_ino && st.st_size == g_seen.st_size &&
      st.st_mtim.tv_sec == g_seen.st_mtim.tv_sec && st.st_mtim.tv_nsec == g_seen.st_mtim.tv_nsec) {
    return;
  }
  std::string text;
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof(buf))) > 0) text.append(buf, static_cast<size_t>(n));
    ::close(fd);
  }
  *g_rules = Parse(text);
  g_seen = st;
}

std::string FdPath(int fd) {
  char link[64];
  std::snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
  char target[4096];
  const ssize_t n = ::readlink(link, target, sizeof(target) - 1);
  if (n <= 0 || target[0] != '/') return {};  // sockets, pipes, eventfds: never faulted
  return std::string(target, static_cast<size_t>(n));
}

int64_t BytesUnder(const std::string& dir) {
  int64_t total = 0;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return 0;
  while (const dirent* e = ::readdir(d)) {
    if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
    const std::string path = dir + e->d_name;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) total += BytesUnder(path + "/");
    if (S_ISREG(st.st_mode)) total += st.st_size;
  }
  ::closedir(d);
  return total;
}

void LogFault(const char* rule, const std::string& path) {
  const std::string log = std::string(ControlPath()) + ".log";
  const std::string line = std::string(rule) + " " + path + "\n";
  const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  static const WriteFn real_write = Real<WriteFn>("write");
  (void)real_write(fd, line.data(), line.size());
  ::close(fd);
}

// The errno to fail an operation on `fd` with, or 0 to let it through (errno untouched).
// `growth()` is how many bytes the operation would add to the file; only disk_quota asks.
template <typename GrowthFn>
int Decide(Op op, int fd, const GrowthFn& growth) {
  if (ControlPath() == nullptr) return 0;
  const int saved_errno = errno;
  const std::string path = FdPath(fd);
  const std::string log = std::string(ControlPath()) + ".log";
  int err = 0;
  const char* name = "";
  if (!path.empty() && path != log && path != ControlPath()) {
    pthread_mutex_lock(&g_mu);
    RefreshLocked();
    for (Rule& rule : *g_rules) {
      if (rule.kind == Kind::kDiskQuota) {
        if (op == Op::kSync || path.rfind(rule.arg, 0) != 0) continue;
        const int64_t grows = growth();
        if (grows <= 0 || BytesUnder(rule.arg) + grows <= rule.limit) continue;
        err = ENOSPC;
        name = "disk_quota";
      } else {
        const bool applies = rule.kind == Kind::kFsyncEio ? op == Op::kSync : op == Op::kWrite;
        if (!applies || path.find(rule.arg) == std::string::npos) continue;
        if (rule.limit >= 0 && rule.fired >= rule.limit) continue;
        ++rule.fired;
        err = EIO;
        name = rule.kind == Kind::kFsyncEio ? "fsync_eio" : "write_eio";
      }
      break;
    }
    pthread_mutex_unlock(&g_mu);
  }
  if (err != 0) LogFault(name, path);
  errno = saved_errno;
  return err;
}

int64_t FileSize(int fd) {
  struct stat st {};
  return ::fstat(fd, &st) == 0 ? st.st_size : 0;
}

// Bytes a write of `n` at `offset` (-1: the current position, or the end for O_APPEND) adds.
int64_t Growth(int fd, int64_t offset, int64_t n) {
  if (offset < 0) {
    const int flags = ::fcntl(fd, F_GETFL);
    offset = (flags >= 0 && (flags & O_APPEND) != 0) ? FileSize(fd) : ::lseek(fd, 0, SEEK_CUR);
    if (offset < 0) return 0;
  }
  return offset + n - FileSize(fd);
}

int64_t IovBytes(const struct iovec* iov, int count) {
  int64_t n = 0;
  for (int i = 0; i < count; ++i) n += static_cast<int64_t>(iov[i].iov_len);
  return n;
}

template <typename R>
R Fail(int err, R value) {
  errno = err;
  return value;
}

}  // namespace

extern "C" {

ssize_t write(int fd, const void* buf, size_t n) {
  static const WriteFn real = Real<WriteFn>("write");
  if (int err = Decide(Op::kWrite, fd, [&] { return Growth(fd, -1, static_cast<int64_t>(n)); })) {
    return Fail<ssize_t>(err, -1);
  }
  return real(fd, buf, n);
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
  static const WritevFn real = Real<WritevFn>("writev");
  if (int err = Decide(Op::kWrite, fd, [&] { return Growth(fd, -1, IovBytes(iov, count)); })) {
    return Fail<ssize_t>(err, -1);
  }
  return real(fd, iov, count);
}

ssize_t pwrite(int fd, const void* buf, size_t n, off_t offset) {
  static const PwriteFn real = Real<PwriteFn>("pwrite");
  if (int err =
          Decide(Op::kWrite, fd, [&] { return Growth(fd, offset, static_cast<int64_t>(n)); })) {
    return Fail<ssize_t>(err, -1);
  }
  return real(fd, buf, n, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t n, off64_t offset) {
  static const Pwrite64Fn real = Real<Pwrite64Fn>("pwrite64");
  if (int err =
          Decide(Op::kWrite, fd, [&] { return Growth(fd, offset, static_cast<int64_t>(n)); })) {
    return Fail<ssize_t>(err, -1);
  }
  return real(fd, buf, n, offset);
}

size_t fwrite(const void* buf, size_t size, size_t count, FILE* stream) {
  static const FwriteFn real = Real<FwriteFn>("fwrite");
  const int fd = fileno(stream);
  if (fd >= 0) {
    const auto n = static_cast<int64_t>(size * count);
    if (int err = Decide(Op::kWrite, fd, [&] { return Growth(fd, -1, n); }))
      return Fail<size_t>(err, 0);
  }
  return real(buf, size, count, stream);
}

int fsync(int fd) {
  static const SyncFn real = Real<SyncFn>("fsync");
  if (int err = Decide(Op::kSync, fd, [] { return int64_t{0}; })) return Fail(err, -1);
  return real(fd);
}

int fdatasync(int fd) {
  static const SyncFn real = Real<SyncFn>("fdatasync");
  if (int err = Decide(Op::kSync, fd, [] { return int64_t{0}; })) return Fail(err, -1);
  return real(fd);
}

int ftruncate(int fd, off_t length) {
  static const TruncFn real = Real<TruncFn>("ftruncate");
  if (int err = Decide(Op::kGrow, fd, [&] { return length - FileSize(fd); })) return Fail(err, -1);
  return real(fd, length);
}

int ftruncate64(int fd, off64_t length) {
  static const Trunc64Fn real = Real<Trunc64Fn>("ftruncate64");
  if (int err = Decide(Op::kGrow, fd, [&] { return length - FileSize(fd); })) return Fail(err, -1);
  return real(fd, length);
}

int fallocate(int fd, int mode, off_t offset, off_t length) {
  static const FallocFn real = Real<FallocFn>("fallocate");
  if (int err = Decide(Op::kGrow, fd, [&] { return offset + length - FileSize(fd); }))
    return Fail(err, -1);
  return real(fd, mode, offset, length);
}

int fallocate64(int fd, int mode, off64_t offset, off64_t length) {
  static const Falloc64Fn real = Real<Falloc64Fn>("fallocate64");
  if (int err = Decide(Op::kGrow, fd, [&] { return offset + length - FileSize(fd); }))
    return Fail(err, -1);
  return real(fd, mode, offset, length);
}

int posix_fallocate(int fd, off_t offset, off_t length) {
  static const PosixFallocFn real = Real<PosixFallocFn>("posix_fallocate");
  // posix_fallocate reports the error as its result, not through errno.
  if (int err = Decide(Op::kGrow, fd, [&] { return offset + length - FileSize(fd); })) return err;
  return real(fd, offset, length);
}

}  // extern "C"
