// Page ranges for the articles of a paged format (PDF): where each article's text sits in the
// extracted text, read against ExtractedText.page_starts. Internal to indexer/parse.
//
// Articles are found in order, blanks ignored on both sides (bodies are rejoined, titles
// collapsed): the start of the body, then the last occurrence of the title before it (so a
// table of contents that repeats the title does not count), and the end of the body before the
// next article's start. An article that cannot be found keeps pages 0 (unknown).
#pragma once

#include <string_view>
#include <vector>

#include "indexer/parse/parsed_issue.h"

namespace briefsearch::parse::internal {

void AssignPages(std::string_view text, const std::vector<size_t>& page_starts,
                 std::vector<ParsedArticle>* articles);

}  // namespace briefsearch::parse::internal
