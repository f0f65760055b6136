#include "indexer/pipeline/pipeline.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <vector>

#include "absl/cleanup/cleanup.h"

#include "common/files.h"
#include "common/utf8.h"
#include "common/log.h"
#include "indexer/parse/parser.h"
#include "indexer/pipeline/content_hash.h"
#include "indexer/pipeline/drop_folder.h"
#include "indexer/pipeline/file_filter.h"
#include "indexer/pipeline/issue_builder.h"

namespace briefsearch::pipeline {
namespace {

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool Retryable(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kCancelled:
      return true;
    default:
      return false;
  }
}

}  // namespace

Pipeline::Pipeline(PipelineOptions options, const DropFolder* folder, Client* client,
                   StateStore* state)
    : options_(std::move(options)), folder_(folder), client_(client), state_(state) {
  if (!options_.parser_exe.empty()) {
    children_ = std::make_unique<ParseChildPool>(options_.parser_exe, options_.child_limits);
  }
}

void Pipeline::Schedule(const std::string& path, Kind kind, Clock::time_point due, bool quick) {
  std::string issue_id = NfcUtf8(path);
  {
    std::lock_guard<std::mutex> l(mu_);
    auto [it, inserted] = queue_.try_emplace(path, Pending{kind, due, quick, std::move(issue_id)});
    if (!inserted) {
      it->second.kind = kind;
      // A writer's "done" is the latest word on the file; anything else only delays it.
      it->second.due = quick ? due : std::max(it->second.due, due);
      it->second.quick = quick;
    }
  }
  cv_.notify_all();
}

void Pipeline::Postpone(const std::string& path, Clock::time_point due) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = queue_.find(path);
  if (it == queue_.end()) return;
  // Written to after it said it was complete (reopened and appended): a slow writer, whose
  // file counts only after `settle` of quiet.
  it->second.due = std::max(it->second.due, due);
  it->second.quick = false;
}

void Pipeline::OnEvent(const watch::FileEvent& event) {
  using K = watch::FileEvent::Kind;
  if (event.kind == K::kRescan) {
    RequestScan();
    return;
  }
  if (IsIgnoredPath(event.path)) return;
  const auto now = Clock::now();
  switch (event.kind) {
    case K::kWritten: Schedule(event.path, Kind::kCheck, now + options_.quick_settle, true); break;
    case K::kModified: Postpone(event.path, now + options_.settle); break;
    case K::kRemoved: Schedule(event.path, Kind::kRemove, now); break;
    default: break;
  }
}

void Pipeline::RequestScan() {
  {
    std::lock_guard<std::mutex> l(mu_);
    scan_requested_ = true;
  }
  cv_.notify_all();
}

void Pipeline::ScanAll() {
  const auto now = Clock::now();
  std::error_code ec;
  std::filesystem::recursive_directory_iterator it(
      options_.drop_dir, std::filesystem::directory_options::skip_permission_denied, ec);
  for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    // lexically: std::filesystem::relative would follow a symlink out of the folder.
    const std::string rel = it->path().lexically_relative(options_.drop_dir).string();
    // The entry's own type, not its target's: a symlink to a folder is not walked into, and a
    // symlink loop (ELOOP when followed) is just an entry to quarantine, not an end to the scan.
    std::error_code type_ec;
    const bool dir = it->symlink_status(type_ec).type() == std::filesystem::file_type::directory;
    if (IsIgnoredPath(rel)) {
      if (dir) it.disable_recursion_pending();
      continue;
    }
    if (dir) continue;
    // A file already queued keeps its entry: its event (a rename in, say) is fresher news than the
    // scan, which would otherwise make it wait out `settle` (seen at start-up).
    std::string issue_id = NfcUtf8(rel);
    {
      std::lock_guard<std::mutex> l(mu_);
      queue_.try_emplace(rel, Pending{Kind::kCheck, now, false, std::move(issue_id)});
    }
    cv_.notify_all();
  }
  if (ec) LogWarning("scanning %s: %s", options_.drop_dir, ec.message());
  // Remembered files that are gone were removed while we were not watching.
  int gone = 0;
  std::lock_guard<std::mutex> state_lock(state_mu_);
  for (const auto& [path, record] : state_->files()) {
    if (!folder_->Stat(path).exists) {
      Schedule(path, Kind::kRemove, now);
      ++gone;
    }
  }
  std::lock_guard<std::mutex> l(mu_);
  LogInfo("scanned %s: %d files to check, %d remembered files gone", options_.drop_dir,
          static_cast<int>(queue_.size()) - gone, gone);
}

void Pipeline::Stop() {
  {
    std::lock_guard<std::mutex> l(mu_);
    stop_ = true;
  }
  cv_.notify_all();
}

