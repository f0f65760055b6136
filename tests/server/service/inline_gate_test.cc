// Tests for server/service/inline_gate.h: one search at a time, on a bounded set of threads.
#include "server/service/inline_gate.h"

#include <gtest/gtest.h>

#include <future>
#include <thread>
#include <vector>

namespace briefsearch::service {
namespace {

bool TryOnNewThread(InlineGate* gate, bool leave) {
  bool entered = false;
  std::thread([&] {
    entered = gate->TryEnter();
    if (entered && leave) gate->Leave();
  }).join();
  return entered;
}

TEST(InlineGateTest, OneSearchAtATime) {
  InlineGate gate(4, 4);
  ASSERT_TRUE(gate.TryEnter());
  EXPECT_FALSE(TryOnNewThread(&gate, true)) << "another thread while one is inside";
  EXPECT_FALSE(gate.TryEnter()) << "not even the same thread twice";
  gate.Leave();
  EXPECT_TRUE(TryOnNewThread(&gate, true));
  EXPECT_TRUE(gate.TryEnter()) << "the first thread again";
  gate.Leave();
}

TEST(InlineGateTest, OnlyABoundedSetOfThreadsEverEnters) {
  InlineGate gate(2, 4);
  ASSERT_TRUE(gate.TryEnter());  // this thread: one of the two
  gate.Leave();
  // Threads kept alive side by side (a finished thread's id may be given to the next one).
  std::promise<void> finish;
  std::shared_future<void> finished = finish.get_future().share();
  std::vector<std::thread> threads;
  std::vector<std::promise<bool>> entered(3);
  for (int i = 0; i < 3; ++i) {
    std::future<bool> result = entered[i].get_future();
    threads.emplace_back([&, i] {
      const bool in = gate.TryEnter();
      if (in) gate.Leave();
      entered[i].set_value(in);
      finished.wait();
    });
    // One at a time, so which thread is the second is certain.
    EXPECT_EQ(result.get(), i == 0) << "thread " << i;
  }
  for (int i = 0; i < 3; ++i) {  // a known thread still enters
    ASSERT_TRUE(gate.TryEnter());
    gate.Leave();
  }
  finish.set_value();
  for (auto& t : threads) t.join();
}

TEST(InlineGateTest, NoInlineSearchWhileTheWorkersAreFull) {
  InlineGate gate(4, 2);
  gate.WorkerStarted();
  ASSERT_TRUE(gate.TryEnter()) << "one worker busy: room for one more";
  gate.Leave();
  gate.WorkerStarted();
  EXPECT_FALSE(gate.TryEnter()) << "two searches already run on two cores";
  gate.WorkerEnded();
  EXPECT_TRUE(gate.TryEnter());
  gate.Leave();
  gate.WorkerEnded();
}

TEST(InlineGateTest, ClosedGateLetsNobodyIn) {
  InlineGate gate(0, 4);
  EXPECT_FALSE(gate.TryEnter());
  EXPECT_FALSE(TryOnNewThread(&gate, true));
}

}  // namespace
}  // namespace briefsearch::service
