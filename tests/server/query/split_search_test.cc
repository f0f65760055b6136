// Tests for server/query/split_search.h: scoring two halves of the document space (on two
// threads) gives exactly the hits, scores and totals of one plain search, with filters, deleted
// documents and several segments; a busy pool means no split; the deadline still stops both halves.
#include "server/query/split_search.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <latch>
#include <thread>
#include <string>
#include <vector>

#include "server/index/issue_validation.h"
#include "server/index/schema.h"
#include "server/query/query_parser.h"
#include "server/query/query_planner.h"
#include "server/query/search_engine.h"
#include "tests/server/query/split_when_idle.h"
#include "tests/server/temp_dir.h"
#include "tests/server/test_index.h"

namespace briefsearch::query {
namespace {

class SplitSearchTest : public testing::Test {
 protected:
  void SetUp() override {
    index_ = testing_util::OpenTestIndex(tmp_.path(), &analyzer_);
    ASSERT_NE(index_, nullptr);
    const char* words[] = {"반도체", "수출", "정책", "인공지능", "배터리", "베이징시", "협력"};
    // 30 issues x 12 articles, a commit every 5 issues (several segments); issues 0-9 are then
    // replaced, which leaves deleted documents behind in the old segments.
    for (int round = 0; round < 2; ++round) {
      for (int i = 0; i < (round == 0 ? 30 : 10); ++i) {
        v1::Issue issue;
        issue.set_issue_id("i" + std::to_string(i));
        issue.set_publisher(i % 3 == 0 ? v1::KIC : v1::KOSTEC);
        issue.set_published("2024-01-" + std::to_string(10 + i % 9));
        for (int a = 0; a < 12; ++a) {
          v1::Article* article = issue.add_articles();
          std::string body;
          for (int w = 0; w < 3 + (i * 7 + a * 3 + round) % 9; ++w) {
            body += words[(i + a * w + round) % 7];
            body += w % 4 == 0 ? "를 " : " ";
          }
          article->set_title(words[(i + a) % 7]);
          article->set_body(body);
        }
        ASSERT_TRUE(index::ValidateAndNormalizeIssue(&issue).ok());
        ASSERT_TRUE(index_->Upsert(issue).ok());
        if (i % 5 == 4) {
          ASSERT_TRUE(index_->Commit().ok());
        }
      }
    }
    snapshot_ = index_->Snapshot();
    ASSERT_GT(snapshot_->reader->getSequentialSubReaders().size(), 2);
    ASSERT_TRUE(snapshot_->reader->hasDeletions());
  }

  Lucene::QueryPtr QueryFor(const std::string& text) {
    auto root = ParseQuery(text);
    EXPECT_TRUE(root.ok()) << text;
    auto plan = planner_.MakePlan(*root, snapshot_->averages());
    EXPECT_TRUE(plan.ok()) << text;
    return plan->query;
  }

  static void ExpectSame(const Lucene::TopDocsPtr& want, const Lucene::TopDocsPtr& got,
                         const std::string& what) {
    ASSERT_NE(got, nullptr) << what;
    EXPECT_EQ(got->totalHits, want->totalHits) << what;
    ASSERT_EQ(got->scoreDocs.size(), want->scoreDocs.size()) << what;
    for (int i = 0; i < want->scoreDocs.size(); ++i) {
      EXPECT_NEAR(got->scoreDocs[i]->score, want->scoreDocs[i]->score,
                  1e-6 * want->scoreDocs[i]->score)
          << what << " rank " << i;
      // Equal scores may come in either order only if they are equal to the last bit.
      if (got->scoreDocs[i]->score != want->scoreDocs[i]->score) {
        EXPECT_EQ(got->scoreDocs[i]->doc, want->scoreDocs[i]->doc) << what << " rank " << i;
      }
    }
  }

  Lucene::TopDocsPtr Split(ThreadPool* pool, const Lucene::QueryPtr& query,
                           const Lucene::FilterPtr& filter, int n) {
    return SplitWhenIdle(pool, *snapshot_, query, filter, n, later_);
  }

