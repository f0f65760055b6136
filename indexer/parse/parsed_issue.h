// What a parser extracts from one issue file: the issue's metadata and its articles in order.
// Plain data, no behaviour; shared by the parsers, the pipeline and `briefsearch-indexer parse`.
#pragma once

#include <string>
#include <vector>

namespace briefsearch::parse {

enum class Publisher { kOther = 0, kKostec = 1, kKic = 2, kKiep = 3 };

// "KOSTEC", "KIC", "KIEP" or "OTHER": the spelling used in the proto, the CLI and JSON.
const char* PublisherName(Publisher p);

struct ParsedArticle {
  std::string title;    // the article's own heading, without numbering such as "01" or "1."
  std::string section;  // the heading it sits under (정책동향, WEEKLY 뉴스 ...), may be empty
  std::string body;     // the text, paragraphs separated by "\n\n"
  std::vector<std::string> links;  // reference URLs found at the article's end (출처, 원문 ...)
  std::string source;   // the outlet credited under the title ("중국일보(中国日报)"), may be empty;
                        // its line also stays in the body
  int page_start = 0;   // 1-based page range when the format has pages; 0 when unknown
  int page_end = 0;
};

struct ParsedIssue {
  Publisher publisher = Publisher::kOther;
  std::string issue_number;  // digits only ("289"), empty when the issue has none
  std::string published;     // YYYY-MM-DD, empty when no date was found
  std::string title;         // issue title (masthead or press-release headline)
  std::string format;        // "txt", "md", later "pdf", "hwp", ...
  std::vector<ParsedArticle> articles;  // never empty for a successfully parsed file
};

}  // namespace briefsearch::parse
