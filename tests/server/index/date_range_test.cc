// Tests for server/index/date_range.h: the per-candidate day filter matches exactly what the term
// range over `published` matches, for every range starting on 1970-01-02 or later, on a real index
// with undated issues, boundary days and several segments.
#include "server/index/date_range.h"

#include <gtest/gtest.h>

#include <limits>
#include <set>
#include <string>
#include <vector>

#include "server/index/index_manager.h"
#include "server/index/issue_validation.h"
#include "server/index/recency.h"
#include "server/index/schema.h"
#include "tests/server/temp_dir.h"
#include "tests/server/test_index.h"

namespace briefsearch::index {
namespace {

using Lucene::newLucene;

std::set<int32_t> Matches(const IndexSnapshot& snapshot, const Lucene::FilterPtr& filter) {
  std::set<int32_t> out;
  auto top = snapshot.searcher->search(newLucene<Lucene::MatchAllDocsQuery>(), filter, 100000);
  for (const auto& sd : top->scoreDocs) out.insert(sd->doc);
  return out;
}

TEST(DateRangeTest, MatchesWhatTheTermRangeMatches) {
  testing_util::TempDir tmp;
  analysis::Analyzer analyzer;
  auto index = testing_util::OpenTestIndex(tmp.path(), &analyzer);
  ASSERT_NE(index, nullptr);
  const std::vector<std::string> dates = {"",           "1970-01-01", "1970-01-02", "1999-12-31",
                                          "2000-01-01", "2020-02-29", "2020-03-01", "2024-12-31",
                                          "2025-01-01", "2031-07-15"};
  for (size_t i = 0; i < dates.size() * 3; ++i) {
    v1::Issue issue;
    issue.set_issue_id("d" + std::to_string(i));
    issue.set_published(dates[i % dates.size()]);
    for (int a = 0; a < 3; ++a) issue.add_articles()->set_body("날짜 시험 " + std::to_string(a));
    ASSERT_TRUE(ValidateAndNormalizeIssue(&issue).ok()) << dates[i % dates.size()];
    ASSERT_TRUE(index->Upsert(issue).ok());
    if (i % 7 == 6) {
      ASSERT_TRUE(index->Commit().ok());
    }
  }
  ASSERT_TRUE(index->Commit().ok());
  auto snapshot = index->Snapshot();
  ASSERT_GT(snapshot->segments.size(), 1);

  std::vector<std::string> bounds = {"1970-01-02", "1999-12-31", "2000-01-01", "2020-02-29",
                                     "2020-03-01", "2024-12-31", "2031-07-15", "2040-01-01"};
  int nonempty = 0;
  for (const std::string& from : bounds) {
    for (const std::string& to : bounds) {
      if (to < from) continue;
      const std::set<int32_t> want = Matches(
          *snapshot, newLucene<Lucene::QueryWrapperFilter>(newLucene<Lucene::TermRangeQuery>(
                         field::kPublished, Lucene::StringUtils::toUnicode(from),
                         Lucene::StringUtils::toUnicode(to), true, true)));
      const std::set<int32_t> got =
          Matches(*snapshot, PublishedBetween(DaysSinceEpoch(from), DaysSinceEpoch(to)));
      EXPECT_EQ(got, want) << from << " .. " << to;
      nonempty += !want.empty();
    }
  }
  EXPECT_GT(nonempty, 20);
  // An open end: every dated issue from 2020-03-01 on, never the undated ones.
  const std::set<int32_t> open = Matches(
      *snapshot, PublishedBetween(DaysSinceEpoch("2020-03-01"), std::numeric_limits<int32_t>::max()));
  const std::set<int32_t> want = Matches(
      *snapshot, newLucene<Lucene::QueryWrapperFilter>(newLucene<Lucene::TermRangeQuery>(
                     field::kPublished, L"2020-03-01", L"9999-99-99", true, true)));
  EXPECT_EQ(open, want);
  EXPECT_FALSE(open.empty());
}

}  // namespace
}  // namespace briefsearch::index
