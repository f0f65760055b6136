// Upserts a corpus's issues through gRPC IngestService, several calls at a time: the server's
// ingestion path (log append + fsync, analysis, Lucene++ writer, reader reopen) without any
// document parsing. Used by bs-feed, and by bs-load's mixed mode to ingest while searching.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "absl/status/statusor.h"
#include "briefsearch/v1/ingest.pb.h"

namespace briefsearch::bench {

struct FeedOptions {
  int concurrency = 4;  // client threads, each with its own calls in flight
  // Calls each thread starts before it waits for them. IngestService has no batch call, so a
  // "batch" is that many UpsertIssue calls outstanding at once from one thread.
  int batch_issues = 1;
};

// Every issue of articles.jsonl in memory, so that reading the file is not timed.
absl::StatusOr<std::vector<v1::Issue>> LoadIssues(const std::string& articles_jsonl,
                                                  int64_t* text_bytes);

// Upserts `issues`; returns {"issues", "articles", "seconds" (until the last acknowledgement),
// "articles_per_second", "errors", "errors_by_code", "upsert_latency_us", "last_sequence"}.
// Thread-safe with respect to other users of the channel.
nlohmann::ordered_json Feed(const std::shared_ptr<grpc::Channel>& channel,
                            const std::vector<v1::Issue>& issues, const FeedOptions& options);

}  // namespace briefsearch::bench
