// Tests for server/index/query_parts.h through the three queries built on it: a clone equals its
// original and hashes alike but is a separate object; a different boost, a different part or one
// part more makes them unequal; extractTerms lists every part's terms.
#include "server/index/query_parts.h"

#include <gtest/gtest.h>

#include <vector>

#include "common/utf8.h"
#include "server/index/bm25.h"
#include "server/index/phrase_query.h"
#include "server/index/schema.h"
#include "server/index/word_query.h"
#include "server/query/and_query.h"

namespace briefsearch::index {
namespace {

using Lucene::newLucene;

boost::shared_ptr<Bm25TermQuery> Term(const std::wstring& text) {
  return newLucene<Bm25TermQuery>(newLucene<Lucene::Term>(field::kBodyWords, text),
                                  field::kBodyWordsLength, 20.0, Bm25Params());
}

Lucene::MultiPhraseQueryPtr Phrase(const wchar_t* name, const std::wstring& a, const std::wstring& b) {
  auto q = newLucene<Lucene::MultiPhraseQuery>();
  q->add(newLucene<Lucene::Term>(name, a));
  q->add(newLucene<Lucene::Term>(name, b));
  return q;
}

// `make(variant)`: variant 0 and 1 differ in one part, 2 has one part more and `terms` terms.
template <typename Make>
void ExpectCopiedAndComparedByParts(Make make, int terms_of_2) {
  const Lucene::QueryPtr original = make(0);
  const Lucene::QueryPtr copy = boost::static_pointer_cast<Lucene::Query>(original->clone());
  EXPECT_NE(copy.get(), original.get());
  EXPECT_TRUE(copy->equals(original));
  EXPECT_TRUE(original->equals(copy));
  EXPECT_EQ(copy->hashCode(), original->hashCode());
  EXPECT_EQ(copy->toString(L""), original->toString(L""));
  copy->setBoost(2.0);
  EXPECT_FALSE(copy->equals(original)) << "boost";
  EXPECT_FALSE(make(1)->equals(original)) << "a different part";
  EXPECT_NE(make(1)->hashCode(), original->hashCode());
  EXPECT_FALSE(make(2)->equals(original)) << "one part more";
  EXPECT_FALSE(original->equals(make(2)));
  Lucene::SetTerm terms = Lucene::SetTerm::newInstance();
  make(2)->extractTerms(terms);
  EXPECT_EQ(terms.size(), terms_of_2) << WideToUtf8(make(2)->toString(L""));
}

TEST(QueryPartsTest, WordQuery) {
  ExpectCopiedAndComparedByParts([](int variant) -> Lucene::QueryPtr {
    std::vector<boost::shared_ptr<Bm25TermQuery>> parts = {Term(L"반도체"), Term(variant == 1 ? L"수출" : L"정책")};
    if (variant == 2) parts.push_back(Term(L"협력"));
    return newLucene<WordQuery>(std::move(parts));
  }, 3);
}

TEST(QueryPartsTest, GramPhraseQuery) {
  ExpectCopiedAndComparedByParts([](int variant) -> Lucene::QueryPtr {
    std::vector<Lucene::MultiPhraseQueryPtr> parts = {Phrase(field::kTitle, L"반도", L"도체"),
                                                      Phrase(field::kBody, L"반도", variant == 1 ? L"도시" : L"도체")};
    if (variant == 2) parts.push_back(Phrase(field::kSection, L"반도", L"도체"));
    return newLucene<GramPhraseQuery>(std::move(parts));
  }, 6);
}

TEST(QueryPartsTest, AndQuery) {
  ExpectCopiedAndComparedByParts([](int variant) -> Lucene::QueryPtr {
    std::vector<Lucene::QueryPtr> parts = {Term(L"반도체"), Term(variant == 1 ? L"수출" : L"정책")};
    if (variant == 2) parts.push_back(Term(L"협력"));
    return newLucene<query::AndQuery>(std::move(parts));
  }, 3);
}

}  // namespace
}  // namespace briefsearch::index
