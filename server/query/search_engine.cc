#include "server/query/search_engine.h"

#include <algorithm>
#include <chrono>
#include <limits>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/dates.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "server/common/lucene_status.h"
#include "server/index/date_range.h"
#include "server/index/documents.h"
#include "server/index/issue_validation.h"
#include "server/index/recency.h"
#include "server/index/schema.h"
#include "server/query/rescore.h"
#include "server/query/snippet.h"
#include "server/query/split_search.h"

namespace briefsearch::query {
namespace {

using Lucene::BooleanClause;
using Lucene::newLucene;
namespace field = index::field;

Lucene::QueryPtr KeywordQuery(const wchar_t* name, const std::wstring& value) {
  return newLucene<Lucene::TermQuery>(newLucene<Lucene::Term>(name, value));
}

Lucene::QueryPtr TypeAnd(const wchar_t* type, const wchar_t* name, const std::string& value) {
  auto bq = newLucene<Lucene::BooleanQuery>();
  bq->add(KeywordQuery(field::kType, type), BooleanClause::MUST);
  bq->add(KeywordQuery(name, Utf8ToWide(value)), BooleanClause::MUST);
  return bq;
}


std::string EncodePageToken(int offset) { return absl::WebSafeBase64Escape(absl::StrCat("o", offset)); }

absl::StatusOr<int> DecodePageToken(const std::string& token) {
  if (token.empty()) return 0;
  std::string raw;
  int offset = 0;
  if (!absl::WebSafeBase64Unescape(token, &raw) || raw.size() < 2 || raw[0] != 'o' ||
      !absl::SimpleAtoi(raw.substr(1), &offset) || offset < 0) {
    return absl::InvalidArgumentError("page_token is not one this server issued");
  }
  return offset;
}

// The request's publisher and date filters, plus type:article when the query alone could match
// an issue document, as a non-scoring filter; null when there is nothing to filter.
absl::StatusOr<Lucene::FilterPtr> MakeFilter(const v1::SearchRequest& r, bool articles_only) {
  auto bq = newLucene<Lucene::BooleanQuery>();
  if (!articles_only) bq->add(KeywordQuery(field::kType, field::kTypeArticle), BooleanClause::MUST);
  if (r.publishers_size() > 0) {
    auto any = newLucene<Lucene::BooleanQuery>();
    for (int p : r.publishers()) {
      if (!v1::Publisher_IsValid(p)) {
        return absl::InvalidArgumentError(absl::StrCat("unknown publisher value ", p));
      }
      any->add(KeywordQuery(field::kPublisher,
                            Utf8ToWide(v1::Publisher_Name(static_cast<v1::Publisher>(p)))),
               BooleanClause::SHOULD);
    }
    bq->add(any, BooleanClause::MUST);
  }
  for (const std::string* d : {&r.published_from(), &r.published_to()}) {
    if (!d->empty() && !IsCalendarDate(*d)) {
      return absl::InvalidArgumentError("published_from/published_to must be YYYY-MM-DD, got \"" +
                                        std::string(TruncateUtf8(RepairUtf8(*d), 40)) + "\"");
    }
  }
  if (!r.published_from().empty() || !r.published_to().empty()) {
    const std::wstring lo = r.published_from().empty() ? L"0000-00-00" : Utf8ToWide(r.published_from());
    const std::wstring hi = r.published_to().empty() ? L"9999-99-99" : Utf8ToWide(r.published_to());
    if (lo > hi) return absl::InvalidArgumentError("published_from is after published_to");
    const int32_t first_day =
        r.published_from().empty() ? -1 : index::DaysSinceEpoch(r.published_from());
    if (first_day >= 1) {  // index/date_range.h: per candidate, not a bit set per search
      const int32_t last_day = r.published_to().empty()
                                   ? std::numeric_limits<int32_t>::max()
                                   : index::DaysSinceEpoch(r.published_to());
      bq->add(newLucene<Lucene::ConstantScoreQuery>(index::PublishedBetween(first_day, last_day)),
              BooleanClause::MUST);
    } else {
      bq->add(newLucene<Lucene::TermRangeQuery>(field::kPublished, lo, hi, true, true),
              BooleanClause::MUST);
    }
  }
  if (bq->getClauses().empty()) return Lucene::FilterPtr();
  return Lucene::FilterPtr(newLucene<Lucene::QueryWrapperFilter>(bq));
}

// Best-effort matching makes sense only for several positive words under one AND.
bool CanRelax(const QueryNode& root) {
  if (root.kind != NodeKind::kAnd) return false;
  int positive = 0;
  for (const QueryNode& c : root.children) {
    if (c.kind == NodeKind::kWord || c.kind == NodeKind::kPhrase || c.kind == NodeKind::kOr) ++positive;
  }
  return positive >= 2;
}

}  // namespace

SearchEngine::SearchEngine(const analysis::Analyzer* analyzer, SearchLimits limits,
                           PlannerOptions planner_options, ThreadPool* split_pool)
    : analyzer_(analyzer), limits_(limits), planner_(analyzer, planner_options),
      split_pool_(split_pool) {}

absl::Status SearchEngine::Search(const index::IndexSnapshot& snapshot,
                                  const v1::SearchRequest& request, v1::SearchResponse* response,
                                  std::chrono::system_clock::time_point deadline) const {
  const auto started = std::chrono::steady_clock::now();
  deadline = std::min(deadline, std::chrono::system_clock::now() + limits_.max_query_time);
  ++active_;
  absl::Cleanup done = [this] { --active_; };
  absl::Status s;
  RETURN_IF_ERROR(
      CallLucene("search", [&] { s = SearchUnsafe(snapshot, request, response, deadline); }));
  response->set_took_micros(std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::steady_clock::now() - started)
                                .count());
  return s;
}

