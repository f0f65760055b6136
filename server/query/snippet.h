// Picks the passage of an article body that shows the query best, and marks what matched.
//
// Thread-safety: a pure function of its arguments.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/analysis/analyzer.h"
#include "server/query/query_planner.h"

namespace briefsearch::query {

struct Snippet {
  std::string text;                             // UTF-8, whitespace collapsed, "…" at cuts
  std::vector<std::pair<int, int>> highlights;  // [start, end) byte ranges into text
};

// A window of about `max_chars` characters holding the most distinct matched terms, or the
// beginning of the body when nothing matched.
// `body` is UTF-8 as stored (well-formed); `plain_search`, when known, is
// analyzer.PlainSearchFinds(body), worked out at indexing.
Snippet MakeSnippet(std::string_view body, const analysis::Analyzer& analyzer,
                    const HighlightTerms& terms, int max_chars = 160,
                    std::optional<analysis::Normalizer::PlainSearch> plain_search = std::nullopt);

}  // namespace briefsearch::query