PipelineSummary Pipeline::summary() const {
  std::lock_guard<std::mutex> l(mu_);
  PipelineSummary s = summary_;
  if (children_ != nullptr) s.parse_children_started = children_->children_started();
  return s;
}

bool Pipeline::NextDue(std::string* path, Kind* kind, bool* quick, bool stop_when_empty) {
  std::unique_lock<std::mutex> l(mu_);
  while (!stop_) {
    // One scan at a time; it is marked in flight under "" (no file has an empty path).
    if (scan_requested_ && !in_flight_.contains("")) {
      scan_requested_ = false;
      in_flight_.insert("");
      *kind = Kind::kScan;
      return true;
    }
    if (queue_.empty() && in_flight_.empty() && !scan_requested_ && stop_when_empty) return false;
    // The earliest entry whose issue id no other worker holds: one file's work stays in order.
    auto next = queue_.end();
    for (auto it = queue_.begin(); it != queue_.end(); ++it) {
      if ((next == queue_.end() || it->second.due < next->second.due) &&
          !in_flight_.contains(it->second.issue_id)) {
        next = it;
      }
    }
    if (next == queue_.end()) {
      cv_.wait(l);  // nothing, or everything queued is being worked on: Done() wakes us
      continue;
    }
    if (next->second.due <= Clock::now()) {
      *path = next->first;
      *kind = next->second.kind;
      *quick = next->second.quick;
      in_flight_.insert(next->second.issue_id);
      queue_.erase(next);
      return true;
    }
    cv_.wait_until(l, next->second.due);
  }
  return false;
}

void Pipeline::Done(const std::string& path, Kind kind) {
  {
    std::lock_guard<std::mutex> l(mu_);
    in_flight_.erase(kind == Kind::kScan ? std::string() : NfcUtf8(path));
  }
  cv_.notify_all();
}

void Pipeline::Work(bool stop_when_empty) {
  std::string path;
  Kind kind;
  bool quick = false;
  while (NextDue(&path, &kind, &quick, stop_when_empty)) {
    Process(path, kind, quick);
    Done(path, kind);
  }
  cv_.notify_all();  // the others may be waiting for the last piece of work to end
}

void Pipeline::RunWorkers(bool stop_when_empty) {
  std::vector<std::thread> others;
  for (int i = 1; i < options_.parse_workers; ++i) {
    others.emplace_back([this, stop_when_empty] { Work(stop_when_empty); });
  }
  Work(stop_when_empty);
  for (std::thread& t : others) t.join();
}

void Pipeline::Run() { RunWorkers(false); }

void Pipeline::RunUntilIdle() { RunWorkers(true); }

void Pipeline::Process(const std::string& path, Kind kind, bool quick) {
  if (kind == Kind::kScan) return ScanAll();
  if (kind == Kind::kRemove) {
    // A remove event may race with a new file of the same name: trust the folder.
    if (folder_->Stat(path).exists) {
      Check(path, false);
    } else {
      Removed(path);
    }
    return;
  }
  Check(path, quick);
}

std::optional<FileRecord> Pipeline::Known(const std::string& path) const {
  std::lock_guard<std::mutex> l(state_mu_);
  const FileRecord* known = state_->Find(path);
  return known == nullptr ? std::nullopt : std::optional<FileRecord>(*known);
}

void Pipeline::PutState(const std::string& path, const FileRecord& record) {
  std::lock_guard<std::mutex> l(state_mu_);
  if (absl::Status s = state_->Put(path, record); !s.ok()) LogError("state: %s", s.ToString());
}

void Pipeline::ReleaseHash(const std::string& hash) {
  std::lock_guard<std::mutex> l(state_mu_);
  hashes_in_flight_.erase(hash);
}

void Pipeline::Check(const std::string& path, bool quick) {
  const EntryInfo info = folder_->Stat(path);
  if (!info.exists) return Removed(path);
  const std::optional<FileRecord> known = Known(path);
  FileRecord seen;
  seen.size = info.size;
  seen.mtime_ns = info.mtime_ns;
  if (known && known->size == info.size && known->mtime_ns == info.mtime_ns &&
      known->status != FileRecord::Status::kSending) {
    std::lock_guard<std::mutex> l(mu_);
    ++summary_.unchanged;
    return;
  }
  if (!info.regular) return Quarantine(path, seen, std::string("not a regular file: ") + info.kind);
  // The path becomes the issue id, which must be UTF-8: say so here rather than let the server
  // refuse it with a less helpful message.
  if (!IsValidUtf8(path)) return Quarantine(path, seen, "file name is not valid UTF-8; rename the file");
  if (auto other = IndexedUnderSameNfcName(path)) {
    return Quarantine(path, seen, "same name as " + *other +
                                      " once Unicode-normalized (NFC), which is indexed; rename one");
  }
  // Not settled yet: someone may still be writing. Look again when it has been quiet long enough.
  // A file whose writer said it is done (and has not written since) needs no such wait.
  const auto quiet_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(options_.settle).count();
  if (!quick && NowNs() - info.mtime_ns < quiet_ns) {
    Schedule(path, Kind::kCheck,
             Clock::now() + std::chrono::nanoseconds(quiet_ns - (NowNs() - info.mtime_ns)));
    return;
  }
  auto bytes = folder_->Read(path, options_.max_file_bytes);
  if (!bytes.ok()) {
    if (absl::IsNotFound(bytes.status())) return Removed(path);
    if (absl::IsUnavailable(bytes.status())) {  // swapped while we opened it: look again later
      Schedule(path, Kind::kCheck, Clock::now() + options_.settle);
      return;
    }
    return Quarantine(path, seen, std::string(bytes.status().message()));
  }
  const EntryInfo after = folder_->Stat(path);
  if (after.size != info.size || after.mtime_ns != info.mtime_ns) {
    Schedule(path, Kind::kCheck, Clock::now() + options_.settle);  // changed while we read it
    return;
  }
  IndexFile(path, seen, std::move(*bytes));
}

