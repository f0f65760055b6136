// Search behaviour an analyst relies on, end to end through a real server: particles, both Chinese
// scripts, Hanja readings, full width, Korean spacing, interpuncts, English stems, best-effort
// fallback, explain, recency and the analyze call.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/harness.h"

namespace briefsearch::testing {
namespace {

using ::testing::HasSubstr;

Issue OneArticle(const std::string& id, const std::string& title, const std::string& body,
                 const std::string& published = "2023-06-21") {
  Issue issue;
  issue.issue_id = id;
  issue.publisher = Publisher::kKostec;
  issue.published = published;
  issue.title = "주간동향";
  issue.articles.push_back({"", title, "정책동향", body, {}, 0, 0, 0});
  return issue;
}

class SearchFeaturesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    server_ = new ServerProcess(*dir_ / "data");
    std::string error;
    ASSERT_TRUE(server_->Start(&error)) << error;
    const std::vector<Issue> issues = {
        OneArticle("beijing", "베이징시 반도체 지원", "베이징시는 반도체 기업에 보조금을 지급한다."),
        OneArticle("trad", "국제 협력", "양국은 國際合作 플랫폼을 세웠다."),
        OneArticle("simp", "AI 정책", "국무원은 人工智能 발전 계획을 발표했다."),
        OneArticle("korean-ai", "인공지능 규제", "인공지능 서비스 관리 규정이 시행된다."),
        OneArticle("fullwidth", "ＧＰＵ 확보", "기업들이 ＧＰＵ 임대 시장에 뛰어들었다."),
        OneArticle("spaced", "자율주행 차량 시범", "우한시는 자율주행 차량 시범 구역을 넓혔다."),
        OneArticle("body-only", "도시 교통 정책", "여러 도시가 로봇택시 시범 운행을 허가했다. 시범 구역이 넓다."),
        OneArticle("joined", "디지털전환 가속", "제조업 디지털전환 지원책이 나왔다."),
        OneArticle("interpunct", "한·중 협력", "한·중 양국은 노·사·정 대화를 재개했다."),
        OneArticle("english", "Battery makers", "Chinese battery makers are investing abroad."),
        OneArticle("close", "지방 정책", "지방정부가 반도체 설비 투자를 늘렸다. 다른 소식도 있다."),
        OneArticle("scattered", "지방 소식",
                   "반도체 가격이 내렸다. 여러 도시의 교통 정책과 주택 공급 계획, 인구 변화와 "
                   "교육 제도 개편이 이어졌고, 그 뒤 다른 부문에서 설비 투자 계획이 발표됐다."),
        OneArticle("numbers", "2022년 디지털 경제", "디지털 경제 규모는 50조 위안으로 10.3% 늘었다."),
        OneArticle("old", "탄소중립 로드맵", "탄소중립 로드맵을 발표했다.", "2018-01-10"),
        OneArticle("new", "탄소중립 로드맵", "탄소중립 로드맵을 발표했다.", "2025-01-10"),
    };
    for (const Issue& issue : issues) ASSERT_TRUE(server_->client().UpsertIssue(issue).ok());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  // Issue ids of the hits, best first.
  static std::vector<std::string> Ids(const std::string& query, SearchRequest request = {}) {
    request.query = query;
    request.limit = 20;
    auto r = server_->client().Search(request);
    EXPECT_TRUE(r.ok()) << query << ": " << r.status();
    std::vector<std::string> ids;
    if (r.ok()) {
      for (const SearchHit& h : r->hits) ids.push_back(h.issue_id);
    }
    return ids;
  }

