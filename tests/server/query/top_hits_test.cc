// Tests for server/query/top_hits.h: the best n of an in-order walk, ties to the earlier document
// (as Lucene's collectors), the count of every hit, and the deadline.
#include "server/query/top_hits.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace briefsearch::query {
namespace {

const auto kNoDeadline = std::chrono::steady_clock::time_point::max();

TEST(TopHitsTest, KeepsTheBestInScoreThenDocumentOrder) {
  // Random scores with many ties; the expected answer is a full sort of every hit.
  std::mt19937 rng(7);
  std::vector<std::pair<double, int32_t>> all;
  TopHits top(10, kNoDeadline);
  for (int32_t doc = 0; doc < 5000; ++doc) {
    const double score = static_cast<double>(rng() % 50) / 7.0;
    all.push_back({score, doc});
    top.Offer(doc, score);
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  Lucene::TopDocsPtr docs = top.ToTopDocs();
  EXPECT_EQ(docs->totalHits, 5000);
  ASSERT_EQ(docs->scoreDocs.size(), 10);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(docs->scoreDocs[i]->doc, all[i].second) << i;
    EXPECT_EQ(docs->scoreDocs[i]->score, all[i].first) << i;
  }
  EXPECT_EQ(docs->maxScore, all[0].first);
}

TEST(TopHitsTest, FewerHitsThanWantedAndNone) {
  TopHits top(10, kNoDeadline);
  top.Offer(3, 1.0);
  top.Offer(8, 2.0);
  Lucene::TopDocsPtr docs = top.ToTopDocs();
  EXPECT_EQ(docs->totalHits, 2);
  ASSERT_EQ(docs->scoreDocs.size(), 2);
  EXPECT_EQ(docs->scoreDocs[0]->doc, 8);
  EXPECT_EQ(TopHits(10, kNoDeadline).ToTopDocs()->scoreDocs.size(), 0);
  TopHits zero(0, kNoDeadline);  // counting only
  zero.Offer(1, 1.0);
  EXPECT_EQ(zero.ToTopDocs()->totalHits, 1);
}

TEST(TopHitsTest, BoundedOffersScoreOnlyWhatCouldEnter) {
  TopHits top(2, kNoDeadline);
  int scored = 0;
  auto offer = [&](int32_t doc, double bound, double score) {
    top.OfferBounded(doc, bound, [&] { ++scored; return score; });
  };
  offer(0, 9, 5.0);  // the page is not full: scored whatever the bound
  offer(1, 9, 3.0);
  EXPECT_EQ(scored, 2);
  offer(2, 3.0, 3.0);  // cannot beat the lowest (3.0; a tie goes to the earlier document)
  offer(3, 1.0, 0.5);
  EXPECT_EQ(scored, 2);
  offer(4, 9, 4.0);  // may enter, and does
  EXPECT_EQ(scored, 3);
  Lucene::TopDocsPtr docs = top.ToTopDocs();
  EXPECT_EQ(docs->totalHits, 5) << "skipped documents still count";
  ASSERT_EQ(docs->scoreDocs.size(), 2);
  EXPECT_EQ(docs->scoreDocs[0]->doc, 0);
  EXPECT_EQ(docs->scoreDocs[1]->doc, 4);
}

TEST(TopHitsTest, ThrowsOncePastTheDeadline) {
  TopHits top(10, std::chrono::steady_clock::now() - std::chrono::milliseconds(1));
  EXPECT_THROW(top.CheckDeadline(), Lucene::TimeExceededException);
  // Offer reads the clock every 512 hits: the walk stops within one such stretch.
  int offered = 0;
  try {
    for (; offered < 10000; ++offered) top.Offer(offered, 1.0);
  } catch (const Lucene::TimeExceededException&) {
  }
  EXPECT_LT(offered, 512);
}

}  // namespace
}  // namespace briefsearch::query