void Pipeline::IndexFile(const std::string& path, const FileRecord& seen, std::string bytes) {
  FileRecord record = seen;
  record.content_hash = Sha256Hex(bytes);
  const std::optional<FileRecord> known = Known(path);
  if (known && known->content_hash == record.content_hash &&
      known->status != FileRecord::Status::kSending) {
    FileRecord same = *known;  // touched, not changed: remember the new mtime only
    same.size = seen.size;
    same.mtime_ns = seen.mtime_ns;
    PutState(path, same);
    std::lock_guard<std::mutex> l(mu_);
    ++summary_.unchanged;
    return;
  }
  // The same content is being indexed under another name right now: look again once that is done,
  // when this one will be its duplicate (both indexed would be the same issue twice). Checked
  // before anything is sent, so a file that waits has not had its old content deleted yet.
  {
    std::unique_lock<std::mutex> state_lock(state_mu_);
    if (auto [it, claimed] = hashes_in_flight_.try_emplace(record.content_hash, path); !claimed) {
      state_lock.unlock();
      Schedule(path, Kind::kCheck, Clock::now() + options_.quick_settle, true);
      return;
    }
  }
  absl::Cleanup release = [this, &record] { ReleaseHash(record.content_hash); };
  // The old content of this path is gone whatever happens next.
  if (known && known->status == FileRecord::Status::kIndexed && !DeleteIndexed(*known)) {
    return;
  }
  {
    std::unique_lock<std::mutex> state_lock(state_mu_);
    if (auto owner = state_->IndexedPathWithHash(record.content_hash);
        owner && *owner != path && folder_->Stat(*owner).exists) {
      record.status = FileRecord::Status::kDuplicate;
      record.duplicate_of = *owner;
      LogInfo("%s: same content as %s, not indexed again", path, *owner);
      if (absl::Status s = state_->Put(path, record); !s.ok()) LogError("state: %s", s.ToString());
      state_lock.unlock();
      std::lock_guard<std::mutex> l(mu_);
      ++summary_.duplicates;
      return;
    }
  }
  const std::string name = std::filesystem::path(path).filename().string();
  auto parsed = children_ == nullptr ? parse::ParseIssueFile(bytes, name)
                                     : children_->Parse(name, bytes);
  if (!parsed.ok()) return Quarantine(path, record, std::string(parsed.status().message()));
  const Issue issue = BuildIssue(*parsed, path, record.content_hash);
  {
    FileRecord sending = record;  // see FileRecord::Status::kSending
    sending.status = FileRecord::Status::kSending;
    sending.issue_id = issue.issue_id;
    PutState(path, sending);
  }
  UpsertResult result;
  absl::Status sent = WithRetry(
      [&]() -> absl::Status {
        auto r = client_->UpsertIssue(issue);
        if (r.ok()) result = std::move(*r);
        return r.status();
      },
      "index " + path);
  if (absl::IsInvalidArgument(sent)) return Quarantine(path, record, "server refused it: " + std::string(sent.message()));
  if (!sent.ok()) return;  // stopping or gave up: not acknowledged, so it stays "sending"
  if (options_.test_exit_after_acks > 0 && ++acks_ >= options_.test_exit_after_acks) {
    std::_Exit(9);  // tests: the crash between the acknowledgement and the record
  }
  record.status = FileRecord::Status::kIndexed;
  record.issue_id = result.issue_id;
  record.articles = static_cast<int>(result.article_ids.size());
  PutState(path, record);
  LogInfo("%s: indexed %s issue, %d articles%s", path, PublisherName(issue.publisher),
          record.articles, result.replaced ? " (replaced)" : "");
  std::lock_guard<std::mutex> l(mu_);
  ++summary_.indexed;
}

