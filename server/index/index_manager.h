// IndexManager owns the one Lucene++ IndexWriter of a data directory, its write-ahead log, and the
// near-real-time reader that searches use.
//
// What "acknowledged" means: when Upsert/Delete returns OK, the operation is in the fsynced
// write-ahead log (it survives kill -9 and power loss: it is replayed on the next start) and the
// reader that Snapshot() hands out already shows it. Lucene++ commits happen in the background
// (every commit_interval, or after commit_after_ops operations) and let the log be trimmed.
//
// Layout: DATA_DIR/LOCK (flock held while open), DATA_DIR/index (Lucene++), DATA_DIR/wal,
// DATA_DIR/checksums (a manifest per counted commit, and the marker of a running deferred check),
// DATA_DIR/damaged (commits moved aside).
//
// Thread-safety: all methods are safe to call concurrently. Writes are serialised by one mutex; a
// snapshot is immutable and may be used from any thread while newer ones are published.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
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
#include "server/index/deferred_check.h"
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
  // Open reads the files of the commit it opens up to this size to check them against the
  // commit's checksum manifest; bigger ones (the large, immutable segment files: reading them all
  // took most of a 6.75 s cold start at 1M articles) only have their sizes checked, and their
  // checksums are checked by StartDeferredCheck once the index serves. 0: everything but
  // segments_N later; a huge value: everything before Open returns.
  int64_t verify_sync_max_mb = 64;
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

// Where the checksum check of the commit opened at start-up stands.
struct ChecksumState {
  // Every file of the index the server has opened has been read and matched its manifest.
  bool verified = false;
  // Commits the deferred check found damaged (and set aside) since start-up, and what it found.
  int64_t damage_detected = 0;
  std::string last_damage;
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
  // The generation of the snapshot Snapshot() would return (0 before the first), without taking a
  // reference to it: for a cache lookup on a thread that must not touch Lucene++ objects.
  int64_t SnapshotGeneration() const;

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

  // Checks the files Open left unchecked (see IndexOptions::verify_sync_max_mb) on a background
  // thread at low priority; call once, when the index serves. When a file does not match, that
  // commit and every later one are set aside and the index is reopened as Open would have (the
  // previous commit, checked in full, plus the log; or the log alone), under the writer mutex:
  // writes wait, searches go on with the current snapshot. When that is impossible (DATA_LOSS),
  // `on_data_loss` is called with it, on the check's thread. A no-op when nothing was left. Until
  // the check has passed, the commit before the one opened and the log after it are kept (so are
  // all commits made meanwhile): an owner that never calls this keeps them all.
  void StartDeferredCheck(std::function<void(const absl::Status&)> on_data_loss = nullptr);
  ChecksumState checksums() const;

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
  // `existed` and `deleted_articles` (answers from the current snapshot) may be null.
  absl::Status ApplyLocked(const WalRecord& record, const std::vector<Lucene::DocumentPtr>* docs,
                           bool* existed, int* deleted_articles);
  absl::Status PublishSnapshotLocked();
  absl::Status CommitLocked(bool force = false);
  absl::Status VerifyCommitLocked(const std::wstring& segments_file, int64_t generation,
                                  std::vector<std::string>* files);
  absl::Status CheckAgainstManifestLocked(const Lucene::IndexCommitPtr& commit);
  void SetAsideLocked(const std::string& segments_file, const std::string& why);
  // Start-up checks: which, before Open opens the index; what is left, after.
  void ChooseStartupCheckLocked();
  void FinishStartupCheckLocked();
  void OnDeferredCheckDone(const absl::Status& result);
  absl::Status RecoverFromDamageLocked(const absl::Status& damage);
  void EndDeferredCheckLocked(bool verified);
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
  const std::string manifest_dir_;
  std::unique_ptr<DataDirLock> lock_;

  mutable std::mutex mu_;  // guards everything below except snapshot_
  boost::shared_ptr<CheckedDirectory> directory_;
  // Null after a failed write whose rebuild failed too (say the disk is still full): searches keep
  // the last snapshot, and the next write or commit round rebuilds first.
  Lucene::IndexWriterPtr writer_;
  std::unique_ptr<WriteAheadLog> wal_;
  CommitManifests manifests_;
  // How OpenNewestCommitAndReplayLocked checks a commit against its manifest: files up to this
  // many bytes are read, bigger ones left in deferred_files_; -1: not at all (after start-up, a
  // rebuild reopens a commit this process checked).
  int64_t check_sync_max_bytes_ = -1;
  std::string deferred_commit_;  // the commit opened at start-up, while its check is deferred
  int64_t deferred_generation_ = 0;
  std::vector<FileChecksum> deferred_files_;
  // While the deferred check runs: commits from this generation on are kept (see
  // KeepLastCommitsPolicy) and the log after this sequence, so that a failed check can fall back
  // to what start-up would have. INT64_MAX when nothing is pinned.
  std::atomic<int64_t> keep_from_generation_{INT64_MAX};
  int64_t keep_log_after_ = INT64_MAX;
  ChecksumState checksums_;
  std::function<void(const absl::Status&)> on_data_loss_;
  // The deferred check was started and has not finished: a Close now is a stop, not a crash, and
  // removes the marker (written by Open). A marker left by an owner that failed before starting
  // the check (say its warm-up read damaged data) stays: the next start checks everything.
  bool deferred_running_ = false;
  std::unique_ptr<DeferredCheck> deferred_check_;
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
