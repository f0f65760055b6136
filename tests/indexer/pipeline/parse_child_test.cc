// ParseChild against the real child, `briefsearch-indexer parse-server`, with its test faults on
// (indexer/parse_test_faults.h): each way a child can end mid-file is made to happen between good
// files, and each must cost that file only, with the file after it parsed by a fresh child.
#include "indexer/pipeline/parse_child.h"

#include <signal.h>

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "indexer/pipeline/parsed_issue_json.h"
#include "tests/integration/harness.h"

namespace briefsearch::pipeline {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string Brief(int n) {
  return "# 주간 중국 창업 제 " + std::to_string(n) +
         " 호\n\n발행처: 글로벌혁신센터(KIC 중국)\n\n## 1. 기사 제목\n\n본문 " + std::to_string(n) +
         " 이다.\n";
}

std::string Fault(const std::string& what) { return "briefsearch-test-fault: " + what + "\n"; }

ChildLimits TestLimits() {
  ChildLimits limits;
  limits.test_faults = true;
  return limits;
}

class ParseChildTest : public ::testing::Test {
 protected:
  // Parses brief `n`, expecting success from the running child (or a new one).
  void ExpectParses(ParseChild& child, int n) {
    auto r = child.Parse("brief_" + std::to_string(n) + ".md", Brief(n));
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->issue_number, std::to_string(n));
  }
  const std::string exe_ = testing::BinPath("briefsearch-indexer");
};

TEST_F(ParseChildTest, OneChildParsesFileAfterFile) {
  ParseChild child(exe_, TestLimits());
  ExpectParses(child, 1);
  const pid_t first = child.pid();
  for (int n = 2; n <= 40; ++n) ExpectParses(child, n);
  EXPECT_EQ(child.pid(), first);
  EXPECT_EQ(child.starts(), 1);
}

TEST_F(ParseChildTest, RefusalCarriesTheParsersReasonAndKeepsTheChild) {
  ParseChild child(exe_, TestLimits());
  ExpectParses(child, 1);
  auto r = child.Parse("a.pdf", "%PDF-1.4 not really");
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << r.status();
  EXPECT_FALSE(r.status().message().empty());
  ExpectParses(child, 2);
  EXPECT_EQ(child.starts(), 1);
}

TEST_F(ParseChildTest, CrashCostsThatFileOnlyAndTheNextGetsAFreshChild) {
  ParseChild child(exe_, TestLimits());
  ExpectParses(child, 1);
  ExpectParses(child, 2);
  const pid_t first = child.pid();
  auto r = child.Parse("crash.md", Fault("crash"));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kResourceExhausted) << r.status();
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("over its limits"));
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("(signal 11)"));
  ExpectParses(child, 3);
  EXPECT_NE(child.pid(), first);
  EXPECT_EQ(child.starts(), 2);
}

TEST_F(ParseChildTest, CpuLoopIsKilledAtThePerFileLimitAfterEarlierFilesSucceeded) {
  ChildLimits limits = TestLimits();
  limits.cpu_seconds = 1;
  ParseChild child(exe_, limits);
  for (int n = 1; n <= 5; ++n) ExpectParses(child, n);
  const auto started = std::chrono::steady_clock::now();
  auto r = child.Parse("loop.md", Fault("loop"));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kResourceExhausted) << r.status();
  EXPECT_EQ(r.status().message(), "parse took longer than 1 s of CPU");
  // Well before the kernel's own RLIMIT_CPU backstop (the limit plus 5 s of grace).
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  ExpectParses(child, 6);
  EXPECT_EQ(child.starts(), 2);
}

TEST_F(ParseChildTest, ChildThatWaitsForeverIsKilledAtTheWallLimit) {
  ChildLimits limits = TestLimits();
  limits.wall = std::chrono::seconds(1);
  ParseChild child(exe_, limits);
  ExpectParses(child, 1);
  auto r = child.Parse("sleep.md", Fault("sleep"));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kResourceExhausted) << r.status();
  EXPECT_EQ(r.status().message(), "parse took longer than 1 s");
  ExpectParses(child, 2);
}

TEST_F(ParseChildTest, MemoryBombHitsTheAddressSpaceLimit) {
  ChildLimits limits = TestLimits();
  limits.memory_mb = 512;
  ParseChild child(exe_, limits);
  ExpectParses(child, 1);
  auto r = child.Parse("bomb.md", Fault("alloc"));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kResourceExhausted) << r.status();
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("over its limits of 512 MiB memory"));
  ExpectParses(child, 2);
  EXPECT_EQ(child.starts(), 2);
}

