// How the CLI prints results: one JSON object for --json (field names are a public contract), or a
// readable text form for people.
#pragma once

#include <string>

#include "briefsearch/types.h"
#include "nlohmann/json.hpp"

namespace briefsearch::cli {

nlohmann::ordered_json SearchToJson(const SearchResult& r);
nlohmann::ordered_json ArticleToJson(const ArticleWithIssue& a);
nlohmann::ordered_json IssueToJson(const Issue& i);
nlohmann::ordered_json StatsToJson(const Stats& s);
nlohmann::ordered_json AnalyzeToJson(const std::vector<AnalyzedField>& fields);

// `color`: mark highlights with ANSI bold (for a terminal).
std::string SearchToText(const std::string& query, const SearchResult& r, bool color);
std::string ArticleToText(const ArticleWithIssue& a);
std::string IssueToText(const Issue& i);
std::string StatsToText(const Stats& s);
std::string AnalyzeToText(const std::vector<AnalyzedField>& fields);

}  // namespace briefsearch::cli
