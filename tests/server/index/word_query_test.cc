// Tests for server/index/word_query.h: a WordQuery matches the same documents with the same
// scores as the BooleanQuery of SHOULD clauses it replaces, on a real index of several segments
// where some alternatives are missing from some segments, alone and inside a conjunction.
#include "server/index/word_query.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "server/index/index_manager.h"
#include "server/index/issue_validation.h"
#include "server/index/schema.h"
#include "server/index/score_bound.h"
#include "tests/server/temp_dir.h"
#include "tests/server/test_index.h"

namespace briefsearch::index {
namespace {

using Lucene::BooleanClause;
using Lucene::newLucene;

std::map<int32_t, double> Scores(const IndexSnapshot& snapshot, const Lucene::QueryPtr& q) {
  std::map<int32_t, double> out;
  Lucene::TopDocsPtr top = snapshot.searcher->search(q, 10000);
  for (const auto& sd : top->scoreDocs) out[sd->doc] = sd->score;
  EXPECT_EQ(top->totalHits, static_cast<int32_t>(out.size()));
  return out;
}

class WordQueryTest : public testing::Test {
 protected:
  void SetUp() override {
    index_ = testing_util::OpenTestIndex(tmp_.path(), &analyzer_);
    ASSERT_NE(index_, nullptr);
    // Titles and bodies with and without the words, and one commit per issue: several segments,
    // and segments where 반도체 never stands in a title (its title alternative has no postings).
    const char* bodies[] = {"반도체 수출이 늘었다", "반도체 반도체 공장", "수출 통계",
                            "중국 반도체 정책과 수출 규제", "교통 정책", "國際 협력 반도체"};
    for (int i = 0; i < 8; ++i) {
      v1::Issue issue;
      issue.set_issue_id("i" + std::to_string(i));
      for (int a = 0; a < 6; ++a) {
        v1::Article* article = issue.add_articles();
        article->set_title(i % 3 == 0 && a % 2 == 0 ? "반도체 산업" : "주간 동향");
        std::string body = bodies[(i + a) % 6];
        for (int k = 0; k < (i * a) % 4; ++k) body += " 여러 도시의 교통 계획";
        article->set_body(body);
      }
      ASSERT_TRUE(ValidateAndNormalizeIssue(&issue).ok());
      ASSERT_TRUE(index_->Upsert(issue).ok());
      ASSERT_TRUE(index_->Commit().ok());
    }
    snapshot_ = index_->Snapshot();
    ASSERT_GT(snapshot_->segments.size(), 1);
  }

  // The title and body alternatives of `word`, title boosted as the planner does.
  std::vector<boost::shared_ptr<Bm25TermQuery>> Alternatives(const std::wstring& word) {
    auto title = newLucene<Bm25TermQuery>(newLucene<Lucene::Term>(field::kTitleWords, word),
                                          field::kTitleWordsLength,
                                          snapshot_->averages().title_words, Bm25Params());
    title->setBoost(2.0);
    auto body = newLucene<Bm25TermQuery>(newLucene<Lucene::Term>(field::kBodyWords, word),
                                         field::kBodyWordsLength,
                                         snapshot_->averages().body_words, Bm25Params());
    return {title, body};
  }

  static Lucene::BooleanQueryPtr AsBoolean(
      const std::vector<boost::shared_ptr<Bm25TermQuery>>& alternatives) {
    auto q = newLucene<Lucene::BooleanQuery>();
    for (const auto& a : alternatives) q->add(a, BooleanClause::SHOULD);
    return q;
  }

  static void ExpectSameScores(const std::map<int32_t, double>& want,
                               const std::map<int32_t, double>& got) {
    ASSERT_EQ(want.size(), got.size());
    for (const auto& [doc, score] : want) {
      ASSERT_TRUE(got.count(doc)) << "document " << doc << " missing";
      EXPECT_NEAR(got.at(doc), score, 1e-9 * score) << "document " << doc;
    }
  }

