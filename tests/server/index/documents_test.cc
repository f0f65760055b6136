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

TEST(DocumentsTest, ArticleReadBackFromDiskIsTheArticleWritten) {
  testing_util::TempDir tmp;
  analysis::Analyzer analyzer;
  auto index = testing_util::OpenTestIndex(tmp.path(), &analyzer);
  ASSERT_NE(index, nullptr);
  v1::Issue issue = OneArticle(kBody);
  ASSERT_TRUE(ValidateAndNormalizeIssue(&issue).ok());
  ASSERT_TRUE(index->Upsert(issue).ok());
  ASSERT_TRUE(index->Commit().ok());
  auto snapshot = index->Snapshot();
  Lucene::TopDocsPtr top = snapshot->searcher->search(
      Lucene::newLucene<Lucene::TermQuery>(Lucene::newLucene<Lucene::Term>(field::kType, field::kTypeArticle)), 10);
  ASSERT_EQ(top->totalHits, 1);
  Lucene::DocumentPtr doc = snapshot->searcher->doc(top->scoreDocs[0]->doc);

  EXPECT_TRUE(doc->getBinaryValue(field::kBody)) << "the body is stored as UTF-8 bytes";
  const v1::Article read = ArticleFromDocument(doc);
  EXPECT_EQ(read.body(), issue.articles(0).body());
  EXPECT_EQ(read.title(), issue.articles(0).title());
  EXPECT_EQ(read.section(), issue.articles(0).section());
  ASSERT_EQ(read.links_size(), 1);
  EXPECT_EQ(StoredWide(doc, field::kBody), Utf8ToWide(issue.articles(0).body()));
  EXPECT_EQ(StoredUtf8(doc, L"no_such_field"), "");
  EXPECT_EQ(StoredWide(doc, L"no_such_field"), L"");
}

TEST(DocumentsTest, BodiesStoredAsStringsStillRead) {
  // An index written before bodies were stored as bytes holds them as Lucene++ strings.
  auto doc = Lucene::newLucene<Lucene::Document>();
  doc->add(Lucene::newLucene<Lucene::Field>(field::kBody, Utf8ToWide(kBody), Lucene::Field::STORE_YES,
                                            Lucene::Field::INDEX_NO));
  EXPECT_EQ(StoredUtf8(doc, field::kBody), kBody);
  EXPECT_EQ(StoredWide(doc, field::kBody), Utf8ToWide(kBody));
  EXPECT_EQ(ArticleFromDocument(doc).body(), kBody);
}

}  // namespace
}  // namespace briefsearch::index
