// An exclusive flock(2) on DATA_DIR/LOCK held for the daemon's lifetime. Lucene++'s own write.lock
// does not hold across processes on Linux (NativeFSLockFactory drops the fcntl lock), so this is what
// keeps a second briefsearchd off the same index.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace briefsearch::index {

class DataDirLock {
 public:
  // FAILED_PRECONDITION naming the holder's pid when another process holds the lock.
  static absl::StatusOr<std::unique_ptr<DataDirLock>> Acquire(const std::string& data_dir);
  ~DataDirLock();
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace briefsearch::index
