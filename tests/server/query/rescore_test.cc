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

class RescoreTest : public testing::Test {
 protected:
  void SetUp() override {
    index::IndexOptions options;
    options.data_dir = tmp_.path();
    auto m = index::IndexManager::Open(options, &analyzer_);
    ASSERT_TRUE(m.ok()) << m.status();
    index_ = std::move(*m);
    Fill();
  }
  void Fill();

  testing_util::TempDir tmp_;
  analysis::Analyzer analyzer_;
  std::unique_ptr<index::IndexManager> index_;
};

void RescoreTest::Fill() {
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
    ASSERT_TRUE(index_->Upsert(issue).ok());
    ASSERT_TRUE(index_->Commit().ok());
  }
}

TEST_F(RescoreTest, WindowGetsTheRankedQueryScoresAndOrder) {
  auto snapshot = index_->Snapshot();
  ASSERT_GT(snapshot->reader->getSequentialSubReaders().size(), 1);

  Planner planner(&analyzer_);
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

TEST_F(RescoreTest, BonusAloneGivesTheRankedQueryScoresExactly) {
  auto snapshot = index_->Snapshot();
  Planner planner(&analyzer_);
  int with_bonus = 0, without = 0;
  for (const char* text : {"반도체 수출", "수출 반도체", "반도체 수출 늘었다", "교통 정책 반도체"}) {
    auto root = ParseQuery(text);
    ASSERT_TRUE(root.ok());
    auto plan = planner.MakePlan(*root, snapshot->averages());
    ASSERT_TRUE(plan.ok());
    ASSERT_NE(plan->bonus, nullptr) << text;
    for (int n : {7, 25, 60}) {
      // Two copies of the same window (rescoring changes the hits in place).
      Lucene::TopDocsPtr a = snapshot->searcher->search(plan->query, n);
      Lucene::TopDocsPtr b = snapshot->searcher->search(plan->query, n);
      ASSERT_GT(a->scoreDocs.size(), 3) << text;
      Rescore(*snapshot, plan->ranked, a);
      RescoreWithBonus(*snapshot, plan->bonus, b);
      ASSERT_EQ(a->scoreDocs.size(), b->scoreDocs.size());
      Lucene::TopDocsPtr plain = snapshot->searcher->search(plan->query, n);
      std::map<int32_t, double> before;
      for (const auto& sd : plain->scoreDocs) before[sd->doc] = sd->score;
      for (int i = 0; i < a->scoreDocs.size(); ++i) {
        EXPECT_EQ(b->scoreDocs[i]->doc, a->scoreDocs[i]->doc) << text << " n=" << n << " rank " << i;
        EXPECT_EQ(b->scoreDocs[i]->score, a->scoreDocs[i]->score) << text << " n=" << n << " rank " << i;
        // Both kinds of hit occur: with the words side by side (coord 2/2) and apart (1/2).
        (a->scoreDocs[i]->score > before[a->scoreDocs[i]->doc] ? with_bonus : without)++;
      }
    }
  }
  EXPECT_GT(with_bonus, 10);
  EXPECT_GT(without, 10);
}

}  // namespace
}  // namespace briefsearch::query
