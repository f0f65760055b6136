// Tests for server/index/documents.h: an article read back from a real index on disk is the
// article that was written, bodies stored as UTF-8 bytes and (as indexes written before that
// change hold them) as strings.
#include "server/index/documents.h"

#include <gtest/gtest.h>

#include <string>

#include "common/utf8.h"
#include "server/index/index_manager.h"
#include "server/index/issue_validation.h"
#include "server/index/schema.h"
#include "tests/server/temp_dir.h"
#include "tests/server/test_index.h"

namespace briefsearch::index {
namespace {

// Korean, Chinese in both scripts, full-width forms, a supplementary-plane Han character and
// an emoji, line breaks: what bodies hold.
constexpr char kBody[] =
    "왕시원(王喜文) 연구원은 國際 협력과 国际 표준을 강조했다.\nＧＰＵ 수출 𠀀 규제 😀 끝";

v1::Issue OneArticle(const std::string& body) {
  v1::Issue issue;
  issue.set_issue_id("doc-test");
  issue.set_publisher(v1::KOSTEC);
  issue.set_published("2026-11-20");
  v1::Article* a = issue.add_articles();
  a->set_title("중국 반도체 정책");
  a->set_section("정책 동향");
  a->set_body(body);
  a->add_links("https://example.cn/a");
  return issue;
}

// A real index on disk holding one issue with one article.
class DocumentsTest : public testing::Test {
 protected:
  // Writes `issue` (one article), commits, and returns the article's document number (-1 and a
  // failure when that does not work).
  int32_t WriteOne(v1::Issue* issue) {
    index_ = testing_util::OpenTestIndex(tmp_.path(), &analyzer_);
    if (index_ == nullptr || !ValidateAndNormalizeIssue(issue).ok() || !index_->Upsert(*issue).ok() ||
        !index_->Commit().ok()) {
      ADD_FAILURE() << "could not write the issue";
      return -1;
    }
    snapshot_ = index_->Snapshot();
    Lucene::TopDocsPtr top = snapshot_->searcher->search(
        Lucene::newLucene<Lucene::TermQuery>(Lucene::newLucene<Lucene::Term>(field::kType, field::kTypeArticle)), 10);
    EXPECT_EQ(top->totalHits, 1);
    return top->totalHits == 1 ? top->scoreDocs[0]->doc : -1;
  }

