#include "indexer/pipeline/drop_folder.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "common/files.h"

namespace briefsearch::pipeline {
namespace {

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

const char* KindOf(mode_t mode) {
  return S_ISLNK(mode)    ? "a symbolic link"
         : S_ISDIR(mode)  ? "a directory"
         : S_ISFIFO(mode) ? "a FIFO"
         : S_ISSOCK(mode) ? "a socket"
         : S_ISREG(mode)  ? "a file"
                          : "a device file";
}

int64_t MtimeNs(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

}  // namespace

absl::StatusOr<std::unique_ptr<DropFolder>> DropFolder::Open(const std::string& root) {
  const int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, "open " + root);
  return std::unique_ptr<DropFolder>(new DropFolder(fd));
}

DropFolder::~DropFolder() { ::close(fd_); }

absl::StatusOr<int> DropFolder::OpenParent(const std::string& relative, std::string* leaf) const {
  int dir = ::dup(fd_);
  if (dir < 0) return ErrnoStatus(errno, "dup");
  size_t start = 0;
  while (true) {
    const size_t slash = relative.find('/', start);
    const std::string part = relative.substr(start, slash == std::string::npos ? slash : slash - start);
    if (part.empty() || part == "." || part == "..") {
      ::close(dir);
      return absl::NotFoundError("path leaves the drop folder");
    }
    if (slash == std::string::npos) {
      *leaf = part;
      return dir;
    }
    // O_NOFOLLOW|O_DIRECTORY: a symlinked directory fails with ELOOP or ENOTDIR.
    const int next = ::openat(dir, part.c_str(), kDirFlags);
    const int err = errno;
    ::close(dir);
    if (next < 0) return ErrnoStatus(err == ENOTDIR || err == ELOOP ? ENOENT : err, "open " + part);
    dir = next;
    start = slash + 1;
  }
}

EntryInfo DropFolder::Stat(const std::string& relative) const {
  EntryInfo info;
  std::string leaf;
  auto dir = OpenParent(relative, &leaf);
  if (!dir.ok()) return info;
  const int parent = *dir;
  absl::Cleanup close_parent = [parent] { ::close(parent); };
  struct stat st {};
  if (::fstatat(parent, leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return info;
  info.exists = true;
  info.regular = S_ISREG(st.st_mode);
  info.kind = KindOf(st.st_mode);
  info.size = st.st_size;
  info.mtime_ns = MtimeNs(st);
  return info;
}

absl::StatusOr<std::string> DropFolder::Read(const std::string& relative, uint64_t max_bytes) const {
  std::string leaf;
  auto dir = OpenParent(relative, &leaf);
  if (!dir.ok()) return dir.status();
  const int parent = *dir;
  absl::Cleanup close_parent = [parent] { ::close(parent); };
  struct stat before {};
  if (::fstatat(parent, leaf.c_str(), &before, AT_SYMLINK_NOFOLLOW) != 0) {
    return ErrnoStatus(errno, "stat " + relative);
  }
  if (!S_ISREG(before.st_mode)) {
    return absl::FailedPreconditionError(absl::StrCat("not a regular file: ", KindOf(before.st_mode)));
  }
  if (static_cast<uint64_t>(before.st_size) > max_bytes) {
    return absl::FailedPreconditionError(absl::StrCat("file too large: ", before.st_size,
                                                      " bytes, limit ", max_bytes));
  }
  const int file = ::openat(parent, leaf.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (file < 0) {
    if (errno == ELOOP) return absl::FailedPreconditionError("not a regular file: a symbolic link");
    return ErrnoStatus(errno, "open " + relative);
  }
  absl::Cleanup close_file = [file] { ::close(file); };
  struct stat st {};
  if (::fstat(file, &st) != 0) return ErrnoStatus(errno, "stat " + relative);
  // Swapped between the stat and the open: judge what was opened.
  if (!S_ISREG(st.st_mode) || st.st_ino != before.st_ino || st.st_dev != before.st_dev) {
    return absl::UnavailableError("replaced while being opened");
  }
  std::string out;
  char buf[65536];
  while (true) {
    const ssize_t n = ::read(file, buf, sizeof(buf));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(errno, "read " + relative);
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > max_bytes) {
      return absl::FailedPreconditionError(absl::StrCat("file too large: over the limit of ", max_bytes, " bytes"));
    }
  }
  return out;
}

}  // namespace briefsearch::pipeline
