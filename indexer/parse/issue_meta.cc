#include "indexer/parse/issue_meta.h"

#include <cctype>
#include <optional>

#include "absl/strings/match.h"
#include "indexer/parse/dates.h"
#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

constexpr size_t kHeadLines = 30;   // masthead zone, in non-blank lines
constexpr size_t kTailLines = 30;   // colophon zone
constexpr size_t kEarlyLines = 10;  // where an unlabelled date still means "published"

// Labels in blank-free form: "발 행 일" and "배포 일시" compare as "발행일", "배포일시".
constexpr std::string_view kDateLabels[] = {"발행일", "배포일시", "보도일시", "작성일", "발간일",
                                            "게재일", "일자:",    "날짜:",    "date:"};

constexpr size_t kShortMastheadChars = 12;  // blank-free code points: "제289호", "No.12(2024)"
constexpr size_t kLongMastheadChars = 60;
constexpr std::string_view kMastheadCues[] = {"주간",  "동향",   "창업",   "발행",       "통권",
                                              "호수",  "weekly", "vol",    "newsletter", "브리프",
                                              "brief", "리포트", "report", "뉴스레터",   "소식지"};

bool IsDigit(char ch) { return ch >= '0' && ch <= '9'; }

std::string StripLeadingZeros(std::string digits) {
  const size_t nz = digits.find_first_not_of('0');
  return nz == std::string::npos ? "0" : digits.substr(nz);
}

// Reads digits at s[*i] (blanks before them skipped); "" when there are none.
std::string DigitsAt(std::string_view s, size_t* i) {
  while (*i < s.size() && s[*i] == ' ') ++*i;
  std::string digits;
  while (*i < s.size() && IsDigit(s[*i]) && digits.size() < 6) digits.push_back(s[(*i)++]);
  if (*i < s.size() && IsDigit(s[*i])) return "";  // too long for an issue number
  while (*i < s.size() && s[*i] == ' ') ++*i;
  return digits;
}

std::vector<std::string_view> NonBlank(const std::vector<std::string_view>& lines) {
  std::vector<std::string_view> out;
  for (std::string_view l : lines) {
    if (!IsBlank(l)) out.push_back(l);
  }
  return out;
}

std::optional<CivilDate> LabelledDate(std::string_view line) {
  const std::string form = AsciiLower(RemoveSpaces(FoldWidth(line)));
  for (std::string_view label : kDateLabels) {
    const size_t at = form.find(label);
    if (at == std::string::npos) continue;
    // The date follows the label; search the blank-free remainder ("2018년10월30일(화)15:00").
    if (std::optional<CivilDate> d = FindDate(std::string_view(form).substr(at + label.size()))) {
      return d;
    }
  }
  return std::nullopt;
}

// An issue number sits in a masthead or colophon line: short, or naming the periodical. A title
// such as "장삼각 제1호 양자 슈퍼 협동 혁신센터 구축" in the last article is neither.
bool IsMastheadLike(std::string_view line) {
  const std::string form = CueForm(line);
  const size_t chars = CodePointCount(form);
  if (chars <= kShortMastheadChars) return true;
  if (chars > kLongMastheadChars) return false;
  for (std::string_view cue : kMastheadCues) {
    if (form.find(cue) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

std::string IssueNumberInLine(std::string_view line) {
  const std::string s = FoldWidth(line);
  for (size_t at = s.find("제"); at != std::string::npos; at = s.find("제", at + 1)) {
    // "경제 3호기" is no issue number: the 제 must start a word.
    if (IsHangulSyllable(LastCodePoint(std::string_view(s).substr(0, at)))) continue;
    size_t i = at + std::string_view("제").size();
    const std::string digits = DigitsAt(s, &i);
    if (!digits.empty() && std::string_view(s).substr(i).starts_with("호")) {
      return StripLeadingZeros(digits);
    }
  }
  for (size_t at = s.find("第"); at != std::string::npos; at = s.find("第", at + 1)) {
    size_t i = at + std::string_view("第").size();
    const std::string digits = DigitsAt(s, &i);
    if (!digits.empty() && std::string_view(s).substr(i).starts_with("期")) {
      return StripLeadingZeros(digits);
    }
  }
  const std::string lower = AsciiLower(s);
  for (size_t at = lower.find("no"); at != std::string::npos; at = lower.find("no", at + 1)) {
    if (at > 0 && std::isalnum(static_cast<unsigned char>(lower[at - 1]))) continue;
    size_t i = at + 2;
    if (i < lower.size() && lower[i] == '.')
      ++i;
    else if (i >= lower.size() || lower[i] != ' ')
      continue;
    const std::string digits = DigitsAt(lower, &i);
    if (!digits.empty()) return StripLeadingZeros(digits);
  }
  return "";
}

std::string FindIssueNumber(const std::vector<std::string_view>& lines) {
  const std::vector<std::string_view> text = NonBlank(lines);
  for (size_t i = 0; i < text.size(); ++i) {
    if (i >= kHeadLines && i + kTailLines < text.size()) continue;
    if (!IsMastheadLike(text[i])) continue;
    std::string n = IssueNumberInLine(text[i]);
    if (!n.empty()) return n;
  }
  return "";
}

std::string FindPublishedDate(const std::vector<std::string_view>& lines,
                              std::string_view file_name) {
  const std::vector<std::string_view> text = NonBlank(lines);
  for (std::string_view line : text) {
    if (std::optional<CivilDate> d = LabelledDate(line)) return FormatDate(*d);
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (i >= kHeadLines && i + kTailLines < text.size()) continue;
    if (std::optional<CivilDate> d = FindDate(text[i], /*date_only=*/true)) return FormatDate(*d);
  }
  for (size_t i = 0; i < text.size() && i < kEarlyLines; ++i) {
    if (std::optional<CivilDate> d = FindDate(text[i])) return FormatDate(*d);
  }
  if (std::optional<CivilDate> d = DateFromFileName(file_name)) return FormatDate(*d);
  return "";
}

}  // namespace briefsearch::parse::internal