  testing_util::TempDir tmp_;
  analysis::Analyzer analyzer_;
  std::unique_ptr<index::IndexManager> index_;
  std::shared_ptr<const index::IndexSnapshot> snapshot_;
  Planner planner_{&analyzer_};
  std::chrono::steady_clock::time_point later_ = std::chrono::steady_clock::now() + std::chrono::minutes(5);
};

TEST_F(SplitSearchTest, HalvesTogetherEqualOnePlainSearch) {
  ThreadPool pool("split-test", 1, 0);
  const auto kic = Lucene::newLucene<Lucene::QueryWrapperFilter>(Lucene::newLucene<Lucene::TermQuery>(
      Lucene::newLucene<Lucene::Term>(index::field::kPublisher, L"KIC")));
  const int32_t max_doc = snapshot_->reader->maxDoc();
  for (const std::string text : {"반도체", "반도체 수출", "\"반도체 수출\"", "정책 OR 협력", "베이징", "배터리 -수출"}) {
    const Lucene::QueryPtr query = QueryFor(text);
    for (const Lucene::FilterPtr& filter : {Lucene::FilterPtr(), Lucene::FilterPtr(kic)}) {
      const std::string what = text + (filter ? " (KIC only)" : "");
      for (int n : {1, 10, 100}) {
        const Lucene::TopDocsPtr plain = snapshot_->searcher->search(query, filter, n);
        ASSERT_GT(plain->totalHits, 0) << what;
        ExpectSame(plain, Split(&pool, query, filter, n), what);
        // Uneven cuts, including ones falling inside a segment and at its ends.
        for (int32_t cut : {0, 1, max_doc / 3, max_doc - 1, max_doc}) {
          ExpectSame(plain,
                     MergeTopDocs(CollectRange(*snapshot_, query, filter, n, 0, cut, later_),
                                  CollectRange(*snapshot_, query, filter, n, cut, max_doc, later_), n),
                     what + " cut at " + std::to_string(cut));
        }
      }
    }
  }
}

TEST_F(SplitSearchTest, BusyPoolMeansNoSplitAndThePastDeadlineStopsBothHalves) {
  std::latch release(1), running(1);  // declared first: they outlive the pool's worker
  ThreadPool pool("split-test", 1, 0);
  const Lucene::QueryPtr query = QueryFor("반도체");
  // Lucene++ creates some shared objects on first use, racily (upstream #181): the server warms
  // every search path on one thread before its workers start, and so does this test.
  snapshot_->searcher->search(query, 10);
  {
    // The worker counts as idle only once it waits for work.
    while (!pool.SubmitIfIdle([&] {
      running.count_down();
      release.wait();
    })) {
      std::this_thread::yield();
    }
    running.wait();
    EXPECT_EQ(SplitCollect(&pool, *snapshot_, query, nullptr, 10, later_), nullptr);
    release.count_down();
  }
  const auto past = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  int stopped = 0;
  for (int i = 0; i < 100000 && stopped < 5; ++i) {  // the worker may still be finishing a task
    try {
      if (SplitCollect(&pool, *snapshot_, query, nullptr, 10, past) == nullptr) {
        std::this_thread::yield();
        continue;
      }
      ADD_FAILURE() << "a search past its deadline returned hits";
    } catch (const Lucene::TimeExceededException&) {
      ++stopped;
    }
  }
  EXPECT_EQ(stopped, 5);
  // Both halves have ended: the pool takes the next split at once.
  ExpectSame(snapshot_->searcher->search(query, 10), Split(&pool, query, nullptr, 10), "after a deadline");
}

TEST_F(SplitSearchTest, EstimatedPostingsSumsTheTermsDocumentFrequencies) {
  const Lucene::QueryPtr one = Lucene::newLucene<Lucene::TermQuery>(
      Lucene::newLucene<Lucene::Term>(index::field::kBodyWords, L"반도체"));
  const int64_t df = snapshot_->searcher->docFreq(Lucene::newLucene<Lucene::Term>(index::field::kBodyWords, L"반도체"));
  ASSERT_GT(df, 0);
  EXPECT_EQ(EstimatedPostings(*snapshot_, one), df);
  const int64_t two = EstimatedPostings(*snapshot_, QueryFor("반도체 수출"));
  EXPECT_GT(two, df);
  // A prefix query is not expanded just to estimate: counted as large.
  EXPECT_EQ(EstimatedPostings(*snapshot_, QueryFor("한")), INT64_MAX);
}

TEST_F(SplitSearchTest, EngineAnswersTheSameWithAndWithoutSplitting) {
  ThreadPool pool("split-test", 1, 0);
  SearchLimits split_limits;
  split_limits.split_min_docs = 0;
  split_limits.split_min_postings = 0;
  const SearchEngine plain(&analyzer_);
  const SearchEngine split(&analyzer_, split_limits, PlannerOptions(), &pool);
  for (const std::string text : {"반도체", "반도체 수출 정책", "베이징 협력", "publisher:KIC 배터리"}) {
    v1::SearchRequest request;
    request.set_query(text);
    request.set_limit(20);
    for (bool recent : {false, true}) {
      request.set_prefer_recent(recent);
      v1::SearchResponse a, b;
      ASSERT_TRUE(plain.Search(*snapshot_, request, &a).ok()) << text;
      ASSERT_TRUE(split.Search(*snapshot_, request, &b).ok()) << text;
      EXPECT_EQ(a.total_hits(), b.total_hits()) << text;
      ASSERT_EQ(a.hits_size(), b.hits_size()) << text;
      for (int i = 0; i < a.hits_size(); ++i) {
        EXPECT_NEAR(a.hits(i).score(), b.hits(i).score(), 1e-5 * a.hits(i).score()) << text << " " << i;
        if (a.hits(i).score() != b.hits(i).score()) {
          EXPECT_EQ(a.hits(i).id(), b.hits(i).id()) << text;
        }
      }
    }
  }
}

}  // namespace
}  // namespace briefsearch::query
