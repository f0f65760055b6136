#include "client/cli/output.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace briefsearch::cli {
namespace {

using json = nlohmann::ordered_json;

json ArticleFields(const Article& a) {
  return json{{"id", a.id},
              {"title", a.title},
              {"section", a.section},
              {"ordinal", a.ordinal},
              {"pages", json::array({a.page_start, a.page_end})},
              {"links", a.links},
              {"body", a.body}};
}

json IssueFields(const Issue& i) {
  return json{{"issue_id", i.issue_id},
              {"publisher", PublisherName(i.publisher)},
              {"issue_number", i.issue_number},
              {"published", i.published},
              {"title", i.title},
              {"origin", i.origin},
              {"format", i.format},
              {"content_hash", i.content_hash},
              {"article_count", i.article_count}};
}

std::string Marked(const SearchHit& h, bool color) {
  if (!color || h.highlights.empty()) return h.snippet;
  std::string out;
  size_t at = 0;
  for (const Highlight& x : h.highlights) {
    if (x.start < static_cast<int>(at) || x.end > static_cast<int>(h.snippet.size())) continue;
    out += h.snippet.substr(at, x.start - at);
    out += "\033[1m" + h.snippet.substr(x.start, x.end - x.start) + "\033[0m";
    at = x.end;
  }
  return out + h.snippet.substr(at);
}

std::string DateOrDash(const std::string& d) { return d.empty() ? "----------" : d; }

}  // namespace

json SearchToJson(const SearchResult& r) {
  json hits = json::array();
  for (const SearchHit& h : r.hits) {
    json highlights = json::array();
    for (const Highlight& x : h.highlights) highlights.push_back({x.start, x.end});
    hits.push_back(json{{"id", h.id},
                        {"issue_id", h.issue_id},
                        {"publisher", PublisherName(h.publisher)},
                        {"issue_number", h.issue_number},
                        {"published", h.published},
                        {"title", h.title},
                        {"section", h.section},
                        {"snippet", h.snippet},
                        {"score", h.score},
                        {"origin", h.origin},
                        {"issue_title", h.issue_title},
                        {"highlights", highlights}});
    if (!h.explanation.empty()) hits.back()["explanation"] = h.explanation;
  }
  return json{{"total_hits", r.total_hits},
              {"hits", hits},
              {"next_page_token", r.next_page_token},
              {"took_ms", static_cast<double>(r.took_micros) / 1000.0},
              {"relaxed", r.relaxed},
              {"notice", r.notice},
              {"cached", r.cached},
              {"total_hits_is_lower_bound", r.total_hits_is_lower_bound}};
}

json ArticleToJson(const ArticleWithIssue& a) {
  json out = ArticleFields(a.article);
  out["issue_id"] = a.issue.issue_id;
  out["publisher"] = PublisherName(a.issue.publisher);
  out["issue_number"] = a.issue.issue_number;
  out["published"] = a.issue.published;
  out["issue_title"] = a.issue.title;
  out["origin"] = a.issue.origin;
  return out;
}

json IssueToJson(const Issue& i) {
  json out = IssueFields(i);
  json articles = json::array();
  for (const Article& a : i.articles) articles.push_back(ArticleFields(a));
  out["articles"] = articles;
  return out;
}

json StatsToJson(const Stats& s) {
  return json{{"issues", s.issues},
              {"articles", s.articles},
              {"index_size_bytes", s.index_size_bytes},
              {"segments", s.segments},
              {"pending_log_ops", s.pending_log_ops},
              {"last_sequence", s.last_sequence},
              {"issues_by_publisher", s.issues_by_publisher},
              {"result_cache_hits", s.result_cache_hits},
              {"result_cache_misses", s.result_cache_misses},
              {"result_cache_entries", s.result_cache_entries},
              {"result_cache_bytes", s.result_cache_bytes},
              {"checksums_verified", s.checksums_verified},
              {"index_damage_detected", s.index_damage_detected},
              {"index_damage", s.index_damage}};
}

