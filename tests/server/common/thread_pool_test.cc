// Tests for server/common/thread_pool.h: the bounded queue, RunOnEach, draining on destruction.
// Synchronisation is by latches and condition variables with deadlines, never by sleeping.
#include "server/common/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <latch>
#include <mutex>
#include <set>
#include <thread>

namespace briefsearch {
namespace {

using std::chrono::seconds;

// A gate that tasks wait on until the test opens it.
class Gate {
 public:
  void Open() {
    {
      std::lock_guard<std::mutex> l(mu_);
      open_ = true;
    }
    cv_.notify_all();
  }
  // False when the deadline passed first.
  bool Wait() {
    std::unique_lock<std::mutex> l(mu_);
    return cv_.wait_for(l, seconds(30), [this] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

TEST(ThreadPoolTest, RunsSubmittedTasks) {
  std::atomic<int> ran{0};
  std::latch done(10);
  {
    ThreadPool pool("test", 2, 100);
    EXPECT_EQ(pool.size(), 2);
    for (int i = 0; i < 10; ++i) {
      ASSERT_TRUE(pool.Submit([&] {
        ++ran;
        done.count_down();
      }));
    }
    done.wait();
  }
  EXPECT_EQ(ran.load(), 10);
}

TEST(ThreadPoolTest, BoundedQueueRefusesWhenFull) {
  Gate gate;
  std::latch busy(1);
  std::atomic<int> ran{0};
  {
    ThreadPool pool("test", 1, 2);
    // Occupy the only worker, then wait until it has taken the task off the queue.
    ASSERT_TRUE(pool.Submit([&] {
      busy.count_down();
      EXPECT_TRUE(gate.Wait());
      ++ran;
    }));
    busy.wait();
    EXPECT_TRUE(pool.Submit([&] { ++ran; }));
    EXPECT_TRUE(pool.Submit([&] { ++ran; }));
    EXPECT_FALSE(pool.Submit([&] { ++ran; })) << "queue holds 2: the third must be refused";
    gate.Open();
  }  // the destructor drains what was queued
  EXPECT_EQ(ran.load(), 3);
}

TEST(ThreadPoolTest, RunOnEachRunsOncePerWorker) {
  ThreadPool pool("test", 3, 10);
  std::mutex mu;
  std::set<std::thread::id> threads;
  int calls = 0;
  pool.RunOnEach([&] {
    std::lock_guard<std::mutex> l(mu);
    threads.insert(std::this_thread::get_id());
    ++calls;
  });
  // RunOnEach returns only after every worker ran the task.
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(threads.size(), 3u);
  EXPECT_EQ(threads.count(std::this_thread::get_id()), 0u) << "runs on the workers, not the caller";
}

TEST(ThreadPoolTest, RunOnEachThenSubmitStillWorks) {
  ThreadPool pool("test", 2, 10);
  pool.RunOnEach([] {});
  std::latch done(1);
  ASSERT_TRUE(pool.Submit([&] { done.count_down(); }));
  done.wait();
}

TEST(ThreadPoolTest, ZeroQueueRefusesEverything) {
  ThreadPool pool("test", 1, 0);
  EXPECT_FALSE(pool.Submit([] {}));
}

// SubmitIfIdle takes a task only when a worker is waiting for work, even with no queue at all, and
// never queues it behind a busy worker.
TEST(ThreadPoolTest, SubmitIfIdleOnlyWhenAWorkerWaits) {
  std::latch running(1), release(1);  // declared first: they outlive the pool's worker
  ThreadPool pool("idle-test", 1, 0);
  // The worker is idle once it waits for work; until then the call is refused, never queued.
  while (!pool.SubmitIfIdle([&] {
    running.count_down();
    release.wait();
  })) {
    std::this_thread::yield();
  }
  running.wait();
  std::atomic<bool> ran{false};
  EXPECT_FALSE(pool.SubmitIfIdle([&] { ran = true; }));
  release.count_down();
  std::promise<void> done;
  bool taken = false;
  for (int i = 0; i < 100000 && !taken; ++i) {
    taken = pool.SubmitIfIdle([&] { done.set_value(); });
    if (!taken) std::this_thread::yield();
  }
  ASSERT_TRUE(taken);
  EXPECT_EQ(done.get_future().wait_for(std::chrono::seconds(20)), std::future_status::ready);
  EXPECT_FALSE(ran) << "a refused task ran";
}

}  // namespace
}  // namespace briefsearch
