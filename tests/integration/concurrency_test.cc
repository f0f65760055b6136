// Queries during commits, merges and reader reopens through the real server: clients on several
// threads replace and delete issues while others search, with the server committing every 20 ms
// (so segments pile up and merge). Under deploy/tsan.sh the server is a ThreadSanitizer build too,
// and a race it reports in its log fails this test.
#include <atomic>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/integration/harness.h"

namespace briefsearch::testing {
namespace {

constexpr int kArticles = 4;

TEST(ConcurrencyTest, SearchesDuringUpsertsDeletesAndCommits) {
  TempDir dir;
  ServerProcess server(dir / "data", {"--commit-interval-ms", "20"});
  std::string error;
  ASSERT_TRUE(server.Start(&error)) << error;
  auto connect = [&] {
    auto c = Client::Connect({.server = server.address(), .timeout = std::chrono::seconds(60)});
    EXPECT_TRUE(c.ok()) << c.status();
    return std::move(*c);
  };
  constexpr int kWriters = 3, kIds = 4, kRounds = 10;
  std::atomic<bool> done{false};
  std::atomic<int> torn{0}, searches{0}, failed{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&, client = connect()] {
      while (!done) {
        auto hits = client->Search({.query = "동시검사", .limit = 3});
        auto stats = client->GetStats();
        if (!hits.ok() || !stats.ok()) {
          ++failed;
          continue;
        }
        if (hits->total_hits % kArticles != 0) ++torn;
        if (stats->articles != stats->issues * kArticles) ++torn;
        ++searches;
      }
    });
  }
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w, client = connect()] {
      for (int round = 0; round < kRounds; ++round) {
        for (int i = 0; i < kIds; ++i) {
          const std::string id = "c" + std::to_string(w) + "_" + std::to_string(i) + ".md";
          const bool remove = round % 4 == 3 && i == 0;
          const absl::Status s = remove ? client->DeleteIssue(id).status()
                                        : client->UpsertIssue(MakeIssue(id, kArticles, "동시검사")).status();
          if (!s.ok()) ++failed;
        }
      }
    });
  }
  for (auto& t : writers) t.join();
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(torn.load(), 0);
  EXPECT_GT(searches.load(), 0);
  auto stats = server.client().GetStats();
  // The server's log holds the ThreadSanitizer report when a race stopped it (halt_on_error).
  ASSERT_TRUE(stats.ok()) << stats.status() << "\n" << server.log();
  EXPECT_EQ(stats->issues, kWriters * kIds);  // the last round (9) wrote every id
  EXPECT_EQ(CountHits(server.client(), "동시검사"), kWriters * kIds * kArticles);
  EXPECT_EQ(server.Stop(), 0) << server.log();
  EXPECT_EQ(server.log().find("ThreadSanitizer"), std::string::npos) << server.log();
}

}  // namespace
}  // namespace briefsearch::testing