absl::Status SearchEngine::SearchUnsafe(const index::IndexSnapshot& snapshot,
                                        const v1::SearchRequest& request,
                                        v1::SearchResponse* response,
                                        std::chrono::system_clock::time_point deadline) const {
  int limit = request.limit() == 0 ? limits_.default_limit : request.limit();
  if (limit < 1 || limit > limits_.max_limit) {
    return absl::InvalidArgumentError(
        absl::StrCat("limit must be between 1 and ", limits_.max_limit, ", got ", request.limit()));
  }
  ASSIGN_OR_RETURN(const int offset, DecodePageToken(request.page_token()));
  if (offset + limit > limits_.max_depth) {
    return absl::InvalidArgumentError(absl::StrCat(
        "page too deep: results past ", limits_.max_depth, " are not served; refine the query"));
  }
  if (request.track_total_hits() < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "track_total_hits must be 0 (the server's default) or positive, got ",
        request.track_total_hits()));
  }
  const int64_t track = request.track_total_hits() > 0 ? request.track_total_hits()
                                                       : limits_.track_total_hits;
  bool lower_bound = false;
  const HitCounting counting{track > 0 ? track : INT64_MAX, &lower_bound};
  ASSIGN_OR_RETURN(const QueryNode root, ParseQuery(request.query(), limits_.parse));
  // The snapshot's searcher caches document frequencies, so planning costs no extra seeks.
  const DocFreqFn doc_freq = [&snapshot](const wchar_t* name, const std::wstring& text) -> int64_t {
    return snapshot.searcher->docFreq(newLucene<Lucene::Term>(name, text));
  };
  const int32_t today = index::TodayDays();
  // Collects the page (and, when the plan has ranking bonuses, the rescoring window) of a plan;
  // leaves in `ranked` the query whose scores the hits carry.
  Lucene::QueryPtr ranked;
  auto run = [&](Plan& plan) -> absl::StatusOr<Lucene::TopDocsPtr> {
    // A relaxed plan may need the type filter where the strict one did not: decided per plan.
    ASSIGN_OR_RETURN(Lucene::FilterPtr filter, MakeFilter(request, plan.requires_text));
    Lucene::QueryPtr match = plan.query;
    ranked = plan.ranked != nullptr ? plan.ranked : plan.query;
    if (request.prefer_recent()) {
      match = index::PreferRecent(match, today);
      ranked = index::PreferRecent(ranked, today);
    }
    const int window = plan.ranked != nullptr ? std::max(offset + limit, limits_.rescore_window)
                                              : offset + limit;
    // The collectors check a steady clock (the wall clock may jump).
    const auto remaining = deadline - std::chrono::system_clock::now();
    if (remaining.count() <= 0) {
      return absl::DeadlineExceededError("deadline passed before the search ran");
    }
    const auto until = std::chrono::steady_clock::now() +
                       std::chrono::duration_cast<std::chrono::steady_clock::duration>(remaining);
    Lucene::TopDocsPtr top;
    if (split_pool_ != nullptr && active_.load() == 1 &&
        snapshot.reader->maxDoc() >= limits_.split_min_docs &&
        EstimatedPostings(snapshot, match) >= limits_.split_min_postings) {
      top = SplitCollect(split_pool_, snapshot, match, filter, window, until, counting);
    }
    if (top == nullptr) {
      top = CollectRange(snapshot, match, filter, window, 0, snapshot.reader->maxDoc(), until,
                         counting);
    }
    if (plan.bonus != nullptr && !request.prefer_recent()) {
      RescoreWithBonus(snapshot, plan.bonus, top);
    } else if (plan.ranked != nullptr) {
      Rescore(snapshot, ranked, top);  // recency multiplies the whole score: rescored whole
    }
    return top;
  };
  ASSIGN_OR_RETURN(Plan plan, planner_.MakePlan(root, snapshot.averages(), false, doc_freq));
  ASSIGN_OR_RETURN(Lucene::TopDocsPtr top, run(plan));
  if (top->totalHits == 0 && CanRelax(root)) {
    // Nothing has every word: answer with the articles that have the most of them, and say so.
    ASSIGN_OR_RETURN(plan, planner_.MakePlan(root, snapshot.averages(), /*relaxed=*/true, doc_freq));
    ASSIGN_OR_RETURN(top, run(plan));
    if (top->totalHits > 0) {
      response->set_relaxed(true);
      response->set_notice("no article contains every word; showing articles with some of them");
    }
  }
  if (plan.dropped_words > 0 && response->notice().empty()) {
    response->set_notice("some words held only punctuation or symbols and were ignored");
  }
  response->set_total_hits(top->totalHits);
  response->set_total_hits_is_lower_bound(lower_bound);
  const int end = std::min<int>(top->scoreDocs.size(), offset + limit);
  for (int i = offset; i < end; ++i) {
    const Lucene::ScoreDocPtr& sd = top->scoreDocs[i];
    Lucene::DocumentPtr doc = snapshot.searcher->doc(sd->doc, hit_fields_);
    v1::SearchHit* hit = response->add_hits();
    index::StoredBody body;
    index::FillHitMetadata(doc, hit, &body);
    hit->set_score(static_cast<float>(sd->score));
    Snippet snippet =
        MakeSnippet(body.text, *analyzer_, plan.highlight, limits_.snippet_chars, body.plain_search);
    hit->set_snippet(std::move(snippet.text));
    for (const auto& [s, e] : snippet.highlights) {
      v1::Highlight* h = hit->add_highlights();
      h->set_start(s);
      h->set_end(e);
    }
    if (request.explain()) {
      hit->set_explanation(WideToUtf8(snapshot.searcher->explain(ranked, sd->doc)->toString()));
    }
  }
  // Past a lower bound more may match than were counted: the next page may hold some.
  if ((offset + limit < top->totalHits || lower_bound) && offset + limit < limits_.max_depth) {
    response->set_next_page_token(EncodePageToken(offset + limit));
  }
  return absl::OkStatus();
}