TEST_F(ParseChildTest, ChildThatExitsMidFileIsARefusal) {
  ParseChild child(exe_, TestLimits());
  auto r = child.Parse("exit.md", Fault("exit"));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << r.status();
  EXPECT_EQ(r.status().message(), "parser failed");
  ExpectParses(child, 1);
}

TEST_F(ParseChildTest, AnswerUnderAnotherIdIsNeverTaken) {
  ParseChild child(exe_, TestLimits());
  ExpectParses(child, 1);
  // The fault repeats in the second, fresh child: the file gets the framing error, never the
  // (empty) issue that came under the wrong id.
  auto r = child.Parse("wrong.md", Fault("wrong-id"));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInternal) << r.status();
  EXPECT_THAT(std::string(r.status().message()),
              StartsWith("parse child answered out of turn: answer to request"));
  EXPECT_EQ(child.starts(), 2);
  ExpectParses(child, 2);
  EXPECT_EQ(child.starts(), 3);
}

TEST_F(ParseChildTest, LibraryOutputOnStdoutDoesNotBreakTheFraming) {
  ParseChild child(exe_, TestLimits());
  auto r = child.Parse("chatty.md", Fault("stdout") + Brief(7));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->issue_number, "7");
  ExpectParses(child, 8);
  EXPECT_EQ(child.starts(), 1);
}

TEST_F(ParseChildTest, ReplacedAfterMaxFiles) {
  ChildLimits limits = TestLimits();
  limits.max_files = 3;
  ParseChild child(exe_, limits);
  for (int n = 1; n <= 7; ++n) ExpectParses(child, n);
  EXPECT_EQ(child.starts(), 3);  // files 1-3, 4-6, 7
}

TEST_F(ParseChildTest, ReplacedOnceItsResidentMemoryPassesTheThreshold) {
  ChildLimits limits = TestLimits();
  limits.recycle_rss_mb = 1;  // any child is past this after its first file
  ParseChild child(exe_, limits);
  for (int n = 1; n <= 3; ++n) ExpectParses(child, n);
  EXPECT_EQ(child.starts(), 3);
}

TEST_F(ParseChildTest, ChildKilledWhileIdleIsReplacedWithoutCostingAFile) {
  ParseChild child(exe_, TestLimits());
  ExpectParses(child, 1);
  ASSERT_EQ(::kill(child.pid(), SIGKILL), 0);
  // Reaped before the next file is sent: that file must not be blamed for the death.
  ASSERT_TRUE(testing::WaitUntil([&] {
    return testing::ReadFile("/proc/" + std::to_string(child.pid()) + "/stat").find(" Z ") !=
           std::string::npos;
  }));
  ExpectParses(child, 2);
  EXPECT_EQ(child.starts(), 2);
}

TEST_F(ParseChildTest, MissingProgramIsInternal) {
  ParseChild child("/nonexistent/briefsearch-indexer", TestLimits());
  auto r = child.Parse("a.md", Brief(1));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInternal) << r.status();
}

TEST(ParsedIssueJsonTest, RoundTrip) {
  parse::ParsedIssue issue;
  issue.publisher = parse::Publisher::kKic;
  issue.issue_number = "289";
  issue.published = "2022-07-27";
  issue.title = "주간 중국 창업";
  issue.format = "pdf";
  parse::ParsedArticle article;
  article.title = "기사";
  article.section = "WEEKLY 뉴스";
  article.body = "본문";
  article.page_start = 3;
  article.page_end = 5;
  article.links = {"https://example.org"};
  issue.articles.push_back(article);
  auto r = ParsedIssueFromJson(ParsedIssueToJson(issue));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->publisher, parse::Publisher::kKic);
  EXPECT_EQ(r->issue_number, "289");
  EXPECT_EQ(r->format, "pdf");
  ASSERT_EQ(r->articles.size(), 1u);
  EXPECT_EQ(r->articles[0].page_start, 3);
  EXPECT_EQ(r->articles[0].page_end, 5);
  EXPECT_EQ(r->articles[0].links.at(0), "https://example.org");
  EXPECT_FALSE(ParsedIssueFromJson("not json").ok());
}

}  // namespace
}  // namespace briefsearch::pipeline