void Pipeline::Quarantine(const std::string& path, FileRecord record, const std::string& reason) {
  const std::optional<FileRecord> known = Known(path);
  if (known && MayBeOnServer(*known) && !DeleteIndexed(*known)) {
    return;
  }
  record.status = FileRecord::Status::kQuarantined;
  record.reason = reason;
  LogWarning("%s: quarantined: %s", path, reason);
  PutState(path, record);
  std::lock_guard<std::mutex> l(mu_);
  ++summary_.quarantined;
}

bool Pipeline::DeleteIndexed(const FileRecord& record) {
  absl::Status s = WithRetry(
      [&] {
        absl::StatusOr<int> r = client_->DeleteIssue(record.issue_id);
        return absl::IsNotFound(r.status()) ? absl::OkStatus() : r.status();
      },
      "delete " + record.issue_id);
  if (s.ok()) {
    std::lock_guard<std::mutex> l(mu_);
    ++summary_.deleted;
  }
  return s.ok();
}

void Pipeline::Removed(const std::string& path) {
  const std::optional<FileRecord> known = Known(path);
  if (!known) return;
  if (MayBeOnServer(*known)) {
    if (!DeleteIndexed(*known)) return;
    LogInfo("%s: removed from the folder, issue deleted", path);
  }
  {
    std::lock_guard<std::mutex> l(state_mu_);
    if (absl::Status s = state_->Remove(path); !s.ok()) LogError("state: %s", s.ToString());
  }
  PromoteDuplicatesOf(path);
}

std::optional<std::string> Pipeline::IndexedUnderSameNfcName(const std::string& path) const {
  const std::string id = NfcUtf8(path);
  std::lock_guard<std::mutex> l(state_mu_);
  for (const auto& [other, r] : state_->files()) {
    if (r.status == FileRecord::Status::kIndexed && r.issue_id == id && other != path &&
        folder_->Stat(other).exists) {
      return other;
    }
  }
  return std::nullopt;
}

void Pipeline::PromoteDuplicatesOf(const std::string& path) {
  std::vector<std::string> waiting;
  {
    std::lock_guard<std::mutex> l(state_mu_);
    for (const auto& [other, r] : state_->files()) {
      if (r.status == FileRecord::Status::kDuplicate && r.duplicate_of == path) waiting.push_back(other);
    }
    for (const std::string& other : waiting) (void)state_->Remove(other);  // so the next check indexes it
  }
  for (const std::string& other : waiting) Schedule(other, Kind::kCheck, Clock::now());
}

absl::Status Pipeline::WithRetry(const std::function<absl::Status()>& call, const std::string& what) {
  const auto started = Clock::now();
  auto delay = options_.retry_initial;
  for (int attempt = 1;; ++attempt) {
    absl::Status s = call();
    if (absl::IsUnauthenticated(s) || absl::IsPermissionDenied(s)) {
      // Not retried (a token does not become valid by waiting) and not silent: the file stays
      // unrecorded, so it is sent again once the indexer restarts with the right token.
      LogError("%s: %s (check --token-file: the indexer needs a write token)", what, s.ToString());
      std::lock_guard<std::mutex> l(mu_);
      ++summary_.failed;
      return s;
    }
    if (s.ok() || !Retryable(s.code())) return s;
    if (options_.give_up_after.count() > 0 && Clock::now() - started > options_.give_up_after) {
      LogError("%s: giving up after %d attempts: %s", what, attempt, s.ToString());
      std::lock_guard<std::mutex> l(mu_);
      ++summary_.failed;
      return s;
    }
    if (attempt == 1 || attempt % 10 == 0) {
      LogWarning("%s: %s; retrying (attempt %d)", what, s.ToString(), attempt);
    }
    // Server unreachable: wait on the channel rather than a timer, so the call is retried the
    // moment the server is back (the channel reconnects within its 2 s backoff cap), not a whole
    // backoff step later. Other errors, and a channel that says ready at once, wait out at least
    // retry_initial so a failing server is never hammered.
    const auto waited_from = Clock::now();
    if (absl::IsUnavailable(s)) (void)client_->WaitForReady(delay);
    const auto floor = std::chrono::duration_cast<std::chrono::milliseconds>(
        (absl::IsUnavailable(s) ? options_.retry_initial : delay) - (Clock::now() - waited_from));
    if (!Sleep(std::max(floor, std::chrono::milliseconds(0)))) return absl::CancelledError("stopping");
    delay = std::min(delay * 2, options_.retry_max);
  }
}

bool Pipeline::Sleep(std::chrono::milliseconds d) {
  std::unique_lock<std::mutex> l(mu_);
  return !cv_.wait_for(l, d, [this] { return stop_; });
}

}  // namespace briefsearch::pipeline
