// Server-side deadlines: an expensive search given 1 ms stops with DEADLINE_EXCEEDED promptly
// instead of running to the end.
#include <gtest/gtest.h>

#include <chrono>

#include "server/index/index_manager.h"
#include "server/index/issue_validation.h"
#include "server/query/search_engine.h"
#include "tests/server/temp_dir.h"

namespace briefsearch::query {
namespace {

TEST(DeadlineTest, ExpensiveSearchStopsAtTheDeadline) {
  testing_util::TempDir tmp;
  analysis::Analyzer analyzer;
  index::IndexOptions options;
  options.data_dir = tmp.path();
  options.commit_interval = std::chrono::hours(1);
  options.commit_after_ops = 1000000;
  auto m = index::IndexManager::Open(options, &analyzer);
  ASSERT_TRUE(m.ok()) << m.status();
  // 40 issues x 50 articles, every article holding many words that start with 중.
  std::string body;
  for (int w = 0; w < 60; ++w) body += "중국" + std::to_string(w) + "중앙 중심 중요 ";
  for (int i = 0; i < 40; ++i) {
    v1::Issue issue;
    issue.set_issue_id("i" + std::to_string(i));
    for (int a = 0; a < 50; ++a) {
      v1::Article* article = issue.add_articles();
      article->set_title("기사");
      article->set_body(body);
    }
    ASSERT_TRUE(index::ValidateAndNormalizeIssue(&issue).ok());
    ASSERT_TRUE((*m)->Upsert(issue).ok());
  }
  SearchEngine engine(&analyzer);
  v1::SearchRequest request;
  request.set_query("중 OR 국 OR 앙 OR 심 OR 요");  // prefix queries over every gram: slow
  auto snapshot = (*m)->Snapshot();

  v1::SearchResponse unlimited;
  ASSERT_TRUE(engine.Search(*snapshot, request, &unlimited).ok());
  EXPECT_EQ(unlimited.total_hits(), 2000);

  v1::SearchResponse response;
  const auto started = std::chrono::steady_clock::now();
  absl::Status s = engine.Search(*snapshot, request, &response,
                                 std::chrono::system_clock::now() + std::chrono::milliseconds(1));
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(s.code(), absl::StatusCode::kDeadlineExceeded) << s;
  EXPECT_LT(took, std::chrono::milliseconds(500));

  v1::SearchResponse late;
  s = engine.Search(*snapshot, request, &late, std::chrono::system_clock::now() - std::chrono::seconds(1));
  EXPECT_EQ(s.code(), absl::StatusCode::kDeadlineExceeded) << s;
}

}  // namespace
}  // namespace briefsearch::query
