#include "server/index/deferred_check.h"

#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "common/files.h"
#include "common/log.h"
#include "common/status_macros.h"

namespace briefsearch::index {
namespace {

// Big reads: a few system calls per segment file, and sequential I/O the disk reads fastest.
constexpr size_t kChunkBytes = size_t{8} << 20;

// From linux/ioprio.h (not in glibc): the idle class gets the disk only when no one else wants it.
constexpr int kIoprioWhoProcess = 1;
constexpr int kIoprioClassIdle = 3;
constexpr int kIoprioClassShift = 13;

// The check must not starve searches: nice 19 for its CPU (CRC-32C is cheap: this is for the
// page faults and copies), the idle I/O class for the disk. Both apply to this thread only. Either
// may be refused or ignored (the I/O scheduler "none" has no classes); the check runs regardless.
void LowerThisThreadsPriority() {
  const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
  if (::setpriority(PRIO_PROCESS, tid, 19) != 0) LogWarning("deferred check: nice 19 refused");
  if (::syscall(SYS_ioprio_set, kIoprioWhoProcess, tid, kIoprioClassIdle << kIoprioClassShift) !=
      0) {
    LogWarning("deferred check: idle I/O priority refused");
  }
}

}  // namespace

DeferredCheck::DeferredCheck(std::string index_dir, std::string segments_file,
                             std::vector<FileChecksum> files)
    : index_dir_(std::move(index_dir)),
      segments_file_(std::move(segments_file)),
      files_(std::move(files)) {}

DeferredCheck::~DeferredCheck() { Cancel(); }

void DeferredCheck::Start(Done done) {
  thread_ = std::thread([this, done = std::move(done)] {
    pthread_setname_np(pthread_self(), "bs-verify");
    LowerThisThreadsPriority();
    Run(done);
  });
}

void DeferredCheck::Cancel() {
  cancel_ = true;
  if (thread_.joinable()) thread_.join();
}

void DeferredCheck::Run(const Done& done) {
  const auto started = std::chrono::steady_clock::now();
  int64_t bytes = 0;
  for (const FileChecksum& want : files_) bytes += want.size;
  LogInfo("checking %d files (%.0f MiB) of index commit %s against its checksums in the background",
          files_.size(), bytes / 1048576.0, segments_file_);
  for (const FileChecksum& want : files_) {
    absl::StatusOr<FileChecksum> got =
        ChecksumFile(index_dir_ + "/" + want.name, kChunkBytes, &cancel_);
    if (absl::IsCancelled(got.status())) return done(got.status());
    // The commit's files are kept on disk while the check runs (IndexManager pins the commit), so
    // a file that cannot be read is as damaged as one that reads wrong.
    absl::Status s =
        got.ok() ? CompareToManifest(segments_file_, want, *got)
                 : absl::DataLossError(absl::StrCat(segments_file_, ": ", got.status().message()));
    if (!s.ok()) return done(s);
  }
  LogInfo("index commit %s: %d files (%.0f MiB) match their checksums (%.1f s in the background)",
          segments_file_, files_.size(), bytes / 1048576.0,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  done(absl::OkStatus());
}

std::string CheckMarkerPath(const std::string& manifest_dir) { return manifest_dir + "/verifying"; }

absl::Status WriteCheckMarker(const std::string& manifest_dir, const std::string& segments_file) {
  RETURN_IF_ERROR(MakeDirs(manifest_dir));
  return WriteFileDurably(CheckMarkerPath(manifest_dir), segments_file + "\n");
}

absl::Status RemoveCheckMarker(const std::string& manifest_dir) {
  std::error_code ec;
  if (!std::filesystem::remove(CheckMarkerPath(manifest_dir), ec)) {
    return ec ? ErrnoStatus(ec.value(), "remove " + CheckMarkerPath(manifest_dir))
              : absl::OkStatus();
  }
  return FsyncDirectory(manifest_dir);
}

}  // namespace briefsearch::index
