// Tests for server/index/phrase_query.h: a GramPhraseQuery matches the documents and gives the
// scores of the BooleanQuery of MultiPhraseQuery clauses it replaces, on a real index of several
// segments with deleted documents; its bounds are never below its scores; explain() and advance()
// agree with the matches; a search that stops counting gets the exact search's page.
#include "server/index/phrase_query.h"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "server/index/issue_validation.h"
#include "server/index/schema.h"
#include "server/index/score_bound.h"
#include "server/index/window_maxima.h"
#include "server/query/query_parser.h"
#include "server/query/query_planner.h"
#include "server/query/split_search.h"
#include "tests/server/temp_dir.h"
#include "tests/server/test_index.h"

namespace briefsearch::index {
namespace {

using Lucene::newLucene;

const char* const kWords[] = {"중국", "반도체", "정책", "수출", "중국의", "산업", "분야", "협력"};

class PhraseQueryTest : public testing::Test {
 protected:
  void SetUp() override {
    index_ = testing_util::OpenTestIndex(tmp_.path(), &analyzer_);
    ASSERT_NE(index_, nullptr);
    std::mt19937 rng(11);
    // Bodies of a few words drawn at random (phrases recur, often several times in one body,
    // "중국 중국" included), a commit every 6 issues, then issues 0-3 replaced: several segments
    // and deleted documents.
    const char* fixed[] = {"國際 협력 강화", "国际 협력 강화", "국제 협력 강화", "반도체산업 분야",
                           "중국 중국 중국 중국", "산업 분야 산업 분야 산업"};
    for (int round = 0; round < 2; ++round) {
      for (int i = 0; i < (round == 0 ? 24 : 4); ++i) {
        v1::Issue issue;
        issue.set_issue_id("i" + std::to_string(i));
        issue.set_publisher(v1::KOSTEC);
        issue.set_published("2024-02-" + std::to_string(10 + i % 9));
        for (int a = 0; a < 12; ++a) {
          v1::Article* article = issue.add_articles();
          std::string body;
          if (a < 6 && (i + a) % 4 == 0) body = fixed[(i + a) % 6];
          const int length = 2 + static_cast<int>(rng() % 30);
          for (int w = 0; w < length; ++w) body += std::string(body.empty() ? "" : " ") + kWords[rng() % 8];
          article->set_title(rng() % 4 == 0 ? "중국 반도체 정책" : (rng() % 3 == 0 ? "산업 분야 동향" : "주간 동향"));
          article->set_body(body);
        }
        ASSERT_TRUE(ValidateAndNormalizeIssue(&issue).ok());
        ASSERT_TRUE(index_->Upsert(issue).ok());
        if (i % 6 == 5) {
          ASSERT_TRUE(index_->Commit().ok());
        }
      }
    }
    ASSERT_TRUE(index_->Commit().ok());
    snapshot_ = index_->Snapshot();
    ASSERT_GT(snapshot_->segments.size(), 2);
    ASSERT_TRUE(snapshot_->reader->hasDeletions());
  }

  // `fallback`: words found in fewer documents also match their gram phrase (the default).
  Lucene::QueryPtr Plan(const std::string& text, bool boolean, bool fallback = true) {
    query::PlannerOptions options;
    options.use_boolean_query = boolean;
    if (!fallback) options.gram_fallback_below = 0;
    const query::Planner planner(&analyzer_, options);
    auto root = query::ParseQuery(text);
    EXPECT_TRUE(root.ok()) << text;
    const query::DocFreqFn doc_freq = [&](const wchar_t* name, const std::wstring& t) -> int64_t {
      return snapshot_->searcher->docFreq(newLucene<Lucene::Term>(name, t));
    };
    auto plan = planner.MakePlan(*root, snapshot_->averages(), false, doc_freq);
    EXPECT_TRUE(plan.ok()) << text;
    return plan->query;
  }

  std::map<int32_t, double> Scores(const Lucene::QueryPtr& q) {
    std::map<int32_t, double> out;
    Lucene::TopDocsPtr top = snapshot_->searcher->search(q, 100000);
    for (const auto& sd : top->scoreDocs) out[sd->doc] = sd->score;
    EXPECT_EQ(top->totalHits, static_cast<int32_t>(out.size()));
    return out;
  }

