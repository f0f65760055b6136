// The relevance harness as a test: a real server, the judged corpus dropped through the real indexer,
// every judged query through the client library. Prints the per-category table; fails when a figure
// falls below the bars set from the first honest run of the full analysis chain (see
// docs/RELEVANCE.md for the numbers before and after).
#include <iostream>

#include "bench/relevance/relevance.h"
#include "gtest/gtest.h"
#include "tests/integration/harness.h"

namespace briefsearch::testing {
namespace {

// Overall bars, and the floor every category must clear.
constexpr double kOverallNdcg = 0.80, kOverallMrr = 0.90, kOverallSuccess3 = 0.95;
constexpr double kCategoryNdcg = 0.55, kCategoryMrr = 0.75, kCategorySuccess3 = 0.85;

TEST(RelevanceTest, JudgedQueriesMeetTheBars) {
  TempDir dir;
  ServerProcess server(dir / "data");
  std::string error;
  ASSERT_TRUE(server.Start(&error)) << error;
  std::string out, err;
  ASSERT_EQ(RunCommand({BinPath("briefsearch-indexer"), "--drop-dir",
                        SourcePath("tests/testdata/relevance/corpus"), "--server", server.address(),
                        "--state-dir", dir / "state", "--once"},
                       &out, &err),
            0)
      << err;
  auto queries = relevance::LoadQrels(SourcePath("tests/testdata/relevance/qrels.tsv"));
  ASSERT_TRUE(queries.ok()) << queries.status();
  ASSERT_GE(queries->size(), 60u);

  const relevance::Report report = relevance::Evaluate(server.client(), *queries);
  std::cout << relevance::FormatReport(report, 10);
  for (const relevance::QueryResult& r : report.results) {
    EXPECT_TRUE(r.error.empty()) << r.query->id << " " << r.query->query << ": " << r.error;
  }
  EXPECT_GE(report.overall.ndcg10, kOverallNdcg);
  EXPECT_GE(report.overall.mrr, kOverallMrr);
  EXPECT_GE(report.overall.success3, kOverallSuccess3);
  for (const auto& [category, m] : report.by_category) {
    EXPECT_GE(m.queries, 5) << category;
    EXPECT_GE(m.ndcg10, kCategoryNdcg) << category;
    EXPECT_GE(m.mrr, kCategoryMrr) << category;
    EXPECT_GE(m.success3, kCategorySuccess3) << category;
  }
}

}  // namespace
}  // namespace briefsearch::testing
