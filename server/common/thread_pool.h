// A fixed set of worker threads with a bounded queue. Searches run here rather than on gRPC's own
// threads: Lucene++ keeps per-thread state in maps keyed by thread id that only shrink when a reader
// closes, so a fixed, small set of threads keeps that state bounded and warm.
//
// Thread-safety: Submit may be called from any thread. The destructor drains the queue and joins.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace briefsearch {

class ThreadPool {
 public:
  ThreadPool(std::string name, int threads, size_t max_queue);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Queues `task`; false (and the task is not run) when the queue is full or the pool stopping.
  bool Submit(std::function<void()> task);
  // Queues `task` only when a worker is waiting for work right now (it starts at once); false
  // otherwise. For optional help that must never wait behind other work.
  bool SubmitIfIdle(std::function<void()> task);

  // Runs `task` once on every worker and waits: for warming per-thread state before serving.
  void RunOnEach(const std::function<void()>& task);

  int size() const { return static_cast<int>(workers_.size()); }

 private:
  void Work();

  const std::string name_;
  const size_t max_queue_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  size_t idle_ = 0;  // workers waiting in Work()
  std::vector<std::thread> workers_;
};

}  // namespace briefsearch