absl::Status SearchEngine::GetArticle(const index::IndexSnapshot& snapshot,
                                      const v1::GetArticleRequest& request,
                                      v1::GetArticleResponse* response) const {
  RETURN_IF_ERROR(index::ValidateId(request.id(), "id"));
  absl::Status result = absl::NotFoundError("no article with id \"" + request.id() + "\"");
  RETURN_IF_ERROR(CallLucene("get article", [&] {
    // Ids are stored NFC (see issue_validation); a macOS client may send them decomposed.
    auto top = snapshot.searcher->search(TypeAnd(field::kTypeArticle, field::kId, NfcUtf8(request.id())), 1);
    if (top->totalHits == 0) return;
    Lucene::DocumentPtr doc = snapshot.searcher->doc(top->scoreDocs[0]->doc);
    *response->mutable_article() = index::ArticleFromDocument(doc);
    const std::string issue_id = index::StoredUtf8(doc, field::kIssueId);
    auto issue = snapshot.searcher->search(TypeAnd(field::kTypeIssue, field::kIssueId, issue_id), 1);
    if (issue->totalHits > 0) {
      *response->mutable_issue() =
          index::IssueFromDocument(snapshot.searcher->doc(issue->scoreDocs[0]->doc));
    }
    result = absl::OkStatus();
  }));
  return result;
}

