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
  // At most `max_threads` distinct threads ever run searches through the gate; 0 closes it.
  explicit InlineGate(size_t max_threads) : max_threads_(max_threads) {}

  // True when the calling thread may run one search now; then Leave() once it is done.
  bool TryEnter();
  void Leave();

 private:
  const size_t max_threads_;
  std::mutex mu_;
  bool busy_ = false;                   // guarded by mu_
  std::vector<std::thread::id> known_;  // guarded by mu_: threads that have entered
};

}  // namespace briefsearch::service
