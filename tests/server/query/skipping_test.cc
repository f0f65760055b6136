// Tests for skipping past what cannot reach the page (index/score_bound.h, index/window_maxima.h,
// SplitCollect's HitCounting and SearchRequest.track_total_hits): window tables bound every
// document's score and are computed once per segment and term; a search that stops counting
// returns exactly the page of one that counts everything, on a real index of several segments with
// deleted documents, through filters and split halves, and says that its total is a lower bound.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "server/index/bm25.h"
#include "server/index/issue_validation.h"
#include "server/index/schema.h"
#include "server/index/window_maxima.h"
#include "server/query/query_parser.h"
#include "server/query/query_planner.h"
#include "server/query/search_engine.h"
#include "server/query/split_search.h"
#include "tests/server/query/split_when_idle.h"
#include "tests/server/temp_dir.h"
#include "tests/server/test_index.h"

// After the project headers: Lucene++'s own need its Lucene.h first.
#include "FieldCache.h"

namespace briefsearch::query {
namespace {

using Lucene::newLucene;

// Zipf-like: the first words are in most articles (many windows hold them), the last in few.
const char* const kWords[] = {"정책", "반도체", "수출", "기업", "협력", "인공지능", "배터리",
                              "베이징시", "플랫폼", "전기차", "투자", "규제", "특허", "위성",
                              "양자", "로봇", "바이오", "탄소", "철강", "농업"};
constexpr int kWordCount = sizeof(kWords) / sizeof(kWords[0]);

class SkippingTest : public testing::Test {
 protected:
  void SetUp() override {
    index_ = testing_util::OpenTestIndex(tmp_.path(), &analyzer_);
    ASSERT_NE(index_, nullptr);
    std::mt19937 rng(7);
    auto word = [&] {
      // P(word k) falls with k: the least of three uniform draws.
      const int k = std::min<int>({static_cast<int>(rng() % kWordCount),
                                   static_cast<int>(rng() % kWordCount),
                                   static_cast<int>(rng() % kWordCount)});
      return std::string(kWords[k]);
    };
    // 60 issues x 40 articles (windows of 64 documents, several per segment), a commit every 15
    // issues; issues 0-9 are then replaced (deleted documents in the old segments).
    for (int round = 0; round < 2; ++round) {
      for (int i = 0; i < (round == 0 ? 60 : 10); ++i) {
        v1::Issue issue;
        issue.set_issue_id("i" + std::to_string(i));
        issue.set_publisher(i % 3 == 0 ? v1::KIC : v1::KOSTEC);
        issue.set_published("2024-01-" + std::to_string(10 + i % 9));
        for (int a = 0; a < 40; ++a) {
          v1::Article* article = issue.add_articles();
          // Few titles name a subject, as in the briefs: those articles rank first.
          std::string title = rng() % 12 == 0 ? word() + " " + word() : "주간 동향";
          std::string body;
          const int length = 3 + static_cast<int>(rng() % 40);
          for (int w = 0; w < length; ++w) body += word() + (rng() % 5 == 0 ? "를 " : " ");
          article->set_title(title);
          article->set_body(body);
        }
        ASSERT_TRUE(index::ValidateAndNormalizeIssue(&issue).ok());
        ASSERT_TRUE(index_->Upsert(issue).ok());
        if (i % 15 == 14) {
          ASSERT_TRUE(index_->Commit().ok());
        }
      }
    }
    ASSERT_TRUE(index_->Commit().ok());
    snapshot_ = index_->Snapshot();
    ASSERT_GT(snapshot_->segments.size(), 2);
    ASSERT_TRUE(snapshot_->reader->hasDeletions());
    // Lucene++ creates shared objects on first use, racily (upstream #181): warm before threads.
    snapshot_->searcher->search(QueryFor("정책"), 10);
  }

  // Words as single-term WordQuery groups (no gram phrases): the scorers that can skip.
  Lucene::QueryPtr QueryFor(const std::string& text) {
    auto root = ParseQuery(text);
    EXPECT_TRUE(root.ok()) << text;
    const DocFreqFn doc_freq = [&](const wchar_t* name, const std::wstring& t) -> int64_t {
      return snapshot_->searcher->docFreq(newLucene<Lucene::Term>(name, t));
    };
    auto plan = planner_.MakePlan(*root, snapshot_->averages(), false, doc_freq);
    EXPECT_TRUE(plan.ok()) << text;
    return plan->query;
  }

  static void ExpectSamePage(const Lucene::TopDocsPtr& want, const Lucene::TopDocsPtr& got,
                             const std::string& what) {
    ASSERT_NE(got, nullptr) << what;
    ASSERT_EQ(got->scoreDocs.size(), want->scoreDocs.size()) << what;
    for (int i = 0; i < want->scoreDocs.size(); ++i) {
      EXPECT_EQ(got->scoreDocs[i]->doc, want->scoreDocs[i]->doc) << what << " rank " << i;
      EXPECT_EQ(got->scoreDocs[i]->score, want->scoreDocs[i]->score) << what << " rank " << i;
    }
  }

