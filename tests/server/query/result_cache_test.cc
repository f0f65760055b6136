// Tests for server/query/result_cache.h: hits only on the same request, generation and day; a newer
// generation empties the cache, an older one never comes back; the byte bound evicts least
// recently used entries first.
#include "server/query/result_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace briefsearch::query {
namespace {

v1::SearchRequest Request(const std::string& query, int limit = 10) {
  v1::SearchRequest r;
  r.set_query(query);
  r.set_limit(limit);
  return r;
}

v1::SearchResponse Response(int64_t total, const std::string& title = "t") {
  v1::SearchResponse r;
  r.set_total_hits(total);
  r.add_hits()->set_title(title);
  return r;
}

TEST(ResultCacheTest, SameRequestSameGenerationHits) {
  ResultCache cache(1 << 20);
  v1::SearchResponse out;
  EXPECT_FALSE(cache.Lookup(Request("반도체"), 1, 100, &out));
  cache.Insert(Request("반도체"), 1, 100, Response(7, "칩"));
  ASSERT_TRUE(cache.Lookup(Request("반도체"), 1, 100, &out));
  EXPECT_EQ(out.total_hits(), 7);
  EXPECT_EQ(out.hits(0).title(), "칩");
  // Anything that can change the answer is part of the key.
  EXPECT_FALSE(cache.Lookup(Request("반도체", 20), 1, 100, &out));
  EXPECT_FALSE(cache.Lookup(Request("반도체 "), 1, 100, &out));
  EXPECT_FALSE(cache.Lookup(Request("반도체"), 1, 101, &out));  // prefer_recent scores by day
  v1::SearchRequest filtered = Request("반도체");
  filtered.add_publishers(v1::KIEP);
  EXPECT_FALSE(cache.Lookup(filtered, 1, 100, &out));
  const ResultCacheStats s = cache.stats();
  EXPECT_EQ(s.hits, 1);
  EXPECT_EQ(s.misses, 5);
  EXPECT_EQ(s.entries, 1);
  EXPECT_GT(s.bytes, 0);
}

TEST(ResultCacheTest, NewerGenerationDropsEverythingAndOlderNeverReturns) {
  ResultCache cache(1 << 20);
  cache.Insert(Request("a"), 5, 1, Response(1));
  cache.Insert(Request("b"), 5, 1, Response(2));
  v1::SearchResponse out;
  // A lookup on the new snapshot misses even before anything of it is stored.
  EXPECT_FALSE(cache.Lookup(Request("a"), 6, 1, &out));
  cache.Insert(Request("a"), 6, 1, Response(10));
  EXPECT_EQ(cache.stats().entries, 1);
  EXPECT_FALSE(cache.Lookup(Request("b"), 5, 1, &out)) << "old generation served after a publish";
  // A slow search on the old snapshot finishing late is not stored.
  cache.Insert(Request("b"), 5, 1, Response(2));
  EXPECT_FALSE(cache.Lookup(Request("b"), 6, 1, &out));
  EXPECT_FALSE(cache.Lookup(Request("b"), 5, 1, &out));
  ASSERT_TRUE(cache.Lookup(Request("a"), 6, 1, &out));
  EXPECT_EQ(out.total_hits(), 10);
}

TEST(ResultCacheTest, EvictsLeastRecentlyUsedWithinTheByteBound) {
  const std::string body(300, 'x');
  int64_t entry = 0;
  {
    ResultCache probe(1 << 20);
    probe.Insert(Request("q0"), 1, 1, Response(100, body));
    entry = probe.stats().bytes;
  }
  ResultCache cache(static_cast<size_t>(8 * entry));  // room for eight entries
  for (int i = 0; i < 8; ++i) cache.Insert(Request("q" + std::to_string(i)), 1, 1, Response(100 + i, body));
  EXPECT_EQ(cache.stats().entries, 8);
  v1::SearchResponse out;
  ASSERT_TRUE(cache.Lookup(Request("q0"), 1, 1, &out));  // q0 is now the most recent
  for (int i = 8; i < 10; ++i) cache.Insert(Request("q" + std::to_string(i)), 1, 1, Response(100 + i, body));
  EXPECT_TRUE(cache.Lookup(Request("q0"), 1, 1, &out));
  EXPECT_FALSE(cache.Lookup(Request("q1"), 1, 1, &out));
  EXPECT_FALSE(cache.Lookup(Request("q2"), 1, 1, &out));
  EXPECT_TRUE(cache.Lookup(Request("q3"), 1, 1, &out));
  EXPECT_TRUE(cache.Lookup(Request("q9"), 1, 1, &out));
  EXPECT_LE(cache.stats().bytes, 8 * entry);
  // A response bigger than an eighth of the cache is not kept (it would flush the rest).
  cache.Insert(Request("huge"), 1, 1, Response(1, std::string(2 * entry, 'y')));
  EXPECT_FALSE(cache.Lookup(Request("huge"), 1, 1, &out));
  EXPECT_TRUE(cache.Lookup(Request("q9"), 1, 1, &out));
}

TEST(ResultCacheTest, ReplacingAnEntryKeepsTheByteCountExact) {
  ResultCache cache(1 << 20);
  cache.Insert(Request("a"), 1, 1, Response(1, std::string(100, 'a')));
  const int64_t one = cache.stats().bytes;
  cache.Insert(Request("a"), 1, 1, Response(1, std::string(100, 'b')));
  EXPECT_EQ(cache.stats().bytes, one);
  EXPECT_EQ(cache.stats().entries, 1);
}

TEST(ResultCacheTest, ZeroBytesDisablesIt) {
  ResultCache cache(0);
  cache.Insert(Request("a"), 1, 1, Response(1));
  v1::SearchResponse out;
  EXPECT_FALSE(cache.Lookup(Request("a"), 1, 1, &out));
  EXPECT_EQ(cache.stats().entries, 0);
}

}  // namespace
}  // namespace briefsearch::query
