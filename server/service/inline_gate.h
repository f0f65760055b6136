// Lets a search run on the gRPC thread that took the call instead of a search worker.
//
// Handing a call to a worker and its answer back to gRPC costs two cross-thread wake-ups, about
// 300 µs per call on the 2-core VM (measured in docs/BENCHMARKS.md): more than a whole search of a
// 10k index. gRPC 1.51 runs callback handlers on a couple of fixed threads, so only one search at
// a time runs on them (the other threads keep answering other calls, cache hits and health
// checks), and only on a bounded set of distinct threads: Lucene++ keeps per-thread state that
// is never released (LUCENEPP_NOTES), and another gRPC build might call from a growing pool.
//
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

namespace briefsearch::service {

class InlineGate {
 public:
  // At most `max_threads` distinct threads ever run searches through the gate (0 closes it), and
  // only while fewer than `max_searches` searches run in all, on workers or inline: an inline
  // search added to two busy workers on two cores lengthened tails at 1M, and one blocking a gRPC
  // thread under load slowed the answers of the workers' searches.
  InlineGate(size_t max_threads, int max_searches)
      : max_threads_(max_threads), max_searches_(max_searches) {}

  // True when the calling thread may run one search now; then Leave() once it is done.
  bool TryEnter();
  void Leave();

  // A search on a worker starts / ends (counted against max_searches).
  void WorkerStarted();
  void WorkerEnded();

 private:
  const size_t max_threads_;
  const int max_searches_;
  std::mutex mu_;
  bool busy_ = false;                   // guarded by mu_
  int running_ = 0;                     // guarded by mu_: searches running, inline or on workers
  std::vector<std::thread::id> known_;  // guarded by mu_: threads that have entered
};

}  // namespace briefsearch::service