  testing_util::TempDir tmp_;
  analysis::Analyzer analyzer_;
  std::unique_ptr<IndexManager> index_;
  std::shared_ptr<const IndexSnapshot> snapshot_;
};

TEST_F(DocumentsTest, ArticleReadBackFromDiskIsTheArticleWritten) {
  v1::Issue issue = OneArticle(kBody);
  const int32_t id = WriteOne(&issue);
  ASSERT_GE(id, 0);
  Lucene::DocumentPtr doc = snapshot_->searcher->doc(id);

  EXPECT_TRUE(doc->getBinaryValue(field::kBody)) << "the body is stored as UTF-8 bytes";
  const v1::Article read = ArticleFromDocument(doc);
  EXPECT_EQ(read.body(), issue.articles(0).body());
  EXPECT_EQ(read.title(), issue.articles(0).title());
  EXPECT_EQ(read.section(), issue.articles(0).section());
  ASSERT_EQ(read.links_size(), 1);
  EXPECT_EQ(StoredUtf8(doc, L"no_such_field"), "");
}

TEST_F(DocumentsTest, HitFieldsAreWhatAHitShows) {
  v1::Issue issue = OneArticle(kBody);
  issue.set_issue_number("제 42호");
  issue.set_title("주간 동향");
  issue.set_origin("weekly-42.md");
  const int32_t id = WriteOne(&issue);
  ASSERT_GE(id, 0);
  Lucene::DocumentPtr all = snapshot_->searcher->doc(id);
  Lucene::DocumentPtr selected = snapshot_->searcher->doc(id, MakeHitFieldSelector());
  v1::SearchHit from_all, from_selected;
  StoredBody body;
  FillHitMetadata(all, &from_all);
  FillHitMetadata(selected, &from_selected, &body);
  EXPECT_EQ(from_selected.DebugString(), from_all.DebugString());
  EXPECT_EQ(from_all.id(), StoredUtf8(all, field::kId));
  EXPECT_EQ(from_all.issue_number(), "제 42호");
  EXPECT_EQ(from_all.issue_title(), "주간 동향");
  EXPECT_EQ(from_all.origin(), "weekly-42.md");
  EXPECT_EQ(from_all.section(), "정책 동향");
  EXPECT_EQ(from_all.published(), "2026-11-20");
  EXPECT_EQ(from_all.publisher(), v1::KOSTEC);
  EXPECT_EQ(body.text, issue.articles(0).body());
  // Worked out at indexing: kBody holds Hangul and ASCII letters, and a full-width ＧＰＵ.
  ASSERT_TRUE(body.plain_search.has_value());
  EXPECT_TRUE(body.plain_search->hangul);
  EXPECT_FALSE(body.plain_search->latin);
  EXPECT_EQ(body.plain_search->hangul, analyzer_.PlainSearchFinds(body.text).hangul);
  // And where its Han is, byte for byte as a scan of the body finds it.
  const analysis::Normalizer::PlainSearch scanned = analyzer_.PlainSearchFinds(body.text);
  EXPECT_TRUE(body.plain_search->han_checked);
  EXPECT_EQ(body.plain_search->han_any, scanned.han_any);
  EXPECT_EQ(body.plain_search->han_stable, scanned.han_stable);
  EXPECT_EQ(body.plain_search->han_runs, scanned.han_runs);
  ASSERT_EQ(body.plain_search->han_runs.size(), 8u) << "王喜文, 國際, 国际 and 𠀀";
  EXPECT_TRUE(body.plain_search->han_stable);
  EXPECT_EQ(body.text.substr(body.plain_search->han_runs[0],
                             body.plain_search->han_runs[1] - body.plain_search->han_runs[0]),
            "王喜文");
  EXPECT_EQ(StoredUtf8(selected, field::kLinks), "") << "not loaded for a hit";
  EXPECT_NE(StoredUtf8(all, field::kLinks), "");
}

TEST_F(DocumentsTest, TextThatFoldsIntoHanIsRecordedAsNotReadAsWritten) {
  // No Han character as written, but ㍻ folds to 平成: a snippet must ask the analyzer (a recorded
  // "no Han" would make plain search miss what the index has).
  v1::Issue issue = OneArticle("평성 ㍻ 원년");
  const int32_t id = WriteOne(&issue);
  ASSERT_GE(id, 0);
  v1::SearchHit hit;
  StoredBody body;
  FillHitMetadata(snapshot_->searcher->doc(id, MakeHitFieldSelector()), &hit, &body);
  ASSERT_TRUE(body.plain_search.has_value());
  EXPECT_TRUE(body.plain_search->han_checked);
  EXPECT_FALSE(body.plain_search->han_stable);
  EXPECT_TRUE(body.plain_search->han_runs.empty());
}

TEST_F(DocumentsTest, BodiesStoredAsStringsStillRead) {
  // An index written before bodies were stored as bytes holds them as Lucene++ strings.
  auto doc = Lucene::newLucene<Lucene::Document>();
  doc->add(Lucene::newLucene<Lucene::Field>(field::kBody, Utf8ToWide(kBody), Lucene::Field::STORE_YES,
                                            Lucene::Field::INDEX_NO));
  EXPECT_EQ(StoredUtf8(doc, field::kBody), kBody);
  EXPECT_EQ(ArticleFromDocument(doc).body(), kBody);
  v1::SearchHit hit;
  StoredBody body;
  FillHitMetadata(doc, &hit, &body);
  EXPECT_EQ(body.text, kBody);
  EXPECT_FALSE(body.plain_search.has_value()) << "not recorded then: worked out per snippet";
}

}  // namespace
}  // namespace briefsearch::index
