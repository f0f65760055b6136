#include "tests/indexer/parse/sample_docs.h"

#include <unicode/ucnv.h>

#include <memory>
#include <vector>

#include "tests/indexer/parse/pdf_fixture.h"

namespace briefsearch::parse::testing {
namespace {

constexpr double kLeft = 60;
constexpr double kBody = 10, kPitch = 16, kTitle = 14, kPart = 16;
constexpr char kRunningHeader[] = "중국 과학기술 정책 주간동향";

void Furniture(PdfPageSpec* page, int number) {
  page->lines.push_back({kLeft, 40, 9, kRunningHeader});
  page->lines.push_back({290, 815, 9, std::to_string(number)});
}

PdfPageSpec Cover() {
  PdfPageSpec page;
  page.lines = {{kLeft, 300, 24, "중국 과학기술 정책 주/간/동/향"},
                {kLeft, 700, kTitle, "한중과학기술협력센터"},
                {kLeft, 720, 12, "KOSTEC"}};
  return page;
}

PdfPageSpec Contents() {
  PdfPageSpec page;
  Furniture(&page, 2);
  double y = 100;
  page.lines.push_back({kLeft, y, kPart, "CONTENTS"});
  y += 40;
  AddParagraph(&page, kLeft, &y, kBody, 20,
               {"베이징시, 인공지능 산업 육성 방안 발표", "상하이시, 양자 컴퓨팅 협력 센터 설립",
                "선전시, 로봇 산업 클러스터 조성"},
               false);
  return page;
}

PdfPageSpec FirstArticle() {
  PdfPageSpec page;
  Furniture(&page, 3);
  page.lines.push_back({kLeft, 100, kPart, "I"});
  page.lines.push_back({kLeft, 125, kPart, "정책동향"});
  page.lines.push_back({kLeft, 170, kTitle, "01"});
  page.lines.push_back({kLeft, 195, kTitle, "베이징시, 인공지능 산업 육성 방안 발표"});
  double y = 230;
  AddParagraph(&page, kLeft, &y, kBody, kPitch,
               {"■ 인공지능 핵심 산업 규모를 2025년까지 3천억 위안으로 확대(6.12)"}, false);
  y += kPitch;
  AddParagraph(
      &page, kLeft, &y, kBody, kPitch,
      {"- 베이징시 경제정보화국은 인공지능 산업의 고품질 발전을 위한 실행 방안을 발표하고 주",
       "요 기업과 연구기관이 참여하는 혁신 연합체를 구성하여 기술 개발을 공동으로 추진하기",
       "로 하였다."},
      true);
  y += kPitch;
  AddParagraph(&page, kLeft, &y, kBody, kPitch,
               {"중앙 정부와 지방 정부는 공동으로",
                "새로운 펀드를 조성하고 민간 자본의 참여를 유도할 방침이며 지방 정부는 세부 계획을 "
                "마련할 예",
                "정이다."},
               false);
  return page;
}

PdfPageSpec SecondPartPage() {
  PdfPageSpec page;
  Furniture(&page, 4);
  page.lines.push_back({kLeft, 100, kTitle, "02 상하이시, 양자 컴퓨팅 협력 센터 설립"});
  double y = 135;
  AddParagraph(&page, kLeft, &y, kBody, kPitch,
               {"■ 상하이 슈퍼컴퓨팅 센터와 양자 기업이 공동으로 협력 센터를 설립(6.15)"}, false);
  y += kPitch;
  AddParagraph(&page, kLeft, &y, kBody, kPitch,
               {"- 센터는 양자 컴퓨팅과 슈퍼컴퓨팅을 결합한 연산 서비스를 지역 기업에 제공하고,",
                "인재 양성 프로그램을 운영할 계획이다."},
               true);
  page.lines.push_back({kLeft, 330, kPart, "II"});
  page.lines.push_back({kLeft, 355, kPart, "단신동향"});
  page.lines.push_back({kLeft, 400, kTitle, "01"});
  page.lines.push_back({kLeft, 425, kTitle, "선전시, 로봇 산업 클러스터 조성"});
  y = 680;
  AddParagraph(
      &page, kLeft, &y, kBody, kPitch,
      {"- 선전시는 로봇 산업 클러스터를 조성하기 위해 향후 3년간 100억 위안을 투입하고 핵심 부",
       "품 기업을 유치할 계획이며 서비스 로봇과 산업용 로봇의 시범 응용을 확대하여 산업 생",
       "태계를 완성할 예정이다."},
      true);
  page.lines.pop_back();  // the paragraph's last line goes over to the next page
  return page;
}

PdfPageSpec LastPage() {
  PdfPageSpec page;
  Furniture(&page, 5);
  double y = 110;
  page.lines.push_back({kLeft, y, kBody, "태계를 완성할 예정이다."});
  y += 2 * kPitch;
  page.lines.push_back({kLeft, y, kBody, "출처: 과학기술일보 (06.16)"});
  y += 2 * kPitch;
  page.lines.push_back(
      {kLeft, y, kBody, "https://www.stdaily.com/index/kejixinwen/202306/a1.shtml"});
  page.lines.push_back({kLeft, 500, 12, "중국 과학기술 정책 주/간/동/향"});
  page.lines.push_back({kLeft, 530, kBody, "| 발 행 일 | 2023. 6. 21"});
  page.lines.push_back({kLeft, 546, kBody, "| 발행기관 | 한중과학기술협력센터"});
  return page;
}

}  // namespace

std::string Encode(const std::string& utf8, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::vector<char> out(utf8.size() * 2 + 8);
  const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &err);
  return U_SUCCESS(err) ? std::string(out.data(), static_cast<size_t>(n)) : std::string();
}