  testing_util::TempDir tmp_;
  analysis::Analyzer analyzer_;
  std::unique_ptr<IndexManager> index_;
  std::shared_ptr<const IndexSnapshot> snapshot_;
};

TEST_F(WordQueryTest, OneWordScoresAsTheBooleanQuery) {
  for (const std::wstring word : {L"반도체", L"수출", L"산업"}) {
    const auto alternatives = Alternatives(word);
    const auto want = Scores(*snapshot_, AsBoolean(alternatives));
    ASSERT_FALSE(want.empty());
    ExpectSameScores(want, Scores(*snapshot_, newLucene<WordQuery>(alternatives)));
  }
  // Title-only and body-only matches score differently (coord), and both kinds are present.
  const auto scores = Scores(*snapshot_, newLucene<WordQuery>(Alternatives(L"반도체")));
  std::set<double> distinct;
  for (const auto& [doc, score] : scores) distinct.insert(score);
  EXPECT_GT(distinct.size(), 3);
}

TEST_F(WordQueryTest, ConjunctionsAndBoostsScoreAsTheBooleanQuery) {
  auto make = [&](bool boolean) {
    auto all = newLucene<Lucene::BooleanQuery>();
    for (const std::wstring word : {L"반도체", L"수출"}) {
      const auto alternatives = Alternatives(word);
      Lucene::QueryPtr q = boolean ? Lucene::QueryPtr(AsBoolean(alternatives))
                                   : Lucene::QueryPtr(newLucene<WordQuery>(alternatives));
      q->setBoost(1.5);
      all->add(q, BooleanClause::MUST);
    }
    return all;
  };
  const auto want = Scores(*snapshot_, make(true));
  ASSERT_GT(want.size(), 3);
  ExpectSameScores(want, Scores(*snapshot_, make(false)));
}

TEST_F(WordQueryTest, FourAlternativesAndMissingTermsScoreAsTheBooleanQuery) {
  // A Han word and its Hangul reading, each in title and body; 国际 is in no document at all.
  auto alternatives = Alternatives(L"반도체");
  for (const std::wstring other : {L"国际", L"공장"}) {
    for (const auto& a : Alternatives(other)) alternatives.push_back(a);
  }
  ExpectSameScores(Scores(*snapshot_, AsBoolean(alternatives)),
                   Scores(*snapshot_, newLucene<WordQuery>(alternatives)));
  // A word nowhere in the index matches nothing.
  EXPECT_TRUE(Scores(*snapshot_, newLucene<WordQuery>(Alternatives(L"없는낱말"))).empty());
}

TEST_F(WordQueryTest, AdvanceLandsOnTheNextMatch) {
  // Skipping (as a conjunction does) must find exactly the documents a full walk finds.
  const auto all = Scores(*snapshot_, newLucene<WordQuery>(Alternatives(L"반도체")));
  auto weight = newLucene<WordQuery>(Alternatives(L"반도체"))->weight(snapshot_->searcher);
  int32_t base = 0, probes = 0;
  for (const auto& segment : snapshot_->segments) {
    Lucene::ScorerPtr s = weight->scorer(segment, true, false);
    for (int32_t target = 0; s && target < segment->maxDoc(); target += 3) {
      const int32_t doc = s->advance(target);
      auto next = all.lower_bound(base + target);  // the first match at or after the target
      if (next == all.end() || next->first >= base + segment->maxDoc()) {
        EXPECT_EQ(doc, Lucene::DocIdSetIterator::NO_MORE_DOCS);
        break;
      }
      EXPECT_EQ(base + doc, next->first) << "advance(" << target << ")";
      ++probes;
      target = doc;  // the next probe starts a little after this match
    }
    base += segment->maxDoc();
  }
  EXPECT_GT(probes, 5);
}

TEST_F(WordQueryTest, UpperBoundIsNeverBelowTheScore) {
  auto q = newLucene<WordQuery>(Alternatives(L"반도체"));
  auto weight = q->weight(snapshot_->searcher);
  int checked = 0;
  bool below_max = false;
  for (const auto& segment : snapshot_->segments) {
    Lucene::ScorerPtr s = weight->scorer(segment, true, false);
    auto* bound = dynamic_cast<ScoreBound*>(s.get());
    ASSERT_NE(bound, nullptr);
    while (s->nextDoc() != Lucene::DocIdSetIterator::NO_MORE_DOCS) {
      EXPECT_GE(bound->UpperBound(), s->score());
      below_max = below_max || s->score() < bound->UpperBound();
      ++checked;
    }
  }
  EXPECT_GT(checked, 10);
  EXPECT_TRUE(below_max) << "a bound equal to every score would be the score itself";
}

TEST_F(WordQueryTest, ExplainGivesTheScore) {
  auto q = newLucene<WordQuery>(Alternatives(L"반도체"));
  const auto scores = Scores(*snapshot_, q);
  ASSERT_FALSE(scores.empty());
  for (const auto& [doc, score] : scores) {
    EXPECT_NEAR(snapshot_->searcher->explain(q, doc)->getValue(), score, 1e-9 * score);
  }
}

}  // namespace
}  // namespace briefsearch::index
