// Tests for server/service/warmup.h: the warm-up runs on a real index (and an empty one), and its
// queries are built around a word that is in the index but in few articles.
#include "server/service/warmup.h"

#include <gtest/gtest.h>

#include <string>

#include "common/utf8.h"
#include "server/index/issue_validation.h"
#include "server/index/schema.h"
#include "tests/server/temp_dir.h"
#include "tests/server/test_index.h"

namespace briefsearch::service {
namespace {

class WarmUpTest : public testing::Test {
 protected:
  void SetUp() override {
    index_ = testing_util::OpenTestIndex(tmp_.path(), &analyzer_);
    ASSERT_NE(index_, nullptr);
  }

  void AddIssues(int n) {
    for (int i = 0; i < n; ++i) {
      v1::Issue issue;
      issue.set_issue_id("i" + std::to_string(i));
      issue.set_publisher(v1::KOSTEC);
      issue.set_published("2024-05-0" + std::to_string(1 + i % 9));
      v1::Article* article = issue.add_articles();
      article->set_title("반도체 정책");
      // Every article has the common words and "1-2"; only the first has 가나다라.
      article->set_body(std::string("반도체 산업 1-2 정책 ") + (i == 0 ? "가나다라" : "") +
                        " 芯片 칩");
      ASSERT_TRUE(index::ValidateAndNormalizeIssue(&issue).ok());
      ASSERT_TRUE(index_->Upsert(issue).ok());
    }
    ASSERT_TRUE(index_->Commit().ok());
  }

  testing_util::TempDir tmp_;
  analysis::Analyzer analyzer_;
  std::unique_ptr<index::IndexManager> index_;
};

TEST_F(WarmUpTest, WordIsInFewArticlesAndMadeOfLetters) {
  AddIssues(150);  // the common words are in 150 articles: too many
  auto snapshot = index_->Snapshot();
  const std::string word = WarmUpWord(*snapshot);
  const auto df = snapshot->reader->docFreq(
      Lucene::newLucene<Lucene::Term>(index::field::kBodyWords, Utf8ToWide(word)));
  EXPECT_GE(df, 1) << word;
  EXPECT_LE(df, 100) << word;
  EXPECT_EQ(word, "가나다라");
  query::SearchEngine engine(&analyzer_);
  ThreadPool pool("warm", 2, 0);
  EXPECT_TRUE(WarmUp(index_.get(), &engine, &pool).ok());
}

TEST_F(WarmUpTest, EmptyIndexWarmsUpWithAPlaceholderWord) {
  auto snapshot = index_->Snapshot();
  EXPECT_EQ(WarmUpWord(*snapshot), "warmup");
  query::SearchEngine engine(&analyzer_);
  ThreadPool pool("warm", 2, 0);
  EXPECT_TRUE(WarmUp(index_.get(), &engine, &pool).ok());
}

}  // namespace
}  // namespace briefsearch::service
