// Helpers every layout uses: building an article from a line range, cleaning titles.
#include <algorithm>
#include <cstddef>
#include <utility>

#include "indexer/parse/layouts.h"
#include "indexer/parse/text_util.h"

namespace briefsearch::parse::internal {

ParsedArticle MakeArticle(std::string title, std::string section, const Document& doc, size_t begin,
                          size_t end, const BodyOptions& options) {
  end = std::min(end, doc.lines.size());
  begin = std::min(begin, end);
  const std::vector<std::string_view> lines(doc.lines.begin() + static_cast<std::ptrdiff_t>(begin),
                                            doc.lines.begin() + static_cast<std::ptrdiff_t>(end));
  Body body = BuildBody(lines, options);
  ParsedArticle article;
  article.title = std::move(title);
  article.section = std::move(section);
  article.body = std::move(body.text);
  article.links = std::move(body.links);
  return article;
}

size_t NextNonBlank(const Document& doc, size_t from) {
  while (from < doc.lines.size() && IsBlank(doc.lines[from])) ++from;
  return from;
}

std::string CleanTitle(std::string_view line, bool markdown) {
  if (!markdown) return CollapseSpaces(line);
  std::string_view text = line;
  MarkdownHeadingLevel(line, &text);
  return CollapseSpaces(CleanInlineMarkdown(text));
}

}  // namespace briefsearch::parse::internal
