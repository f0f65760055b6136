#include "bench/gen/layouts.h"

#include "absl/strings/str_format.h"
#include "bench/gen/civil_date.h"

namespace briefsearch::gen {
namespace {

// Appends every part; unlike absl::StrAppend it takes std::string_view (Debian's Abseil has its own
// string_view type).
template <typename... Parts>
void Put(std::string* out, const Parts&... parts) {
  (out->append(std::string_view(parts)), ...);
}

constexpr std::string_view kKostecMasthead = "중국 과학기술 정책 주/간/동/향";
constexpr std::string_view kWeekdays[] = {"일", "월", "화", "수", "목", "금", "토"};

void AppendBlocks(const GenArticle& a, std::string_view heading_mark, std::string* out) {
  for (const Block& b : a.blocks) {
    for (const std::string& line : b.lines) {
      if (b.heading) Put(out, heading_mark);
      Put(out, line, "\n");
    }
    out->append("\n");
  }
  if (!a.link.empty()) Put(out, a.link, "\n\n");
}

// The first line of an article without its list mark: the 요약 entry.
std::string_view Lead(const GenArticle& a) {
  std::string_view line = a.blocks.front().lines.front();
  if (line.starts_with("■ ")) line.remove_prefix(std::string_view("■ ").size());
  return line;
}

void RenderKostec(const GenIssue& issue, Rng& rng, std::string* out) {
  const Civil d = CivilFromDays(issue.published);
  Put(out, "\n\n\n", kKostecMasthead, " 제", issue.issue_number, "호\n\nCONTENTS\n\n");
  for (const GenArticle& a : issue.articles) {
    if (a.section != issue.articles.front().section) break;
    const std::string_view topic = std::string_view(a.title).substr(0, a.title.find(','));
    Put(out, "- ", topic, "** • ", a.title, "\n");
  }
  Put(out, "• 단신동향\n\n\n\n",
      "본 자료는 한중과학기술협력센터가 중국 과학기술 분야의 정책과 동향을 수집·정리한 "
      "것입니다. 인용하실 때에는 출처를 함께 적어 주시기 바랍니다.\n\n\n\n",
      "한중과학기술협력센터\n\nKOSTEC\n\nKorea-China Science & Technology Cooperation "
      "Center\n\n\n\n요약\n\n");
  for (const GenArticle& a : issue.articles) {
    if (a.section != issue.articles.front().section) break;
    Put(out, "- ", Lead(a), "\n");
  }
  out->append("\n");
  const bool split_parts = rng.Chance(0.5);  // "I" and "정책동향" on two lines, or "I. 정책동향"
  std::string_view section;
  int part = 0, number = 0;
  for (const GenArticle& a : issue.articles) {
    if (a.section != section) {
      section = a.section;
      const std::string_view roman = ++part == 1 ? "I" : "II";
      Put(out, roman, split_parts ? "\n\n" : ". ", section, "\n\n");
      number = 0;
    }
    const std::string n = absl::StrFormat("%02d", ++number);
    Put(out, n, rng.Chance(0.5) ? "\n\n" : " ", a.title, "\n\n");
    AppendBlocks(a, "", out);
  }
  Put(out, "\n\nCHINA\nSCIENCE\n\nKOREA-CHINA SCIENCE &\nTECHNOLOGY COOPERATION CENTER\n\n",
      kKostecMasthead, "\n\n| 발 행 호 | 제 ", issue.issue_number, " 호\n\n",
      absl::StrFormat("| 발 행 일 | %d. %d. %d\n\n", d.year, d.month, d.day),
      "| 발 행 인 | 한중과학기술협력센터장\n\n| 발행기관 | 한중과학기술협력센터\n\n",
      "| 발 행 처 | 주소 : 북경시 조양구 예시로 10호\nTEL : 86)10-0000-0000\n",
      "<http://www.kostec.re.kr>\n");
}

// "2 0 2 2 . 1 0 . 1 9": the KIC cover spaces every character of the date.
std::string SpacedDate(int64_t day) {
  const Civil d = CivilFromDays(day);
  const std::string compact = absl::StrFormat("%04d.%02d.%02d", d.year, d.month, d.day);
  std::string out;
  for (char c : compact) {
    if (!out.empty()) out.push_back(' ');
    out.push_back(c);
  }
  return out;
}

void RenderKic(const GenIssue& issue, std::string* out) {
  Put(out, "\n\n# 주간 중국 창업 제 ", issue.issue_number, " 호\n\n", SpacedDate(issue.published),
      "\n\n\n\n",
      "발행처: 글로벌혁신센터(KIC 중국)  \n센터장: 이서준  \n전화: +86-10-0000-0000  \n",
      "메일: [news@example.org](mailto:news@example.org)\n\n# 목록\n\n",
      "본 자료의 저작권은 KIC 중국에 있으며, 출처를 밝히면 자유롭게 활용할 수 "
      "있습니다.\n\n");
  std::string_view section;
  int group = 0;
  for (const GenArticle& a : issue.articles) {
    if (a.section != section) {
      section = a.section;
      if (group++ > 0) out->append("\n");
      Put(out, absl::StrFormat("## %02d\n\n### ", group), section, "\n\n");
    }
    Put(out, "- ", a.title, " P", std::to_string(a.page), "\n");
  }
  out->append("\n");
  section = "";
  int number = 0;
  for (const GenArticle& a : issue.articles) {
    if (a.section != section) {
      section = a.section;
      Put(out, "## ", section, "\n\n");
      number = 0;
    }
    Put(out, "## ", std::to_string(++number), ". ", a.title, "\n\n");
    AppendBlocks(a, "### ", out);
  }
  Put(out, "# 주간 중국 창업\n\n\n\n정기 구독 신청은 아래 메일로 보내 주십시오.\n\n",
      "메일: [news@example.org](mailto:news@example.org)  \n전화: +86-10-0000-0000\n");
}

void RenderKiep(const GenIssue& issue, Rng& rng, std::string* out) {
  const Civil d = CivilFromDays(issue.published);
  const GenArticle& a = issue.articles.front();
  Put(out, " 보도자료\n\n",
      absl::StrFormat("배포일시 %d년 %d월 %d일(%s) 10:00 매  수 %d매\n", d.year, d.month, d.day,
                      kWeekdays[Weekday(issue.published)], rng.Between(2, 6)),
      "보도시기 배포시 부터 사  진 1장\n\n",
      "담 당 자 대외경제정책연구원 세계지역연구센터 중국팀\n",
      "김하늘 부연구위원 ☎ 044-000-0000 * skyk@example.kr\n\n",
      "배포부서 대외경제정책연구원 홍보팀 ☎ 044-000-0001\n\n", a.title, "\n\n");
  // Sub-heads ("- ...") stand flush; the release's paragraphs open with an indent.
  for (const Block& b : a.blocks) {
    for (const std::string& line : b.lines) {
      Put(out, line.starts_with("- ") ? "" : "  ", line, "\n");
    }
    out->append("\n");
  }
  out->append("/끝/\n");
}

}  // namespace

void RenderIssue(const GenIssue& issue, Rng& rng, std::string* out) {
  switch (issue.publisher) {
    case GenPublisher::kKostec:
      return RenderKostec(issue, rng, out);
    case GenPublisher::kKic:
      return RenderKic(issue, out);
    case GenPublisher::kKiep:
      return RenderKiep(issue, rng, out);
  }
}

}  // namespace briefsearch::gen
