#include "server/service/warmup.h"

#include <algorithm>
#include <string>

#include "common/utf8.h"
#include "server/common/lucene_status.h"
#include "server/index/schema.h"

namespace briefsearch::service {

// With common words (반도체) the warm-up read hundreds of megabytes of postings at a million
// articles, from disk on a cold start: most of the time to the first answer once the checksums
// were checked in the background.
std::string WarmUpWord(const index::IndexSnapshot& snapshot) {
  std::string word = "warmup";
  (void)CallLucene("find a warm-up word", [&] {
    Lucene::TermEnumPtr terms =
        snapshot.reader->terms(Lucene::newLucene<Lucene::Term>(index::field::kBodyWords, L""));
    for (int seen = 0; seen < 10000; ++seen) {
      Lucene::TermPtr t = terms->term();
      if (!t || t->field() != index::field::kBodyWords) break;
      const int32_t df = terms->docFreq();
      const std::wstring text = t->text();  // by value: one copy for begin() and end()
      // Letters (ASCII, or any script beyond it) only: a term with digits or punctuation
      // ("1-2") could parse as something else.
      const bool letters = std::all_of(text.begin(), text.end(), [](wchar_t c) {
        return c >= 0x80 || (c >= L'a' && c <= L'z') || (c >= L'A' && c <= L'Z');
      });
      if (df >= 1 && df <= 100 && letters && !text.empty()) {
        word = WideToUtf8(text);
        break;
      }
      if (!terms->next()) break;
    }
    terms->close();
  });
  return word;
}

namespace {

// `w`: WarmUpWord, found once for the main thread and every worker.
absl::Status RunQueries(index::IndexManager* index, const query::SearchEngine* engine,
                        const std::string& w) {
  auto snapshot = index->Snapshot();
  if (snapshot == nullptr) return absl::UnavailableError("no snapshot");
  // Term, phrase, prefix, Han reading, boolean, exclusion, field and range paths, with filters and
  // snippets; every query requires the rare word, so each reads only its few articles.
  for (const std::string& q :
       {w, w + " " + w, "\"" + w + "\" OR (" + w + " 芯片)", w + " 칩 -미국",
        "title:" + w + " publisher:KIC after:2020-01-01 before:2030-12-31"}) {
    v1::SearchRequest request;
    request.set_query(q);
    request.add_publishers(v1::KOSTEC);
    request.set_published_from("2000-01-01");
    request.set_explain(true);        // Explanation objects
    // One hit is enough to reach every path: explaining a hit re-reads the filters' postings
    // over its whole segment, and ten of them per query were most of the warm-up (0.5 s at 10k
    // merged into one segment).
    request.set_limit(1);
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
  auto snapshot = index->Snapshot();
  if (snapshot == nullptr) return absl::UnavailableError("no snapshot");
  const std::string word = WarmUpWord(*snapshot);
  snapshot.reset();
  if (absl::Status s = RunQueries(index, engine, word); !s.ok()) return s;
  absl::Status worker_status;
  std::mutex mu;
  pool->RunOnEach([&] {
    absl::Status s = RunQueries(index, engine, word);
    std::lock_guard<std::mutex> l(mu);
    if (!s.ok()) worker_status = s;
  });
  return worker_status;
}

}  // namespace briefsearch::service
