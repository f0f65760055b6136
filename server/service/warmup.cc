#include "server/service/warmup.h"

namespace briefsearch::service {
namespace {

absl::Status RunQueries(index::IndexManager* index, const query::SearchEngine* engine) {
  auto snapshot = index->Snapshot();
  if (snapshot == nullptr) return absl::UnavailableError("no snapshot");
  // Term, phrase, prefix, boolean, exclusion, field and range paths, with filters and snippets.
  for (const char* q : {"warmup", "반도체 산업", "\"인공 지능\" OR 芯片", "칩 -미국",
                        "title:정책 publisher:KIC after:2020-01-01 before:2030-12-31"}) {
    v1::SearchRequest request;
    request.set_query(q);
    request.add_publishers(v1::KOSTEC);
    request.set_published_from("2000-01-01");
    request.set_explain(true);        // Explanation objects
    request.set_prefer_recent(true);  // FieldCache of published_days, CustomScoreQuery
    v1::SearchResponse response;
    absl::Status s = engine->Search(*snapshot, request, &response);
    if (!s.ok()) return s;
  }
  v1::AnalyzeRequest analyze;
  analyze.set_text("베이징의 國際合作 batteries");
  v1::AnalyzeResponse analyzed;
  if (absl::Status s = engine->Analyze(analyze, &analyzed); !s.ok()) return s;
  v1::StatsResponse stats;
  if (absl::Status s = engine->CountDocuments(*snapshot, &stats); !s.ok()) return s;
  v1::ListIssuesResponse list;
  v1::ListIssuesRequest list_request;
  list_request.set_limit(1);
  if (absl::Status s = engine->ListIssues(*snapshot, list_request, &list); !s.ok()) return s;
  v1::GetIssueResponse issue;
  v1::GetIssueRequest issue_request;
  issue_request.set_issue_id(list.issues_size() > 0 ? list.issues(0).issue_id() : "warmup");
  (void)engine->GetIssue(*snapshot, issue_request, &issue);  // NOT_FOUND is fine here
  return absl::OkStatus();
}

}  // namespace

absl::Status WarmUp(index::IndexManager* index, const query::SearchEngine* engine, ThreadPool* pool) {
  if (absl::Status s = RunQueries(index, engine); !s.ok()) return s;
  absl::Status worker_status;
  std::mutex mu;
  pool->RunOnEach([&] {
    absl::Status s = RunQueries(index, engine);
    std::lock_guard<std::mutex> l(mu);
    if (!s.ok()) worker_status = s;
  });
  return worker_status;
}

}  // namespace briefsearch::service
