// Keeps the newest N Lucene++ commits instead of only the last one. Lucene++ 3.0.8 swallows an fsync
// failure of segments_N; with the default policy the previous commit is already gone by then and the
// index is unreadable. With two commits kept (and the write-ahead log trimmed only up to the older
// one), start-up can fall back to the previous commit and replay the log on top.
#pragma once

#include "server/common/lucene.h"

namespace briefsearch::index {

class KeepLastCommitsPolicy : public Lucene::IndexDeletionPolicy {
 public:
  explicit KeepLastCommitsPolicy(int keep) : keep_(keep) {}
  using String = Lucene::String;  // LUCENE_CLASS expects it unqualified
  LUCENE_CLASS(KeepLastCommitsPolicy);

  void onInit(Lucene::Collection<Lucene::IndexCommitPtr> commits) override { Prune(commits); }
  void onCommit(Lucene::Collection<Lucene::IndexCommitPtr> commits) override { Prune(commits); }

 private:
  // `commits` is sorted oldest first.
  void Prune(Lucene::Collection<Lucene::IndexCommitPtr> commits) {
    for (int32_t i = 0; i + keep_ < commits.size(); ++i) commits[i]->deleteCommit();
  }
  int keep_;
};

}  // namespace briefsearch::index