  static Lucene::MultiPhraseQueryPtr Phrase(const wchar_t* field,
                                            const std::vector<std::vector<std::wstring>>& at,
                                            double boost = 1.0) {
    auto q = newLucene<Lucene::MultiPhraseQuery>();
    for (size_t i = 0; i < at.size(); ++i) {
      auto terms = Lucene::Collection<Lucene::TermPtr>::newInstance();
      for (const std::wstring& t : at[i]) terms.add(newLucene<Lucene::Term>(field, t));
      q->add(terms, static_cast<int32_t>(i));
    }
    q->setBoost(boost);
    return q;
  }

  void ExpectSameScores(const Lucene::QueryPtr& want_query, const Lucene::QueryPtr& got_query,
                        const std::string& what, size_t at_least) {
    const auto want = Scores(want_query);
    const auto got = Scores(got_query);
    EXPECT_GE(want.size(), at_least) << what;
    ASSERT_EQ(want.size(), got.size()) << what;
    for (const auto& [doc, score] : want) {
      ASSERT_TRUE(got.count(doc)) << what << ": document " << doc;
      EXPECT_NEAR(got.at(doc), score, 1e-9 * score) << what << ": document " << doc;
    }
  }

  testing_util::TempDir tmp_;
  analysis::Analyzer analyzer_;
  std::unique_ptr<IndexManager> index_;
  std::shared_ptr<const IndexSnapshot> snapshot_;
};

TEST_F(PhraseQueryTest, PlannedPhrasesScoreAsTheBooleanQueryOfMultiPhraseQueries) {
  for (const std::string text :
       {"\"중국 반도체\"", "\"중국 중국\"", "\"산업 분야\"", "\"반도체 정책 수출\"", "\"중국의 산업\"",
        "\"중국 반도체\" 수출", "title:\"산업 분야\"", "\"분야 산업 분야\"", "\"중국 중국 중국\"",
        "\"반도체 정책\" OR \"수출 협력\"", "\"정책 수출\" -\"산업 분야\""}) {
    const Lucene::QueryPtr fast = Plan(text, false);
    EXPECT_NE(WideToUtf8(fast->toString()).find("phrase("), std::string::npos) << text;
    ExpectSameScores(Plan(text, true), fast, text, 3);
  }
}

TEST_F(PhraseQueryTest, RepeatedTermsAlternativesAndMissingTermsScoreAsLucene) {
  using Alternatives = std::vector<std::vector<std::wstring>>;
  // A term twice in the phrase, alternatives at one position, a term no segment has (as an
  // alternative: harmless; alone: nothing matches), boosts on both levels.
  const std::vector<Alternatives> phrases = {
      {{L"중국"}, {L"국중"}, {L"중국"}},
      {{L"중국", L"산업"}, {L"국반", L"업분"}},
      {{L"산업", L"없는말"}, {L"업분"}, {L"분야"}},
      {{L"반도"}, {L"도체"}, {L"체정"}, {L"정책"}},
  };
  for (const Alternatives& at : phrases) {
    const std::string what = WideToUtf8(Phrase(field::kBody, at)->toString());
    auto boolean = newLucene<Lucene::BooleanQuery>();
    boolean->add(Phrase(field::kTitle, at, 2.0), Lucene::BooleanClause::SHOULD);
    boolean->add(Phrase(field::kBody, at), Lucene::BooleanClause::SHOULD);
    boolean->setBoost(0.35);
    auto ours = newLucene<GramPhraseQuery>(
        std::vector<Lucene::MultiPhraseQueryPtr>{Phrase(field::kTitle, at, 2.0), Phrase(field::kBody, at)});
    ours->setBoost(0.35);
    ExpectSameScores(boolean, ours, what, 2);
    ExpectSameScores(Phrase(field::kBody, at),
                     newLucene<GramPhraseQuery>(std::vector<Lucene::MultiPhraseQueryPtr>{Phrase(field::kBody, at)}),
                     what + " body only", 2);
  }
  EXPECT_TRUE(Scores(newLucene<GramPhraseQuery>(std::vector<Lucene::MultiPhraseQueryPtr>{
                         Phrase(field::kBody, {{L"중국"}, {L"없는말"}})}))
                  .empty());
}

TEST_F(PhraseQueryTest, HanAndHangulSpellingsOfAPhraseFindEachOther) {
  // 國際 (Traditional), 国际 (Simplified) and 국제 (its reading) are one phrase position.
  const auto hits = Scores(Plan("\"國際 협력\"", false));
  EXPECT_GE(hits.size(), 3u);
  EXPECT_EQ(Scores(Plan("\"国际 협력\"", false)).size(), hits.size());
  for (const auto& [doc, score] : hits) {
    Lucene::ExplanationPtr e = snapshot_->searcher->explain(Plan("\"國際 협력\"", false), doc);
    EXPECT_NEAR(e->getValue(), score, 1e-9 * score);
    // Each occurrence counted once, even where the Han bigram and its reading share a position.
    EXPECT_NE(WideToUtf8(e->toString()).find("phrase freq 1:"), std::string::npos) << WideToUtf8(e->toString());
  }
}

TEST_F(PhraseQueryTest, BoundsCoverTheScoresAndExplainAndAdvanceAgree) {
  for (const std::string text : {"\"중국 중국\"", "\"산업 분야\"", "\"중국 반도체\" 수출"}) {
    // Without the gram fallback every clause has a bound (a word's fallback is a BooleanQuery).
    const Lucene::QueryPtr q = Plan(text, false, /*fallback=*/false);
    const auto all = Scores(q);
    ASSERT_GT(all.size(), 3u) << text;
    for (const auto& [doc, score] : all) {
      EXPECT_NEAR(snapshot_->searcher->explain(q, doc)->getValue(), score, 1e-9 * score) << text;
    }
    auto weight = q->weight(snapshot_->searcher);
    int32_t base = 0;
    int bounded = 0, probes = 0;
    for (const auto& segment : snapshot_->segments) {
      Lucene::ScorerPtr s = weight->scorer(segment, true, false);
      if (s) {
        auto* bound = dynamic_cast<ScoreBound*>(s.get());
        ASSERT_NE(bound, nullptr) << text;
        const double max = bound->MaxScore();
        EXPECT_LT(max, std::numeric_limits<double>::infinity()) << text;
        while (s->nextDoc() != Lucene::DocIdSetIterator::NO_MORE_DOCS) {
          EXPECT_GE(bound->UpperBound(), s->score()) << text;
          EXPECT_GE(max, s->score()) << text;
          EXPECT_GE(bound->WindowBound(WindowOf(s->docID())), s->score()) << text;
          ++bounded;
        }
      }
      s = weight->scorer(segment, true, false);
      for (int32_t target = 0; s && target < segment->maxDoc(); target += 3) {
        const int32_t doc = s->advance(target);
        auto next = all.lower_bound(base + target);
        if (next == all.end() || next->first >= base + segment->maxDoc()) {
          EXPECT_EQ(doc, Lucene::DocIdSetIterator::NO_MORE_DOCS) << text;
          break;
        }
        EXPECT_EQ(base + doc, next->first) << text << " advance(" << target << ")";
        target = doc;
        ++probes;
      }
      base += segment->maxDoc();
    }
    EXPECT_EQ(bounded, static_cast<int>(all.size())) << text;
    EXPECT_GT(probes, 3) << text;
  }
}

TEST_F(PhraseQueryTest, SkippingGivesTheExactPage) {
  const auto later = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  const int32_t max_doc = snapshot_->reader->maxDoc();
  int passed_over = 0;
  for (const std::string text : {"\"중국 중국\"", "\"산업 분야\"", "\"중국 반도체\"", "\"중국 반도체\" 수출"}) {
    const Lucene::QueryPtr q = Plan(text, false, /*fallback=*/false);
    for (int n : {1, 5, 20}) {
      const std::string what = text + " n=" + std::to_string(n);
      const Lucene::TopDocsPtr exact = query::CollectRange(*snapshot_, q, nullptr, n, 0, max_doc, later);
      ASSERT_GT(exact->totalHits, n) << what;
      bool lower_bound = false;
      const Lucene::TopDocsPtr skipping =
          query::CollectRange(*snapshot_, q, nullptr, n, 0, max_doc, later, {1, &lower_bound});
      ASSERT_EQ(skipping->scoreDocs.size(), exact->scoreDocs.size()) << what;
      for (int i = 0; i < exact->scoreDocs.size(); ++i) {
        EXPECT_EQ(skipping->scoreDocs[i]->doc, exact->scoreDocs[i]->doc) << what << " rank " << i;
        EXPECT_EQ(skipping->scoreDocs[i]->score, exact->scoreDocs[i]->score) << what << " rank " << i;
      }
      EXPECT_LE(skipping->totalHits, exact->totalHits) << what;
      passed_over += skipping->totalHits < exact->totalHits;
    }
  }
  EXPECT_GT(passed_over, 4);  // not vacuous: most of these searches passed over documents
}

}  // namespace
}  // namespace briefsearch::index
