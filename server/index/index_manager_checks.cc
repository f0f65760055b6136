// IndexManager's checksum checks: the commit opened at start-up against its manifest (all of it,
// or the small files with the big ones deferred to a background check), and what happens when a
// commit fails: it is set aside and the index reopened from the previous commit and the log.
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "common/files.h"
#include "common/log.h"
#include "common/utf8.h"
#include "server/common/lucene_status.h"
#include "server/index/index_manager.h"

namespace briefsearch::index {

// Checks a commit's files against its checksum manifest (files over check_sync_max_bytes_ only
// for their size, their checksums left in deferred_files_); a commit that fails is set aside.
absl::Status IndexManager::CheckAgainstManifestLocked(const Lucene::IndexCommitPtr& commit) {
  const std::string name = WideToUtf8(commit->getSegmentsFileName());
  deferred_files_.clear();
  absl::Status s = manifests_.Verify(name, check_sync_max_bytes_, &deferred_files_);
  if (s.ok()) {
    deferred_commit_ = name;
    deferred_generation_ = commit->getGeneration();
    return s;
  }
  deferred_files_.clear();
  SetAsideLocked(name, "fails its checksums (" + std::string(s.message()) + ")");
  return s;
}

// Moves a commit into DATA_DIR/damaged: its segments_N only; its data files go when no kept
// commit uses them any more.
void IndexManager::SetAsideLocked(const std::string& segments_file, const std::string& why) {
  const std::string damaged = options_.data_dir + "/damaged";
  std::string target = damaged + "/" + segments_file;
  for (int k = 1; std::filesystem::exists(target); ++k) {
    target = absl::StrCat(damaged, "/", segments_file, ".", k);
  }
  std::error_code ec;
  if (MakeDirs(damaged).ok()) std::filesystem::rename(index_dir_ + "/" + segments_file, target, ec);
  std::filesystem::remove(index_dir_ + "/segments.gen", ec);
  (void)FsyncDirectory(index_dir_);
  (void)FsyncDirectory(damaged);
  LogError("index commit %s %s; moved to %s", segments_file, why, target);
}

void IndexManager::ChooseStartupCheckLocked() {
  if (std::filesystem::exists(CheckMarkerPath(manifest_dir_))) {
    LogWarning(
        "the last run stopped during the background checksum check (%s is there): "
        "reading every file of the index before serving",
        CheckMarkerPath(manifest_dir_));
    check_sync_max_bytes_ = INT64_MAX;
    return;
  }
  check_sync_max_bytes_ = options_.verify_sync_max_mb >= (INT64_MAX >> 20)
                              ? INT64_MAX
                              : std::max<int64_t>(0, options_.verify_sync_max_mb) << 20;
}

void IndexManager::FinishStartupCheckLocked() {
  check_sync_max_bytes_ = -1;
  if (deferred_files_.empty()) return EndDeferredCheckLocked(/*verified=*/true);
  // Before anything reads the unchecked files (the server's warm-up searches do, before the
  // check starts): a process that dies on damaged data from here on leaves the marker behind.
  if (absl::Status s = WriteCheckMarker(manifest_dir_, deferred_commit_); !s.ok()) {
    // Checked all the same: damage going unnoticed is worse than a crash that would repeat.
    LogError("cannot mark the background checksum check as running (%s): a crash during it "
             "would not make the next start check everything first",
             s.ToString());
  }
}

void IndexManager::StartDeferredCheck(std::function<void(const absl::Status&)> on_data_loss) {
  std::lock_guard<std::mutex> l(mu_);
  if (deferred_files_.empty() || deferred_check_ != nullptr || closed_) return;
  on_data_loss_ = std::move(on_data_loss);
  deferred_running_ = true;
  deferred_check_ = std::make_unique<DeferredCheck>(index_dir_, deferred_commit_, deferred_files_);
  deferred_check_->Start([this](const absl::Status& result) { OnDeferredCheckDone(result); });
}

void IndexManager::OnDeferredCheckDone(const absl::Status& result) {
  if (absl::IsCancelled(result)) return;  // Close removes the marker: a stop is not a crash
  absl::Status rebuilt;
  {
    std::lock_guard<std::mutex> l(mu_);
    deferred_running_ = false;
    if (result.ok()) {
      EndDeferredCheckLocked(/*verified=*/true);
      return;
    }
    ++checksums_.damage_detected;
    checksums_.last_damage = std::string(result.message());
    if (stop_ || closed_) {
      // The marker stays: the next start reads every file first and sets the commit aside then.
      LogError("index commit %s fails its checksums (%s); stopping, the next start checks all",
               deferred_commit_, result.message());
      return;
    }
    rebuilt = RecoverFromDamageLocked(result);
    if (rebuilt.ok()) {
      EndDeferredCheckLocked(/*verified=*/true);
    } else {
      // The marker stays, so a restart checks everything before serving too.
      keep_from_generation_ = INT64_MAX;
      keep_log_after_ = INT64_MAX;
    }
  }
  if (absl::IsDataLoss(rebuilt) && on_data_loss_) on_data_loss_(rebuilt);
}

// The deferred check found a file of the commit opened at start-up damaged. Every commit made
// since was made on top of that data, and a merge may have copied the bad bytes into a new file
// with a good checksum: they all go aside with it. Then the index is rebuilt as start-up rebuilds
// it (the same code): the newest remaining commit, checked in full (the one before, kept while the
// check ran), plus the log after it (kept too); or the log alone; or DATA_LOSS.
absl::Status IndexManager::RecoverFromDamageLocked(const absl::Status& damage) {
  if (writer_ != nullptr) {
    (void)CallLucene("roll back writer", [&] { writer_->rollback(); });
    writer_.reset();
  }
  std::error_code ec;
  std::vector<std::pair<int64_t, std::string>> later;
  for (const auto& e : std::filesystem::directory_iterator(index_dir_, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("segments_", 0) != 0 || name == "segments.gen") continue;
    const int64_t generation = std::strtoll(name.c_str() + 9, nullptr, 36);
    if (generation >= deferred_generation_) later.emplace_back(generation, name);
  }
  for (const auto& [generation, name] : later) {
    SetAsideLocked(name, generation == deferred_generation_
                             ? "fails its checksums (" + std::string(damage.message()) + ")"
                             : "was made on top of damaged commit " + deferred_commit_);
  }
  check_sync_max_bytes_ = INT64_MAX;
  return RecoverWriterLocked();
}

void IndexManager::EndDeferredCheckLocked(bool verified) {
  deferred_files_.clear();
  keep_from_generation_ = INT64_MAX;  // the next commit lets the pinned commits and log go
  keep_log_after_ = INT64_MAX;
  checksums_.verified = verified;
  if (absl::Status s = RemoveCheckMarker(manifest_dir_); !s.ok()) {
    LogError("cannot remove the background check's marker: %s", s.ToString());
  }
}

ChecksumState IndexManager::checksums() const {
  std::lock_guard<std::mutex> l(mu_);
  return checksums_;
}

}  // namespace briefsearch::index
