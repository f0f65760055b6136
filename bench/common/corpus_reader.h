// Reads bench/FORMAT.md's articles.jsonl as whole issues (consecutive lines of one issue_id), and
// queries.jsonl, into the server's proto types: the in-process harness feeds them to IndexManager
// and SearchEngine exactly as the gRPC services would.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "briefsearch/v1/ingest.pb.h"
#include "briefsearch/v1/search.pb.h"

namespace briefsearch::bench {

// Calls `on_issue` for each issue in file order; stops at the first error it returns.
// `text_bytes` (if given) receives the UTF-8 bytes of titles and bodies read.
absl::Status ForEachIssue(const std::string& articles_jsonl,
                          const std::function<absl::Status(const v1::Issue&)>& on_issue,
                          int64_t* text_bytes = nullptr);

struct NamedQuery {
  std::string id;
  std::string query_class;
  v1::SearchRequest request;  // limit 10, filters in the request fields
};

absl::StatusOr<std::vector<NamedQuery>> ReadQueries(const std::string& queries_jsonl);

}  // namespace briefsearch::bench