absl::Status SearchEngine::GetIssue(const index::IndexSnapshot& snapshot,
                                    const v1::GetIssueRequest& request,
                                    v1::GetIssueResponse* response) const {
  RETURN_IF_ERROR(index::ValidateId(request.issue_id(), "issue_id"));
  absl::Status result = absl::NotFoundError("no issue with id \"" + request.issue_id() + "\"");
  RETURN_IF_ERROR(CallLucene("get issue", [&] {
    const auto& searcher = snapshot.searcher;
    const std::string issue_id = NfcUtf8(request.issue_id());
    auto issue = searcher->search(TypeAnd(field::kTypeIssue, field::kIssueId, issue_id), 1);
    if (issue->totalHits == 0) return;
    v1::Issue* out = response->mutable_issue();
    *out = index::IssueFromDocument(searcher->doc(issue->scoreDocs[0]->doc));
    auto articles = searcher->search(
        TypeAnd(field::kTypeArticle, field::kIssueId, issue_id), std::max(1, out->article_count()));
    std::vector<v1::Article> list;
    for (const auto& sd : articles->scoreDocs) list.push_back(index::ArticleFromDocument(searcher->doc(sd->doc)));
    std::sort(list.begin(), list.end(),
              [](const v1::Article& a, const v1::Article& b) { return a.ordinal() < b.ordinal(); });
    for (v1::Article& a : list) *out->add_articles() = std::move(a);
    result = absl::OkStatus();
  }));
  return result;
}

absl::Status SearchEngine::ListIssues(const index::IndexSnapshot& snapshot,
                                      const v1::ListIssuesRequest& request,
                                      v1::ListIssuesResponse* response) const {
  const int limit = request.limit() == 0 ? 100 : request.limit();
  if (limit < 1 || limit > 1000) {
    return absl::InvalidArgumentError(absl::StrCat("limit must be between 1 and 1000, got ", limit));
  }
  return CallLucene("list issues", [&] {
    // Terms of issue_id come in order; each live one has exactly one issue document.
    const std::wstring after = Utf8ToWide(request.page_token());
    Lucene::TermEnumPtr terms =
        snapshot.reader->terms(newLucene<Lucene::Term>(field::kIssueId, after));
    do {
      Lucene::TermPtr term = terms->term();
      if (term == nullptr || term->field() != field::kIssueId) break;
      if (!after.empty() && term->text() == after) continue;
      const std::string id = WideToUtf8(term->text());
      auto top = snapshot.searcher->search(TypeAnd(field::kTypeIssue, field::kIssueId, id), 1);
      if (top->totalHits == 0) continue;  // deleted, not yet merged away
      if (response->issues_size() == limit) {
        response->set_next_page_token(response->issues().rbegin()->issue_id());
        break;
      }
      *response->add_issues() = index::IssueFromDocument(snapshot.searcher->doc(top->scoreDocs[0]->doc));
    } while (terms->next());
    terms->close();
  });
}

absl::Status SearchEngine::Analyze(const v1::AnalyzeRequest& request,
                                   v1::AnalyzeResponse* response) const {
  if (request.text().size() > 65536) {
    return absl::InvalidArgumentError("text is over 64 KiB");
  }
  if (!IsValidUtf8(request.text())) return absl::InvalidArgumentError("text is not valid UTF-8");
  const std::wstring text = Utf8ToWide(NfcUtf8(request.text()));
  auto add = [&](const char* name, const analysis::TokenList& tokens) {
    v1::AnalyzedField* f = response->add_fields();
    f->set_field(name);
    for (const analysis::Token& t : tokens) {
      v1::AnalyzedToken* out = f->add_tokens();
      out->set_text(WideToUtf8(t.text));
      out->set_position(t.position);
      out->set_start(t.start);
      out->set_end(t.end);
      out->set_kind(analysis::KindName(t.kind));
    }
  };
  const analysis::AnalyzedText index_side = analyzer_->AnalyzeFields(text, analysis::Side::kIndex);
  const analysis::AnalyzedText query_side = analyzer_->AnalyzeFields(text, analysis::Side::kQuery);
  add("grams", index_side.grams);
  add("words", index_side.words);
  add("query grams", query_side.grams);
  return absl::OkStatus();
}

absl::Status SearchEngine::CountDocuments(const index::IndexSnapshot& snapshot,
                                          v1::StatsResponse* response) const {
  return CallLucene("stats", [&] {
    const auto& searcher = snapshot.searcher;
    response->set_issues(searcher->search(KeywordQuery(field::kType, field::kTypeIssue), 1)->totalHits);
    response->set_articles(
        searcher->search(KeywordQuery(field::kType, field::kTypeArticle), 1)->totalHits);
    for (int p = v1::Publisher_MIN; p <= v1::Publisher_MAX; ++p) {
      const std::string name = v1::Publisher_Name(static_cast<v1::Publisher>(p));
      const int64_t n = searcher->search(TypeAnd(field::kTypeIssue, field::kPublisher, name), 1)->totalHits;
      if (n > 0) (*response->mutable_issues_by_publisher())[name] = n;
    }
    response->set_segments(snapshot.segments.size());
  });
}

}  // namespace briefsearch::query
