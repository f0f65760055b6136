// The drop folder as the indexer sees it: every look and every read is resolved relative to a
// descriptor of the folder, one path component at a time with O_NOFOLLOW, so that nothing outside
// the folder is ever read: not through a symlinked file, not through a symlinked or swapped-in
// directory, not through "..". Only regular files are opened, and only after a no-follow stat
// said so (opening a device can have effects; a FIFO is opened O_NONBLOCK as well, so a race that
// swaps one in cannot block the indexer).
//
// Thread-safety: const methods are safe from any thread; the descriptor lives as long as the object.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace briefsearch::pipeline {

struct EntryInfo {
  bool exists = false;
  bool regular = false;
  const char* kind = "";  // "a file", "a symbolic link", "a FIFO", ... for quarantine reasons
  int64_t size = 0;
  int64_t mtime_ns = 0;
};

class DropFolder {
 public:
  // Opens `root` (which itself may be reached through symlinks: the user chose it).
  static absl::StatusOr<std::unique_ptr<DropFolder>> Open(const std::string& root);
  ~DropFolder();
  DropFolder(const DropFolder&) = delete;
  DropFolder& operator=(const DropFolder&) = delete;

  // What `relative` is, without following any symlink on the way. A path that would leave the
  // folder ("..", absolute, or through a symlinked directory) does not exist as far as we care.
  EntryInfo Stat(const std::string& relative) const;

  // The bytes of the regular file `relative`. NOT_FOUND when gone; FAILED_PRECONDITION with a
  // one-line reason when it is not a regular file, is reached through a symlink, or is larger than
  // `max_bytes`.
  absl::StatusOr<std::string> Read(const std::string& relative, uint64_t max_bytes) const;

 private:
  explicit DropFolder(int fd) : fd_(fd) {}
  // A descriptor of the directory holding `relative`'s last component, and that component.
  absl::StatusOr<int> OpenParent(const std::string& relative, std::string* leaf) const;

  int fd_;
};

}  // namespace briefsearch::pipeline
