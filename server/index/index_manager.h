// IndexManager owns the one Lucene++ IndexWriter of a data directory, its write-ahead log, and the
// near-real-time reader that searches use.
//
// What "acknowledged" means: when Upsert/Delete returns OK, the operation is in the fsynced
// write-ahead log (it survives kill -9 and power loss: it is replayed on the next start) and the
// reader that Snapshot() hands out already shows it. Lucene++ commits happen in the background
// (every commit_interval, or after commit_after_ops operations) and let the log be trimmed.
//
// Layout: DATA_DIR/LOCK (flock held while open), DATA_DIR/index (Lucene++), DATA_DIR/wal,
// DATA_DIR/checksums (a manifest per counted commit), DATA_DIR/damaged (commits moved aside).
//
// Thread-safety: all methods are safe to call concurrently. Writes are serialised by one mutex; a
// snapshot is immutable and may be used from any thread while newer ones are published.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/common/lucene.h"
#include "absl/status/statusor.h"
#include "briefsearch/v1/ingest.pb.h"
#include "server/analysis/analyzer.h"
#include "server/index/checked_directory.h"
#include "server/index/commit_manifest.h"
#include "server/index/data_dir_lock.h"
#include "server/index/wal.h"

namespace briefsearch::index {

struct IndexOptions {
  std::string data_dir;
  std::chrono::milliseconds commit_interval{2000};
  int64_t commit_after_ops = 1000;
  double ram_buffer_mb = 64.0;
  // After this long without a write, segments are merged down to `idle_merge_segments` in the
  // background (every search pays a term lookup per segment: one segment halved the CPU per
  // query at 10k articles). Zero turns it off. Writes go on while the merge runs.
  std::chrono::milliseconds merge_when_idle{60000};
  int idle_merge_segments = 1;
  // No merge writes a segment bigger than this (MMapDirectory keeps file lengths in 32 bits, so
  // every file must stay under 2 GB); an index bigger than it is never force-merged.
  int64_t max_segment_mb = 1536;
};

// Average token counts of the words fields over the articles of a snapshot (BM25's avgdl).
struct FieldAverages {
  double title_words = 1;
  double body_words = 1;
};

// One point-in-time view of the index. Holds a reference on its reader until destroyed.
struct IndexSnapshot {
  IndexSnapshot(Lucene::IndexReaderPtr r, int64_t gen, int64_t seq);
  ~IndexSnapshot();
  IndexSnapshot(const IndexSnapshot&) = delete;
  IndexSnapshot& operator=(const IndexSnapshot&) = delete;

  Lucene::IndexReaderPtr reader;
  Lucene::IndexSearcherPtr searcher;
  // The reader's segments in document order (the reader itself when it has none): per-segment
  // work adds each one's maxDoc to find the next one's first document.
  Lucene::Collection<Lucene::IndexReaderPtr> segments;
  int64_t generation;  // increases with every published snapshot (cache key)
  int64_t sequence;    // last log sequence this snapshot shows

  // Computed on first use from the per-segment FieldCache; thread-safe.
  const FieldAverages& averages() const;

 private:
  mutable std::once_flag averages_once_;
  mutable FieldAverages averages_;
};

struct RecoveryReport {
  int64_t committed_sequence = 0;  // what the Lucene++ commit held
  int64_t replayed = 0;            // log records applied on top
  int64_t torn_bytes_cut = 0;
  int64_t commits_skipped = 0;     // damaged newer commits passed over (0 when all is well)
};

class IndexManager {
 public:
  static absl::StatusOr<std::unique_ptr<IndexManager>> Open(const IndexOptions& options,
                                                            const analysis::Analyzer* analyzer);
  ~IndexManager();
  IndexManager(const IndexManager&) = delete;
  IndexManager& operator=(const IndexManager&) = delete;

  // `issue` must have passed ValidateAndNormalizeIssue.
  absl::StatusOr<v1::UpsertIssueResponse> Upsert(const v1::Issue& issue);
  // NOT_FOUND when no issue has this id.
  absl::StatusOr<v1::DeleteIssueResponse> Delete(const std::string& issue_id);

  std::shared_ptr<const IndexSnapshot> Snapshot() const;

