// The indexer's long-lived parse children, end to end: a real briefsearch-indexer (with its hidden
// --parse-test-faults, so that a file can make its child crash, loop or exhaust its memory) sends
// to a real briefsearchd. Files are dropped one at a time between good ones; each hostile file must
// be quarantined with its reason, the files after it indexed by a fresh child, and good files must
// share one child (counted by its "parse child started" log line).
#include <filesystem>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/integration/folder_check.h"
#include "tests/integration/harness.h"
#include "tests/integration/indexer_fixture.h"

namespace briefsearch::testing {
namespace {

using ::testing::HasSubstr;

class IndexerParseChildTest : public IndexerFixture {
 protected:
  // One worker, so that every file goes through the same child unless it has to be replaced.
  void StartIndexer(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--parse-workers", "1", "--parse-test-faults"};
    args.insert(args.end(), extra.begin(), extra.end());
    indexer_->Start(args);
    ASSERT_TRUE(WaitUntil([&] { return Count("watching ") == 1; })) << indexer_->log();
  }
  // Drops brief `n` as `name` and waits until the index holds it (and all dropped before).
  void DropGood(const std::string& name, int n) {
    WriteFile(drop() + "/" + name, KicBrief(n));
    expected_[name] = n;
    ASSERT_TRUE(EventuallyIndexMatches(client(), expected_)) << indexer_->log();
  }
  // Drops a file that makes the child misbehave; returns its quarantine reason once it has one.
  std::string DropFault(const std::string& name, const std::string& what) {
    WriteFile(drop() + "/" + name, "briefsearch-test-fault: " + what + "\n" + KicBrief(999));
    std::string reason;
    WaitUntil(
        [&] {
          const auto q =
              nlohmann::json::parse(ReadFile(dir_ / "state/quarantine.json"), nullptr, false);
          if (!q.is_object() || !q.contains(name)) return false;
          reason = q[name]["reason"].get<std::string>();
          return true;
        },
        std::chrono::seconds(30));
    return reason;
  }
  size_t Count(const std::string& text) const {
    const std::string log = indexer_->log();
    size_t n = 0;
    for (size_t at = log.find(text); at != std::string::npos; at = log.find(text, at + 1)) ++n;
    return n;
  }
  size_t ChildStarts() const { return Count("parse child started"); }

  std::map<std::string, int> expected_;
};

TEST_F(IndexerParseChildTest, ManyFilesAreParsedByOneChild) {
  constexpr int kFiles = 25;
  for (int i = 0; i < kFiles; ++i) {
    WriteFile(drop() + "/many_" + std::to_string(i) + ".md", KicBrief(100 + i));
    expected_["many_" + std::to_string(i) + ".md"] = 100 + i;
  }
  StartIndexer();
  ASSERT_TRUE(EventuallyIndexMatches(client(), expected_)) << indexer_->log();
  DropGood("later.md", 150);  // and one more while watching
  EXPECT_EQ(ChildStarts(), 1u) << indexer_->log();
  ASSERT_EQ(indexer_->Stop(), 0);
  EXPECT_THAT(indexer_->log(), HasSubstr("1 parse children started"));
}

TEST_F(IndexerParseChildTest, CrashInTheMiddleOfASequence) {
  StartIndexer();
  for (int i = 0; i < 3; ++i) DropGood("before_" + std::to_string(i) + ".md", 200 + i);
  EXPECT_EQ(ChildStarts(), 1u);
  EXPECT_THAT(DropFault("crash.md", "crash"), HasSubstr("parser stopped: over its limits"));
  for (int i = 0; i < 3; ++i) DropGood("after_" + std::to_string(i) + ".md", 210 + i);
  EXPECT_EQ(ChildStarts(), 2u) << indexer_->log();
  EXPECT_THAT(indexer_->log(), HasSubstr("crash.md: quarantined: parser stopped"));
  EXPECT_EQ(CountHits(client(), MarkerWord(999)), 0);
  EXPECT_TRUE(IndexMatches(client(), expected_));
}

TEST_F(IndexerParseChildTest, FileOverThePerFileTimeLimitAfterEarlierFilesInTheSameChild) {
  StartIndexer({"--parse-cpu-seconds", "1"});
  for (int i = 0; i < 3; ++i) DropGood("before_" + std::to_string(i) + ".md", 300 + i);
  EXPECT_EQ(ChildStarts(), 1u);
  EXPECT_EQ(DropFault("loop.md", "loop"), "parse took longer than 1 s of CPU");
  for (int i = 0; i < 2; ++i) DropGood("after_" + std::to_string(i) + ".md", 310 + i);
  EXPECT_EQ(ChildStarts(), 2u) << indexer_->log();
}

TEST_F(IndexerParseChildTest, MemoryBombCostsOnlyItsFile) {
  StartIndexer({"--parse-memory-mb", "512"});
  DropGood("before.md", 400);
  EXPECT_THAT(DropFault("bomb.md", "alloc"), HasSubstr("over its limits of 512 MiB memory"));
  DropGood("after.md", 401);
  EXPECT_EQ(ChildStarts(), 2u) << indexer_->log();
}

TEST_F(IndexerParseChildTest, ChildIsReplacedAfterMaxFiles) {
  constexpr int kFiles = 10;
  for (int i = 0; i < kFiles; ++i) {
    WriteFile(drop() + "/r_" + std::to_string(i) + ".md", KicBrief(500 + i));
    expected_["r_" + std::to_string(i) + ".md"] = 500 + i;
  }
  StartIndexer({"--parse-child-max-files", "3"});
  ASSERT_TRUE(EventuallyIndexMatches(client(), expected_)) << indexer_->log();
  EXPECT_EQ(ChildStarts(), 4u) << indexer_->log();  // 3 + 3 + 3 + 1
  EXPECT_EQ(Count("replaced: after 3 files"), 3u) << indexer_->log();
}

TEST_F(IndexerParseChildTest, OneShotParseCommandStillWorks) {
  WriteFile(drop() + "/one.md", KicBrief(600));
  std::string out, err;
  ASSERT_EQ(RunCommand({BinPath("briefsearch-indexer"), "parse", drop() + "/one.md", "--json"},
                       &out, &err),
            0)
      << err;
  const auto j = nlohmann::json::parse(out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << out;
  EXPECT_EQ(j["publisher"], "KIC");
  EXPECT_EQ(j["issue_number"], "600");
  ASSERT_EQ(RunCommand({BinPath("briefsearch-indexer"), "parse", drop() + "/one.md"}, &out, &err),
            0);
  EXPECT_THAT(out, HasSubstr("KIC"));
}

}  // namespace
}  // namespace briefsearch::testing
