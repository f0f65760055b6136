// The indexer's work loop: turns drop-folder events into upserts and deletes on the server.
//
// The folder is the record: a new file is indexed, a changed one re-indexed under the same issue id
// (its path), a removed one deleted; content already indexed under another name is recorded as a
// duplicate and takes over when the original goes. A file counts only once it has settled, so a
// half-written file is never parsed: one that says it is complete (renamed in, or closed after
// writing) after `quick_settle` without further events; one found by a scan, or that changed again
// after such an event, once it has not changed for `settle`. Files that cannot be read or parsed
// are quarantined with a one-line reason and not retried until they change; nothing in the folder
// is ever modified or deleted. Server failures are retried with exponential backoff; state is
// written only after the server acknowledged, so a restart neither skips nor repeats work.
//
// Up to `parse_workers` files are worked on at once (parsing is the slow part), but never two under
// one issue id: each path's checks, parses and server calls run one after the other, in order.
//
// Thread-safety: OnEvent/ScanAll/Stop may be called from any thread; Run/RunUntilIdle from one
// (they start the other workers themselves).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "briefsearch/client.h"
#include "indexer/pipeline/child_limits.h"
#include "indexer/pipeline/drop_folder.h"
#include "indexer/pipeline/parse_child_pool.h"
#include "indexer/pipeline/state_store.h"
#include "indexer/watch/watcher.h"

namespace briefsearch::pipeline {

struct PipelineOptions {
  std::string drop_dir;
  std::chrono::milliseconds settle{500};
  // Wait after a rename into the folder or a close after writing, for a further event that would
  // say the writer is not done (a reopen and append). Short: such events are the writer's "done".
  std::chrono::milliseconds quick_settle{50};
  // Files worked on at once.
  int parse_workers = 1;
  uint64_t max_file_bytes = 64u << 20;
  std::chrono::milliseconds retry_initial{200};
  // Capped low so that a server back after a long outage is used again within seconds.
  std::chrono::milliseconds retry_max{2000};
  // Stop retrying a server call after this long (0 = never). --once uses it.
  std::chrono::milliseconds give_up_after{0};
  // Parse in limited, long-lived child processes running this program, one per worker at most
  // (parse_child.h); empty: in-process.
  std::string parser_exe;
  ChildLimits child_limits;
  // Tests only: the process exits (as if killed) right after the server acknowledges this many
  // upserts, before the indexer records them. 0: never.
  int test_exit_after_acks = 0;
};

struct PipelineSummary {
  int indexed = 0;
  int deleted = 0;
  int quarantined = 0;
  int duplicates = 0;
  int unchanged = 0;
  int failed = 0;  // gave up on the server
  int parse_children_started = 0;
};

class Pipeline {
 public:
  using Clock = std::chrono::steady_clock;

  // `folder` is options.drop_dir opened; every file is looked at and read through it.
  Pipeline(PipelineOptions options, const DropFolder* folder, Client* client, StateStore* state);

  // kRescan (and RequestScan) make the worker walk the whole folder before anything else.
  void OnEvent(const watch::FileEvent& event);
  void RequestScan();
  void Stop();

  // Processes work until Stop().
  void Run();
  // Processes work until nothing is queued (waiting out settle times), or Stop().
  void RunUntilIdle();

  PipelineSummary summary() const;

 private:
  enum class Kind { kCheck, kRemove, kScan };
  struct Pending {
    Kind kind;
    Clock::time_point due;
    // Its last event said "complete" (rename in, close after writing): no need for `settle` of
    // quiet on its mtime. Cleared by any later sign of writing.
    bool quick = false;
    std::string issue_id;  // NFC of the path: entries under one id are worked on one at a time
  };

  void Schedule(const std::string& path, Kind kind, Clock::time_point due, bool quick = false);
  // A write to a file not yet closed: delay its pending check, if any. A file is never scheduled
  // on a write alone, so one held open for a long time is not read half-written.
  void Postpone(const std::string& path, Clock::time_point due);
  // Queues every file under the folder, and the removal of remembered files that are gone.
  void ScanAll();
  // Takes the next due entry whose issue id is not being worked on, and marks it so until Done().
  bool NextDue(std::string* path, Kind* kind, bool* quick, bool stop_when_empty);
  void Done(const std::string& path, Kind kind);
  // Runs options_.parse_workers workers (this thread one of them) until they stop.
  void RunWorkers(bool stop_when_empty);
  void Work(bool stop_when_empty);
  void Process(const std::string& path, Kind kind, bool quick);
  void Check(const std::string& path, bool quick);
  std::optional<FileRecord> Known(const std::string& path) const;
  void IndexFile(const std::string& path, const FileRecord& seen, std::string bytes);
  void Quarantine(const std::string& path, FileRecord record, const std::string& reason);
  void PutState(const std::string& path, const FileRecord& record);
  void ReleaseHash(const std::string& hash);
  void Removed(const std::string& path);
  bool DeleteIndexed(const FileRecord& record);
  // Another file whose name is the same as `path` once in NFC (the server's issue ids are NFC, so
  // the two would overwrite each other): the one already indexed, if it is still there.
  std::optional<std::string> IndexedUnderSameNfcName(const std::string& path) const;
  void PromoteDuplicatesOf(const std::string& path);
  // Runs `call` until it succeeds, fails for good, or we stop or give up.
  absl::Status WithRetry(const std::function<absl::Status()>& call, const std::string& what);
  bool Sleep(std::chrono::milliseconds d);

  const PipelineOptions options_;
  const DropFolder* folder_;
  Client* client_;
  std::unique_ptr<ParseChildPool> children_;  // null when parsing in-process
  // Taken before mu_ when both are needed, never after.
  mutable std::mutex state_mu_;
  StateStore* state_;                               // guarded by state_mu_
  std::map<std::string, std::string> hashes_in_flight_;  // hash -> path; guarded by state_mu_

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, Pending> queue_;  // guarded by mu_
  // Issue ids (NFC paths) being worked on; "" while a scan runs. Guarded by mu_.
  std::set<std::string> in_flight_;
  bool stop_ = false;                     // guarded by mu_
  bool scan_requested_ = false;           // guarded by mu_
  PipelineSummary summary_;               // guarded by mu_
  std::atomic<int> acks_{0};              // upserts acknowledged (Options::test_exit_after_acks)
};

}  // namespace briefsearch::pipeline