  // Commits to Lucene++, fsyncs the index directory and trims the log. No-op when clean. When any
  // write or fsync fails during it, the commit does not count: the writer is rebuilt from the last
  // counted commit and the log (which is not trimmed), and the error is returned.
  absl::Status Commit();
  // Merges the index down to at most `max_segments` segments, then commits and publishes a new
  // snapshot. Every search pays a term lookup per segment, so a settled archive (after a bulk
  // load) answers faster merged; it costs a rewrite of the index, so it is for quiet times.
  // FAILED_PRECONDITION (nothing merged) when the index is bigger than one segment may be
  // (1.5 GB: MMapDirectory cannot read files of 2 GB): the merge policy then keeps it in segments
  // under that size.
  absl::Status ForceMerge(int max_segments);
  // Commits and closes the writer; later writes fail with UNAVAILABLE. Idempotent.
  absl::Status Close();

  const RecoveryReport& recovery() const { return recovery_; }
  int64_t IndexSizeBytes() const;
  int64_t PendingLogOps() const;
  int64_t LastSequence() const;

 private:
  IndexManager(IndexOptions options, const analysis::Analyzer* analyzer);
  absl::Status OpenWriterAndReplayLocked();
  absl::Status OpenNewestCommitAndReplayLocked();
  absl::Status RecoverWriterLocked();
  void DiscardUncountedCommitsLocked();
  absl::Status OpenWriterAtLocked(const Lucene::IndexCommitPtr& commit);
  int64_t UnlistedNewerCommits(const Lucene::Collection<Lucene::IndexCommitPtr>& commits);
  struct PendingWrite;
  absl::Status WriteGrouped(PendingWrite* w);
  absl::Status ApplyGroup(const std::vector<PendingWrite*>& group);
  // `docs` are the upsert's documents when already built, or null to build them from the record.
  absl::Status ApplyLocked(const WalRecord& record, const std::vector<Lucene::DocumentPtr>* docs,
                           bool* existed, int* deleted_articles);
  absl::Status PublishSnapshotLocked();
  absl::Status CommitLocked(bool force = false);
  absl::Status VerifyCommitLocked(const std::wstring& segments_file, int64_t generation,
                                  std::vector<std::string>* files);
  absl::Status CheckAgainstManifestLocked(const Lucene::IndexCommitPtr& commit);
  void CommitLoop();
  // One step of the idle merge (see IndexOptions::merge_when_idle), called by CommitLoop.
  struct IdleMergeState;
  void IdleMergeStepLocked(IdleMergeState* state);
  // OK when the segments of the last commit (what a full merge would write) fit in one segment of
  // IndexOptions::max_segment_mb; FAILED_PRECONDITION saying why not otherwise.
  absl::Status FitsOneSegmentLocked();

  const IndexOptions options_;
  const analysis::Analyzer* analyzer_;
  const std::string index_dir_;
  const std::string wal_dir_;
  std::unique_ptr<DataDirLock> lock_;

  mutable std::mutex mu_;  // guards everything below except snapshot_
  boost::shared_ptr<CheckedDirectory> directory_;
  // Null after a failed write whose rebuild failed too (say the disk is still full): searches keep
  // the last snapshot, and the next write or commit round rebuilds first.
  Lucene::IndexWriterPtr writer_;
  std::unique_ptr<WriteAheadLog> wal_;
  CommitManifests manifests_;
  bool started_ = false;  // Open finished: commits were checked against their manifests
  int64_t applied_sequence_ = 0;
  int64_t committed_sequence_ = 0;
  // Generation of the newest counted commit: a commit counts only when every write and fsync
  // during it succeeded. Newer segments_N files are from failed commits and are discarded.
  int64_t committed_generation_ = 0;
  int64_t trim_floor_ = 0;  // sequence of the older kept commit: the log is trimmed up to here
  int64_t generation_ = 0;
  bool closed_ = false;
  RecoveryReport recovery_;

  mutable std::mutex snapshot_mu_;  // guards snapshot_ only: readers never wait for a write
  std::shared_ptr<const IndexSnapshot> snapshot_;

  std::mutex queue_mu_;  // guards queue_: writes waiting for the group commit (see WriteGrouped)
  std::condition_variable queue_cv_;
  std::deque<PendingWrite*> queue_;

  std::condition_variable commit_cv_;
  bool stop_ = false;
  std::thread commit_thread_;
};

}  // namespace briefsearch::index
