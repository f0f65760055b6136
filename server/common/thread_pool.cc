#include "server/common/thread_pool.h"

#include <pthread.h>

#include <latch>
#include <memory>

namespace briefsearch {

ThreadPool::ThreadPool(std::string name, int threads, size_t max_queue)
    : name_(std::move(name)), max_queue_(max_queue) {
  for (int i = 0; i < threads; ++i) {
    workers_.emplace_back([this] { Work(); });
    pthread_setname_np(workers_.back().native_handle(), name_.substr(0, 15).c_str());
  }
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> l(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (std::thread& t : workers_) t.join();
}

bool ThreadPool::Submit(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> l(mu_);
    if (stopping_ || queue_.size() >= max_queue_) return false;
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
  return true;
}

bool ThreadPool::SubmitIfIdle(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> l(mu_);
    if (stopping_ || idle_ <= queue_.size()) return false;
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
  return true;
}

void ThreadPool::RunOnEach(const std::function<void()>& task) {
  // Each worker takes exactly one of these tasks because every one blocks until all have started.
  // The latches are shared with the tasks: a worker may still be inside count_down() when this
  // call has returned, so they must not live on this frame.
  const auto n = static_cast<std::ptrdiff_t>(workers_.size());
  auto started = std::make_shared<std::latch>(n);
  auto done = std::make_shared<std::latch>(n);
  {
    std::lock_guard<std::mutex> l(mu_);
    for (std::ptrdiff_t i = 0; i < n; ++i) {
      queue_.push_back([started, done, &task] {
        started->arrive_and_wait();
        task();
        done->count_down();
      });
    }
  }
  cv_.notify_all();
  done->wait();
}

void ThreadPool::Work() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> l(mu_);
      ++idle_;
      cv_.wait(l, [this] { return stopping_ || !queue_.empty(); });
      --idle_;
      if (queue_.empty()) return;  // stopping and drained
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

}  // namespace briefsearch
