// DeferredCheck: reads the big files of the commit opened at start-up on a background thread, at
// the lowest CPU and I/O priority, and compares them to the manifest lines that
// CommitManifests::Verify left for later (see IndexOptions::verify_sync_max_mb). Start-up then
// waits only for segments_N, the small files and the sizes of the big ones.
//
// Crash-loop safety: a marker file, DATA_DIR/checksums/verifying, is written and fsynced before
// anything reads the unchecked files (by IndexManager::Open, before the thread starts) and removed
// once the check is over. Found at start-up, it means the previous process died before the check
// ended (reading the damaged file may be what killed it): IndexManager then reads every file of the
// commit before serving, as it did before checks were deferred.
//
// Thread-safety: Start, Cancel and the destructor are called by the owner's thread(s), not from
// `done`; `done` runs once, on the check's thread, with no lock of DeferredCheck held.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "server/index/commit_manifest.h"

namespace briefsearch::index {

class DeferredCheck {
 public:
  // OK when every file matches; DATA_LOSS naming the commit and the first file that does not (or
  // cannot be read); CANCELLED when Cancel came first.
  using Done = std::function<void(const absl::Status&)>;

  // `files` are lines of the manifest of `segments_file`, in the index directory `index_dir`.
  DeferredCheck(std::string index_dir, std::string segments_file, std::vector<FileChecksum> files);
  ~DeferredCheck();  // Cancel()
  DeferredCheck(const DeferredCheck&) = delete;
  DeferredCheck& operator=(const DeferredCheck&) = delete;

  void Start(Done done);
  // Stops the check between two reads and joins its thread: `done` has returned (or will never
  // run) when this returns. Idempotent.
  void Cancel();

 private:
  void Run(const Done& done);

  const std::string index_dir_;
  const std::string segments_file_;
  const std::vector<FileChecksum> files_;
  std::atomic<bool> cancel_{false};
  std::thread thread_;
};

// The marker of a running check, in the manifest directory.
std::string CheckMarkerPath(const std::string& manifest_dir);
// Writes the marker (naming `segments_file`, for whoever reads it) durably.
absl::Status WriteCheckMarker(const std::string& manifest_dir, const std::string& segments_file);
// Removes the marker, durably; OK when there is none.
absl::Status RemoveCheckMarker(const std::string& manifest_dir);

}  // namespace briefsearch::index
