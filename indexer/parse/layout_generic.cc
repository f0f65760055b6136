// Unknown layouts: split on what any document has. Markdown headings first ("#"/"##"; a lone "#"
// title over "##" headings names the issue), then numbered headings ("1. 개요", "Ⅱ. 현황") counting
// up from 1, else the whole text is one article titled by its first line. Text before the first
// split heading, other than the title line, goes to the front of the first article.
#include <algorithm>
#include <cctype>
#include <optional>

#include "indexer/parse/layouts.h"
#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

constexpr size_t kMaxNumberedTitleChars = 60;
constexpr std::string_view kRomanNumerals[] = {"I",  "II",  "III",  "IV", "V",
                                               "VI", "VII", "VIII", "IX", "X"};
constexpr std::string_view kRomanForms[] = {"Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ", "Ⅶ", "Ⅷ", "Ⅸ", "Ⅹ"};

struct Split {
  size_t line = 0;
  std::string title;
};

struct MdHeading {
  size_t line;
  int level;
  std::string_view text;
};

std::vector<Split> MarkdownSplits(const Document& doc, size_t first_line,
                                  std::string* issue_title) {
  std::vector<MdHeading> headings;
  int top = 3;
  for (size_t i = 0; i < doc.lines.size(); ++i) {
    std::string_view text;
    const int level = MarkdownHeadingLevel(doc.lines[i], &text);
    if (level == 0 || level > 2 || text.empty()) continue;
    headings.push_back({i, level, text});
    top = std::min(top, level);
  }
  int split_level = top;
  const auto count = [&](int level) {
    return std::count_if(headings.begin(), headings.end(),
                         [&](const MdHeading& h) { return h.level == level; });
  };
  if (top == 1 && count(1) == 1 && headings.front().line == first_line && count(2) > 0) {
    *issue_title = CleanTitle(headings.front().text, true);
    split_level = 2;
  }
  std::vector<Split> splits;
  for (const MdHeading& h : headings) {
    if (h.level == split_level) splits.push_back({h.line, CleanTitle(h.text, true)});
  }
  return splits;
}

// "3. 제목" -> 3 and "제목"; roman numerals ("IV. 제목", "Ⅳ. 제목") when `roman`.
std::optional<std::pair<int, std::string_view>> NumberedHeading(std::string_view t, bool roman) {
  int number = 0;
  size_t i = 0;
  if (!roman) {
    while (i < t.size() && i < 2 && std::isdigit(static_cast<unsigned char>(t[i]))) {
      number = number * 10 + (t[i++] - '0');
    }
  } else {
    for (int k = 9; k >= 0 && number == 0; --k) {  // longest first: "VIII" before "V"
      for (std::string_view form : {kRomanNumerals[k], kRomanForms[k]}) {
        if (t.starts_with(form)) number = k + 1, i = form.size();
      }
    }
  }
  if (number == 0 || i + 1 >= t.size() || t[i] != '.' || t[i + 1] != ' ') return std::nullopt;
  const std::string_view title = Trim(t.substr(i + 2));
  if (title.empty() || CodePointCount(title) > kMaxNumberedTitleChars || title.ends_with(".")) {
    return std::nullopt;
  }
  return std::make_pair(number, title);
}

// Numbered headings that count 1, 2, 3 ...; empty unless there are at least two.
std::vector<Split> NumberedSplits(const Document& doc) {
  for (const bool roman : {false, true}) {
    std::vector<Split> splits;
    for (size_t i = 0; i < doc.lines.size(); ++i) {
      const auto h = NumberedHeading(Trim(doc.lines[i]), roman);
      if (h && h->first == static_cast<int>(splits.size()) + 1) {
        splits.push_back({i, CollapseSpaces(h->second)});
      }
    }
    if (splits.size() >= 2) return splits;
  }
  return {};
}

}  // namespace

void ParseGenericLayout(const Document& doc, ParsedIssue* issue) {
  const size_t first = NextNonBlank(doc, 0);
  const BodyOptions options{.markdown = doc.markdown};
  if (first >= doc.lines.size()) {  // no text: still one (empty) article, as promised
    issue->articles.push_back(ParsedArticle{});
    return;
  }
  std::string first_title = CleanTitle(doc.lines[first], doc.markdown);
  std::string md_title;
  std::vector<Split> splits = MarkdownSplits(doc, first, &md_title);
  if (splits.empty()) splits = NumberedSplits(doc);
  if (issue->title.empty()) issue->title = md_title.empty() ? first_title : md_title;
  if (splits.empty()) {
    ParsedArticle a = MakeArticle(first_title, "", doc, first + 1, doc.lines.size(), options);
    if (a.body.empty()) a.body = a.title;
    issue->articles.push_back(std::move(a));
    return;
  }
  for (size_t k = 0; k < splits.size(); ++k) {
    const size_t end = k + 1 < splits.size() ? splits[k + 1].line : doc.lines.size();
    issue->articles.push_back(
        MakeArticle(std::move(splits[k].title), "", doc, splits[k].line + 1, end, options));
  }
  // What stood between the title line and the first heading belongs to the first article.
  const size_t preamble_begin = splits.front().line == first ? first : first + 1;
  if (preamble_begin < splits.front().line) {
    ParsedArticle pre = MakeArticle("", "", doc, preamble_begin, splits.front().line, options);
    ParsedArticle& a = issue->articles.front();
    if (!pre.body.empty()) a.body = a.body.empty() ? pre.body : pre.body + "\n\n" + a.body;
    pre.links.insert(pre.links.end(), a.links.begin(), a.links.end());
    a.links = std::move(pre.links);
  }
}

}  // namespace briefsearch::parse::internal