  testing_util::TempDir tmp_;
  analysis::Analyzer analyzer_;
  std::unique_ptr<index::IndexManager> index_;
  std::shared_ptr<const index::IndexSnapshot> snapshot_;
  Planner planner_{&analyzer_, PlannerOptions{.gram_fallback_below = 0}};
  std::chrono::steady_clock::time_point later_ =
      std::chrono::steady_clock::now() + std::chrono::minutes(5);
};

TEST_F(SkippingTest, WindowMaximaBoundEveryDocumentOfTheirWindow) {
  int windows_checked = 0;
  for (const char* w : {"정책", "반도체", "특허", "농업"}) {
    for (const auto& [field, length_field, average] :
         {std::tuple{index::field::kBodyWords, index::field::kBodyWordsLength,
                     snapshot_->averages().body_words},
          std::tuple{index::field::kTitleWords, index::field::kTitleWordsLength,
                     snapshot_->averages().title_words}}) {
      auto term = newLucene<Lucene::Term>(field, Lucene::StringUtils::toUnicode(w));
      auto query = newLucene<index::Bm25TermQuery>(term, length_field, average, index::Bm25Params());
      query->setBoost(1.7f);
      for (const Lucene::IndexReaderPtr& segment : snapshot_->segments) {
        // Two walks of the same postings: one scores, the other asks the window bounds.
        auto scored = index::Bm25Postings::Open(segment, *query, 1.7 * 2.5);
        auto bounds = index::Bm25Postings::Open(segment, *query, 1.7 * 2.5);
        ASSERT_TRUE(scored && bounds);
        std::vector<bool> has(index::WindowOf(segment->maxDoc()) + 1, false);
        while (scored->Next() != Lucene::DocIdSetIterator::NO_MORE_DOCS) {
          has[index::WindowOf(scored->doc())] = true;
          double max = -1;
          ASSERT_TRUE(bounds->WindowMax(index::WindowOf(scored->doc()), &max)) << w;
          EXPECT_GE(max, scored->Score()) << w << " doc " << scored->doc();
          EXPECT_LE(max, scored->MaxScore() * (1 + 1e-6));
        }
        for (int32_t window = 0; window < static_cast<int32_t>(has.size()); ++window) {
          double max = -1;
          EXPECT_EQ(bounds->WindowMax(window, &max), has[window]) << w << " window " << window;
          ++windows_checked;
        }
      }
    }
  }
  EXPECT_GT(windows_checked, 100);
}

TEST_F(SkippingTest, WindowTablesAreComputedOncePerSegmentTermAndAverage) {
  index::WindowMaximaCache cache(1 << 20);
  const Lucene::IndexReaderPtr segment = snapshot_->segments[0];
  auto term = newLucene<Lucene::Term>(index::field::kBodyWords, L"정책");
  auto lengths = Lucene::FieldCache::DEFAULT()->getInts(segment, index::field::kBodyWordsLength);
  const index::NormParams norm{.fixed = 0.3, .per_length = 0.9 / 20, .missing_norm = 1.2};
  auto first = cache.Get(segment, term, lengths, norm);
  EXPECT_EQ(cache.Get(segment, term, lengths, norm), first);
  EXPECT_EQ(cache.computed(), 1);
  ASSERT_FALSE(first->quantized.empty());
  // A smaller average length lowers every ratio: the table still bounds them.
  index::NormParams shorter = norm;
  shorter.per_length = 0.9 / 15;
  EXPECT_EQ(cache.Get(segment, term, lengths, shorter), first);
  // Within the 5% headroom of a larger average too; past it, a new table.
  index::NormParams longer = norm;
  longer.per_length = 0.9 / 20.5;
  EXPECT_EQ(cache.Get(segment, term, lengths, longer), first);
  longer.per_length = 0.9 / 22;
  auto recomputed = cache.Get(segment, term, lengths, longer);
  EXPECT_NE(recomputed, first);
  EXPECT_EQ(cache.computed(), 2);
  // Each stored ratio bounds the exact table at the new average.
  const index::WindowTable exact = index::ComputeWindowTable(segment, term, lengths, longer);
  ASSERT_EQ(exact.quantized.size(), recomputed->quantized.size());
  for (size_t i = 0; i < exact.quantized.size(); ++i) {
    EXPECT_EQ(exact.quantized[i] == 0, recomputed->quantized[i] == 0) << i;
    EXPECT_GE(recomputed->quantized[i], exact.quantized[i]) << i;
  }
  // Another term, another table; a cache too small to hold it still answers.
  index::WindowMaximaCache tiny(16);
  EXPECT_FALSE(tiny.Get(segment, term, lengths, norm)->quantized.empty());
  EXPECT_FALSE(tiny.Get(segment, term, lengths, norm)->quantized.empty());
  EXPECT_EQ(tiny.computed(), 2);
}

TEST_F(SkippingTest, SkippingGivesThePageOfAnExactSearch) {
  ThreadPool pool("skip-test", 1, 0);
  const auto kic = newLucene<Lucene::QueryWrapperFilter>(newLucene<Lucene::TermQuery>(
      newLucene<Lucene::Term>(index::field::kPublisher, L"KIC")));
  int skipped_some = 0, cases = 0;
  for (const std::string text :
       {"정책", "반도체", "정책 반도체", "정책 수출 기업", "반도체 특허", "협력 OR 위성",
        "정책 -수출", "title:정책 기업", "정책 반도체 수출 기업 협력", "\"정책 반도체\"",
        "\"정책 반도체\" 수출"}) {
    const Lucene::QueryPtr query = QueryFor(text);
    for (const Lucene::FilterPtr& filter : {Lucene::FilterPtr(), Lucene::FilterPtr(kic)}) {
      for (int n : {1, 10, 100}) {
        const std::string what = text + (filter ? " (KIC)" : "") + " n=" + std::to_string(n);
        const int32_t max_doc = snapshot_->reader->maxDoc();
        const Lucene::TopDocsPtr exact = CollectRange(*snapshot_, query, filter, n, 0, max_doc, later_);
        ASSERT_GT(exact->totalHits, 0) << what;
        for (int64_t up_to : {1, 50}) {
          bool lower_bound = false;
          const Lucene::TopDocsPtr skipping =
              CollectRange(*snapshot_, query, filter, n, 0, max_doc, later_, {up_to, &lower_bound});
          ExpectSamePage(exact, skipping, what);
          EXPECT_LE(skipping->totalHits, exact->totalHits) << what;
          EXPECT_GE(skipping->totalHits, std::min<int64_t>(exact->totalHits, up_to)) << what;
          if (!lower_bound) {
            EXPECT_EQ(skipping->totalHits, exact->totalHits) << what;
          }
          skipped_some += skipping->totalHits < exact->totalHits;
          ++cases;
          bool split_lower_bound = false;
          ExpectSamePage(exact,
                         SplitWhenIdle(&pool, *snapshot_, query, filter, n, later_,
                                                     {up_to, &split_lower_bound}),
                         what + " split");
        }
      }
    }
  }
  // Not a vacuous pass: most of these searches passed over documents.
  EXPECT_GT(skipped_some, cases / 3) << skipped_some << " of " << cases;
}

TEST_F(SkippingTest, SearchRequestsSayTheTotalIsALowerBoundAndPageOnThrough) {
  SearchEngine engine(&analyzer_, SearchLimits(), PlannerOptions{.gram_fallback_below = 0});
  v1::SearchRequest exact;
  exact.set_query("반도체");
  exact.set_limit(10);
  v1::SearchResponse exact_response;
  ASSERT_TRUE(engine.Search(*snapshot_, exact, &exact_response).ok());
  ASSERT_GT(exact_response.total_hits(), 100);
  EXPECT_FALSE(exact_response.total_hits_is_lower_bound());

  v1::SearchRequest tracked = exact;
  tracked.set_track_total_hits(1);
  std::vector<std::string> exact_ids, tracked_ids;
  for (v1::SearchRequest* request : {&exact, &tracked}) {
    std::vector<std::string>& ids = request == &exact ? exact_ids : tracked_ids;
    for (int page = 0; page < 30; ++page) {
      v1::SearchResponse r;
      ASSERT_TRUE(engine.Search(*snapshot_, *request, &r).ok());
      if (request == &tracked && page == 0) {
        EXPECT_TRUE(r.total_hits_is_lower_bound());
        EXPECT_LT(r.total_hits(), exact_response.total_hits());
        EXPECT_FALSE(r.next_page_token().empty());
      }
      for (const auto& h : r.hits()) ids.push_back(h.id());
      if (r.next_page_token().empty()) break;
      request->set_page_token(r.next_page_token());
    }
  }
  // Every page the same, down to the last one the exact count allows.
  ASSERT_GE(tracked_ids.size(), exact_ids.size());
  EXPECT_EQ(std::vector<std::string>(tracked_ids.begin(), tracked_ids.begin() + exact_ids.size()),
            exact_ids);

  // The server's default applies when the request leaves it 0.
  SearchLimits limits;
  limits.track_total_hits = 1;
  SearchEngine defaulted(&analyzer_, limits, PlannerOptions{.gram_fallback_below = 0});
  exact.clear_page_token();
  v1::SearchResponse r;
  ASSERT_TRUE(defaulted.Search(*snapshot_, exact, &r).ok());
  EXPECT_TRUE(r.total_hits_is_lower_bound());

  v1::SearchRequest negative = exact;
  negative.set_track_total_hits(-1);
  const absl::Status s = engine.Search(*snapshot_, negative, &r);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("track_total_hits"), std::string::npos) << s;
}

}  // namespace
}  // namespace briefsearch::query
