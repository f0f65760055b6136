// briefsearchd --verify-sync-max-mb 0: every data file of these small indexes is checked against
// its checksums in the background once the server serves. A flipped byte is found there, shown in
// Stats, and recovered from without losing an acknowledged document; a short file still stops the
// commit before serving; the marker of an interrupted check makes the next start check all first.
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
using ::testing::HasSubstr;

const std::vector<std::string> kDeferAll = {"--verify-sync-max-mb", "0", "--commit-interval-ms",
                                            "100"};

// Whether `first` is in the log of the server's latest run, before `then`.
bool LoggedBefore(const ServerProcess& server, const std::string& first, const std::string& then) {
  std::string log = server.log();
  const size_t last_stop = log.rfind("stopped cleanly");
  if (last_stop != std::string::npos) log = log.substr(last_stop);
  const size_t a = log.find(first);
  return a != std::string::npos && log.find(then, a) != std::string::npos;
}

class DeferredCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(WriteTwoCommits(server_, index_dir_, &after_first_));
    fresh_ = NewCompoundFile(index_dir_, after_first_);
    ASSERT_FALSE(fresh_.empty());
  }

  TempDir dir_;
  const std::string index_dir_ = dir_ / "data/index";
  const std::string marker_ = dir_ / "data/checksums/verifying";
  ServerProcess server_{dir_ / "data", kDeferAll};
  std::set<std::string> after_first_;
  std::string fresh_;  // a compound file only the newest commit uses
};

TEST_F(DeferredCheckTest, CleanIndexIsVerifiedAfterServingStarts) {
  std::string error;
  ASSERT_TRUE(server_.Start(&error)) << error;
  ASSERT_TRUE(WaitUntil([&] {
    auto s = server_.client().GetStats();
    return s.ok() && s->checksums_verified;
  }));
  EXPECT_EQ(server_.client().GetStats()->index_damage_detected, 0);
  EXPECT_FALSE(fs::exists(marker_));
  EXPECT_THAT(server_.log(), HasSubstr("match their checksums"));
  std::string out, err;
  ASSERT_EQ(
      RunCommand({BinPath("briefsearch"), "--server", server_.address(), "stats"}, &out, &err), 0)
      << err;
  EXPECT_THAT(out, HasSubstr("checksums:        verified"));
}

TEST_F(DeferredCheckTest, FlippedByteIsFoundAfterServingStartsAndNothingIsLost) {
  // In stored text, so that the server's warm-up searches read it without failing.
  ASSERT_TRUE(FlipCaseOfLast(fresh_, "second.txt"));
  std::string error;
  ASSERT_TRUE(server_.Start(&error)) << error;
  // Acknowledged while the damaged commit is open: must survive the recovery.
  ASSERT_TRUE(server_.client().UpsertIssue(MakeIssue("third.txt", 1, "셋째문서")).ok());
  ASSERT_TRUE(WaitUntil([&] {
    auto s = server_.client().GetStats();
    return s.ok() && s->index_damage_detected == 1 && s->checksums_verified;
  })) << server_.log();
  auto stats = server_.client().GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_THAT(stats->index_damage, HasSubstr(fs::path(fresh_).filename().string()));
  EXPECT_EQ(CountHits(server_.client(), "첫커밋문서"), 2);
  EXPECT_EQ(CountHits(server_.client(), "둘째커밋문서"), 3);
  EXPECT_EQ(CountHits(server_.client(), "셋째문서"), 1);
  EXPECT_TRUE(LoggedBefore(server_, "listening on", "fails its checksums")) << server_.log();
  EXPECT_FALSE(fs::is_empty(dir_ / "data/damaged"));
  EXPECT_FALSE(fs::exists(marker_));
  // The rebuilt index was committed: the next start is clean and keeps everything.
  ASSERT_EQ(server_.Stop(), 0);
  ASSERT_TRUE(server_.Start(&error)) << error;
  EXPECT_EQ(CountHits(server_.client(), "셋째문서"), 1);
  EXPECT_EQ(CountHits(server_.client(), "둘째커밋문서"), 3);
}

TEST_F(DeferredCheckTest, ShortBigFileIsRefusedBeforeServing) {
  fs::resize_file(fresh_, fs::file_size(fresh_) - 1);
  std::string error;
  ASSERT_TRUE(server_.Start(&error)) << error;
  EXPECT_TRUE(LoggedBefore(server_, "fails its checksums", "listening on")) << server_.log();
  EXPECT_EQ(CountHits(server_.client(), "첫커밋문서"), 2);
  EXPECT_EQ(CountHits(server_.client(), "둘째커밋문서"), 3);
  EXPECT_EQ(server_.client().GetStats()->index_damage_detected, 0) << "found at start";
}

TEST_F(DeferredCheckTest, MarkerOfAnInterruptedCheckMeansEverythingIsCheckedBeforeServing) {
  FlipMiddleByte(fresh_);
  WriteFile(marker_, "segments_3\n");  // the last run died during its background check
  std::string error;
  ASSERT_TRUE(server_.Start(&error)) << error;
  EXPECT_TRUE(LoggedBefore(server_, "reading every file of the index before serving",
                           "fails its checksums"))
      << server_.log();
  EXPECT_TRUE(LoggedBefore(server_, "fails its checksums", "listening on")) << server_.log();
  auto stats = server_.client().GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_TRUE(stats->checksums_verified);
  EXPECT_EQ(stats->index_damage_detected, 0);
  EXPECT_FALSE(fs::exists(marker_));
  EXPECT_EQ(CountHits(server_.client(), "둘째커밋문서"), 3);
}

}  // namespace
}  // namespace briefsearch::testing
