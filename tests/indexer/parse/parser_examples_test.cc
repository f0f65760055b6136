// Golden tests over examples/briefs/: every sample issue parses to exactly the expected publisher,
// issue number, date, format, issue title and article list (title and section of each, in order).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/parse/parser.h"

namespace briefsearch::parse {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

struct ExpectedArticle {
  std::string section;
  std::string title;
};

struct ExampleCase {
  std::string file;
  Publisher publisher;
  std::string issue_number;
  std::string published;
  std::string format;
  std::string title;
  std::vector<ExpectedArticle> articles;
};

std::string ExamplesDir() { return std::string(BRIEFSEARCH_SOURCE_DIR) + "/examples/briefs"; }

std::string ReadExample(const std::string& name) {
  std::ifstream in(ExamplesDir() + "/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

absl::StatusOr<ParsedIssue> ParseExample(const std::string& name) {
  return ParseIssueFile(ReadExample(name), name);
}

const std::vector<ExampleCase>& Cases() {
  static const auto* cases = new std::vector<ExampleCase>{
      {"kic_weekly_245_2021-08-25.md",
       Publisher::kKic,
       "245",
       "2021-08-25",
       "md",
       "주간 중국 창업 제245호",
       {
           {"WEEKLY 뉴스", "상하이시, 데이터 거래소 설립 추진"},
           {"WEEKLY 뉴스", "커창반(科创板) 개설 2주년, 하드테크 기업 상장 통로로 자리매김"},
           {"WEEKLY 뉴스", "베이징 자율주행 시범구, 로보택시 유료 운행 허가"},
           {"CHINA 창업", "【산업분석】중국 기업용 SaaS 스타트업의 성장과 과제"},
           {"KIC 중국 뉴스", "한중 바이오 스타트업 온라인 IR 데이 개최"},
       }},
      {"kic_weekly_301_2022-10-19.md",
       Publisher::kKic,
       "301",
       "2022-10-19",
       "md",
       "주간 중국 창업 제 301 호",
       {
           {"WEEKLY 뉴스", "선전시, 스타트업 전용 엔젤 모펀드 2기 조성"},
           {"WEEKLY 뉴스", "중국 전기차 배터리 교환소 보급 확대"},
           {"CHINA 창업", "【기업분석】AI 신약 개발 기업 징타이커지(晶泰科技)"},
           {"CHINA 창업", "【산업분석】중국 양자컴퓨팅 스타트업 투자 동향"},
           {"KIC 중국 뉴스", "KIC 중국, 2022 한중 청년 창업 경진대회 본선 개최"},
       }},
      {"kic_weekly_350_2023-11-15.md",
       Publisher::kKic,
       "350",
       "2023-11-15",
       "md",
       "주간 중국 창업 제 350 호",
       {
           {"WEEKLY 뉴스", "광둥성, 웨강아오 대만구 반도체 산업 클러스터 육성"},
           {"WEEKLY 뉴스", "생성형 AI 서비스 등록 모델 늘어, 대모델 경쟁 본격화"},
           {"CHINA 창업", "【기업분석】배터리 재활용 기업 거린메이(格林美)"},
           {"CHINA 창업", "【스타트업】도심 항공 모빌리티 기업 이항(億航)"},
           {"KIC 중국 뉴스", "KIC 중국, 선전에서 한중 하드웨어 스타트업 교류회 개최"},
           {"KIC 중국 뉴스", "2024년 KIC 중국 입주기업 모집 안내"},
       }},
      {"kic_weekly_412_2025-04-30.md",
       Publisher::kKic,
       "412",
       "2025-04-30",
       "md",
       "주간 중국 창업 제 412 호",
       {
           {"WEEKLY 뉴스", "오픈소스 대모델 확산, 중국 AI 스타트업 판도 변화"},
           {"WEEKLY 뉴스", "상업 우주 발사 스타트업, 재사용 로켓 시험 잇따라"},
           {"WEEKLY 뉴스", "전국 탄소배출권 시장, 철강·시멘트·알루미늄 업종으로 확대"},
           {"CHINA 창업", "【산업분석】휴머노이드 로봇 스타트업 투자 열기"},
           {"CHINA 창업", "【기업분석】4족 보행 로봇 기업 위수커지(宇樹科技)"},
           {"KIC 중국 뉴스", "KIC 중국, 한중 탄소중립 기술 협력 포럼 개최"},
       }},
      {"kiep_press_2019-12-17.txt",
       Publisher::kKiep,
       "",
       "2019-12-17",
       "txt",
       "「중국 반도체 산업의 추격과 한국의 대응」 보고서 발간",
       {
           {"", "「중국 반도체 산업의 추격과 한국의 대응」 보고서 발간"},
       }},
      {"kiep_press_2021-05-04.txt",
       Publisher::kKiep,
       "",
       "2021-05-04",
       "txt",
       "한·중 탄소중립 목표 달성을 위한 녹색기술 협력 방향 모색",
       {
           {"", "한·중 탄소중립 목표 달성을 위한 녹색기술 협력 방향 모색"},
       }},
      {"kiep_press_2023-03-28.txt",
       Publisher::kKiep,
       "",
       "2023-03-28",
       "txt",
       "웨강아오 대만구, 과학기술 혁신 허브로 부상… 한국 기업의 진출 전략 다변화 필요",
       {
           {"", "웨강아오 대만구, 과학기술 혁신 허브로 부상… 한국 기업의 진출 전략 다변화 필요"},
       }},
      {"kiep_press_2026-01-20.txt",
       Publisher::kKiep,
       "",
       "2026-01-20",
       "txt",
       "중국의 ‘AI+’ 전략과 디지털 전환, 한·중 산업 협력에 주는 시사점은?",
       {
           {"", "중국의 ‘AI+’ 전략과 디지털 전환, 한·중 산업 협력에 주는 시사점은?"},
       }},
      {"kostec_weekly_2019-11-20.txt",
       Publisher::kKostec,
       "",
       "2019-11-20",
       "txt",
       "중국 과학기술 정책 주간동향",
       {
           {"정책동향", "국가집적회로산업투자기금 2기 출범, 장비·소재 투자 확대"},
           {"정책동향", "공업정보화부, 5G 상용화 1년 성과와 후속 지원 방향 제시"},
           {"정책동향", "블록체인 핵심기술 자주혁신 가속화 방침 발표"},
           {"단신동향", "중국과학원, 신형 초전도 양자칩 시제품 공개"},
           {"단신동향", "선전시, 신에너지차 충전 인프라 보조금 기준 조정"},
           {"단신동향", "베이징 중관촌, 과학기술 스타트업 전용 융자 플랫폼 개설"},
       }},
      {"kostec_weekly_2021-09-08.txt",
       Publisher::kKostec,
       "412",
       "2021-09-08",
       "txt",
       "중국 과학기술 정책 주간동향",
       {
           {"정책동향", "과학기술부 외, 탄소중립 과학기술 지원 실시방안 초안 공개"},
           {"정책동향", "안후이성, 양자정보 산업 육성 3개년 행동계획 발표"},
           {"정책동향", "톈궁 우주정거장 1단계 임무 성과와 향후 일정"},
           {"정책동향", "중국과학원, 청년 연구자 안정 지원 제도 확대"},
           {"단신동향", "화웨이, 스마트 광산 운영체제 '쾅훙(矿鸿)' 공개"},
           {"단신동향", "칭화대학, 고체 전해질 리튬금속 배터리 수명 개선 연구 발표"},
           {"단신동향", "광둥성, 웨강아오 대만구 국제과학기술혁신센터 건설 방안 발표"},
       }},
      {"kostec_weekly_2024-03-13.txt",
       Publisher::kKostec,
       "",
       "2024-03-13",
       "txt",
       "중국 과학기술 정책 주간동향",
       {
           {"정책동향", "국무원 정부업무보고, 'ＡＩ+' 행동 처음으로 명시"},
           {"정책동향", "공업정보화부 등 4개 부처, 지능형 커넥티드카 도로 시범 확대"},
           {"정책동향", "상하이시, 합성생물학 혁신 클러스터 육성 방안 발표"},
           {"단신동향", "중국 연구진, 상온 작동 고효율 페로브스카이트 태양전지 인증 효율 경신"},
           {"단신동향", "선전시, 저고도 경제 발전 조례 시행"},
       }},
      {"kostec_weekly_2025-12-03.txt",
       Publisher::kKostec,
       "620",
       "2025-12-03",
       "txt",
       "중국 과학기술 정책 주간동향",
       {
           {"정책동향", "공업정보화부, 리튬이온 배터리 산업 규범 조건 개정"},
           {"정책동향", "신에너지차 구매세 감면 단계적 축소 시행 앞둬"},
           {"정책동향", "베이징시, 휴머노이드 로봇 산업 혁신 발전 방안 발표"},
           {"단신동향", "광저우, 웨강아오 대만구 자율주행 화물 운송 시범 노선 개통"},
           {"단신동향", "중국과학기술대학, 광양자 컴퓨터 '주장(九章)' 후속 모델 성능 공개"},
           {"단신동향", "CATL, 홍콩 연구개발센터 설립 발표"},
           {"단신동향", "저장성, 제조업 디지털 전환 '미래 공장' 200곳 지정 목표"},
       }},
      {"other_memo_2024-01-10.txt",
       Publisher::kOther,
       "",
       "2024-01-10",
       "txt",
       "선전·광저우 출장 결과 메모",
       {
           {"", "출장 개요"},
           {"", "주요 논의 내용"},
           {"", "후속 조치"},
       }},
  };
  return *cases;
}

class ExampleTest : public ::testing::TestWithParam<ExampleCase> {};

TEST_P(ExampleTest, ParsesToExpectedIssue) {
  const ExampleCase& c = GetParam();
  const absl::StatusOr<ParsedIssue> issue = ParseExample(c.file);
  ASSERT_TRUE(issue.ok()) << issue.status();
  EXPECT_EQ(issue->publisher, c.publisher) << PublisherName(issue->publisher);
  EXPECT_EQ(issue->issue_number, c.issue_number);
  EXPECT_EQ(issue->published, c.published);
  EXPECT_EQ(issue->format, c.format);
  EXPECT_EQ(issue->title, c.title);
  ASSERT_EQ(issue->articles.size(), c.articles.size());
  for (size_t i = 0; i < c.articles.size(); ++i) {
    SCOPED_TRACE("article " + std::to_string(i + 1));
    EXPECT_EQ(issue->articles[i].title, c.articles[i].title);
    EXPECT_EQ(issue->articles[i].section, c.articles[i].section);
    EXPECT_FALSE(issue->articles[i].body.empty());
  }
}

// Covers, tables of contents, summaries, mastheads and footers are no article text.
TEST_P(ExampleTest, BodiesHoldNoFrontOrBackMatter) {
  const ExampleCase& c = GetParam();
  const absl::StatusOr<ParsedIssue> issue = ParseExample(c.file);
  ASSERT_TRUE(issue.ok()) << issue.status();
  for (const ParsedArticle& a : issue->articles) {
    SCOPED_TRACE(a.title);
    EXPECT_THAT(a.body, Not(HasSubstr("CONTENTS")));
    EXPECT_THAT(a.body, Not(HasSubstr("발 행 일")));
    EXPECT_THAT(a.body, Not(HasSubstr("정기 구독")));
    EXPECT_THAT(a.body, Not(HasSubstr("저작권은")));
    EXPECT_THAT(a.body, Not(HasSubstr("배포부서")));
    EXPECT_THAT(a.body, Not(HasSubstr("요약\n")));
    // Reference URLs went to links.
    EXPECT_THAT(a.body, Not(HasSubstr("https://")));
  }
}

INSTANTIATE_TEST_SUITE_P(Briefs, ExampleTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<ExampleCase>& info) {
                           std::string name = info.param.file;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(ExamplesTest, EveryExampleFileHasACase) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(ExamplesDir())) {
    names.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(names.size(), Cases().size());
  for (const ExampleCase& c : Cases()) EXPECT_THAT(names, Contains(c.file));
}

TEST(ExamplesTest, KostecLinksComeFromSourceLinesAndReferences) {
  const absl::StatusOr<ParsedIssue> issue = ParseExample("kostec_weekly_2019-11-20.txt");
  ASSERT_TRUE(issue.ok()) << issue.status();
  const ParsedArticle& first = issue->articles[0];
  EXPECT_EQ(first.links, (std::vector<std::string>{
                             "https://www.example-news.cn/ic/2019/10/fund2-overview.html",
                             "https://www.example-gov.cn/xxgk/2019/10/t20191022_ic-fund.html",
                             "https://mp.example.qq.com/s/ICfund2-equipment-materials",
                         }));
  // The reference titles stay searchable; the subtitle opens the body.
  EXPECT_THAT(first.body, HasSubstr("国家集成电路产业投资基金二期股份有限公司注册成立"));
  EXPECT_THAT(first.body, ::testing::StartsWith("■ 2기 기금 등록자본"));
  // A 단신 item: outlet line stays, its URL on the next line is a link.
  const ParsedArticle& brief = issue->articles[3];
  EXPECT_THAT(brief.body, HasSubstr("출처: 과학망 (11.12)"));
  EXPECT_EQ(brief.links, (std::vector<std::string>{
                             "https://news.example-sciencenet.cn/htmlnews/2019/11/431000.shtm"}));
}

TEST(ExamplesTest, KostecTableRowsDoNotSplitArticles) {
  const absl::StatusOr<ParsedIssue> issue = ParseExample("kostec_weekly_2021-09-08.txt");
  ASSERT_TRUE(issue.ok()) << issue.status();
  // "10\t탄소 측정·모니터링" is a table row of article 01, not article 10.
  EXPECT_THAT(issue->articles[0].body, HasSubstr("10\t탄소 측정·모니터링"));
  EXPECT_THAT(issue->articles[0].body, HasSubstr("1\t고효율 태양광\n2\t해상풍력"));
}

TEST(ExamplesTest, KicArticlesCarryOutletAndTocPages) {
  const absl::StatusOr<ParsedIssue> issue = ParseExample("kic_weekly_301_2022-10-19.md");
  ASSERT_TRUE(issue.ok()) << issue.status();
  const std::vector<ParsedArticle>& a = issue->articles;
  EXPECT_EQ(a[0].source, "선전상보(深圳商报)");
  EXPECT_EQ(a[1].source, "제일재경(第一财经)");
  EXPECT_EQ(a[2].source, "");
  EXPECT_THAT(a[0].body, ::testing::StartsWith("— 선전상보(深圳商报)\n\n"));
  const std::vector<std::pair<int, int>> pages = {{1, 3}, {4, 6}, {7, 11}, {12, 15}, {16, 16}};
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(std::make_pair(a[i].page_start, a[i].page_end), pages[i]) << a[i].title;
  }
  // Markdown is gone from the body; sub-headings are paragraphs of their own.
  EXPECT_THAT(a[0].body, HasSubstr("\n\n1) 주요 내용\n\n- 하위 펀드가"));
  EXPECT_THAT(a[2].body, HasSubstr("*출처: 36kr"));
  EXPECT_THAT(a[2].body, Not(HasSubstr("\\*")));
  // A numbered sub-heading beyond the 목록's count stays inside its article.
  EXPECT_THAT(a[3].body, HasSubstr("3. 투자 시사점"));
}

TEST(ExamplesTest, KicSubHeadingWithTheNextNumberStaysInItsArticle) {
  const absl::StatusOr<ParsedIssue> issue = ParseExample("kic_weekly_245_2021-08-25.md");
  ASSERT_TRUE(issue.ok()) << issue.status();
  EXPECT_THAT(issue->articles[0].body, HasSubstr("2. 정책 주요 내용"));
  EXPECT_THAT(issue->articles[0].body, HasSubstr("구이양 빅데이터 거래소"));
}

TEST(ExamplesTest, KiepBodyRejoinsLinesBrokenMidWord) {
  const absl::StatusOr<ParsedIssue> issue = ParseExample("kiep_press_2021-05-04.txt");
  ASSERT_TRUE(issue.ok()) << issue.status();
  const std::string& body = issue->articles[0].body;
  // "...국제세미나를 개\n최하였다" and "...발표한 이\n후" in the file.
  EXPECT_THAT(body, HasSubstr("온·오프라인 국제세미나를 개최하였다. 이번 세미나는 중국이 2060년 "
                              "탄소중립 목표를 발표한 이후 양국의"));
  // The sub-head and its wrapped second line are one line of the first paragraph.
  EXPECT_THAT(body, ::testing::StartsWith(
                        "- KIEP, 한·중 양국 전문가와 재생에너지·수소·탄소시장 분야의 협력 과제를 "
                        "논의\n\n- 지방정부 간"));
  EXPECT_THAT(body, Not(HasSubstr("/끝/")));
  EXPECT_THAT(body, Not(HasSubstr("skyk@example.kr")));
}

}  // namespace
}  // namespace briefsearch::parse
