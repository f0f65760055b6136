// KIC 중국 "주간 중국 창업" in its Markdown form.
//
// The 목록 (table of contents) names the sections ("## 01" then "### WEEKLY 뉴스") and lists each
// section's article titles with their page ("- 제목 P11"). The body repeats every section name as a
// heading; its articles are headings "N. 제목" of any level, numbered from 1 in each section. The
// extraction gives sub-headings the same shapes ("##### 1. 원칙", "## 4. 집약 발전의 원칙"), so an
// article heading must carry the next number and, when the 목록 says how many articles a section
// has, stay within that count. Without a 목록 the usual section names are used.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <optional>
#include <utility>

#include "indexer/parse/layouts.h"
#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

constexpr std::string_view kDefaultSections[] = {"WEEKLY 뉴스", "CHINA 창업", "KIC 중국 뉴스"};
constexpr std::string_view kTocNames[] = {"목록", "목차", "contents"};

struct TocSection {
  std::string name;
  std::vector<std::string> titles;  // one per listed article
  std::vector<int> pages;           // one per listed article; 0 when the entry has no page
};

// Below this bigram similarity a numbered heading is a sub-heading, not the listed article:
// "2. 정책 내용" against "중국 전기차 배터리 교환소 보급 확대" scores near 0, while the 목록's
// wording of a real title ("증관촌" for "중관촌", other spacing) scores well above.
constexpr double kMinTitleSimilarity = 0.3;

struct Toc {
  std::vector<TocSection> sections;
  size_t end = 0;  // first line after the 목록
};

bool IsAllDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// "- 제목 P11" -> {"제목", 11}; page 0 when the entry has none.
std::pair<std::string, int> TocEntry(std::string_view item) {
  item = Trim(item);
  if (item.starts_with("- ")) item.remove_prefix(2);
  const size_t p = item.find_last_of("Pp");
  if (p == std::string_view::npos || p == 0 || item[p - 1] != ' ') {
    return {CollapseSpaces(CleanInlineMarkdown(item)), 0};
  }
  const std::string_view digits = item.substr(p + 1);
  if (!IsAllDigits(digits) || digits.size() > 4)
    return {CollapseSpaces(CleanInlineMarkdown(item)), 0};
  return {CollapseSpaces(CleanInlineMarkdown(item.substr(0, p))), std::stoi(std::string(digits))};
}

// Dice coefficient of the code point bigrams of the two titles' CueForms, 0..1.
double TitleSimilarity(std::string_view a, std::string_view b) {
  auto bigrams = [](std::string_view s) {
    const std::string form = CueForm(s);
    std::vector<std::pair<char32_t, char32_t>> out;
    char32_t prev = 0;
    for (size_t i = 0; i < form.size();) {
      const char32_t c = NextCodePoint(form, &i);
      if (prev != 0) out.emplace_back(prev, c);
      prev = c;
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto x = bigrams(a);
  const auto y = bigrams(b);
  if (x.empty() || y.empty()) return 0;
  std::vector<std::pair<char32_t, char32_t>> common;
  std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(common));
  return 2.0 * static_cast<double>(common.size()) / static_cast<double>(x.size() + y.size());
}

// Reads the 목록: "## 01" opens a group, the next heading names its section, "- " lines list it.
// The first other heading ends the 목록.
std::optional<Toc> ReadToc(const Document& doc, size_t from) {
  size_t i = from;
  for (; i < doc.lines.size(); ++i) {
    std::string_view text;
    if (MarkdownHeadingLevel(doc.lines[i], &text) > 0 &&
        std::find(std::begin(kTocNames), std::end(kTocNames), AsciiLower(RemoveSpaces(text))) !=
            std::end(kTocNames)) {
      break;
    }
  }
  if (i >= doc.lines.size()) return std::nullopt;
  Toc toc;
  bool want_name = false;
  for (++i; i < doc.lines.size(); ++i) {
    std::string_view text;
    const std::string_view t = Trim(doc.lines[i]);
    if (MarkdownHeadingLevel(doc.lines[i], &text) > 0) {
      if (IsAllDigits(text)) {
        want_name = true;
      } else if (want_name) {
        toc.sections.push_back({CollapseSpaces(text), {}, {}});
        want_name = false;
      } else {
        break;
      }
    } else if (t.starts_with("- ") && !toc.sections.empty()) {
      auto [title, page] = TocEntry(t);
      toc.sections.back().titles.push_back(std::move(title));
      toc.sections.back().pages.push_back(page);
    }
  }
  if (toc.sections.empty()) return std::nullopt;
  toc.end = i;
  return toc;
}

// The issue's masthead heading: "# 주간 중국 창업 제 289 호".
std::string KicTitle(const Document& doc) {
  for (std::string_view line : doc.lines) {
    std::string_view text;
    if (MarkdownHeadingLevel(line, &text) > 0 &&
        CueForm(text).find("주간중국창업") != std::string::npos) {
      return CleanTitle(text, true);
    }
  }
  return "";
}

// "3. 【산업단지】 공업단지 ..." with number == expected -> the title; nullopt otherwise.
std::optional<std::string> ArticleTitle(std::string_view heading, int expected) {
  size_t i = 0;
  while (i < heading.size() && std::isdigit(static_cast<unsigned char>(heading[i]))) ++i;
  if (i == 0 || i > 2 || i + 1 >= heading.size() || heading[i] != '.' || heading[i + 1] != ' ') {
    return std::nullopt;
  }
  if (std::stoi(std::string(heading.substr(0, i))) != expected) return std::nullopt;
  std::string title = CollapseSpaces(CleanInlineMarkdown(heading.substr(i + 2)));
  // "【기업분석】 혁신 기업" -> "【기업분석】혁신 기업", as the 목록 writes it.
  for (size_t at; (at = title.find("】 ")) != std::string::npos;) title.erase(at + 3, 1);
  return title;
}

// "— 중국일보(中国日报)": the outlet line right under an article title.
std::optional<std::string> SourceLine(std::string_view line) {
  std::string_view t = Trim(line);
  for (std::string_view dash : {"\u2014", "\u2015", "\u2013", "--"}) {
    if (t.starts_with(dash)) {
      t.remove_prefix(dash.size());
      while (t.starts_with("-")) t.remove_prefix(1);
      std::string source = CollapseSpaces(CleanInlineMarkdown(t));
      if (!source.empty()) return source;
    }
  }
  return std::nullopt;
}

// The subscription footer: a top-level "# 주간 중국 창업" after the body, or "구독을 원하시는".
size_t FindFooter(const Document& doc, size_t from) {
  for (size_t i = from; i < doc.lines.size(); ++i) {
    std::string_view text;
    const int level = MarkdownHeadingLevel(doc.lines[i], &text);
    if ((level == 1 && CueForm(text).find("주간중국창업") != std::string::npos) ||
        CueForm(doc.lines[i]).find("구독을원하시는") != std::string::npos) {
      return i;
    }
  }
  return doc.lines.size();
}

}  // namespace

