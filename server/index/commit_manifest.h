// Checksums of the files of every counted commit: DATA_DIR/checksums/segments_N.crc.
//
// Lucene++ 3.0 data files carry no checksum: a flipped byte, or a file left short by a power cut,
// would be read as data. After a commit counts, its manifest lists each of its files with size and
// CRC-32C (ISA-L); on start the commit about to be opened is checked against its manifest first,
// and one that fails is moved aside (DATA_DIR/damaged) so the previous commit and the log are used.
//
// A manifest is one line per file, "<name> <size> <crc32c, 8 hex digits>", written to a temporary
// file, fsynced and renamed into place, then the directory is fsynced.
//
// Reading a large index whole takes seconds (8.5 GB at 1M articles), so Verify can leave the big
// files' checksums to a later, background check (deferred_check.h) and only check their sizes.
//
// Thread-safety: CommitManifests is not thread-safe; IndexManager calls it under its writer mutex.
// FileChecksum and ChecksumFile are safe from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace briefsearch::index {

// One line of a manifest.
struct FileChecksum {
  std::string name;  // relative to the index directory
  int64_t size = 0;
  uint32_t crc = 0;  // CRC-32C
};

// Reads `path` in `chunk_bytes` reads and returns its size and CRC-32C. CANCELLED when `cancel` is
// set between two reads.
absl::StatusOr<FileChecksum> ChecksumFile(const std::string& path, size_t chunk_bytes = 1 << 20,
                                          const std::atomic<bool>* cancel = nullptr);

// OK when `got` has the size and checksum `want` (a manifest line of commit `segments_file`);
// DATA_LOSS saying which file differs and how otherwise.
absl::Status CompareToManifest(const std::string& segments_file, const FileChecksum& want,
                               const FileChecksum& got);

class CommitManifests {
 public:
  CommitManifests(std::string index_dir, std::string manifest_dir);

  // Records the commit whose segments file is `segments_file` and whose files (segments_file among
  // them) are `files`, then deletes manifests of commits no longer in the index directory.
  absl::Status Write(const std::string& segments_file, const std::vector<std::string>& files);

  // OK when every file listed for the commit has its size and checksum, and also when neither it
  // nor any older commit has a manifest (written before manifests existed). DATA_LOSS naming the
  // first mismatch, or when an older commit has a manifest and this one has none: it never counted.
  //
  // With `deferred` given, only files of at most `sync_max_bytes` (and segments_file) are read; a
  // bigger file is only checked for its size (a short file is still DATA_LOSS here) and its
  // manifest line is appended to `deferred`, for the caller to check later. Until then the
  // manifest's checksum stands for the file in the manifests of later commits.
  absl::Status Verify(const std::string& segments_file, int64_t sync_max_bytes = INT64_MAX,
                      std::vector<FileChecksum>* deferred = nullptr);

  // Drops the remembered checksums: after a failed commit is undone, Lucene++ reuses its file
  // names.
  void Forget() { known_.clear(); }

 private:
  absl::StatusOr<std::pair<int64_t, uint32_t>> SizeAndCrc(const std::string& name);
  std::string ManifestPath(const std::string& segments_file) const;

  std::string index_dir_;
  std::string manifest_dir_;
  // Lucene++ never rewrites a file under the same name: checksums are computed once per file.
  std::map<std::string, std::pair<int64_t, uint32_t>> known_;
};

}  // namespace briefsearch::index
