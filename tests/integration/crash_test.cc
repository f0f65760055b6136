// kill -9 of the server at random points during a stream of upserts and deletes, many rounds:
// after every restart each acknowledged operation is there exactly once and the index opens.
#include <iostream>
#include <random>
#include <set>
#include <thread>

#include "gtest/gtest.h"
#include "tests/integration/harness.h"

namespace briefsearch::testing {
namespace {

std::string Marker(const std::string& id, int version) {
  return "ver" + std::to_string(version) + id;  // one alphanumeric token, unique per operation
}

TEST(CrashTest, KillNineAtRandomPointsLosesNoAcknowledgedWrite) {
  constexpr int kRounds = 12;
  TempDir dir;
  ServerProcess server(dir / "data", {"--commit-interval-ms", "150"});
  std::mt19937 rng(20261122);
  // Per issue id, the versions it may hold now (-1 = deleted): the last acknowledged one, plus the
  // operation in flight when the server died, which may or may not have been applied.
  std::map<std::string, std::set<int>> allowed;
  int acknowledged = 0;
  for (int round = 0; round <= kRounds; ++round) {
    std::string error;
    ASSERT_TRUE(server.Start(&error)) << "round " << round << ": " << error;
    int live = 0;
    for (auto& [id, versions] : allowed) {
      int found = -1;
      for (int v : versions) {
        if (v >= 0 && CountHits(server.client(), Marker(id, v)) == 2) found = v;
      }
      const bool exists = server.client().GetIssue(id).ok();
      if (found < 0) {
        EXPECT_TRUE(versions.count(-1) && !exists)
            << id << " round " << round << ": no allowed version present";
      } else {
        EXPECT_TRUE(exists) << id;
        ++live;
      }
      versions = {found};
    }
    auto stats = server.client().GetStats();
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->issues, live) << "round " << round << ": each issue exactly once";
    if (round == kRounds) break;

    // A stream of writes from another thread; the kill lands somewhere inside it.
    std::atomic<bool> stop{false};
    std::thread writer([&, round] {
      std::mt19937 local(round);
      for (int op = 0; !stop && op < 400; ++op) {
        const std::string id = "id" + std::to_string(local() % 20);
        const int version = local() % 5 == 0 ? -1 : round * 1000 + op;
        // An id never acknowledged before may be absent: its first write can be the one cut off.
        if (!allowed.count(id)) allowed[id] = {-1};
        allowed[id].insert(version);  // in flight: either outcome is allowed
        absl::Status s = version < 0 ? server.client().DeleteIssue(id).status()
                                     : server.client().UpsertIssue(MakeIssue(id, 2, Marker(id, version))).status();
        if (s.ok() || (version < 0 && absl::IsNotFound(s))) {
          allowed[id] = {version};  // acknowledged: now the only allowed state
          ++acknowledged;
        } else if (!absl::IsUnavailable(s) && !absl::IsDeadlineExceeded(s) && !absl::IsCancelled(s) &&
                   !absl::IsInternal(s)) {
          ADD_FAILURE() << "unexpected error " << s;
        }
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(30 + rng() % 250));
    stop = true;  // the operation under way now is the one the kill interrupts, or not
    server.Kill();
    writer.join();
  }
  std::cout << "crash test: " << kRounds << " kill -9 rounds, " << acknowledged
            << " acknowledged operations, lost: 0\n";
  EXPECT_GT(acknowledged, kRounds);
}

}  // namespace
}  // namespace briefsearch::testing