std::string SearchToText(const std::string& query, const SearchResult& r, bool color) {
  std::string out = absl::StrFormat(
      "%s%d hit%s for \"%s\" (%.1f ms)\n", r.total_hits_is_lower_bound ? "at least " : "",
      r.total_hits, r.total_hits == 1 && !r.total_hits_is_lower_bound ? "" : "s", query,
      r.took_micros / 1000.0);
  if (!r.notice.empty()) absl::StrAppend(&out, "note: ", r.notice, "\n");
  int rank = 0;
  for (const SearchHit& h : r.hits) {
    absl::StrAppendFormat(&out, "\n%3d. %s\n     %s %s", ++rank, h.title, PublisherName(h.publisher),
                          DateOrDash(h.published));
    if (!h.issue_number.empty()) absl::StrAppend(&out, " 제", h.issue_number, "호");
    if (!h.section.empty()) absl::StrAppend(&out, " · ", h.section);
    absl::StrAppendFormat(&out, " · %s  (score %.3f)\n     %s\n", h.id, h.score, Marked(h, color));
    if (!h.explanation.empty()) absl::StrAppend(&out, h.explanation);
  }
  if (!r.next_page_token.empty()) {
    absl::StrAppend(&out, "\nmore: --page-token ", r.next_page_token, "\n");
  }
  return out;
}

std::string ArticleToText(const ArticleWithIssue& a) {
  std::string out = absl::StrCat(a.article.title, "\n", PublisherName(a.issue.publisher), " ",
                                 DateOrDash(a.issue.published), " · ", a.issue.title);
  if (!a.article.section.empty()) absl::StrAppend(&out, " · ", a.article.section);
  absl::StrAppend(&out, "\n", a.article.id, " (", a.issue.origin, ")\n\n", a.article.body, "\n");
  if (!a.article.links.empty()) absl::StrAppend(&out, "\n", absl::StrJoin(a.article.links, "\n"), "\n");
  return out;
}

std::string IssueToText(const Issue& i) {
  std::string out = absl::StrCat(i.title, "\n", PublisherName(i.publisher), " ",
                                 DateOrDash(i.published));
  if (!i.issue_number.empty()) absl::StrAppend(&out, " 제", i.issue_number, "호");
  absl::StrAppend(&out, " · ", i.issue_id, " · ", i.article_count, " articles\n\n");
  for (const Article& a : i.articles) {
    absl::StrAppendFormat(&out, "%3d. %s%s\n     %s\n", a.ordinal, a.title,
                          a.section.empty() ? "" : "  [" + a.section + "]", a.id);
  }
  return out;
}

json AnalyzeToJson(const std::vector<AnalyzedField>& fields) {
  json out = json::object();
  for (const AnalyzedField& f : fields) {
    json tokens = json::array();
    for (const AnalyzedToken& t : f.tokens) {
      tokens.push_back(json{{"text", t.text}, {"position", t.position}, {"start", t.start},
                            {"end", t.end}, {"kind", t.kind}});
    }
    out[f.field] = tokens;
  }
  return out;
}

std::string AnalyzeToText(const std::vector<AnalyzedField>& fields) {
  std::string out;
  for (const AnalyzedField& f : fields) {
    absl::StrAppend(&out, f.field, ":\n");
    for (const AnalyzedToken& t : f.tokens) {
      absl::StrAppendFormat(&out, "  %3d  %-12s %-8s [%d,%d)\n", t.position, t.text, t.kind,
                            t.start, t.end);
    }
  }
  return out;
}

std::string StatsToText(const Stats& s) {
  std::string out = absl::StrFormat(
      "issues:           %d\narticles:         %d\nindex size:       %.1f MiB\nsegments:         "
      "%d\npending log ops:  %d\nlast sequence:    %d\n",
      s.issues, s.articles, s.index_size_bytes / 1048576.0, s.segments, s.pending_log_ops,
      s.last_sequence);
  for (const auto& [name, n] : s.issues_by_publisher) {
    absl::StrAppendFormat(&out, "  %-8s %d issues\n", name, n);
  }
  absl::StrAppendFormat(&out, "result cache:     %d hits, %d misses, %d entries (%.1f MiB)\n",
                        s.result_cache_hits, s.result_cache_misses, s.result_cache_entries,
                        s.result_cache_bytes / 1048576.0);
  absl::StrAppend(&out, "checksums:        ",
                  s.checksums_verified ? "verified" : "being checked in the background", "\n");
  if (s.index_damage_detected > 0) {
    absl::StrAppendFormat(&out, "index damage:     %d commit(s) set aside, last: %s\n",
                          s.index_damage_detected, s.index_damage);
  }
  return out;
}

}  // namespace briefsearch::cli