std::string KostecLikePdf() {
  PdfDocSpec doc;
  doc.title = "주간동향 2023-06-21";
  doc.pages = {Cover(), Contents(), FirstArticle(), SecondPartPage(), LastPage()};
  return RenderPdf(doc);
}

std::string TwoPagePdf() {
  PdfDocSpec doc;
  doc.pages.resize(2);
  for (int p = 0; p < 2; ++p) {
    doc.pages[p].lines.push_back({kLeft, 40, 9, "한중 기술협력 브리프 제12호"});
    doc.pages[p].lines.push_back({280, 815, 9, "- " + std::to_string(p + 1) + " -"});
  }
  doc.pages[0].lines.push_back({kLeft, 100, kTitle, "협력 동향 요약"});
  double y = 140;
  AddParagraph(&doc.pages[0], kLeft, &y, kBody, kPitch,
               {"양국 연구기관은 올해 공동 연구 과제를 스무 건으로 늘리기로 합의하였다."}, false);
  y = 100;
  AddParagraph(&doc.pages[1], kLeft, &y, kBody, kPitch, {"다음 회의는 가을에 서울에서 열린다."},
               false);
  return RenderPdf(doc);
}

std::string TwoColumnPdf() {
  PdfDocSpec doc;
  doc.pages.resize(1);
  PdfPageSpec& page = doc.pages[0];
  double y = 100;
  AddParagraph(&page, kLeft, &y, kBody, kPitch, {"왼쪽 단의 첫 문단은 두 줄로", "이루어진다."},
               false);
  y += 2 * kPitch;
  AddParagraph(&page, kLeft, &y, kBody, kPitch, {"왼쪽 단의 둘째 문단이다."}, false);
  y = 100;
  AddParagraph(&page, 320, &y, kBody, kPitch, {"오른쪽 단의 첫 문단이다."}, false);
  y += kPitch;
  AddParagraph(&page, 320, &y, kBody, kPitch, {"오른쪽 단의 둘째 문단은", "두 줄이다."}, false);
  return RenderPdf(doc);
}

std::string KicLikeHtml() {
  return R"(<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8">
<title>주간 중국 창업 제290호 | KIC 중국</title>
<script>document.write("<p>스크립트 글</p>");</script>
<style>p { margin: 0 }</style></head>
<body>
<header><nav><a href="/">홈</a> | <a href="/news">뉴스레터</a></nav></header>
<h1>주간 중국 창업 제290호</h1>
<p>2 0 2 2 . 0 8 . 0 3</p>
<p>발행처: 글로벌혁신센터(KIC 중국)</p>
<h2>WEEKLY 뉴스</h2>
<h3>1. 선전시, 드론 배송 시범 구역 확대</h3>
<p>— 선전상보(深圳商报)</p>
<p>선전시가 드론 배송 시범 구역을 열 곳으로
   늘린다. 배송 거리는 최대 <b>10&nbsp;km</b>이며 R&amp;D 비용의 30%를 지원한다.</p>
<ul><li>주거 단지 배송 허용</li><li>야간 비행 <i>시범</i> 운영</li></ul>
<h3>2. 항저우시, 스타트업 임대료 지원</h3>
<p>항저우시는 창업 3년 이내 기업의 사무실 임대료를 지원한다.<br>신청은 9월까지 받는다.</p>
<table><tr><th>구분</th><th>지원율</th></tr><tr><td>임대료</td><td>50%</td></tr></table>
<h2>CHINA 창업</h2>
<h3>1. 【기업분석】 중국 로봇 청소기 스타트업의 해외 진출</h3>
<p>중국 로봇 청소기 스타트업들이 유럽 시장에서 점유율을 넓히고 있다.</p>
<aside>광고: 구독하세요</aside>
<footer>구독 신청 | 저작권 KIC 중국</footer>
</body></html>
)";
}

std::string PlainIssueUtf8() {
  return "한중 협력 메모\n\n작성: 기획팀\n\n1. 개요\n\n양국의 연구 협력 현황을 정리한다.\n\n"
         "2. 계획\n\n내년에는 공동 연구 과제를 늘린다.\n";
}

std::string PlainIssueCp949() { return Encode(PlainIssueUtf8(), "windows-949-2000"); }

std::string PlainIssueUtf16Le() { return "\xFF\xFE" + Encode(PlainIssueUtf8(), "UTF-16LE"); }

}  // namespace briefsearch::parse::testing
