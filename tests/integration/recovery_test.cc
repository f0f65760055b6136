// Start-up recovery from a damaged index: the newest Lucene++ commit is unreadable (a truncated
// segments_N, what Lucene++ 3.0.8 can leave behind when an fsync fails silently). The server falls
// back to the previous commit, replays the write-ahead log on top, says so, and loses nothing.
#include <filesystem>
#include <fstream>
#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/harness.h"
#include "tests/integration/index_damage.h"

namespace briefsearch::testing {
namespace {

namespace fs = std::filesystem;

std::string NewestSegmentsFile(const std::string& index_dir) {
  std::string newest;
  long best = -1;
  for (const auto& e : fs::directory_iterator(index_dir)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("segments_", 0) != 0) continue;
    const long generation = std::stol(name.substr(9), nullptr, 36);
    if (generation > best) {
      best = generation;
      newest = e.path().string();
    }
  }
  return newest;
}

TEST(RecoveryTest, DamagedNewestCommitFallsBackToThePreviousOneAndTheLog) {
  TempDir dir;
  ServerProcess server(dir / "data", {"--commit-interval-ms", "100"});
  std::set<std::string> unused;
  ASSERT_NO_FATAL_FAILURE(WriteTwoCommits(server, dir / "data/index", &unused));
  std::string error;

  const std::string segments = NewestSegmentsFile(dir / "data/index");
  ASSERT_FALSE(segments.empty());
  fs::resize_file(segments, fs::file_size(segments) / 2);

  ASSERT_TRUE(server.Start(&error)) << error;
  EXPECT_EQ(CountHits(server.client(), "첫커밋문서"), 2);
  EXPECT_EQ(CountHits(server.client(), "둘째커밋문서"), 3);
  EXPECT_THAT(server.log(), ::testing::HasSubstr("is unreadable"));
  // The recovered state is committed again: a third start is clean.
  ASSERT_EQ(server.Stop(), 0);
  ASSERT_TRUE(server.Start(&error)) << error;
  EXPECT_EQ(CountHits(server.client(), "둘째커밋문서"), 3);
}

// A flipped byte in a data file only the newest commit uses: Lucene++ would read it as data. Its
// checksum manifest catches it, the commit is moved aside and the previous one plus the log used.
TEST(RecoveryTest, FlippedByteInTheNewestCommitIsCaughtByItsChecksums) {
  TempDir dir;
  ServerProcess server(dir / "data", {"--commit-interval-ms", "100"});
  std::set<std::string> before;
  ASSERT_NO_FATAL_FAILURE(WriteTwoCommits(server, dir / "data/index", &before));
  std::string error;

  const std::string fresh = NewCompoundFile(dir / "data/index", before);
  ASSERT_FALSE(fresh.empty());
  FlipMiddleByte(fresh);

  ASSERT_TRUE(server.Start(&error)) << error;
  EXPECT_EQ(CountHits(server.client(), "첫커밋문서"), 2);
  EXPECT_EQ(CountHits(server.client(), "둘째커밋문서"), 3);
  EXPECT_THAT(server.log(), ::testing::HasSubstr("fails its checksums"));
  EXPECT_FALSE(fs::is_empty(dir / "data/damaged"));
}

TEST(RecoveryTest, TornLogTailIsCutAndAcknowledgedRecordsSurvive) {
  TempDir dir;
  ServerProcess server(dir / "data", {"--commit-interval-ms", "600000"});
  std::string error;
  ASSERT_TRUE(server.Start(&error)) << error;
  ASSERT_TRUE(server.client().UpsertIssue(MakeIssue("kept.txt", 1, "남은기록")).ok());
  server.Kill();
  // A crash in the middle of the next append leaves half a record at the end of the log.
  std::string newest;
  for (const auto& e : fs::directory_iterator(dir / "data/wal")) {
    if (e.path().string() > newest) newest = e.path().string();
  }
  ASSERT_FALSE(newest.empty());
  {
    std::ofstream out(newest, std::ios::app | std::ios::binary);
    out << std::string("\x40\x00\x00\x00\x12\x34", 6);
  }
  ASSERT_TRUE(server.Start(&error)) << error;
  EXPECT_EQ(CountHits(server.client(), "남은기록"), 1);
  EXPECT_THAT(server.log(), ::testing::HasSubstr("6 torn bytes cut"));
}

}  // namespace
}  // namespace briefsearch::testing
