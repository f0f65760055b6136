// Plain value types of the briefsearch C++ client API. They mirror briefsearch.v1 (proto/) without
// exposing generated code, so users of the library need no protobuf headers.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace briefsearch {

enum class Publisher { kOther = 0, kKostec = 1, kKic = 2, kKiep = 3 };

// "KOSTEC", "KIC", "KIEP", "OTHER".
const char* PublisherName(Publisher p);
// Case-insensitive inverse of PublisherName; nullopt for anything else.
std::optional<Publisher> ParsePublisher(std::string_view name);

struct SearchRequest {
  std::string query;
  std::vector<Publisher> publishers;  // any of them; empty = all
  std::string published_from;         // YYYY-MM-DD inclusive, empty = open
  std::string published_to;           // YYYY-MM-DD inclusive, empty = open
  int limit = 10;                     // 1-100
  std::string page_token;             // from SearchResult::next_page_token
  bool explain = false;               // fill SearchHit::explanation
  bool prefer_recent = false;         // rank newer issues higher
  // Count matches exactly up to this many, then skip what cannot reach the page (faster; total
  // becomes a lower bound). 0: the server's default.
  int64_t track_total_hits = 0;
};

struct Highlight {
  int start = 0;  // byte offsets into SearchHit::snippet
  int end = 0;
};

struct SearchHit {
  std::string id;
  std::string issue_id;
  Publisher publisher = Publisher::kOther;
  std::string issue_number;
  std::string published;
  std::string title;
  std::string section;
  std::string snippet;
  float score = 0;
  std::string origin;
  std::string issue_title;
  std::vector<Highlight> highlights;
  std::string explanation;  // with SearchRequest::explain
};

struct SearchResult {
  int64_t total_hits = 0;
  std::vector<SearchHit> hits;
  std::string next_page_token;  // empty on the last page
  int64_t took_micros = 0;      // server-side
  bool relaxed = false;         // no article had every word: best-effort hits
  std::string notice;           // what the server changed about the query, for the user
  bool cached = false;          // answered from the server's result cache (index unchanged since)
  bool total_hits_is_lower_bound = false;  // at least total_hits match (track_total_hits)
};

struct AnalyzedToken {
  std::string text;
  int position = 0;
  int start = 0;  // code points into the analysed text
  int end = 0;
  std::string kind;
};

struct AnalyzedField {
  std::string field;
  std::vector<AnalyzedToken> tokens;
};

struct Article {
  std::string id;  // assigned by the server: "<issue_id>#<ordinal>"
  std::string title;
  std::string section;
  std::string body;
  std::vector<std::string> links;
  int page_start = 0;
  int page_end = 0;
  int ordinal = 0;
};

struct Issue {
  std::string issue_id;
  Publisher publisher = Publisher::kOther;
  std::string issue_number;
  std::string published;
  std::string title;
  std::string origin;
  std::string format;
  std::string content_hash;
  std::vector<Article> articles;
  int article_count = 0;
};

struct ArticleWithIssue {
  Article article;
  Issue issue;  // metadata only, no articles
};

struct Stats {
  int64_t issues = 0;
  int64_t articles = 0;
  int64_t index_size_bytes = 0;
  int segments = 0;
  int64_t pending_log_ops = 0;
  int64_t last_sequence = 0;
  std::map<std::string, int64_t> issues_by_publisher;
  int64_t result_cache_hits = 0;  // searches answered from the result cache since start
  int64_t result_cache_misses = 0;
  int64_t result_cache_entries = 0;
  int64_t result_cache_bytes = 0;
  // Every index file has matched its checksum (big files are checked after start-up).
  bool checksums_verified = false;
  int64_t index_damage_detected = 0;  // damaged commits found (and recovered from) since start
  std::string index_damage;           // what was found last
};

struct UpsertResult {
  std::string issue_id;
  std::vector<std::string> article_ids;
  bool replaced = false;
  int64_t sequence = 0;
};

struct IssuePage {
  std::vector<Issue> issues;  // metadata only
  std::string next_page_token;
};

}  // namespace briefsearch
