// A generated corpus as a user would index it: the real indexer on the generated drop folder,
// sending to a real briefsearchd, holds exactly the articles of articles.jsonl.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "bench/gen/corpus.h"
#include "bench/gen/vocabulary.h"
#include "tests/integration/harness.h"

namespace briefsearch::testing {
namespace {

TEST(GenIndexerTest, IndexerAndServerHoldEveryGeneratedArticle) {
  TempDir dir;
  absl::StatusOr<gen::Vocabulary> v = gen::Vocabulary::Build(
      {.samples_dir = SourcePath("examples/briefs"), .synthetic_words = 50'000, .seed = 5});
  ASSERT_TRUE(v.ok()) << v.status();
  auto manifest = gen::WriteCorpus(
      {.articles = 200, .seed = 5, .queries_per_class = 5, .out_dir = dir / "corpus"}, *v);
  ASSERT_TRUE(manifest.ok()) << manifest.status();

  std::map<std::string, int> articles_per_issue;
  std::ifstream in(dir / "corpus/articles.jsonl");
  for (std::string line; std::getline(in, line);) {
    ++articles_per_issue[nlohmann::json::parse(line)["issue_id"].get<std::string>() + ".txt"];
  }

  ServerProcess server(dir / "data");
  std::string error;
  ASSERT_TRUE(server.Start(&error)) << error;
  std::string out, err;
  ASSERT_EQ(RunCommand({BinPath("briefsearch-indexer"), "--drop-dir", dir / "corpus/drop",
                        "--server", server.address(), "--state-dir", dir / "state", "--once"},
                       &out, &err, std::chrono::seconds(100)),
            0)
      << err;
  auto stats = server.client().GetStats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->articles, 200);
  EXPECT_EQ(stats->issues, int64_t(articles_per_issue.size()));
  for (const auto& [issue_id, n] : articles_per_issue) {
    auto issue = server.client().GetIssue(issue_id);
    ASSERT_TRUE(issue.ok()) << issue_id << ": " << issue.status();
    EXPECT_EQ(issue->article_count, n) << issue_id;
  }
}

}  // namespace
}  // namespace briefsearch::testing
