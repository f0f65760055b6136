// Tests for server/query/query_planner.h: which Lucene++ query a parsed query becomes, shown with
// Lucene::Query::toString(), and what the snippet should highlight.
#include "server/query/query_planner.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "common/utf8.h"
#include "server/query/query_parser.h"

namespace briefsearch::query {
namespace {

class PlannerTest : public testing::Test {
 protected:
  absl::StatusOr<Plan> PlanFor(const std::string& text) const {
    absl::StatusOr<QueryNode> root = ParseQuery(text);
    if (!root.ok()) return root.status();
    return planner_.MakePlan(*root);
  }

  // The Lucene++ rendering of the plan, or "ERROR <CODE>".
  std::string Rendered(const std::string& text) const {
    absl::StatusOr<Plan> plan = PlanFor(text);
    if (!plan.ok()) return "ERROR " + absl::StatusCodeToString(plan.status().code());
    return WideToUtf8((plan->ranked ? plan->ranked : plan->query)->toString());
  }

  analysis::Analyzer analyzer_;
  Planner planner_{&analyzer_};
};

struct PlanCase {
  const char* what;
  const char* query;
  const char* expected;  // Query::toString(), or ERROR <CODE>
};

TEST_F(PlannerTest, LuceneQueriesTable) {
  // Each word: (A) BM25 over the words fields (title x2) OR (B) its grams over title (x2) and body,
  // B weighted 0.35 (printed rounded to ^0.3). See query_planner.h.
  const PlanCase cases[] = {
      {"a Korean word: its stem in the words fields, or the phrase of its bigrams", "반도체",
       "word(bm25:tw:반도체^2 bm25:bw:반도체) phrase(title:\"반도 도체\"^2.0 body:\"반도 도체\")^0.3"},
      {"a particle is cut off for both fields (the grams phrase also finds 반도체산업)", "반도체를",
       "word(bm25:tw:반도체^2 bm25:bw:반도체) phrase(title:\"반도 도체\"^2.0 body:\"반도 도체\")^0.3"},
      {"in a quoted phrase the particle stays", "\"반도체를\"",
       "phrase(title:\"반도 도체 체를\"^2.0 body:\"반도 도체 체를\")"},
      {"a two-syllable word is one bigram: a term query", "중국",
       "word(bm25:tw:중국^2 bm25:bw:중국) ((title:중국^2.0 body:중국)^0.3)"},
      {"a single syllable is a prefix query over the grams", "한",
       "word(bm25:tw:한^2 bm25:bw:한) ((title:한*^2.0 body:한*)^0.3)"},
      {"a single Han character: prefix, and no reading (중* would match 중국)", "中",
       "word(bm25:tw:中^2 bm25:bw:中) ((title:中*^2.0 body:中*)^0.3)"},
      {"Traditional Han folds to Simplified and also matches its Hangul reading", "國際",
       "word(bm25:tw:国际^2 bm25:bw:国际 bm25:tw:국제^2 bm25:bw:국제) ((((title:国际 title:국제)^2.0) (body:国际 body:국제))^0.3)"},
      {"a Latin word is lowercased", "GPU",
       "word(bm25:tw:gpu^2 bm25:bw:gpu) ((title:gpu^2.0 body:gpu)^0.3)"},
      {"full-width letters fold like the index did", "ＧＰＵ",
       "word(bm25:tw:gpu^2 bm25:bw:gpu) ((title:gpu^2.0 body:gpu)^0.3)"},
      {"English words are Porter-stemmed in the words fields", "batteries",
       "word(bm25:tw:batteri^2 bm25:bw:batteri) ((title:batteries^2.0 body:batteries)^0.3)"},
      {"a hyphenated word: both parts required, or the phrase", "covid-19",
       "and(word(bm25:tw:covid^2 bm25:bw:covid) word(bm25:tw:19^2 bm25:bw:19)) phrase(title:\"covid 19\"^2.0 body:\"covid 19\")^0.3"},
      {"a quoted phrase uses the grams only, with the spacing join", "\"중국 반도체\"",
       "phrase(title:\"중국 국반 반도 도체\"^2.0 body:\"중국 국반 반도 도체\")"},
      {"title: searches only the title fields, without boost", "title:반도체",
       "word(bm25:tw:반도체) phrase(title:\"반도 도체\")^0.3"},
      {"section: searches the section grams", "section:정책", "section:정책"},
      {"body: searches only the body fields", "body:GPU",
       "word(bm25:bw:gpu) body:gpu^0.3"},
      {"implicit AND: required clauses, plus a proximity bonus on the body words", "GPU 칩",
       "+and((word(bm25:tw:gpu^2 bm25:bw:gpu) ((title:gpu^2.0 body:gpu)^0.3)) (word(bm25:tw:칩^2 bm25:bw:칩) ((title:칩*^2.0 body:칩*)^0.3))) bw:\"gpu 칩\"~6^0.5"},
      {"exclusion: a prohibited clause", "GPU -엔비디아",
       "+(word(bm25:tw:gpu^2 bm25:bw:gpu) ((title:gpu^2.0 body:gpu)^0.3)) -(word(bm25:tw:엔비디아^2 bm25:bw:엔비디아) phrase(title:\"엔비 비디 디아\"^2.0 body:\"엔비 비디 디아\")^0.3)"},
      {"OR: optional clauses", "GPU OR NPU",
       "(word(bm25:tw:gpu^2 bm25:bw:gpu) ((title:gpu^2.0 body:gpu)^0.3)) (word(bm25:tw:npu^2 bm25:bw:npu) ((title:npu^2.0 body:npu)^0.3))"},
      {"a field prefix on a group reaches every word", "title:(GPU OR NPU)",
       "(word(bm25:tw:gpu) title:gpu^0.3) (word(bm25:tw:npu) title:npu^0.3)"},
      {"publisher filter is a keyword term that does not score", "GPU publisher:kiep",
       "and((word(bm25:tw:gpu^2 bm25:bw:gpu) ((title:gpu^2.0 body:gpu)^0.3)) publisher:KIEP^0.0)"},
      {"after: is an inclusive open-ended range that does not score", "GPU after:2023-01-01",
       "and((word(bm25:tw:gpu^2 bm25:bw:gpu) ((title:gpu^2.0 body:gpu)^0.3)) published:[2023-01-01 TO 9999-99-99]^0.0)"},
      {"before: is an inclusive open-ended range", "GPU before:2023-12-31",
       "and((word(bm25:tw:gpu^2 bm25:bw:gpu) ((title:gpu^2.0 body:gpu)^0.3)) published:[0000-00-00 TO 2023-12-31]^0.0)"},
      {"a punctuation-only word is dropped from an AND", "GPU !!!",
       "+(word(bm25:tw:gpu^2 bm25:bw:gpu) ((title:gpu^2.0 body:gpu)^0.3))"},
      {"a query of only punctuation is refused", "!!! ???", "ERROR INVALID_ARGUMENT"},
      {"a phrase of only punctuation is refused", "\"...\"", "ERROR INVALID_ARGUMENT"},
      {"punctuation plus an exclusion leaves only the exclusion: refused", "!!! -GPU",
       "ERROR INVALID_ARGUMENT"},
  };
  for (const PlanCase& c : cases) {
    EXPECT_EQ(Rendered(c.query), c.expected) << c.what << " [" << c.query << "]";
  }
}

TEST_F(PlannerTest, CountsDroppedWords) {
  absl::StatusOr<Plan> plan = PlanFor("GPU !!! - ???");
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->dropped_words, 3);
}

TEST_F(PlannerTest, HighlightsPositiveBodyTermsOnly) {
  absl::StatusOr<Plan> plan = PlanFor("반도체 한 GPU -미국 title:제목 body:본문");
  ASSERT_TRUE(plan.ok()) << plan.status();
  const std::set<std::wstring> terms = {L"반도", L"도체", L"gpu", L"본문"};  // grams, not stems
  const std::set<std::wstring> prefixes = {L"한"};
  EXPECT_EQ(plan->highlight.terms, terms);  // not 미국 (excluded), not 제목 (title only)
  EXPECT_EQ(plan->highlight.prefixes, prefixes);
}

TEST_F(PlannerTest, BoostsAreConfigurable) {
  PlannerOptions options;
  options.title_boost = 5.0f;
  Planner planner(&analyzer_, options);
  absl::StatusOr<QueryNode> root = ParseQuery("GPU");
  ASSERT_TRUE(root.ok());
  absl::StatusOr<Plan> plan = planner.MakePlan(*root);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(WideToUtf8(plan->query->toString()),
            "word(bm25:tw:gpu^5 bm25:bw:gpu) ((title:gpu^5.0 body:gpu)^0.3)");
}

TEST_F(PlannerTest, NestedGroupOfOnlyExclusionsIsRefused) {
  // The parser accepts (-미국 !!!) because !!! is a word; after analysis the group holds only a
  // prohibited clause, which as a required clause would make the whole query match nothing.
  EXPECT_EQ(Rendered("반도체 (-미국 !!!)"), "ERROR INVALID_ARGUMENT");
}

// With document frequencies, a word common enough (gram_fallback_below) is matched by its word
// term alone; a rarer word, a word the index lacks, and a quoted phrase keep their grams.
TEST_F(PlannerTest, CommonWordsSkipTheGramPhrase) {
  PlannerOptions options;
  options.gram_fallback_below = 100;
  const Planner planner(&analyzer_, options);
  std::map<std::wstring, int64_t> df = {{L"반도체", 80}, {L"베이징", 19}, {L"중국", 5000}};
  int lookups = 0;
  const DocFreqFn doc_freq = [&](const wchar_t* field, const std::wstring& text) -> int64_t {
    ++lookups;
    auto it = df.find(text);
    // Title and body words are counted together: 80 + 80 reaches 100.
    return it == df.end() || std::wstring(field).empty() ? 0 : it->second;
  };
  auto render = [&](const std::string& text) {
    absl::StatusOr<QueryNode> root = ParseQuery(text);
    EXPECT_TRUE(root.ok());
    absl::StatusOr<Plan> plan = planner.MakePlan(*root, index::FieldAverages(), false, doc_freq);
    EXPECT_TRUE(plan.ok()) << plan.status();
    return plan.ok() ? WideToUtf8(plan->query->toString()) : std::string("ERROR");
  };
  EXPECT_EQ(render("반도체"), "word(bm25:tw:반도체^2 bm25:bw:반도체)");
  EXPECT_EQ(render("중국"), "word(bm25:tw:중국^2 bm25:bw:중국)");
  EXPECT_EQ(render("베이징"),
            "word(bm25:tw:베이징^2 bm25:bw:베이징) phrase(title:\"베이 이징\"^2.0 body:\"베이 이징\")^0.3");
  EXPECT_EQ(render("양자컴퓨터"),
            "word(bm25:tw:양자컴퓨터^2 bm25:bw:양자컴퓨터) phrase(title:\"양자 자컴 컴퓨 퓨터\"^2.0 "
            "body:\"양자 자컴 컴퓨 퓨터\")^0.3");
  EXPECT_EQ(render("\"반도체\""), "phrase(title:\"반도 도체\"^2.0 body:\"반도 도체\")");
  // The highlight still shows the grams of a word matched by its term alone.
  absl::StatusOr<QueryNode> root = ParseQuery("반도체");
  ASSERT_TRUE(root.ok());
  absl::StatusOr<Plan> plan = planner.MakePlan(*root, index::FieldAverages(), false, doc_freq);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->highlight.terms, (std::set<std::wstring>{L"반도", L"도체"}));
  EXPECT_GT(lookups, 0);
  // Without frequencies (no snapshot) every word keeps both matches.
  EXPECT_EQ(WideToUtf8(planner.MakePlan(*root)->query->toString()),
            "word(bm25:tw:반도체^2 bm25:bw:반도체) phrase(title:\"반도 도체\"^2.0 body:\"반도 도체\")^0.3");
}

}  // namespace
}  // namespace briefsearch::query
