// The gRPC services: translate between proto and the index/query modules, run the work on the
// right pool, map Status to grpc::Status. No search or index logic lives here.
//
// Threading: handlers use the callback API and return at once; searches run on the fixed search
// pool (or, one at a time, on the gRPC thread that took the call: inline_gate.h), writes on the
// ingest pool.
#pragma once

#include "briefsearch/v1/ingest.grpc.pb.h"
#include "briefsearch/v1/search.grpc.pb.h"
#include "server/common/thread_pool.h"
#include "server/index/index_manager.h"
#include "server/query/result_cache.h"
#include "server/query/search_engine.h"
#include "server/service/inline_gate.h"

namespace briefsearch::service {

struct ServiceContext {
  index::IndexManager* index;
  const query::SearchEngine* engine;
  ThreadPool* search_pool;
  ThreadPool* ingest_pool;
  query::ResultCache* result_cache = nullptr;  // null: no caching
  InlineGate* inline_gate = nullptr;            // null: every search on search_pool
};

class SearchServiceImpl final : public v1::SearchService::CallbackService {
 public:
  explicit SearchServiceImpl(ServiceContext ctx) : ctx_(ctx) {}

  grpc::ServerUnaryReactor* Search(grpc::CallbackServerContext* context,
                                   const v1::SearchRequest* request,
                                   v1::SearchResponse* response) override;
  grpc::ServerUnaryReactor* GetArticle(grpc::CallbackServerContext* context,
                                       const v1::GetArticleRequest* request,
                                       v1::GetArticleResponse* response) override;
  grpc::ServerUnaryReactor* GetIssue(grpc::CallbackServerContext* context,
                                     const v1::GetIssueRequest* request,
                                     v1::GetIssueResponse* response) override;
  grpc::ServerUnaryReactor* Stats(grpc::CallbackServerContext* context,
                                  const v1::StatsRequest* request,
                                  v1::StatsResponse* response) override;
  grpc::ServerUnaryReactor* Analyze(grpc::CallbackServerContext* context,
                                    const v1::AnalyzeRequest* request,
                                    v1::AnalyzeResponse* response) override;

 private:
  // Fills `response` from the result cache when it holds this request for the current snapshot;
  // needs no Lucene++ call, so any thread may ask.
  bool AnswerFromCache(const v1::SearchRequest& request, v1::SearchResponse* response) const;

  ServiceContext ctx_;
};

class IngestServiceImpl final : public v1::IngestService::CallbackService {
 public:
  explicit IngestServiceImpl(ServiceContext ctx) : ctx_(ctx) {}

  grpc::ServerUnaryReactor* UpsertIssue(grpc::CallbackServerContext* context,
                                        const v1::UpsertIssueRequest* request,
                                        v1::UpsertIssueResponse* response) override;
  grpc::ServerUnaryReactor* DeleteIssue(grpc::CallbackServerContext* context,
                                        const v1::DeleteIssueRequest* request,
                                        v1::DeleteIssueResponse* response) override;
  grpc::ServerUnaryReactor* ListIssues(grpc::CallbackServerContext* context,
                                       const v1::ListIssuesRequest* request,
                                       v1::ListIssuesResponse* response) override;

 private:
  ServiceContext ctx_;
};

}  // namespace briefsearch::service
