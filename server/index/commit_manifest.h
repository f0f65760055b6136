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
// Thread-safety: not thread-safe; IndexManager calls it under its writer mutex.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace briefsearch::index {

class CommitManifests {
 public:
  CommitManifests(std::string index_dir, std::string manifest_dir);

  // Records the commit whose segments file is `segments_file` and whose files (segments_file among
  // them) are `files`, then deletes manifests of commits no longer in the index directory.
  absl::Status Write(const std::string& segments_file, const std::vector<std::string>& files);

  // OK when every file listed for the commit has its size and checksum, and also when neither it
  // nor any older commit has a manifest (written before manifests existed). DATA_LOSS naming the
  // first mismatch, or when an older commit has a manifest and this one has none: it never counted.
  absl::Status Verify(const std::string& segments_file);

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
