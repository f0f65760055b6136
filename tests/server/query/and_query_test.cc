// Tests for server/query/and_query.h: an AndQuery matches the documents and gives the scores of
// the BooleanQuery of MUST clauses it replaces, on a real index of several segments, with clauses
// that rewrite (prefix, range), clauses missing from some segments, and whole planned queries.
#include "server/query/and_query.h"

#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "server/index/issue_validation.h"
#include "server/index/score_bound.h"
#include "server/index/word_query.h"
#include "server/index/schema.h"
#include "server/query/query_parser.h"
#include "server/query/query_planner.h"
#include "tests/server/temp_dir.h"
#include "tests/server/test_index.h"

namespace briefsearch::query {
namespace {

using Lucene::BooleanClause;
using Lucene::newLucene;
namespace field = index::field;

class AndQueryTest : public testing::Test {
 protected:
  void SetUp() override {
    index_ = testing_util::OpenTestIndex(tmp_.path(), &analyzer_);
    ASSERT_NE(index_, nullptr);
    const char* bodies[] = {"반도체 수출이 늘었다", "반도체 공장과 수출 통계", "수출 통계",
                            "중국 반도체 정책과 수출 규제", "교통 정책", "國際 협력 반도체 수출"};
    for (int i = 0; i < 8; ++i) {
      v1::Issue issue;
      issue.set_issue_id("i" + std::to_string(i));
      issue.set_publisher(i % 2 ? v1::KIEP : v1::KOSTEC);
      issue.set_published("2024-0" + std::to_string(1 + i) + "-15");
      for (int a = 0; a < 6; ++a) {
        v1::Article* article = issue.add_articles();
        article->set_title(a % 3 == 0 ? "반도체 수출 동향" : "주간 동향");
        std::string body = bodies[(i + a) % 6];
        for (int k = 0; k < (i * a) % 4; ++k) body += " 여러 도시의 교통 계획";
        article->set_body(body);
      }
      ASSERT_TRUE(index::ValidateAndNormalizeIssue(&issue).ok());
      ASSERT_TRUE(index_->Upsert(issue).ok());
      ASSERT_TRUE(index_->Commit().ok());
    }
    snapshot_ = index_->Snapshot();
    ASSERT_GT(snapshot_->segments.size(), 1);
  }

  std::map<int32_t, double> Scores(const Lucene::QueryPtr& q) {
    std::map<int32_t, double> out;
    Lucene::TopDocsPtr top = snapshot_->searcher->search(q, 10000);
    for (const auto& sd : top->scoreDocs) out[sd->doc] = sd->score;
    EXPECT_EQ(top->totalHits, static_cast<int32_t>(out.size()));
    return out;
  }

  void ExpectSameScores(const std::vector<Lucene::QueryPtr>& clauses) {
    auto boolean = newLucene<Lucene::BooleanQuery>();
    for (const auto& c : clauses) boolean->add(c, BooleanClause::MUST);
    const auto want = Scores(boolean);
    const auto got = Scores(newLucene<AndQuery>(clauses));
    ASSERT_EQ(want.size(), got.size());
    for (const auto& [doc, score] : want) {
      ASSERT_TRUE(got.count(doc)) << "document " << doc << " missing";
      EXPECT_NEAR(got.at(doc), score, 1e-9 * std::max(1.0, score)) << "document " << doc;
    }
  }

  static Lucene::QueryPtr Term(const wchar_t* f, const std::wstring& text, double boost = 1.0) {
    auto q = newLucene<Lucene::TermQuery>(newLucene<Lucene::Term>(f, text));
    q->setBoost(boost);
    return q;
  }