namespace {

struct OpenArticle {
  std::string title;
  std::string source;
  size_t body_start = 0;
  int page = 0;
};

int SectionIndex(const std::vector<TocSection>& sections, std::string_view heading) {
  const std::string form = CueForm(heading);
  for (size_t s = 0; s < sections.size(); ++s) {
    if (CueForm(sections[s].name) == form) return static_cast<int>(s);
  }
  return -1;
}

// Without a 목록 the body starts at the first heading naming a usual section.
size_t FirstSectionHeading(const Document& doc, const std::vector<TocSection>& sections) {
  for (size_t i = 0; i < doc.lines.size(); ++i) {
    std::string_view text;
    if (MarkdownHeadingLevel(doc.lines[i], &text) > 0 && SectionIndex(sections, text) >= 0)
      return i;
  }
  return doc.lines.size();
}

// The 목록 gives start pages only: an article ends where the next one starts, or on its own first
// page when nothing follows.
void FillPageEnds(std::vector<ParsedArticle>* articles) {
  for (size_t k = 0; k < articles->size(); ++k) {
    ParsedArticle& a = (*articles)[k];
    if (a.page_start <= 0) continue;
    a.page_end = a.page_start;
    for (size_t n = k + 1; n < articles->size(); ++n) {
      if ((*articles)[n].page_start > 0) {
        a.page_end = std::max(a.page_start, (*articles)[n].page_start - 1);
        break;
      }
    }
  }
}

}  // namespace

bool ParseKicLayout(const Document& doc, ParsedIssue* issue) {
  issue->title = KicTitle(doc);
  const std::optional<Toc> toc = ReadToc(doc, 0);
  std::vector<TocSection> sections;
  if (toc) {
    sections = toc->sections;
  } else {
    for (std::string_view name : kDefaultSections) sections.push_back({std::string(name), {}, {}});
  }
  const size_t start = toc ? toc->end : FirstSectionHeading(doc, sections);
  if (start >= doc.lines.size()) return false;
  const size_t end = FindFooter(doc, start);
  const BodyOptions options{.markdown = doc.markdown};
  int section = -1;
  int expected = 1;
  std::optional<OpenArticle> open;
  auto close = [&](size_t at) {
    if (!open) return;
    ParsedArticle a = MakeArticle(std::move(open->title), sections[section].name, doc,
                                  open->body_start, at, options);
    a.source = std::move(open->source);
    a.page_start = open->page;
    issue->articles.push_back(std::move(a));
    open.reset();
  };
  for (size_t i = start; i < end; ++i) {
    std::string_view text;
    if (MarkdownHeadingLevel(doc.lines[i], &text) == 0) continue;
    if (const int s = SectionIndex(sections, text); s >= 0) {
      close(i);
      section = s;
      expected = 1;
      continue;
    }
    if (section < 0) continue;
    const std::vector<int>& pages = sections[section].pages;
    if (toc && expected > static_cast<int>(pages.size())) continue;  // the 목록 lists no more
    std::optional<std::string> title = ArticleTitle(text, expected);
    if (!title) continue;
    if (toc &&
        TitleSimilarity(*title, sections[section].titles[expected - 1]) < kMinTitleSimilarity) {
      continue;
    }
    close(i);
    open = OpenArticle{std::move(*title), "", i + 1, toc ? pages[expected - 1] : 0};
    if (const size_t next = NextNonBlank(doc, i + 1); next < end) {
      if (std::optional<std::string> src = SourceLine(doc.lines[next])) open->source = *src;
    }
    ++expected;
  }
  close(end);
  FillPageEnds(&issue->articles);
  return !issue->articles.empty();
}

}  // namespace briefsearch::parse::internal
