// KIEP 보도자료 (press release) as extracted from its PDF.
//
// A header block of labelled lines (보도자료, 배포일시 ..., 담 당 자 with ☎ and e-mail, 배포부서),
// then the headline on one to four lines, then "- " sub-heads and the release, whose paragraphs
// open with an indent and whose lines the extractor broke at the page width, often mid-word. The
// whole release is one article: title = headline, body = everything after the header block
// (sub-heads, text, attachments), with the broken lines rejoined by BuildBody.
#include "indexer/parse/layouts.h"
#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {
namespace {

// Blank-free label forms: "담 당 자" reads "담당자".
constexpr std::string_view kHeaderLabels[] = {"보도자료", "배포일시", "보도일시", "보도시기",
                                              "엠바고",   "담당자",   "배포부서", "문의",
                                              "매수",     "사진",     "홍보"};
constexpr std::string_view kPressLabels[] = {"배포일시", "보도일시"};
constexpr std::u32string_view kSubheadMarks = U"-–○□◇◆▶■";
constexpr int kHeaderSearchLines = 15;  // non-blank lines
constexpr size_t kMaxHeadlineLines = 4;

bool IsHeaderLine(std::string_view line) {
  const std::string form = RemoveSpaces(line);
  for (std::string_view label : kHeaderLabels) {
    if (form.starts_with(label)) return true;
  }
  return form.find("☎") != std::string::npos || form.find('@') != std::string::npos;
}

bool StartsBody(std::string_view line) {
  const char32_t first = FirstCodePoint(Trim(line));
  return kSubheadMarks.find(first) != std::u32string_view::npos || LeadingIndent(line) >= 2;
}

// One past the last header line; 0 when the text does not start like a press release.
size_t HeaderEnd(const Document& doc) {
  size_t end = 0;
  bool press = false;
  int seen = 0;
  for (size_t i = 0; i < doc.lines.size() && seen < kHeaderSearchLines; ++i) {
    if (IsBlank(doc.lines[i])) continue;
    ++seen;
    if (IsHeaderLine(doc.lines[i])) {
      end = i + 1;
      const std::string form = RemoveSpaces(doc.lines[i]);
      press = press || form == "보도자료";
      for (std::string_view label : kPressLabels) press = press || form.starts_with(label);
    } else if (end > 0 && StartsBody(doc.lines[i])) {
      break;
    }
  }
  return press ? end : 0;
}

}  // namespace

bool ParseKiepLayout(const Document& doc, ParsedIssue* issue) {
  const size_t header_end = HeaderEnd(doc);
  if (header_end == 0) return false;
  std::string headline;
  bool prev_blank = false;
  size_t i = NextNonBlank(doc, header_end);
  for (size_t taken = 0; i < doc.lines.size() && taken < kMaxHeadlineLines;
       i = NextNonBlank(doc, i + 1), ++taken) {
    if (StartsBody(doc.lines[i])) break;
    AppendWrapped(&headline, prev_blank, doc.lines[i]);
    prev_blank = EndsWithBlank(doc.lines[i]);
  }
  if (headline.empty()) return false;
  std::vector<std::string_view> body_lines;
  for (size_t k = i; k < doc.lines.size(); ++k) {
    if (RemoveSpaces(doc.lines[k]) != "/끝/") body_lines.push_back(doc.lines[k]);
  }
  Body body = BuildBody(body_lines, {.markdown = doc.markdown, .indent_starts_paragraph = true});
  ParsedArticle article;
  article.title = CollapseSpaces(headline);
  article.body = std::move(body.text);
  article.links = std::move(body.links);
  issue->title = article.title;
  issue->articles.push_back(std::move(article));
  return true;
}

}  // namespace briefsearch::parse::internal
