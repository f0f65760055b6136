// ParseInChild against stand-in child programs (shell scripts), so each way a child can end is
// exercised deterministically; the real child (briefsearch-indexer parse) runs in the integration
// tests, where the indexer parses every file this way.
#include "indexer/pipeline/child_parser.h"

#include <sys/stat.h>

#include "gtest/gtest.h"
#include "tests/integration/harness.h"

namespace briefsearch::pipeline {
namespace {

using testing::TempDir;
using testing::WriteFile;

std::string Script(const TempDir& dir, const std::string& name, const std::string& body) {
  const std::string path = dir / name;
  WriteFile(path, "#!/bin/sh\n" + body + "\n");
  ::chmod(path.c_str(), 0755);
  return path;
}

TEST(ChildParserTest, RefusalCarriesTheParsersReason) {
  TempDir dir;
  const std::string exe = Script(
      dir, "refuse", "echo \"briefsearch-indexer: $2: would be quarantined: encrypted PDF\" >&2; exit 1");
  auto r = ParseInChild(exe, "a.pdf", "%PDF-1.4", {});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "encrypted PDF");
}

TEST(ChildParserTest, ChildKilledOverItsLimitsIsResourceExhausted) {
  TempDir dir;
  auto r = ParseInChild(Script(dir, "oom", "kill -9 $$"), "a.pdf", "%PDF-1.4", {});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kResourceExhausted) << r.status();
  EXPECT_NE(r.status().message().find("over its limits"), std::string::npos);
}

TEST(ChildParserTest, ChildThatHangsIsKilledAtTheWallLimit) {
  TempDir dir;
  ChildLimits limits;
  limits.wall = std::chrono::seconds(1);
  const auto started = std::chrono::steady_clock::now();
  auto r = ParseInChild(Script(dir, "hang", "exec sleep 30"), "a.pdf", "%PDF-1.4", limits);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kResourceExhausted) << r.status();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

TEST(ChildParserTest, JsonOutputBecomesAParsedIssue) {
  TempDir dir;
  const std::string json =
      R"({"publisher":"KIC","issue_number":"289","published":"2022-07-27","title":"주간 중국 창업",)"
      R"("format":"pdf","articles":[{"title":"기사","section":"WEEKLY 뉴스","pages":[3,5],)"
      R"("body":"본문","links":["https://example.org"]}]})";
  WriteFile(dir / "out.json", json);
  auto r = ParseInChild(Script(dir, "ok", "cat " + (dir / "out.json")), "a.pdf", "%PDF-1.4", {});
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

TEST(ChildParserTest, TheFileReachesTheChildOnStdinNeverAsAPath) {
  TempDir dir;
  // The stand-in child echoes its stdin and records its arguments: the bytes are the output, and
  // no argument names a path.
  const std::string exe = Script(dir, "echo", "echo \"$@\" > " + (dir / "args") + "; exec cat");
  const std::string json = R"({"title":"표준입력","articles":[{"title":"기사","body":"본문"}]})";
  auto r = ParseInChild(exe, "issue.md", json, {});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->title, "표준입력");
  EXPECT_EQ(testing::ReadFile(dir / "args"), "parse - --name issue.md --json --memory-mb 1024 --cpu-seconds 60\n");
}

TEST(ChildParserTest, ChildThatExitsWithoutReadingItsInputIsARefusalNotASigpipe) {
  TempDir dir;
  // 8 MiB is far more than a pipe holds, so the parent's writes hit EPIPE after the child exits.
  auto r = ParseInChild(Script(dir, "quit", "exit 3"), "big.pdf", std::string(8 << 20, 'x'), {});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << r.status();
  EXPECT_EQ(r.status().message(), "parser failed");
}

}  // namespace
}  // namespace briefsearch::pipeline
