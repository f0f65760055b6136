// Tests for server/query/rescore.h: a rescored window carries exactly the scores and the order a
// search with the ranked query gives those documents, across several segments.
#include "server/query/rescore.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "common/utf8.h"
#include "server/index/issue_validation.h"
#include "server/query/query_parser.h"
#include "server/query/query_planner.h"
#include "tests/server/temp_dir.h"

namespace briefsearch::query {
namespace {

TEST(RescoreTest, WindowGetsTheRankedQueryScoresAndOrder) {
  testing_util::TempDir tmp;
  analysis::Analyzer analyzer;
  index::IndexOptions options;
  options.data_dir = tmp.path();
  auto m = index::IndexManager::Open(options, &analyzer);
  ASSERT_TRUE(m.ok()) << m.status();
  // Articles with both words, some side by side (the proximity bonus), some far apart; one
  // commit per issue so the snapshot has several segments.
  const std::string filler = "여러 도시의 교통 정책과 주택 공급 계획이 이어졌다 ";
  for (int i = 0; i < 12; ++i) {
    v1::Issue issue;
    issue.set_issue_id("i" + std::to_string(i));
    for (int a = 0; a < 5; ++a) {
      v1::Article* article = issue.add_articles();
      article->set_title("기사");
      std::string body = "반도체 ";
      for (int f = 0; f < (i + a) % 4; ++f) body += filler;
      body += "수출 " + filler;
      if ((i * 5 + a) % 3 == 0) body += "반도체 수출 늘었다";
      article->set_body(body);
    }
    ASSERT_TRUE(index::ValidateAndNormalizeIssue(&issue).ok());
    ASSERT_TRUE((*m)->Upsert(issue).ok());
    ASSERT_TRUE((*m)->Commit().ok());
  }
  auto snapshot = (*m)->Snapshot();
  ASSERT_GT(snapshot->reader->getSequentialSubReaders().size(), 1);

  Planner planner(&analyzer);
  auto root = ParseQuery("반도체 수출");
  ASSERT_TRUE(root.ok());
  auto plan = planner.MakePlan(*root, snapshot->averages());
  ASSERT_TRUE(plan.ok());
  ASSERT_NE(plan->ranked, nullptr) << "two AND-ed words should get a proximity bonus";

  Lucene::TopDocsPtr window = snapshot->searcher->search(plan->query, 25);
  ASSERT_EQ(window->scoreDocs.size(), 25);
  std::set<int32_t> in_window;
  for (const auto& sd : window->scoreDocs) in_window.insert(sd->doc);
  Rescore(*snapshot, plan->ranked, window);

  // The ranked query over everything, restricted to the window's documents.
  Lucene::TopDocsPtr all = snapshot->searcher->search(plan->ranked, 1000);
  std::map<int32_t, double> expected;
  for (const auto& sd : all->scoreDocs) expected[sd->doc] = sd->score;
  double previous = 1e300;
  for (const auto& sd : window->scoreDocs) {
    ASSERT_TRUE(in_window.count(sd->doc)) << "rescoring changed the set of hits";
    ASSERT_TRUE(expected.count(sd->doc));
    EXPECT_NEAR(sd->score, expected[sd->doc], 1e-5 * expected[sd->doc]);
    EXPECT_LE(sd->score, previous) << "not sorted by the new score";
    previous = sd->score;
  }
  // The window's top is the ranked query's top: the bonus could only lift documents already in it.
  EXPECT_EQ(window->scoreDocs[0]->doc, all->scoreDocs[0]->doc);
}

}  // namespace
}  // namespace briefsearch::query
