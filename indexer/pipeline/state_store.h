// What the indexer remembers about each file of the drop folder, so that a restart neither skips
// nor repeats work. Kept in STATE_DIR/state.jsonl: an append-only journal of JSON lines, each
// fsynced before the call returns, compacted on open. A torn last line (crash mid-append) is
// ignored. STATE_DIR/quarantine.json mirrors the quarantined entries for people to read.
//
// Thread-safety: not thread-safe; the pipeline's worker thread owns it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace briefsearch::pipeline {

struct FileRecord {
  // kSending: recorded before the upsert is sent, so that a crash between the server's
  // acknowledgement and the kIndexed record cannot leave an issue on the server that no record
  // names (its file removed while the indexer was down would never be deleted there). A file in
  // this state may or may not be on the server: it is indexed again if present, deleted if gone.
  enum class Status { kIndexed, kQuarantined, kDuplicate, kSending };
  Status status = Status::kIndexed;
  std::string content_hash;  // sha256 hex of the bytes last seen
  int64_t size = 0;
  int64_t mtime_ns = 0;
  std::string issue_id;      // kIndexed: the id the server acknowledged; kSending: the id sent
  std::string reason;        // kQuarantined: one line
  std::string duplicate_of;  // kDuplicate: the path that holds the same content
  int articles = 0;
};

const char* StatusName(FileRecord::Status s);

// The server may hold this file's issue (indexed, or sent without a recorded answer).
inline bool MayBeOnServer(const FileRecord& r) {
  return r.status == FileRecord::Status::kIndexed || r.status == FileRecord::Status::kSending;
}

class StateStore {
 public:
  static absl::StatusOr<std::unique_ptr<StateStore>> Open(const std::string& state_dir);
  ~StateStore();

  const std::map<std::string, FileRecord>& files() const { return files_; }
  const FileRecord* Find(const std::string& path) const;
  // The indexed path whose content has this hash, if any.
  std::optional<std::string> IndexedPathWithHash(const std::string& hash) const;

  absl::Status Put(const std::string& path, const FileRecord& record);
  absl::Status Remove(const std::string& path);

 private:
  explicit StateStore(std::string dir) : dir_(std::move(dir)) {}
  absl::Status Append(const std::string& line);
  absl::Status WriteQuarantineView() const;

  std::string dir_;
  int fd_ = -1;
  std::map<std::string, FileRecord> files_;
};

}  // namespace briefsearch::pipeline
