// Small POSIX file helpers with explicit durability: what they promise is on disk when they return
// OK has been fsynced, including the directory entry.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace briefsearch {

// Maps an errno value to a Status: ENOSPC/EDQUOT -> RESOURCE_EXHAUSTED, ENOENT -> NOT_FOUND,
// EACCES/EPERM -> PERMISSION_DENIED, everything else -> INTERNAL. `what` names the operation.
absl::Status ErrnoStatus(int err, std::string_view what);

// Reads a whole regular file. Fails with FAILED_PRECONDITION when it is larger than `max_bytes`.
absl::StatusOr<std::string> ReadFileLimited(const std::string& path, uint64_t max_bytes);

// Writes `content` to `path` through a temporary file, fsync, rename and a directory fsync.
absl::Status WriteFileDurably(const std::string& path, std::string_view content);

// fsyncs a file's data and metadata; the error (EIO, ENOSPC) is reported, not swallowed.
absl::Status FsyncFile(const std::string& path);

// fsyncs a directory so that creates, renames and unlinks inside it survive a power cut.
absl::Status FsyncDirectory(const std::string& dir);

// Creates `dir` and its parents (mode 0755) if missing.
absl::Status MakeDirs(const std::string& dir);

}  // namespace briefsearch
