// The per-publisher article splitters. Internal to indexer/parse.
//
// Each Parse*Layout fills issue->title and issue->articles and returns true when the text has that
// layout's structure; on false the caller clears what was filled and uses ParseGenericLayout.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/parse/body_builder.h"
#include "indexer/parse/parsed_issue.h"

namespace briefsearch::parse::internal {

struct Document {
  std::vector<std::string_view> lines;  // views into the issue text
  bool markdown = false;
};

// KOSTEC 주간동향: cover, CONTENTS, 요약, then parts ("I" + 정책동향, "II" + 단신동향) holding
// numbered articles ("01" on its own line and the title below, or "02 title"), then a colophon.
bool ParseKostecLayout(const Document& doc, ParsedIssue* issue);

// KIC 주간 중국 창업 (Markdown): "# 주간 중국 창업 제 N 호", a 목록 listing each section's article
// titles with pages, then "## SECTION" headings with "## N. title" articles, then a subscription
// footer.
bool ParseKicLayout(const Document& doc, ParsedIssue* issue);

// KIEP 보도자료: a header block (배포일시, 담당자, 배포부서), the headline, then the release. One
// article.
bool ParseKiepLayout(const Document& doc, ParsedIssue* issue);

// Anything else: one article per top-level Markdown heading, else per numbered heading ("1. 개요"),
// else one article titled by the first line. Never fails.
void ParseGenericLayout(const Document& doc, ParsedIssue* issue);

// An article from doc.lines[begin, end).
ParsedArticle MakeArticle(std::string title, std::string section, const Document& doc, size_t begin,
                          size_t end, const BodyOptions& options);

// Index of the next non-blank line at or after `from`; doc.lines.size() when none.
size_t NextNonBlank(const Document& doc, size_t from);

// A heading or title line as plain text: Markdown marks and inline markup gone, blanks collapsed.
std::string CleanTitle(std::string_view line, bool markdown);

}  // namespace briefsearch::parse::internal
