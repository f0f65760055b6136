// Write-ahead log of ingest operations (the Elasticsearch translog idea).
//
// Every UpsertIssue/DeleteIssue is appended and fsynced here before it touches the Lucene++ writer
// and before it is acknowledged. Lucene++ commits record the last sequence they contain; on start the
// records after it are replayed, and after each commit the covered segments are deleted.
//
// On disk: DIR/wal-<first sequence, 20 digits>.log, each a header line then records
//   u32 length (of what follows the crc) | u32 crc32 (zlib) | u64 sequence | u8 type | payload
// little-endian. A record that is cut short or fails its checksum at the end of the newest segment
// is a torn write from a crash before the fsync returned (never acknowledged): it is cut off.
// The same damage anywhere else is corruption and fails Open.
//
// Thread-safety: not thread-safe; IndexManager serialises all calls under its writer mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace briefsearch::index {

enum class WalOp : uint8_t { kUpsert = 1, kDelete = 2 };

struct WalRecord {
  int64_t sequence = 0;
  WalOp op = WalOp::kUpsert;
  std::string payload;  // a serialized v1::Issue for kUpsert, the issue id for kDelete
};

struct WalRecovery {
  std::vector<WalRecord> records;  // every intact record, in sequence order
  int64_t torn_bytes_cut = 0;      // bytes cut off the tail of the newest segment
};

class WriteAheadLog {
 public:
  ~WriteAheadLog();
  WriteAheadLog(const WriteAheadLog&) = delete;
  WriteAheadLog& operator=(const WriteAheadLog&) = delete;

  // Opens (creating) the log in `dir`, reads every record into `recovery`, and positions for
  // appending after the last intact one. `min_sequence` is the lowest sequence to hand out next
  // (the index's committed sequence + 1 when the log is empty).
  static absl::StatusOr<std::unique_ptr<WriteAheadLog>> Open(const std::string& dir,
                                                             int64_t min_sequence,
                                                             WalRecovery* recovery);

  // Appends one record and fsyncs it. Returns its sequence. On failure nothing is acknowledged and
  // the partial bytes are truncated away; RESOURCE_EXHAUSTED when the disk is full.
  absl::StatusOr<int64_t> Append(WalOp op, const std::string& payload);
  // Appends `records` (their sequence fields are ignored) with one fsync: all or none. Returns the
  // sequence of the first; the others follow consecutively.
  absl::StatusOr<int64_t> AppendBatch(const std::vector<WalRecord>& records);

  // Makes `sequence` the next one handed out when it is higher (the index commit may be newer than
  // what the log still holds after trimming).
  absl::Status SkipTo(int64_t sequence);

  // Called after each Lucene++ commit, with `sequence` the highest record no longer needed (the
  // older kept commit's): starts a new segment when the current one holds records, and deletes the
  // segments wholly covered.
  absl::Status TrimThrough(int64_t sequence);

  int64_t last_sequence() const { return next_sequence_ - 1; }
  // Records appended since the last TrimThrough.
  int64_t pending() const { return next_sequence_ - trimmed_through_ - 1; }

 private:
  WriteAheadLog(std::string dir, int64_t next_sequence);
  absl::Status StartSegment();

  std::string dir_;
  int fd_ = -1;
  std::string segment_path_;
  int64_t segment_size_ = 0;
  int64_t next_sequence_;
  int64_t trimmed_through_ = 0;
};

}  // namespace briefsearch::index