  testing_util::TempDir tmp_;
  analysis::Analyzer analyzer_;
  std::unique_ptr<index::IndexManager> index_;
  std::shared_ptr<const index::IndexSnapshot> snapshot_;
};

TEST_F(AndQueryTest, TermsScoreAsTheBooleanQuery) {
  ExpectSameScores({Term(field::kBodyWords, L"반도체"), Term(field::kBodyWords, L"수출", 1.5)});
  ExpectSameScores({Term(field::kBodyWords, L"반도체"), Term(field::kBodyWords, L"수출"),
                    Term(field::kTitleWords, L"동향")});
}

TEST_F(AndQueryTest, FiltersThatRewriteScoreAsTheBooleanQuery) {
  auto range = newLucene<Lucene::TermRangeQuery>(field::kPublished, L"2024-03-01", L"2024-07-01",
                                                 true, true);
  range->setBoost(0);
  auto prefix = newLucene<Lucene::PrefixQuery>(newLucene<Lucene::Term>(field::kBody, L"반"));
  ExpectSameScores({Term(field::kBodyWords, L"수출"), range});
  ExpectSameScores({prefix, Term(field::kPublisher, L"KIEP", 0)});
  // A nested AndQuery, and a clause no document has: nothing matches.
  ExpectSameScores({newLucene<AndQuery>(std::vector<Lucene::QueryPtr>{
                        Term(field::kBodyWords, L"반도체"), Term(field::kBodyWords, L"정책")}),
                    Term(field::kPublisher, L"KOSTEC", 0)});
  EXPECT_TRUE(Scores(newLucene<AndQuery>(std::vector<Lucene::QueryPtr>{
                  Term(field::kBodyWords, L"반도체"), Term(field::kBodyWords, L"없는낱말")}))
                  .empty());
}

TEST_F(AndQueryTest, PlannedQueriesMatchAndScoreAsWithBooleanQueries) {
  PlannerOptions boolean_options;
  boolean_options.use_boolean_query = true;
  const Planner fast(&analyzer_), slow(&analyzer_, boolean_options);
  for (const char* text : {"반도체 수출", "반도체 수출 정책", "國際 협력", "반도체 publisher:kiep",
                           "수출 after:2024-04-01", "title:동향 반도체", "반도체 -교통",
                           "\"반도체 수출\" 통계"}) {
    auto root = ParseQuery(text);
    ASSERT_TRUE(root.ok()) << text;
    auto a = fast.MakePlan(*root, snapshot_->averages());
    auto b = slow.MakePlan(*root, snapshot_->averages());
    ASSERT_TRUE(a.ok() && b.ok()) << text;
    const auto want = Scores(b->query);
    const auto got = Scores(a->query);
    ASSERT_FALSE(want.empty()) << text;
    ASSERT_EQ(want.size(), got.size()) << text;
    for (const auto& [doc, score] : want) {
      ASSERT_TRUE(got.count(doc)) << text << ": document " << doc;
      EXPECT_NEAR(got.at(doc), score, 1e-9 * score) << text << ": document " << doc;
    }
  }
}

TEST_F(AndQueryTest, UpperBoundCoversTheScoreOrIsInfinite) {
  // Word clauses bound their scores; a plain TermQuery does not, so the group cannot either.
  auto words = [&](const std::wstring& w) {
    auto title = newLucene<index::Bm25TermQuery>(newLucene<Lucene::Term>(field::kTitleWords, w),
                                                 field::kTitleWordsLength,
                                                 snapshot_->averages().title_words,
                                                 index::Bm25Params());
    auto body = newLucene<index::Bm25TermQuery>(newLucene<Lucene::Term>(field::kBodyWords, w),
                                                field::kBodyWordsLength,
                                                snapshot_->averages().body_words,
                                                index::Bm25Params());
    return Lucene::QueryPtr(newLucene<index::WordQuery>(
        std::vector<boost::shared_ptr<index::Bm25TermQuery>>{title, body}));
  };
  for (bool bounded : {true, false}) {
    auto q = newLucene<AndQuery>(std::vector<Lucene::QueryPtr>{
        words(L"반도체"), bounded ? words(L"수출") : Term(field::kBodyWords, L"수출")});
    auto weight = q->weight(snapshot_->searcher);
    int checked = 0;
    for (const auto& segment : snapshot_->segments) {
      Lucene::ScorerPtr s = weight->scorer(segment, true, false);
      if (!s) continue;
      auto* bound = dynamic_cast<index::ScoreBound*>(s.get());
      ASSERT_NE(bound, nullptr);
      while (s->nextDoc() != Lucene::DocIdSetIterator::NO_MORE_DOCS) {
        if (bounded) {
          EXPECT_GE(bound->UpperBound(), s->score());
          EXPECT_LT(bound->UpperBound(), std::numeric_limits<double>::infinity());
        } else {
          EXPECT_EQ(bound->UpperBound(), std::numeric_limits<double>::infinity());
        }
        ++checked;
      }
    }
    EXPECT_GT(checked, 5);
  }
}

TEST_F(AndQueryTest, AdvanceAndExplainAgreeWithTheMatches) {
  auto q = newLucene<AndQuery>(std::vector<Lucene::QueryPtr>{Term(field::kBodyWords, L"반도체"),
                                                             Term(field::kBodyWords, L"수출")});
  const auto all = Scores(q);
  ASSERT_GT(all.size(), 5);
  for (const auto& [doc, score] : all) {
    EXPECT_NEAR(snapshot_->searcher->explain(q, doc)->getValue(), score, 1e-9 * score);
  }
  EXPECT_FALSE(snapshot_->searcher->explain(q, 0)->isMatch() && !all.count(0));
  auto weight = q->weight(snapshot_->searcher);
  int32_t base = 0, probes = 0;
  for (const auto& segment : snapshot_->segments) {
    Lucene::ScorerPtr s = weight->scorer(segment, true, false);
    for (int32_t target = 0; s && target < segment->maxDoc(); target += 2) {
      const int32_t doc = s->advance(target);
      auto next = all.lower_bound(base + target);
      if (next == all.end() || next->first >= base + segment->maxDoc()) {
        EXPECT_EQ(doc, Lucene::DocIdSetIterator::NO_MORE_DOCS);
        break;
      }
      EXPECT_EQ(base + doc, next->first) << "advance(" << target << ")";
      ++probes;
      target = doc;
    }
    base += segment->maxDoc();
  }
  EXPECT_GT(probes, 3);
}

}  // namespace
}  // namespace briefsearch::query
