// Keeps the newest N Lucene++ commits instead of only the last one. Lucene++ 3.0.8 swallows an fsync
// failure of segments_N; with the default policy the previous commit is already gone by then and the
// index is unreadable. With two commits kept (and the write-ahead log trimmed only up to the older
// one), start-up can fall back to the previous commit and replay the log on top.
//
// While the checksums of the commit opened at start-up are checked in the background, commits from
// `keep_from_generation` on are kept too: the one start-up would fall back to, should that check
// fail, and the start-up commit, whose files the check reads.
#pragma once

#include <atomic>
#include <cstdint>

#include "server/common/lucene.h"

namespace briefsearch::index {

class KeepLastCommitsPolicy : public Lucene::IndexDeletionPolicy {
 public:
  // `keep_from_generation` (INT64_MAX: keep no more than `keep`) must outlive the policy.
  KeepLastCommitsPolicy(int keep, const std::atomic<int64_t>* keep_from_generation)
      : keep_(keep), keep_from_generation_(keep_from_generation) {}
  using String = Lucene::String;  // LUCENE_CLASS expects it unqualified
  LUCENE_CLASS(KeepLastCommitsPolicy);

  void onInit(Lucene::Collection<Lucene::IndexCommitPtr> commits) override { Prune(commits); }
  void onCommit(Lucene::Collection<Lucene::IndexCommitPtr> commits) override { Prune(commits); }

 private:
  // `commits` is sorted oldest first.
  void Prune(Lucene::Collection<Lucene::IndexCommitPtr> commits) {
    const int64_t pinned = keep_from_generation_->load();
    for (int32_t i = 0; i + keep_ < commits.size(); ++i) {
      if (commits[i]->getGeneration() < pinned) commits[i]->deleteCommit();
    }
  }
  int keep_;
  const std::atomic<int64_t>* keep_from_generation_;
};

}  // namespace briefsearch::index