  static TempDir* dir_;
  static ServerProcess* server_;
};

TempDir* SearchFeaturesTest::dir_ = nullptr;
ServerProcess* SearchFeaturesTest::server_ = nullptr;

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

TEST_F(SearchFeaturesTest, ParticlesDoNotHideTheWord) {
  EXPECT_THAT(Ids("베이징의 반도체"), ElementsAre("beijing"));
  EXPECT_THAT(Ids("반도체를 지원하는"), ElementsAre("beijing"));
}

TEST_F(SearchFeaturesTest, DecomposedHangulMatchesPrecomposed) {
  // 반도체 typed on macOS arrives as conjoining jamo (NFD).
  const std::string nfd = "\u1107\u1161\u11AB\u1103\u1169\u110E\u1166";
  EXPECT_THAT(Ids(nfd + " 지원"), ElementsAre("beijing"));
}

TEST_F(SearchFeaturesTest, EitherChineseScriptFindsTheOther) {
  EXPECT_THAT(Ids("国际合作"), ElementsAre("trad"));
  EXPECT_THAT(Ids("人工智慧") , ::testing::IsEmpty());  // a different word, not a script variant
  EXPECT_THAT(Ids("人工智能"), UnorderedElementsAre("simp", "korean-ai"));
}

TEST_F(SearchFeaturesTest, HanjaReadingsBridgeKoreanAndChinese) {
  EXPECT_THAT(Ids("인공지능"), UnorderedElementsAre("simp", "korean-ai"));
  EXPECT_THAT(Ids("국제합작"), ElementsAre("trad"));
}

TEST_F(SearchFeaturesTest, FullWidthMatchesHalfWidth) {
  EXPECT_THAT(Ids("GPU"), ElementsAre("fullwidth"));
  EXPECT_THAT(Ids("ｇｐｕ"), ElementsAre("fullwidth"));
}

TEST_F(SearchFeaturesTest, KoreanSpacingEitherWay) {
  EXPECT_THAT(Ids("자율주행차량"), ElementsAre("spaced"));
  EXPECT_THAT(Ids("\"자율주행차량\""), ElementsAre("spaced"));
  EXPECT_THAT(Ids("디지털 전환"), ElementsAre("joined"));
}

TEST_F(SearchFeaturesTest, InterpunctsAreOptional) {
  EXPECT_THAT(Ids("한중 협력"), ElementsAre("interpunct"));
  EXPECT_THAT(Ids("노사정"), ElementsAre("interpunct"));
}

TEST_F(SearchFeaturesTest, EnglishIsStemmed) {
  EXPECT_THAT(Ids("batteries invest"), ElementsAre("english"));
}

TEST_F(SearchFeaturesTest, TitleMatchOutranksBodyMatch) {
  // 시범 is in one article's title (and once in its body), and twice in another's body only.
  auto ids = Ids("시범");
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], "spaced");
}

TEST_F(SearchFeaturesTest, WordsCloseTogetherOutrankScatteredWords) {
  auto ids = Ids("반도체 투자");
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], "close");
}

TEST_F(SearchFeaturesTest, NumbersAreSearchableWithoutTheirUnits) {
  EXPECT_THAT(Ids("2022"), ElementsAre("numbers"));
  EXPECT_THAT(Ids("50 위안"), ElementsAre("numbers"));
  EXPECT_THAT(Ids("10.3%"), ElementsAre("numbers"));
}

TEST_F(SearchFeaturesTest, NoArticleWithEveryWordFallsBackAndSaysSo) {
  auto r = server_->client().Search({.query = "반도체 노사정"});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->relaxed);
  EXPECT_THAT(r->notice, HasSubstr("every word"));
  std::vector<std::string> ids;
  for (const SearchHit& h : r->hits) ids.push_back(h.issue_id);
  // Every article with either word, and nothing else.
  EXPECT_THAT(ids, UnorderedElementsAre("beijing", "interpunct", "close", "scattered"));
  auto strict = server_->client().Search({.query = "반도체 지원"});
  ASSERT_TRUE(strict.ok());
  EXPECT_FALSE(strict->relaxed);
}

