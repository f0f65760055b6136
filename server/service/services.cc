#include "server/service/services.h"

#include <chrono>

#include "common/grpc_status.h"
#include "common/utf8.h"
#include "server/index/issue_validation.h"
#include "server/index/recency.h"

namespace briefsearch::service {
namespace {

// Runs `work` on `pool` and finishes the call with its Status. Refuses at once when the pool's
// queue is full (RESOURCE_EXHAUSTED) and skips work whose deadline passed while it waited. With a
// `gate` that lets this thread in, runs it here instead (inline_gate.h).
template <typename Work>
grpc::ServerUnaryReactor* RunOn(ThreadPool* pool, grpc::CallbackServerContext* context, Work work,
                                InlineGate* gate = nullptr) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (gate != nullptr && gate->TryEnter()) {
    const grpc::Status status = ToGrpcStatus(work());
    gate->Leave();
    reactor->Finish(status);
    return reactor;
  }
  const bool queued = pool->Submit([reactor, context, gate, work = std::move(work)]() mutable {
    if (context->IsCancelled()) {
      reactor->Finish(grpc::Status(grpc::StatusCode::CANCELLED, "call cancelled before it ran"));
      return;
    }
    if (context->deadline() < std::chrono::system_clock::now()) {
      reactor->Finish(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                                   "deadline passed while the call waited for a worker"));
      return;
    }
    if (gate != nullptr) gate->WorkerStarted();
    const grpc::Status status = ToGrpcStatus(work());
    if (gate != nullptr) gate->WorkerEnded();
    reactor->Finish(status);
  });
  if (!queued) {
    reactor->Finish(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                 "server busy: too many calls waiting, retry with backoff"));
  }
  return reactor;
}

absl::Status NoIndex() { return absl::UnavailableError("index is closed (server shutting down)"); }

}  // namespace

grpc::ServerUnaryReactor* SearchServiceImpl::Search(grpc::CallbackServerContext* context,
                                                    const v1::SearchRequest* request,
                                                    v1::SearchResponse* response) {
  // A response in the result cache is answered here, on gRPC's thread: it needs no Lucene call,
  // and the hop to a search worker and back (two thread wake-ups) would cost more than the lookup.
  if (AnswerFromCache(*request, response)) {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
  return RunOn(ctx_.search_pool, context, [this, context, request, response] {
    // Not looked up again here: the miss was counted on gRPC's thread a moment ago.
    auto snapshot = ctx_.index->Snapshot();
    if (snapshot == nullptr) return NoIndex();
    absl::Status s = ctx_.engine->Search(*snapshot, *request, response, context->deadline());
    if (s.ok() && ctx_.result_cache != nullptr) {
      ctx_.result_cache->Insert(*request, snapshot->generation, index::TodayDays(), *response);
    }
    return s;
  }, ctx_.inline_gate);
}

bool SearchServiceImpl::AnswerFromCache(const v1::SearchRequest& request,
                                        v1::SearchResponse* response) const {
  if (ctx_.result_cache == nullptr) return false;
  const auto started = std::chrono::steady_clock::now();
  const int64_t generation = ctx_.index->SnapshotGeneration();
  if (generation == 0) return false;  // no snapshot (yet, or any more)
  if (!ctx_.result_cache->Lookup(request, generation, index::TodayDays(), response)) {
    return false;
  }
  response->set_cached(true);
  response->set_took_micros(std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::steady_clock::now() - started)
                                .count());
  return true;
}

grpc::ServerUnaryReactor* SearchServiceImpl::GetArticle(grpc::CallbackServerContext* context,
                                                        const v1::GetArticleRequest* request,
                                                        v1::GetArticleResponse* response) {
  return RunOn(ctx_.search_pool, context, [this, request, response] {
    auto snapshot = ctx_.index->Snapshot();
    if (snapshot == nullptr) return NoIndex();
    return ctx_.engine->GetArticle(*snapshot, *request, response);
  });
}

grpc::ServerUnaryReactor* SearchServiceImpl::GetIssue(grpc::CallbackServerContext* context,
                                                      const v1::GetIssueRequest* request,
                                                      v1::GetIssueResponse* response) {
  return RunOn(ctx_.search_pool, context, [this, request, response] {
    auto snapshot = ctx_.index->Snapshot();
    if (snapshot == nullptr) return NoIndex();
    return ctx_.engine->GetIssue(*snapshot, *request, response);
  });
}

grpc::ServerUnaryReactor* SearchServiceImpl::Stats(grpc::CallbackServerContext* context,
                                                   const v1::StatsRequest* /*request*/,
                                                   v1::StatsResponse* response) {
  return RunOn(ctx_.search_pool, context, [this, response] {
    auto snapshot = ctx_.index->Snapshot();
    if (snapshot == nullptr) return NoIndex();
    absl::Status s = ctx_.engine->CountDocuments(*snapshot, response);
    response->set_index_size_bytes(ctx_.index->IndexSizeBytes());
    response->set_pending_log_ops(ctx_.index->PendingLogOps());
    response->set_last_sequence(ctx_.index->LastSequence());
    const index::ChecksumState checksums = ctx_.index->checksums();
    response->set_checksums_verified(checksums.verified);
    response->set_index_damage_detected(checksums.damage_detected);
    response->set_index_damage(checksums.last_damage);
    if (ctx_.result_cache != nullptr) {
      const query::ResultCacheStats cache = ctx_.result_cache->stats();
      response->set_result_cache_hits(cache.hits);
      response->set_result_cache_misses(cache.misses);
      response->set_result_cache_entries(cache.entries);
      response->set_result_cache_bytes(cache.bytes);
    }
    return s;
  });
}

grpc::ServerUnaryReactor* SearchServiceImpl::Analyze(grpc::CallbackServerContext* context,
                                                     const v1::AnalyzeRequest* request,
                                                     v1::AnalyzeResponse* response) {
  return RunOn(ctx_.search_pool, context,
               [this, request, response] { return ctx_.engine->Analyze(*request, response); });
}

grpc::ServerUnaryReactor* IngestServiceImpl::UpsertIssue(grpc::CallbackServerContext* context,
                                                         const v1::UpsertIssueRequest* request,
                                                         v1::UpsertIssueResponse* response) {
  return RunOn(ctx_.ingest_pool, context, [this, request, response]() -> absl::Status {
    v1::Issue issue = request->issue();
    if (absl::Status s = index::ValidateAndNormalizeIssue(&issue); !s.ok()) return s;
    auto result = ctx_.index->Upsert(issue);
    if (!result.ok()) return result.status();
    *response = std::move(*result);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* IngestServiceImpl::DeleteIssue(grpc::CallbackServerContext* context,
                                                         const v1::DeleteIssueRequest* request,
                                                         v1::DeleteIssueResponse* response) {
  return RunOn(ctx_.ingest_pool, context, [this, request, response]() -> absl::Status {
    if (absl::Status s = index::ValidateId(request->issue_id(), "issue_id"); !s.ok()) return s;
    auto result = ctx_.index->Delete(NfcUtf8(request->issue_id()));  // ids are stored NFC
    if (!result.ok()) return result.status();
    *response = std::move(*result);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* IngestServiceImpl::ListIssues(grpc::CallbackServerContext* context,
                                                        const v1::ListIssuesRequest* request,
                                                        v1::ListIssuesResponse* response) {
  return RunOn(ctx_.search_pool, context, [this, request, response] {
    auto snapshot = ctx_.index->Snapshot();
    if (snapshot == nullptr) return NoIndex();
    return ctx_.engine->ListIssues(*snapshot, *request, response);
  });
}

}  // namespace briefsearch::service
