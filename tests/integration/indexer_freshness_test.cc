// How soon a dropped file is indexed, against a real briefsearch-indexer and briefsearchd: a file
// whose writer says it is done (renamed in, closed after writing) does not wait out --settle-ms,
// and a burst is worked on by several parsers at once without indexing anything twice or a file's
// versions out of order. --settle-ms is 30 s here, far beyond every wait, so a file indexed in
// time cannot have been indexed by waiting the settle out.
#include <filesystem>
#include <string>

#include "gtest/gtest.h"
#include "tests/integration/folder_check.h"
#include "tests/integration/harness.h"
#include "tests/integration/indexer_fixture.h"

namespace briefsearch::testing {
namespace {

namespace fs = std::filesystem;

class IndexerFreshnessTest : public IndexerFixture {
 protected:
  void StartIndexer(const std::string& workers) {
    indexer_->Start({"--settle-ms", "30000", "--parse-workers", workers});
    ASSERT_TRUE(WaitUntil([&] { return indexer_->log().find("scanned ") != std::string::npos; }))
        << indexer_->log();
  }
  // Writes brief `n` under a hidden name and renames it to `name`, as the README tells writers to.
  void RenameIn(const std::string& name, int n) {
    const std::string temp = drop() + "/." + name + ".writing";
    WriteFile(temp, KicBrief(n));
    fs::rename(temp, drop() + "/" + name);
  }
  size_t Count(const std::string& text) const {
    const std::string log = indexer_->log();
    size_t n = 0;
    for (size_t at = log.find(text); at != std::string::npos; at = log.find(text, at + 1)) ++n;
    return n;
  }
};

TEST_F(IndexerFreshnessTest, RenamedInAndClosedFilesDoNotWaitTheSettle) {
  StartIndexer("1");
  RenameIn("renamed.md", 1);
  WriteFile(drop() + "/closed.md", KicBrief(2));  // written in place, closed, no further events
  // 20 s: well over what it takes on a loaded machine (about 1 s), well under the 30 s settle.
  EXPECT_TRUE(EventuallyIndexMatches(client(), {{"renamed.md", 1}, {"closed.md", 2}},
                                     std::chrono::seconds(20)))
      << indexer_->log();
}

TEST_F(IndexerFreshnessTest, BurstWithParallelParsersIndexesEachFileOnceAndLastVersionWins) {
  StartIndexer("3");
  std::map<std::string, int> expected;
  RenameIn("replaced.md", 100);
  for (int i = 0; i < 24; ++i) {
    const std::string name = "burst_" + std::to_string(i) + ".md";
    RenameIn(name, 101 + i);
    expected[name] = 101 + i;
    // Replaced twice while the burst is being worked on: only the last version may remain.
    if (i == 8) RenameIn("replaced.md", 130);
    if (i == 16) RenameIn("replaced.md", 131);
  }
  expected["replaced.md"] = 131;
  // The same content under two names at once: indexed under one of them only.
  RenameIn("same_a.md", 140);
  RenameIn("same_b.md", 140);
  // All settled: 24 + replaced.md + one of the pair listed, the last versions found, the pair's
  // second name recorded as a duplicate.
  ASSERT_TRUE(WaitUntil(
      [&] {
        auto issues = IndexedIssues(client());
        return issues.ok() && issues->size() == 26 && CountHits(client(), MarkerWord(131)) == 1 &&
               CountHits(client(), MarkerWord(140)) == 1 && Count("not indexed again") == 1;
      },
      std::chrono::seconds(60)))
      << indexer_->log();
  auto issues = IndexedIssues(client());
  ASSERT_TRUE(issues.ok()) << issues.status();
  const bool a = issues->contains("same_a.md"), b = issues->contains("same_b.md");
  EXPECT_NE(a, b) << "exactly one of the two names is indexed";
  expected[a ? "same_a.md" : "same_b.md"] = 140;
  EXPECT_TRUE(IndexMatches(client(), expected)) << indexer_->log();
  EXPECT_EQ(CountHits(client(), MarkerWord(100)), 0);
  EXPECT_EQ(CountHits(client(), MarkerWord(130)), 0);
  for (int i = 0; i < 24; ++i) {
    EXPECT_EQ(Count("burst_" + std::to_string(i) + ".md: indexed"), 1u) << "burst_" << i;
  }
}

}  // namespace
}  // namespace briefsearch::testing
