#include "client/src/convert.h"

namespace briefsearch::internal {
namespace {

v1::Publisher ToProto(Publisher p) { return static_cast<v1::Publisher>(static_cast<int>(p)); }
Publisher FromProto(v1::Publisher p) {
  return v1::Publisher_IsValid(p) ? static_cast<Publisher>(static_cast<int>(p)) : Publisher::kOther;
}

v1::Article ToProto(const Article& a) {
  v1::Article out;
  out.set_id(a.id);
  out.set_title(a.title);
  out.set_section(a.section);
  out.set_body(a.body);
  for (const std::string& l : a.links) out.add_links(l);
  out.set_page_start(a.page_start);
  out.set_page_end(a.page_end);
  out.set_ordinal(a.ordinal);
  return out;
}

SearchHit FromProto(const v1::SearchHit& h) {
  SearchHit out;
  out.id = h.id();
  out.issue_id = h.issue_id();
  out.publisher = FromProto(h.publisher());
  out.issue_number = h.issue_number();
  out.published = h.published();
  out.title = h.title();
  out.section = h.section();
  out.snippet = h.snippet();
  out.score = h.score();
  out.origin = h.origin();
  out.issue_title = h.issue_title();
  for (const v1::Highlight& x : h.highlights()) out.highlights.push_back({x.start(), x.end()});
  out.explanation = h.explanation();
  return out;
}

}  // namespace

v1::SearchRequest ToProto(const SearchRequest& r) {
  v1::SearchRequest out;
  out.set_query(r.query);
  for (Publisher p : r.publishers) out.add_publishers(ToProto(p));
  out.set_published_from(r.published_from);
  out.set_published_to(r.published_to);
  out.set_limit(r.limit);
  out.set_page_token(r.page_token);
  out.set_explain(r.explain);
  out.set_prefer_recent(r.prefer_recent);
  out.set_track_total_hits(r.track_total_hits);
  return out;
}

v1::Issue ToProto(const Issue& i) {
  v1::Issue out;
  out.set_issue_id(i.issue_id);
  out.set_publisher(ToProto(i.publisher));
  out.set_issue_number(i.issue_number);
  out.set_published(i.published);
  out.set_title(i.title);
  out.set_origin(i.origin);
  out.set_format(i.format);
  out.set_content_hash(i.content_hash);
  for (const Article& a : i.articles) *out.add_articles() = ToProto(a);
  return out;
}

SearchResult FromProto(const v1::SearchResponse& r) {
  SearchResult out;
  out.total_hits = r.total_hits();
  for (const v1::SearchHit& h : r.hits()) out.hits.push_back(FromProto(h));
  out.next_page_token = r.next_page_token();
  out.took_micros = r.took_micros();
  out.relaxed = r.relaxed();
  out.notice = r.notice();
  out.cached = r.cached();
  out.total_hits_is_lower_bound = r.total_hits_is_lower_bound();
  return out;
}

Article FromProto(const v1::Article& a) {
  Article out;
  out.id = a.id();
  out.title = a.title();
  out.section = a.section();
  out.body = a.body();
  out.links.assign(a.links().begin(), a.links().end());
  out.page_start = a.page_start();
  out.page_end = a.page_end();
  out.ordinal = a.ordinal();
  return out;
}

Issue FromProto(const v1::Issue& i) {
  Issue out;
  out.issue_id = i.issue_id();
  out.publisher = FromProto(i.publisher());
  out.issue_number = i.issue_number();
  out.published = i.published();
  out.title = i.title();
  out.origin = i.origin();
  out.format = i.format();
  out.content_hash = i.content_hash();
  for (const v1::Article& a : i.articles()) out.articles.push_back(FromProto(a));
  out.article_count = i.article_count();
  return out;
}

Stats FromProto(const v1::StatsResponse& s) {
  Stats out;
  out.issues = s.issues();
  out.articles = s.articles();
  out.index_size_bytes = s.index_size_bytes();
  out.segments = s.segments();
  out.pending_log_ops = s.pending_log_ops();
  out.last_sequence = s.last_sequence();
  for (const auto& [k, v] : s.issues_by_publisher()) out.issues_by_publisher[k] = v;
  out.result_cache_hits = s.result_cache_hits();
  out.result_cache_misses = s.result_cache_misses();
  out.result_cache_entries = s.result_cache_entries();
  out.result_cache_bytes = s.result_cache_bytes();
  out.checksums_verified = s.checksums_verified();
  out.index_damage_detected = s.index_damage_detected();
  out.index_damage = s.index_damage();
  return out;
}

}  // namespace briefsearch::internal