TEST_F(SearchFeaturesTest, ExplainSaysWhy) {
  auto r = server_->client().Search({.query = "반도체", .explain = true});
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->hits.empty());
  EXPECT_THAT(r->hits[0].explanation, HasSubstr("bm25"));
  EXPECT_THAT(r->hits[0].explanation, HasSubstr("idf"));
}

TEST_F(SearchFeaturesTest, PreferRecentPutsTheNewerIssueFirst) {
  auto recent = Ids("탄소중립 로드맵", SearchRequest{.prefer_recent = true});
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[0], "new");
}

TEST_F(SearchFeaturesTest, AnalyzeShowsEachField) {
  auto fields = server_->client().Analyze("베이징의 國際合作");
  ASSERT_TRUE(fields.ok()) << fields.status();
  std::map<std::string, std::vector<std::string>> texts;
  for (const AnalyzedField& f : *fields) {
    for (const AnalyzedToken& t : f.tokens) texts[f.field].push_back(t.text);
  }
  EXPECT_THAT(texts["words"], ElementsAre("베이징", "国际合作", "국제합작"));
  EXPECT_THAT(texts["grams"], Contains("国际"));
  EXPECT_THAT(texts["grams"], Contains("국제"));
  std::string out, err;
  ASSERT_EQ(RunCommand({BinPath("briefsearch"), "--server", server_->address(), "analyze",
                        "--json", "한·중"},
                       &out, &err),
            0)
      << err;
  EXPECT_THAT(out, HasSubstr("\"words\""));
  EXPECT_THAT(out, HasSubstr("한중"));
}

// --gram-fallback-below: a word in at least that many articles is matched as a word only (fast);
// a rarer word is also found inside compounds and with other spacing. With the default (1000) a
// small archive keeps both for every word.
TEST(GramFallbackTest, CommonWordsMatchAsWordsRareWordsAlsoInsideCompounds) {
  TempDir dir;
  const std::vector<Issue> issues = {
      OneArticle("w1", "자율주행 시범", "자율주행 버스가 달린다."),
      OneArticle("w2", "자율주행 규정", "자율주행 택시 규정이 나왔다."),
      OneArticle("w3", "자율주행 보험", "자율주행 보험 상품이 나왔다."),
      OneArticle("spaced", "자율 주행 구역", "자율 주행 구역이 넓어졌다."),
      OneArticle("compound", "베이징시 소식", "베이징시는 예산을 늘렸다."),
  };
  auto ids = [](ServerProcess& server, const std::string& query) {
    auto r = server.client().Search({.query = query, .limit = 20});
    EXPECT_TRUE(r.ok()) << r.status();
    std::vector<std::string> out;
    if (r.ok()) {
      for (const SearchHit& h : r->hits) out.push_back(h.issue_id);
    }
    return out;
  };
  {
    ServerProcess fast(dir / "fast", {"--gram-fallback-below", "3"});
    std::string error;
    ASSERT_TRUE(fast.Start(&error)) << error;
    for (const Issue& issue : issues) ASSERT_TRUE(fast.client().UpsertIssue(issue).ok());
    EXPECT_THAT(ids(fast, "자율주행"), UnorderedElementsAre("w1", "w2", "w3"));
    EXPECT_THAT(ids(fast, "베이징"), ElementsAre("compound"));  // no article has the word alone
    EXPECT_THAT(ids(fast, "\"자율주행\""), UnorderedElementsAre("w1", "w2", "w3", "spaced"));
  }
  ServerProcess full(dir / "full");
  std::string error;
  ASSERT_TRUE(full.Start(&error)) << error;
  for (const Issue& issue : issues) ASSERT_TRUE(full.client().UpsertIssue(issue).ok());
  EXPECT_THAT(ids(full, "자율주행"), UnorderedElementsAre("w1", "w2", "w3", "spaced"));
  EXPECT_THAT(ids(full, "베이징"), ElementsAre("compound"));
}

}  // namespace
}  // namespace briefsearch::testing
